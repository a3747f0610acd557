//! QGIS styles (QML) written beside each layer, so QGIS applies them when
//! the layer is opened: categories by kind or verdict, disputed boundaries
//! dashed, labels, and on `events` the Temporal Controller switched on with
//! the `start`/`end` fields.
//!
//! The temporal settings use QGIS's "include start, include end" limit mode
//! (`limitMode="1"`): an event that ends on 28 November is still on the map
//! during that day. (Other tools that treat the end as exclusive can use the
//! `end_exclusive` field, the day after `end`.)

use super::{event_colour, site_colour, verdict_colour};
use crate::vocab::{EventKind, SiteKind, Verdict};

/// How a category is drawn.
struct Category<'a> {
    value: &'a str,
    colour: &'a str,
    dashed: bool,
}

fn rgb(hex: &str) -> String {
    let n = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0x737373);
    format!("{},{},{},255", n >> 16, (n >> 8) & 0xff, n & 0xff)
}

fn symbol(geometry: &str, index: usize, c: &Category) -> String {
    let colour = rgb(c.colour);
    let (kind, class, options) = match geometry {
        "point" => (
            "marker",
            "SimpleMarker",
            format!(
                r#"<Option name="color" type="QString" value="{colour}"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/>"#
            ),
        ),
        "line" => (
            "line",
            "SimpleLine",
            format!(
                r#"<Option name="line_color" type="QString" value="{colour}"/><Option name="line_width" type="QString" value="{}"/><Option name="line_style" type="QString" value="{}"/>"#,
                if c.dashed { "0.9" } else { "0.6" },
                if c.dashed { "dash" } else { "solid" }
            ),
        ),
        _ => (
            "fill",
            "SimpleFill",
            format!(
                r#"<Option name="color" type="QString" value="{}"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="{colour}"/><Option name="outline_width" type="QString" value="0.6"/>"#,
                colour.replace(",255", ",40")
            ),
        ),
    };
    format!(
        r#"      <symbol type="{kind}" name="{index}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="{class}" enabled="1" pass="0" locked="0"><Option type="Map">{options}</Option></layer></symbol>"#
    )
}

fn style(
    geometry: &str,
    field: &str,
    categories: &[Category],
    label: &str,
    temporal: bool,
) -> String {
    let geometry_type = match geometry {
        "point" => 0,
        "line" => 1,
        _ => 2,
    };
    let cats: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                r#"      <category render="true" value="{}" symbol="{i}" label="{}"/>"#,
                c.value,
                c.value.replace('_', " ")
            )
        })
        .collect();
    let symbols: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| symbol(geometry, i, c))
        .collect();
    let temporal = if temporal {
        r#"  <temporal enabled="1" mode="2" startField="start" endField="end" limitMode="1" accumulate="0" durationField="" durationUnit="min" fixedDuration="0" startExpression="" endExpression=""><fixedRange><start></start><end></end></fixedRange></temporal>
"#
    } else {
        ""
    };
    format!(
        r#"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1">
{temporal}  <renderer-v2 type="categorizedSymbol" attr="{field}" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{}
    </categories>
    <symbols>
{}
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="{label}" isExpression="0" fontSize="9" textColor="20,20,20,255" fontFamily="Noto Sans"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferColor="255,255,255,255"/>
      <placement placement="{}" dist="1.5"/>
    </settings>
  </labeling>
  <layerGeometryType>{geometry_type}</layerGeometryType>
</qgis>
"#,
        cats.join("\n"),
        symbols.join("\n"),
        if geometry == "line" { 2 } else { 0 }
    )
}

/// One solid category per word of a vocabulary, coloured by `colour`.
fn categories<T: Copy>(
    words: &[T],
    name: fn(T) -> &'static str,
    colour: fn(T) -> &'static str,
) -> Vec<Category<'static>> {
    words
        .iter()
        .map(|&w| Category {
            value: name(w),
            colour: colour(w),
            dashed: false,
        })
        .collect()
}

pub(super) fn sites() -> String {
    let cats = categories(SiteKind::ALL, SiteKind::as_str, site_colour);
    style("point", "kind", &cats, "name", false)
}

pub(super) fn events() -> String {
    let cats = categories(EventKind::ALL, EventKind::as_str, event_colour);
    style("point", "kind", &cats, "name", true)
}

/// Agreed lines solid in `agreed_colour`, disputed ones dashed red.
fn by_status(agreed_colour: &'static str) -> String {
    let cats = [
        Category {
            value: "agreed",
            colour: agreed_colour,
            dashed: false,
        },
        Category {
            value: "disputed",
            colour: "#e31a1c",
            dashed: true,
        },
    ];
    style("line", "status", &cats, "title", false)
}

pub(super) fn borders() -> String {
    by_status("#252525")
}

pub(super) fn links() -> String {
    by_status("#3182bd")
}

pub(super) fn claims() -> String {
    let cats = categories(Verdict::ALL, Verdict::as_str, verdict_colour);
    style("polygon", "verdict", &cats, "title", false)
}

/// A QGIS project (`sandtable.qgs`) holding every layer with its style.
///
/// QGIS applies a `.qml` of the same name when a layer is opened, but (as of
/// QGIS 3.22) not the `<temporal>` part of it: the time slider would need a
/// setting. The project carries each layer's full style, temporal settings
/// included, with paths relative to the project file, so opening it gives
/// styled, labelled layers and a working time slider.
pub(super) fn project(layers: &[super::Layer]) -> String {
    let mut tree = String::new();
    let mut maplayers = String::new();
    for layer in layers {
        let geometry = if layer.qml.contains("<layerGeometryType>0<") {
            "Point"
        } else if layer.qml.contains("<layerGeometryType>1<") {
            "Line"
        } else {
            "Polygon"
        };
        let start = layer.qml.find("labelsEnabled=\"1\">").map_or(0, |i| i + 18);
        let end = layer.qml.rfind("</qgis>").unwrap_or(layer.qml.len());
        let style = &layer.qml[start..end];
        let name = layer.name;
        // QGIS (3.22) replaces a layer id of 10 characters or fewer with a
        // new one, which leaves the layer tree pointing at nothing.
        let id = format!("sandtable_{}", name.replace('-', "_"));
        tree += &format!(
            "    <layer-tree-layer expanded=\"1\" checked=\"Qt::Checked\" id=\"{id}\" name=\"{name}\" source=\"./{name}.geojson\" providerKey=\"ogr\"/>\n"
        );
        maplayers += &format!(
            r#"    <maplayer type="vector" geometry="{geometry}" labelsEnabled="1" styleCategories="AllStyleCategories">
      <id>{id}</id>
      <datasource>./{name}.geojson</datasource>
      <layername>{name}</layername>
      <srs>{WGS84}</srs>
      <provider encoding="UTF-8">ogr</provider>
{style}    </maplayer>
"#
        );
    }
    format!(
        r#"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="sandtable" version="3.22.16">
  <title>sandtable</title>
  <projectCrs>{WGS84}</projectCrs>
  <layer-tree-group>
{tree}  </layer-tree-group>
  <mapcanvas name="theMapCanvas">
    <units>degrees</units>
    <extent><xmin>-13</xmin><ymin>25.5</ymin><xmax>10</xmax><ymax>38</ymax></extent>
    <destinationsrs>{WGS84}</destinationsrs>
  </mapcanvas>
  <projectlayers>
{maplayers}  </projectlayers>
  <properties>
    <Paths><Absolute type="bool">false</Absolute></Paths>
  </properties>
</qgis>
"#
    )
}

const WGS84: &str = "<spatialrefsys><wkt>GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]],PRIMEM[\"Greenwich\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],CS[ellipsoidal,2],AXIS[\"geodetic latitude (Lat)\",north,ORDER[1],ANGLEUNIT[\"degree\",0.0174532925199433]],AXIS[\"geodetic longitude (Lon)\",east,ORDER[2],ANGLEUNIT[\"degree\",0.0174532925199433]],ID[\"EPSG\",4326]]</wkt><proj4>+proj=longlat +datum=WGS84 +no_defs</proj4><srid>4326</srid><authid>EPSG:4326</authid><description>WGS 84</description><projectionacronym>longlat</projectionacronym><ellipsoidacronym>EPSG:7030</ellipsoidacronym><geographicflag>true</geographicflag></spatialrefsys>";
