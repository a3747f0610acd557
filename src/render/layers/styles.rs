//! QGIS styles (QML) written beside each layer, so QGIS applies them when
//! the layer is opened: categories by kind or verdict, disputed boundaries
//! dashed, labels, and on `events` the Temporal Controller switched on with
//! the `start`/`end` fields.
//!
//! The temporal settings use QGIS's "include start, include end" limit mode
//! (`limitMode="1"`): an event that ends on 28 November is still on the map
//! during that day. (Other tools that treat the end as exclusive can use the
//! `end_exclusive` field, the day after `end`.)

use super::print::{self, xml_escape, LocalProjection, MAP_ASPECT, SEA};
use super::{event_colour, site_colour, verdict_colour};
use crate::base::vocab::{EventKind, SiteKind, Verdict};
use crate::load::story::{MapLanguage, Story};

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

/// Fill opacity (0–255) of the data polygons: the claim circles, which must
/// let what is under them show.
const CIRCLE_FILL_ALPHA: u8 = 40;

fn symbol(geometry: &str, index: usize, c: &Category, fill_alpha: u8) -> String {
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
                colour.replace(",255", &format!(",{fill_alpha}"))
            ),
        ),
    };
    format!(
        r#"      <symbol type="{kind}" name="{index}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="{class}" enabled="1" pass="0" locked="0"><Option type="Map">{options}</Option></layer></symbol>"#
    )
}

/// How a layer is labelled. QGIS places labels of higher `priority` first;
/// `ranked_by`, an expression from 0 to 10, sets it feature by feature.
struct Label {
    expression: &'static str,
    size: f64,
    priority: u8,
    ranked_by: Option<&'static str>,
    placement: Placement,
}

impl Label {
    /// A label placed where it fits, at one priority for every feature.
    fn fitting(expression: &'static str, size: f64, priority: u8) -> Label {
        Label {
            expression,
            size,
            priority,
            ranked_by: None,
            placement: Placement::Fitting,
        }
    }
}

/// Where QGIS may put a label, and whether it must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// Where it fits, around a point or along a line.
    Fitting,
    /// Every label, even where it collides (the sites of a story map, which
    /// must all be named).
    Forced,
    /// Where it fits, to the right of a point only (one candidate instead
    /// of eight: half the labelling time at 10,000 sites, as many placed),
    /// for at most [`RIGHT_OF_FEATURES`] features in view.
    RightOf,
}

/// With [`Placement::RightOf`], QGIS offers labels for this many features
/// in view at most (an even sample beyond it). Its labelling time grows
/// faster than the number of labels offered: at 10,000 sites in view,
/// measured with the whole project rendered, 3,000 took 5.8 s and placed
/// 410 labels where all 10,000 took 16.9 s and placed 497.
const RIGHT_OF_FEATURES: u32 = 3000;

/// Labels a person can read on any background: a white halo, a font every
/// Debian QGIS has (DejaVu Sans, with Arabic and Cyrillic glyphs).
const FONT: &str = "DejaVu Sans";

fn labeling(label: &Label, geometry: &str) -> String {
    let placement = match (geometry, label.placement) {
        ("line", _) => r#"placement="2""#,
        (_, Placement::RightOf) => r#"placement="1" quadOffset="5""#,
        _ => r#"placement="0""#,
    };
    let limit = match label.placement {
        Placement::RightOf => format!(r#" limitNumLabels="1" maxNumLabels="{RIGHT_OF_FEATURES}""#),
        _ => String::new(),
    };
    let ranked = label.ranked_by.map_or(String::new(), |expression| {
        format!(
            r#"      <dd_properties><Option type="Map"><Option type="QString" name="name" value=""/><Option type="Map" name="properties"><Option type="Map" name="Priority"><Option type="bool" name="active" value="true"/><Option type="QString" name="expression" value="{}"/><Option type="int" name="type" value="3"/></Option></Option><Option type="QString" name="type" value="collection"/></Option></dd_properties>
"#,
            xml_escape(expression)
        )
    });
    format!(
        r#"  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="{}" isExpression="1" fontSize="{}" textColor="20,20,20,255" fontFamily="{FONT}" namedStyle="Regular"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/>
      <placement {placement} dist="1.5" priority="{}"/>
      <rendering displayAll="{}" obstacle="1" obstacleFactor="1" upsidedownLabels="0"{limit}/>
{ranked}    </settings>
  </labeling>
"#,
        xml_escape(label.expression),
        label.size,
        label.priority,
        u8::from(label.placement == Placement::Forced)
    )
}

fn style(
    geometry: &str,
    field: &str,
    categories: &[Category],
    label: Option<&Label>,
    temporal: bool,
) -> String {
    let cats: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                r#"      <category render="true" value="{}" symbol="{i}" label="{}"/>"#,
                c.value,
                if c.value.is_empty() {
                    "coastline".to_string()
                } else {
                    c.value.replace('_', " ")
                }
            )
        })
        .collect();
    let symbols: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| symbol(geometry, i, c, CIRCLE_FILL_ALPHA))
        .collect();
    let renderer = format!(
        r#"  <renderer-v2 type="categorizedSymbol" attr="{field}" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{}
    </categories>
    <symbols>
{}
    </symbols>
  </renderer-v2>
"#,
        cats.join("\n"),
        symbols.join("\n")
    );
    document(geometry, &renderer, label, temporal)
}

/// A whole QML document around a renderer.
fn document(geometry: &str, renderer: &str, label: Option<&Label>, temporal: bool) -> String {
    let geometry_type = match geometry {
        "point" => 0,
        "line" => 1,
        _ => 2,
    };
    // Undated events stay on the map at every time: their missing start and
    // end become the widest dates, in expressions (no field is parsed).
    let temporal = if temporal {
        r#"  <temporal enabled="1" mode="4" startField="" endField="" limitMode="1" accumulate="0" durationField="" durationUnit="min" fixedDuration="0" startExpression="coalesce(&quot;start&quot;, make_date(1900, 1, 1))" endExpression="coalesce(&quot;end&quot;, make_date(2100, 12, 31))"><fixedRange><start></start><end></end></fixedRange></temporal>
"#
    } else {
        ""
    };
    format!(
        r#"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="{}"{}>
{temporal}{renderer}{}  <layerGeometryType>{geometry_type}</layerGeometryType>
</qgis>
"#,
        u8::from(label.is_some()),
        // Lines drawn simplified to a pixel: thousands of densified
        // measurement lines render in seconds.
        if geometry == "line" {
            r#" simplifyDrawingHints="1" simplifyAlgorithm="0" simplifyDrawingTol="1" simplifyLocal="1" simplifyMaxScale="1""#
        } else {
            ""
        },
        label.map_or(String::new(), |l| labeling(l, geometry))
    )
}

/// A single symbol for every feature (the context layers).
fn single(geometry: &str, category: &Category, label: Option<&Label>, fill_alpha: u8) -> String {
    let renderer = format!(
        r#"  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
{}
    </symbols>
  </renderer-v2>
"#,
        symbol(geometry, 0, category, fill_alpha)
    );
    document(geometry, &renderer, label, false)
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

/// Up to this many sites every label is forced on (a story map names every
/// place it shows); above it QGIS places them by priority where they fit,
/// as forcing thousands makes an unreadable heap and a slow render.
const FORCED_LABELS_UP_TO: usize = 100;

/// True when there are too many sites to force their labels, and the
/// events and measurement lines go unlabelled (their figures are in the
/// sites' attributes and popups).
pub(super) fn crowded(sites: usize) -> bool {
    sites > FORCED_LABELS_UP_TO
}

pub(super) fn sites(crowded: bool) -> String {
    let cats = categories(SiteKind::ALL, SiteKind::as_str, site_colour);
    let label = Label {
        expression: "\"name\"",
        size: 10.0,
        priority: 10,
        // Sites with events before the others, as on the web map.
        ranked_by: Some("if(\"event_count\" > 0, 10, 6)"),
        placement: if crowded {
            Placement::RightOf
        } else {
            Placement::Forced
        },
    };
    style("point", "kind", &cats, Some(&label), false)
}

pub(super) fn events(crowded: bool) -> String {
    let cats = categories(EventKind::ALL, EventKind::as_str, event_colour);
    let label = Label::fitting("\"name\"", 8.0, 7);
    style("point", "kind", &cats, (!crowded).then_some(&label), true)
}

pub(super) fn land() -> String {
    let fill = Category {
        value: "",
        colour: "#efe9d8",
        dashed: false,
    };
    let label = Label::fitting("\"name\"", 8.0, 0);
    // Opaque, as on the web map: the sea is the project's background.
    single("polygon", &fill, Some(&label), 255)
}

pub(super) fn coast() -> String {
    let line = Category {
        value: "",
        colour: "#4a90b8",
        dashed: false,
    };
    single("line", &line, None, 255)
}

/// Agreed lines solid in `agreed_colour`, disputed ones dashed red.
fn by_status(agreed_colour: &'static str, priority: u8) -> String {
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
        Category {
            value: "",
            colour: "#1b9e77",
            dashed: false,
        },
    ];
    let label = Label::fitting("\"title\"", 7.0, priority);
    style("line", "status", &cats, Some(&label), false)
}

pub(super) fn borders() -> String {
    by_status("#252525", 4)
}

/// Measurement lines, never in a boundary's style: thin grey, labelled
/// with the distance; each site's nearest shown, the others listed in the
/// legend, off (tick them to show them).
pub(super) fn links(crowded: bool) -> String {
    let cats = [
        Category {
            value: "true",
            colour: super::lines::LINK_GREY,
            dashed: false,
        },
        Category {
            value: "false",
            colour: super::lines::LINK_GREY,
            dashed: false,
        },
    ];
    let label = Label::fitting("format_number(\"distance_km\", 0) || ' km'", 7.0, 1);
    style(
        "line",
        "nearest",
        &cats,
        (!crowded).then_some(&label),
        false,
    )
    .replace(
        r#"value="true" symbol="0" label="true""#,
        r#"value="true" symbol="0" label="nearest to each site""#,
    )
    .replace(
        r#"<category render="true" value="false" symbol="1" label="false"/>"#,
        r#"<category render="false" value="false" symbol="1" label="farther (tick to show)"/>"#,
    )
}

pub(super) fn claims() -> String {
    let cats = categories(Verdict::ALL, Verdict::as_str, verdict_colour);
    let label = Label::fitting("\"title\"", 7.0, 0);
    style("polygon", "verdict", &cats, Some(&label), false)
}

/// A QGIS project (`sandtable.qgs`) holding every layer with its style.
///
/// QGIS applies a `.qml` of the same name when a layer is opened, but (as of
/// QGIS 3.22) not the `<temporal>` part of it: the time slider would need a
/// setting. The project carries each layer's full style, temporal settings
/// included, with paths relative to the project file, so opening it gives
/// styled, labelled layers and a working time slider.
pub(super) fn project(
    layers: &[super::Layer],
    view: &[f64; 4],
    time: Option<(String, String)>,
    story: &Story,
) -> String {
    let projection = LocalProjection::for_story(story, view);
    let srs = projection.srs_xml();
    let [xmin, ymin, xmax, ymax] = projection.extent(view, MAP_ASPECT);
    let layout = print::layout(story, &[xmin, ymin, xmax, ymax], &srs);
    let title = xml_escape(&story.text(MapLanguage::En).title);
    let (sea_r, sea_g, sea_b) = SEA;
    // Drawn bottom to top: context first, sites last (the layer tree lists
    // the top layer first).
    const ORDER: [&str; 7] = [
        "sites",
        "events",
        "border-links",
        "claims",
        "borders",
        "coast",
        "land",
    ];
    let mut tree = String::new();
    let mut maplayers = String::new();
    for name in ORDER {
        let Some(layer) = layers.iter().find(|l| l.name == name) else {
            continue;
        };
        let geometry = if layer.qml.contains("<layerGeometryType>0<") {
            "Point"
        } else if layer.qml.contains("<layerGeometryType>1<") {
            "Line"
        } else {
            "Polygon"
        };
        let labels = u8::from(layer.qml.contains("labelsEnabled=\"1\""));
        // The style is everything inside the QML's <qgis> element.
        let open = layer.qml.find("<qgis ").unwrap_or(0);
        let start = layer.qml[open..].find('>').map_or(0, |i| open + i + 2);
        let end = layer.qml.rfind("</qgis>").unwrap_or(layer.qml.len());
        let style = &layer.qml[start..end];
        // QGIS (3.22) replaces a layer id of 10 characters or fewer with a
        // new one, which leaves the layer tree pointing at nothing.
        let id = format!("sandtable_{}", name.replace('-', "_"));
        tree += &format!(
            "    <layer-tree-layer expanded=\"1\" checked=\"Qt::Checked\" id=\"{id}\" name=\"{name}\" source=\"./{name}.geojson\" providerKey=\"ogr\"/>\n"
        );
        maplayers += &format!(
            r#"    <maplayer type="vector" geometry="{geometry}" labelsEnabled="{labels}" styleCategories="AllStyleCategories">
      <id>{id}</id>
      <datasource>./{name}.geojson</datasource>
      <layername>{name}</layername>
      <srs>{WGS84}</srs>
      <provider encoding="UTF-8">ogr</provider>
{style}    </maplayer>
"#
        );
    }
    let time = time.map_or(String::new(), |(start, end)| {
        format!(
            r#"  <ProjectTimeSettings timeStep="1" timeStepUnit="d" frameRate="1" cumulativeTemporalRange="0">
    <TemporalRange><start>{start}T00:00:00Z</start><end>{end}T23:59:59Z</end></TemporalRange>
  </ProjectTimeSettings>
"#
        )
    });
    format!(
        r#"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="{title}" version="3.22.16">
  <title>{title}</title>
  <projectCrs>{srs}</projectCrs>
  <layer-tree-group>
{tree}  </layer-tree-group>
  <mapcanvas name="theMapCanvas">
    <units>meters</units>
    <extent><xmin>{xmin}</xmin><ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></extent>
    <destinationsrs>{srs}</destinationsrs>
  </mapcanvas>
{time}  <projectlayers>
{maplayers}  </projectlayers>
  <properties>
    <Paths><Absolute type="bool">false</Absolute></Paths>
    <SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled></SpatialRefSys>
    <Gui><CanvasColorRedPart type="int">{sea_r}</CanvasColorRedPart><CanvasColorGreenPart type="int">{sea_g}</CanvasColorGreenPart><CanvasColorBluePart type="int">{sea_b}</CanvasColorBluePart></Gui>
  </properties>
{layout}</qgis>
"#
    )
}

const WGS84: &str = "<spatialrefsys><wkt>GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]],PRIMEM[\"Greenwich\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],CS[ellipsoidal,2],AXIS[\"geodetic latitude (Lat)\",north,ORDER[1],ANGLEUNIT[\"degree\",0.0174532925199433]],AXIS[\"geodetic longitude (Lon)\",east,ORDER[2],ANGLEUNIT[\"degree\",0.0174532925199433]],ID[\"EPSG\",4326]]</wkt><proj4>+proj=longlat +datum=WGS84 +no_defs</proj4><srid>4326</srid><authid>EPSG:4326</authid><description>WGS 84</description><projectionacronym>longlat</projectionacronym><ellipsoidacronym>EPSG:7030</ellipsoidacronym><geographicflag>true</geographicflag></spatialrefsys>";
