//! `sandtable.kmz` for Google Earth: every layer as a folder, each feature
//! styled as in QGIS (the layers' colours), named in English with its other
//! names and every field in `ExtendedData`, events with a `TimeSpan` from
//! their earliest to their latest possible day (so Google Earth's time
//! slider shows them as the web map's timeline does), claim circles as
//! polygons, and a description with the sources and their quotes.

use super::{items, text, Item, STYLE_KEYS};
use crate::load::dataset::Dataset;
use crate::render::layers::Layer;
use quick_xml::events::{BytesCData, BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::collections::BTreeMap;
use std::io::{self, Write};

type Xml = Writer<Vec<u8>>;

/// The KMZ archive (a zip holding `doc.kml`), byte for byte the same for
/// the same data: the archive's dates are fixed.
pub(crate) fn kmz(layers: &[Layer], data: &Dataset) -> io::Result<Vec<u8>> {
    let kml = document(layers, data)?;
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("doc.kml", options)
        .map_err(io::Error::other)?;
    zip.write_all(&kml)?;
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

/// The KML document.
pub(crate) fn document(layers: &[Layer], data: &Dataset) -> io::Result<Vec<u8>> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 1);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let folders: Vec<(&Layer, Vec<Item>)> = layers.iter().map(|l| (l, items(l))).collect();
    let styles = styles(&folders);
    xml.create_element("kml")
        .with_attribute(("xmlns", "http://www.opengis.net/kml/2.2"))
        .write_inner_content(|xml| {
            xml.create_element("Document").write_inner_content(|xml| {
                element(xml, "name", "sandtable")?;
                for (key, id) in &styles {
                    style(xml, id, key)?;
                }
                for (layer, items) in &folders {
                    xml.create_element("Folder").write_inner_content(|xml| {
                        element(xml, "name", layer.name)?;
                        for item in items {
                            placemark(xml, layer.name, item, &styles, data)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(xml.into_inner())
}

fn element(xml: &mut Xml, name: &str, content: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(content))?;
    Ok(())
}

/// A feature's style: its colours and widths, as the layers give them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct StyleKey {
    marker: String,
    stroke: String,
    width: String,
    fill: String,
    fill_opacity: String,
}

fn style_key(item: &Item) -> StyleKey {
    let get = |k: &str| item.properties.get(k).map(text).unwrap_or_default();
    StyleKey {
        marker: get("marker-color"),
        stroke: get("stroke"),
        width: get("stroke-width"),
        fill: get("fill"),
        fill_opacity: get("fill-opacity"),
    }
}

/// Every style used, numbered in a stable order.
fn styles(folders: &[(&Layer, Vec<Item>)]) -> BTreeMap<StyleKey, String> {
    let mut keys: Vec<StyleKey> = folders
        .iter()
        .flat_map(|(_, items)| items.iter().map(style_key))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .enumerate()
        .map(|(i, key)| (key, format!("s{i}")))
        .collect()
}

/// `#rrggbb` and an opacity as KML's `aabbggrr`.
fn kml_colour(hex: &str, opacity: f64) -> String {
    let hex = hex.trim_start_matches('#');
    if hex.len() != 6 {
        return format!("{:02x}ffffff", (opacity * 255.0).round() as u8);
    }
    let (r, g, b) = (&hex[0..2], &hex[2..4], &hex[4..6]);
    format!(
        "{:02x}{b}{g}{r}",
        (opacity.clamp(0.0, 1.0) * 255.0).round() as u8
    )
}

fn style(xml: &mut Xml, id: &str, key: &StyleKey) -> io::Result<()> {
    xml.create_element("Style")
        .with_attribute(("id", id))
        .write_inner_content(|xml| {
            if !key.marker.is_empty() {
                xml.create_element("IconStyle").write_inner_content(|xml| {
                    element(xml, "color", &kml_colour(&key.marker, 1.0))?;
                    element(xml, "scale", "0.9")?;
                    xml.create_element("Icon").write_inner_content(|xml| {
                        element(
                            xml,
                            "href",
                            "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png",
                        )
                    })?;
                    Ok(())
                })?;
            }
            let stroke = if key.stroke.is_empty() {
                "#333333"
            } else {
                &key.stroke
            };
            xml.create_element("LineStyle").write_inner_content(|xml| {
                element(xml, "color", &kml_colour(stroke, 1.0))?;
                element(
                    xml,
                    "width",
                    if key.width.is_empty() {
                        "1"
                    } else {
                        &key.width
                    },
                )
            })?;
            let opacity = key.fill_opacity.parse().unwrap_or(0.3);
            xml.create_element("PolyStyle").write_inner_content(|xml| {
                let fill = if key.fill.is_empty() {
                    "#f2efe9"
                } else {
                    &key.fill
                };
                element(xml, "color", &kml_colour(fill, opacity))
            })?;
            Ok(())
        })?;
    Ok(())
}

fn placemark(
    xml: &mut Xml,
    layer: &str,
    item: &Item,
    styles: &BTreeMap<StyleKey, String>,
    data: &Dataset,
) -> io::Result<()> {
    let props = &item.properties;
    let get = |k: &str| props.get(k).map(text).unwrap_or_default();
    let name = [get("name"), get("title"), get("claim_id"), item.id.clone()]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    let mut element_writer = xml.create_element("Placemark");
    if !item.id.is_empty() {
        element_writer = element_writer.with_attribute(("id", item.id.as_str()));
    }
    element_writer.write_inner_content(|xml| {
        element(xml, "name", &name)?;
        let description = description(layer, item, data);
        if !description.is_empty() {
            xml.create_element("description")
                .write_cdata_content(BytesCData::new(description.replace("]]>", "]]&gt;")))?;
        }
        element(xml, "styleUrl", &format!("#{}", styles[&style_key(item)]))?;
        let (begin, end) = (get("start"), get("end"));
        if layer == "events" && !begin.is_empty() {
            xml.create_element("TimeSpan").write_inner_content(|xml| {
                element(xml, "begin", &begin)?;
                element(xml, "end", if end.is_empty() { &begin } else { &end })
            })?;
        }
        xml.create_element("ExtendedData")
            .write_inner_content(|xml| {
                for (key, value) in props
                    .iter()
                    .filter(|(k, _)| !STYLE_KEYS.contains(&k.as_str()))
                {
                    xml.create_element("Data")
                        .with_attribute(("name", key.as_str()))
                        .write_inner_content(|xml| element(xml, "value", &text(value)))?;
                }
                Ok(())
            })?;
        if let Some(geometry) = &item.geometry {
            write_geometry(xml, geometry)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Coordinates as KML writes them: `lon,lat` pairs, space-separated.
fn coordinates(points: impl Iterator<Item = geo::Coord<f64>>) -> String {
    points
        .map(|c| format!("{},{}", c.x, c.y))
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_geometry(xml: &mut Xml, geometry: &geo::Geometry<f64>) -> io::Result<()> {
    use geo::Geometry as G;
    match geometry {
        G::Point(p) => {
            xml.create_element("Point").write_inner_content(|xml| {
                element(xml, "coordinates", &coordinates(std::iter::once(p.0)))
            })?;
        }
        G::LineString(line) => {
            xml.create_element("LineString")
                .write_inner_content(|xml| {
                    element(xml, "tessellate", "1")?;
                    element(xml, "coordinates", &coordinates(line.coords().copied()))
                })?;
        }
        G::MultiLineString(lines) => {
            xml.create_element("MultiGeometry")
                .write_inner_content(|xml| {
                    for line in lines {
                        write_geometry(xml, &G::LineString(line.clone()))?;
                    }
                    Ok(())
                })?;
        }
        G::Polygon(polygon) => {
            xml.create_element("Polygon").write_inner_content(|xml| {
                let ring = |xml: &mut Xml,
                            tag: &str,
                            ring: &geo::LineString<f64>|
                 -> io::Result<()> {
                    xml.create_element(tag).write_inner_content(|xml| {
                        xml.create_element("LinearRing")
                            .write_inner_content(|xml| {
                                element(xml, "coordinates", &coordinates(ring.coords().copied()))
                            })?;
                        Ok(())
                    })?;
                    Ok(())
                };
                ring(xml, "outerBoundaryIs", polygon.exterior())?;
                for hole in polygon.interiors() {
                    ring(xml, "innerBoundaryIs", hole)?;
                }
                Ok(())
            })?;
        }
        G::MultiPolygon(polygons) => {
            xml.create_element("MultiGeometry")
                .write_inner_content(|xml| {
                    for polygon in polygons {
                        write_geometry(xml, &G::Polygon(polygon.clone()))?;
                    }
                    Ok(())
                })?;
        }
        _ => {}
    }
    Ok(())
}

/// What a reader sees on clicking a placemark: the feature in words, then
/// for an event or a site its sources and their quotes.
fn description(layer: &str, item: &Item, data: &Dataset) -> String {
    let get = |k: &str| item.properties.get(k).map(text).unwrap_or_default();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut html = String::new();
    let subject = match layer {
        "events" => get("event_id"),
        "sites" => item.id.clone(),
        "claims" => {
            html.push_str(&format!("<p>{}</p>", escape(&get("detail"))));
            return html;
        }
        _ => return escape(&get("title")),
    };
    if layer == "events" {
        let date = get("date");
        html.push_str(&format!(
            "<p>{} · {} · {}</p>",
            escape(&get("kind")),
            escape(if date.is_empty() {
                "date unknown"
            } else {
                &date
            }),
            escape(&get("status"))
        ));
    }
    let mut quotes = data
        .statements
        .iter()
        .filter(|s| s.subject == subject)
        .peekable();
    if quotes.peek().is_some() {
        html.push_str("<ul>");
        for s in quotes {
            let source = data.source(&s.source_id);
            let outlet = source.map_or(s.source_id.clone(), |so| {
                if so.outlet.is_empty() {
                    so.id.clone()
                } else {
                    so.outlet.clone()
                }
            });
            let link = source
                .map(|so| {
                    if so.archive_url.is_empty() {
                        so.url.clone()
                    } else {
                        so.archive_url.clone()
                    }
                })
                .unwrap_or_default();
            let cite = if link.is_empty() {
                escape(&outlet)
            } else {
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&link).replace('"', "&quot;"),
                    escape(&outlet)
                )
            };
            html.push_str(&format!(
                "<li>{}: {} — {}: <q dir=\"auto\">{}</q></li>",
                escape(&s.field),
                escape(&s.value),
                cite,
                escape(&s.quote)
            ));
        }
        html.push_str("</ul>");
    }
    html
}

#[cfg(test)]
mod tests {
    #[test]
    fn colours_are_alpha_blue_green_red() {
        assert_eq!(super::kml_colour("#d7301f", 1.0), "ff1f30d7");
        assert_eq!(super::kml_colour("#d7301f", 0.12), "1f1f30d7");
    }
}
