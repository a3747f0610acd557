#!/usr/bin/env python3
"""Open output/ in QGIS (headless PyQGIS) as a person would, check what they
would see, and render docs/qgis.png.

Checks: each .geojson opened alone loads with the expected feature count and
picks up the .qml beside it (categorised renderer, labels on); the project
output/sandtable.qgs opens every layer with its style and, on events, the
Temporal Controller on, from the start/end fields, with the end day included.
Needs Debian's qgis and python3-qgis:

    apt-get install qgis python3-qgis
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_check.py
"""
import sys

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject,
                       QgsRectangle, QgsVectorLayer, QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

app = QgsApplication([], False)
app.initQgis()

EXPECT = {"sites": 11, "events": 7, "borders": 17, "border-links": 22, "claims": 4}
problems = []


def check_style(layer, how):
    renderer = layer.renderer()
    print(f"{how} {layer.name()}: {layer.featureCount()} features, {renderer.type()} on "
          f"{renderer.classAttribute()}, labels {'on' if layer.labelsEnabled() else 'off'}")
    if layer.featureCount() != EXPECT[layer.name()]:
        problems.append(f"{how} {layer.name()}: {layer.featureCount()} features")
    if renderer.type() != "categorizedSymbol" or not layer.labelsEnabled():
        problems.append(f"{how} {layer.name()}: style not applied")


for name in EXPECT:
    layer = QgsVectorLayer(f"output/{name}.geojson", name, "ogr")
    if not layer.isValid():
        problems.append(f"{name}: QGIS cannot open it")
        continue
    check_style(layer, "opened alone:")

project = QgsProject.instance()
if not project.read("output/sandtable.qgs"):
    problems.append("sandtable.qgs: QGIS cannot read it")
layers = {layer.name(): layer for layer in project.mapLayers().values()}
for name in EXPECT:
    if name not in layers or not layers[name].isValid():
        problems.append(f"sandtable.qgs: {name} missing or invalid")
    else:
        check_style(layers[name], "in sandtable.qgs:")
events = layers.get("events")
if events:
    t = events.temporalProperties()
    types = {f.name(): f.typeName() for f in events.fields()}
    print(f"events temporal: active={t.isActive()} mode={t.mode()} fields={t.startField()}/{t.endField()} "
          f"limit={t.limitMode()} types={types.get('start')}/{types.get('end')}")
    if not (t.isActive() and t.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields
            and (t.startField(), t.endField()) == ("start", "end") and t.limitMode() == 1):
        problems.append("events: time slider not set up (active, start/end fields, end day included)")

settings = QgsMapSettings()
settings.setLayers([layers[n] for n in ["sites", "events", "border-links", "borders", "claims"] if n in layers])
settings.setDestinationCrs(project.crs())
settings.setExtent(QgsRectangle(-10.5, 25.5, 4.5, 37.5))
settings.setOutputSize(QSize(1400, 1120))
settings.setBackgroundColor(QColor(250, 248, 240))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save("docs/qgis.png", "png")
print("wrote docs/qgis.png")

app.exitQgis()
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print("all checks passed")
