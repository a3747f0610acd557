#!/usr/bin/env python3
"""Open a built sandtable.qgs in QGIS (headless PyQGIS) as a person would and
check what they would see; render it to a PNG.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_check.py OUTPUT_DIR PNG

Checks, all through the project's own layer tree (not by layer name):
- every layer-tree entry resolves to a valid layer, with the style of its
  .qml (renderer type) and as many features as its GeoJSON file holds;
- the context layers are at the bottom and the sites on top;
- the project's time range covers every dated event, and undated events
  stay visible at any time (temporal expressions, no field parsing);
- rendered at the project's initial view, the labeling results hold a
  placed label for every site, and the sites' label priority is read as
  the expression the style gives (sites with events first).
Needs Debian's qgis and python3-qgis. Exits 1 with the list of problems.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

from qgis.core import (QgsApplication, QgsDateTimeRange, QgsFeatureRequest, QgsLayoutExporter,
                       QgsLayoutItemLabel, QgsLayoutItemLegend, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsPalLayerSettings, QgsProject, QgsRectangle, QgsUnitTypes,
                       QgsVectorLayerTemporalContext, QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDateTime, QSize, Qt
from qgis.PyQt.QtGui import QColor

out, png = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
app.initQgis()
problems = []

project = QgsProject.instance()
if not project.read(os.path.join(out, "sandtable.qgs")):
    problems.append("sandtable.qgs: QGIS cannot read it")
tree_layers = [node.layer() for node in project.layerTreeRoot().findLayers()]
names = [node.name() for node in project.layerTreeRoot().findLayers()]
print("layer tree, top first:", ", ".join(names))
for node, layer in zip(project.layerTreeRoot().findLayers(), tree_layers):
    if layer is None or not layer.isValid():
        problems.append(f"layer tree entry {node.name()}: no valid layer behind it")
        continue
    with open(os.path.join(out, f"{node.name()}.geojson"), encoding="utf-8") as fh:
        expected = len(json.load(fh)["features"])
    with open(os.path.join(out, f"{node.name()}.qml"), encoding="utf-8") as fh:
        qml_renderer = "categorizedSymbol" if "categorizedSymbol" in fh.read() else "singleSymbol"
    print(f"  {node.name()}: {layer.featureCount()} features, {layer.renderer().type()}, "
          f"labels {'on' if layer.labelsEnabled() else 'off'}")
    if layer.featureCount() != expected:
        problems.append(f"{node.name()}: {layer.featureCount()} features, the file has {expected}")
    if layer.renderer().type() != qml_renderer:
        problems.append(f"{node.name()}: renderer {layer.renderer().type()}, its style says {qml_renderer}")
if names[:1] != ["sites"] or names[-1:] != ["land"]:
    problems.append(f"layer order: sites should be on top and land at the bottom: {names}")

layers = {n: l for n, l in zip(names, tree_layers) if l is not None}
if "sites" in layers:
    settings = QgsPalLayerSettings(layers["sites"].labeling().settings())
    ranked = settings.dataDefinedProperties().property(QgsPalLayerSettings.Priority)
    rank = ranked.expressionString() if ranked.isActive() else ""
    print(f"site label priority: {rank or 'fixed'}")
    if "event_count" not in rank:
        problems.append("sites: the label priority by events is not read")
events = layers.get("events")
time_range = project.timeSettings().temporalRange()
print("project time range:", time_range.begin().toString(Qt.ISODate), "to", time_range.end().toString(Qt.ISODate))
if events is not None:
    t = events.temporalProperties()
    if not (t.isActive() and t.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions):
        problems.append("events: temporal settings not active from start/end expressions")
    for f in events.getFeatures():
        start, end = f["start"], f["end"]
        if start and not (time_range.begin().date() <= start and end <= time_range.end().date()):
            problems.append(f"event {f['event_id']}: {start}..{end} outside the project's time range")
    # Undated events are drawn at any moment of the range: the layer's own
    # temporal filter, at a day inside the range, must keep them.
    context = QgsVectorLayerTemporalContext()
    context.setLayer(events)
    moment = QDateTime(time_range.begin().date().addDays(1), time_range.begin().time(), Qt.UTC)
    where = t.createFilterString(context, QgsDateTimeRange(moment, moment))
    shown = {f["event_id"] for f in events.getFeatures(QgsFeatureRequest().setFilterExpression(where))}
    undated = {f["event_id"] for f in events.getFeatures() if not f["start"]}
    print(f"at {moment.toString(Qt.ISODate)}: {len(shown)} event features shown, undated {sorted(undated)}")
    for event_id in sorted(undated - shown):
        problems.append(f"undated event {event_id} hidden by the time filter")

settings = QgsMapSettings()
settings.setLayers([l for l in tree_layers if l is not None])
settings.setDestinationCrs(project.crs())
# The initial view: the extent the project's map canvas opens at.
e = ET.parse(os.path.join(out, "sandtable.qgs")).getroot().find("mapcanvas/extent")
canvas_extent = QgsRectangle(*[float(e.find(k).text) for k in ("xmin", "ymin", "xmax", "ymax")])
settings.setExtent(canvas_extent)
settings.setOutputSize(QSize(1600, 1100))
settings.setOutputDpi(110)
settings.setBackgroundColor(project.backgroundColor())
settings.setFlag(QgsMapSettings.DrawLabeling, True)
print("initial view:", canvas_extent.toString(4))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(png, "png")
print("wrote", png)

results = job.takeLabelingResults()
placed = {label.labelText for label in results.allLabels() if label.layerID == layers["sites"].id()} if "sites" in layers else set()
site_names = {f["name"] for f in layers["sites"].getFeatures()} if "sites" in layers else set()
missing = sorted(site_names - placed)
print(f"site labels placed: {len(site_names) - len(missing)} of {len(site_names)}")
if missing:
    problems.append(f"site labels not placed: {', '.join(missing)}")

# The project's frame: a projected CRS (metres, circles round), the sea
# coloured, and a print layout with title, legend, scale bar and credits
# that exports to PNG.
crs = project.crs()
print(f"project CRS: {crs.description()} (geographic: {crs.isGeographic()}, units: {QgsUnitTypes.toString(crs.mapUnits())})")
if crs.isGeographic() or not crs.isValid():
    problems.append(f"the project CRS is not a valid projection: {crs.toProj()}")
sea = project.backgroundColor()
print(f"background (sea): {sea.name()}")
if sea.name() == "#ffffff":
    problems.append("the sea is white")
layouts = project.layoutManager().printLayouts()
print("print layouts:", ", ".join(l.name() for l in layouts))
if not layouts:
    problems.append("no print layout")
else:
    layout = layouts[0]
    kinds = {type(item).__name__ for item in layout.items()}
    texts = [item.text() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]
    legend = [item for item in layout.items() if isinstance(item, QgsLayoutItemLegend)]
    print("layout items:", ", ".join(sorted(kinds)))
    for kind in ["QgsLayoutItemMap", "QgsLayoutItemLegend", "QgsLayoutItemScaleBar", "QgsLayoutItemLabel"]:
        if kind not in kinds:
            problems.append(f"the layout has no {kind}")
    title = project.title()
    if title not in texts:
        problems.append(f"the layout has no title label '{title}': {texts}")
    if legend:
        entries = legend[0].model().rootGroup().findLayers()
        print(f"legend: {len(entries)} layers")
        if len(entries) < 5:
            problems.append(f"the legend lists {len(entries)} layers")
    layout_png = os.path.splitext(png)[0] + "-layout.png"
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 100
    result = exporter.exportToImage(layout_png, settings)
    size = os.path.getsize(layout_png) if os.path.exists(layout_png) else 0
    print(f"layout exported: {layout_png} ({size} bytes)")
    if result != QgsLayoutExporter.Success or size < 50_000:
        problems.append(f"layout export failed: {result}, {size} bytes")

app.exitQgis()
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print("all checks passed")
