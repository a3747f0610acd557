//! The QGIS project's frame: a local azimuthal equidistant projection
//! centred on the story's area (distances from the centre true, the claim
//! circles round, unlike plain longitude/latitude), and an A4 print layout
//! with the story's title and standfirst, the map on a sea-coloured ground,
//! its legend, a scale bar and the credits.
//!
//! The layout is written as QGIS's own XML (QGIS 3.22 reads it; anything
//! left out takes QGIS's defaults), because no crate writes QGIS projects.

use crate::base::geodesy::inverse;
use crate::base::GeoPoint;
use crate::load::story::{MapLanguage, Story};

/// The sea: the ground of the map canvas and of the layout's map.
pub(super) const SEA: (u8, u8, u8) = (212, 230, 241);

/// The azimuthal equidistant projection about `center`, on WGS84.
#[derive(Debug, Clone, Copy)]
pub(super) struct LocalProjection {
    center: GeoPoint,
}

impl LocalProjection {
    /// Centred on the story's `view.center`, or on the middle of `view`
    /// (`[west, south, east, north]`, degrees).
    pub(super) fn for_story(story: &Story, view: &[f64; 4]) -> LocalProjection {
        let [w, s, e, n] = *view;
        let center = story.view.center.map_or_else(
            || GeoPoint::new((s + n) / 2.0, (w + e) / 2.0),
            |[lat, lon]| GeoPoint::new(lat, lon),
        );
        // Four decimals (11 m): the same text on every build.
        let round = |x: f64| (x * 1e4).round() / 1e4;
        LocalProjection {
            center: GeoPoint::new(round(center.lat), round(center.lon)),
        }
    }

    /// `p` in the projection's metres: the geodesic distance from the
    /// centre along the azimuth (what PROJ's ellipsoidal `aeqd` computes).
    fn project(&self, p: GeoPoint) -> (f64, f64) {
        let g = inverse(self.center, p);
        let azimuth = g.initial_bearing_deg.to_radians();
        (g.distance_m * azimuth.sin(), g.distance_m * azimuth.cos())
    }

    /// The box in projected metres that holds `view`'s outline, widened to
    /// the `aspect` (width / height) of the frame it is shown in.
    pub(super) fn extent(&self, view: &[f64; 4], aspect: f64) -> [f64; 4] {
        let [w, s, e, n] = *view;
        let steps = 24;
        let mut outline = Vec::new();
        for i in 0..=steps {
            let f = f64::from(i) / f64::from(steps);
            let (lon, lat) = (w + f * (e - w), s + f * (n - s));
            outline.extend([(s, lon), (n, lon), (lat, w), (lat, e)]);
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (lat, lon) in outline {
            let (x, y) = self.project(GeoPoint::new(lat, lon));
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let (mut half_w, mut half_h) = ((x1 - x0) / 2.0, (y1 - y0) / 2.0);
        if half_w / half_h < aspect {
            half_w = half_h * aspect;
        } else {
            half_h = half_w / aspect;
        }
        [cx - half_w, cy - half_h, cx + half_w, cy + half_h].map(|v| v.round())
    }

    /// The projection as a QGIS `<spatialrefsys>`.
    pub(super) fn srs_xml(&self) -> String {
        let (lat, lon) = (self.center.lat, self.center.lon);
        let proj = format!(
            "+proj=aeqd +lat_0={lat} +lon_0={lon} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
        );
        let wkt = format!(
            "PROJCS[\"Azimuthal equidistant about {lat} {lon} (WGS 84)\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Azimuthal_Equidistant\"],PARAMETER[\"latitude_of_center\",{lat}],PARAMETER[\"longitude_of_center\",{lon}],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]]"
        );
        format!(
            "<spatialrefsys><wkt>{}</wkt><proj4>{proj}</proj4><srsid>0</srsid><srid>0</srid><authid></authid><description>Azimuthal equidistant about {lat}, {lon}</description><projectionacronym>aeqd</projectionacronym><ellipsoidacronym>EPSG:7030</ellipsoidacronym><geographicflag>false</geographicflag></spatialrefsys>",
            xml_escape(&wkt)
        )
    }
}

/// Text safe inside an XML attribute or element (the styles use it too).
pub(super) fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Where the map sits on the A4 landscape page, millimetres.
const MAP: [f64; 4] = [8.0, 30.0, 214.0, 162.0];
/// The frame's width over its height, for [`LocalProjection::extent`].
pub(super) const MAP_ASPECT: f64 = MAP[2] / MAP[3];

/// A length for the scale bar's segment: 1, 2 or 5 times a power of ten
/// kilometres, near a fifth of the map's width.
fn segment_km(width_m: f64) -> f64 {
    let target = width_m / 1000.0 / 5.0;
    let power = 10f64.powf(target.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .rfind(|s| *s <= target)
        .unwrap_or(power)
}

/// The print layout "Map (A4)": title and standfirst, the map in the local
/// projection over the sea colour, the legend, a scale bar, the credits.
pub(super) fn layout(story: &Story, extent: &[f64; 4], srs: &str) -> String {
    let words = story.text(MapLanguage::En);
    let mut credits = Vec::new();
    if !story.source.is_empty() {
        credits.push(format!("Source: {}", story.source));
    }
    if !story.credit.is_empty() {
        credits.push(story.credit.clone());
    }
    credits.push("Boundaries, land and coast © OpenStreetMap contributors (ODbL)".into());
    let [x0, y0, x1, y1] = *extent;
    let [mx, my, mw, mh] = MAP;
    let (sea_r, sea_g, sea_b) = SEA;
    let segment = segment_km(x1 - x0);
    let label = |uuid: &str, text: &str, pos: [f64; 4], font: &str| {
        format!(
            r#"      <LayoutItem type="65641" uuid="{{{uuid}}}" id="{uuid}" labelText="{}" halign="1" valign="32" marginX="0" marginY="0" htmlState="0" position="{},{},mm" positionOnPage="{},{},mm" size="{},{},mm" background="false" frame="false" zValue="3" visibility="1">
        <LabelFont description="{font}" style=""/>
        <FontColor red="34" green="34" blue="34" alpha="255"/>
      </LayoutItem>
"#,
            xml_escape(text),
            pos[0],
            pos[1],
            pos[0],
            pos[1],
            pos[2],
            pos[3]
        )
    };
    let mut items = String::new();
    items += &label(
        "title",
        &words.title,
        [8.0, 6.0, 281.0, 10.0],
        "DejaVu Sans,18,-1,5,75,0,0,0,0,0",
    );
    items += &label(
        "standfirst",
        &words.standfirst,
        [8.0, 17.0, 281.0, 11.0],
        "DejaVu Sans,9,-1,5,50,0,0,0,0,0",
    );
    items += &label(
        "credits",
        &credits.join(" · "),
        [8.0, 195.0, 281.0, 10.0],
        "DejaVu Sans,7,-1,5,50,0,0,0,0,0",
    );
    format!(
        r#"  <Layouts>
    <Layout name="Map (A4)" units="mm" printResolution="300" worldFileMap="">
      <PageCollection>
        <LayoutItem type="65638" uuid="{{page}}" size="297,210,mm" position="0,0,mm" positionOnPage="0,0,mm" background="true" frame="false" zValue="0" visibility="1"/>
      </PageCollection>
      <LayoutItem type="65639" uuid="{{map}}" id="map" position="{mx},{my},mm" positionOnPage="{mx},{my},mm" size="{mw},{mh},mm" background="true" frame="true" outlineWidthM="0.3,mm" zValue="1" visibility="1" keepLayerSet="false" followPreset="false" drawCanvasItems="true" mapRotation="0" isTemporal="0">
        <FrameColor red="90" green="90" blue="90" alpha="255"/>
        <BackgroundColor red="{sea_r}" green="{sea_g}" blue="{sea_b}" alpha="255"/>
        <Extent xmin="{x0}" ymin="{y0}" xmax="{x1}" ymax="{y1}"/>
        <crs>{srs}</crs>
        <LayerSet/>
      </LayoutItem>
      <LayoutItem type="65642" uuid="{{legend}}" id="legend" map_uuid="{{map}}" title="Key" position="226,30,mm" positionOnPage="226,30,mm" size="63,162,mm" resizeToContents="0" background="true" frame="false" zValue="2" visibility="1" columnCount="1" symbolWidth="5" symbolHeight="2.6" wrapChar="" splitLayer="0" equalColumnWidth="0" lineSpacing="0.5">
        <BackgroundColor red="255" green="255" blue="255" alpha="255"/>
        <styles>
          <style name="title" marginBottom="2" alignment="1"><styleFont style="" description="DejaVu Sans,11,-1,5,75,0,0,0,0,0"/></style>
          <style name="group" marginTop="1.5" alignment="1"><styleFont style="" description="DejaVu Sans,8,-1,5,75,0,0,0,0,0"/></style>
          <style name="subgroup" marginTop="1.5" alignment="1"><styleFont style="" description="DejaVu Sans,8,-1,5,75,0,0,0,0,0"/></style>
          <style name="symbol" marginTop="0.8" alignment="1"><styleFont style="" description="DejaVu Sans,7,-1,5,50,0,0,0,0,0"/></style>
          <style name="symbolLabel" marginTop="0.8" marginLeft="1.5" alignment="1"><styleFont style="" description="DejaVu Sans,7,-1,5,50,0,0,0,0,0"/></style>
        </styles>
      </LayoutItem>
      <LayoutItem type="65646" uuid="{{scalebar}}" id="scalebar" mapUuid="{{map}}" style="Single Box" unitType="km" unitLabel="km" numMapUnitsPerScaleBarUnit="1" numUnitsPerSegment="{}" numSegments="2" numSegmentsLeft="0" segmentSizeMode="0" height="2" position="{},{},mm" positionOnPage="{},{},mm" size="60,10,mm" background="true" frame="false" zValue="4" visibility="1" alignment="0" labelBarSpace="2" boxContentSpace="1">
        <BackgroundColor red="255" green="255" blue="255" alpha="200"/>
      </LayoutItem>
{items}    </Layout>
  </Layouts>
"#,
        segment,
        mx + 3.0,
        my + mh - 13.0,
        mx + 3.0,
        my + mh - 13.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_as_the_geodesic_from_the_centre() {
        let p = LocalProjection {
            center: GeoPoint::new(31.0, -2.0),
        };
        let (x, y) = p.project(GeoPoint::new(31.0, -2.0));
        assert!(x.abs() < 1e-6 && y.abs() < 1e-6);
        // Due north: x zero, y the meridian arc from 31° to 32° N (about
        // 110,880 m).
        let (x, y) = p.project(GeoPoint::new(32.0, -2.0));
        assert!(x.abs() < 1e-6 && (y - 110_874.0).abs() < 200.0, "{x} {y}");
    }

    #[test]
    fn scale_segments_are_round_numbers() {
        assert_eq!(segment_km(2_000_000.0), 200.0);
        assert_eq!(segment_km(3_000_000.0), 500.0);
        assert_eq!(segment_km(600_000.0), 100.0);
    }
}
