#!/usr/bin/env python3
"""Open each layer of a built sandtable.gpkg in QGIS (headless PyQGIS) as a
person dragging the file in would, and check that it comes styled: QGIS
loads the default style stored in the GeoPackage's layer_styles table, so
each layer's renderer is the one its .qml beside it gives, and it holds
as many features as the GeoJSON layer.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_gpkg_check.py OUTPUT_DIR

Needs Debian's qgis and python3-qgis. Exits 1 with the list of problems.
"""
import json
import os
import sys

from qgis.core import QgsApplication, QgsVectorLayer

out = sys.argv[1]
app = QgsApplication([], False)
app.initQgis()
problems = []
gpkg = os.path.join(out, "sandtable.gpkg")
for name in ["land", "coast", "sites", "events", "borders", "border-links", "claims"]:
    table = name.replace("-", "_")
    layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
    if not layer.isValid():
        problems.append(f"{table}: QGIS cannot open it")
        continue
    with open(os.path.join(out, f"{name}.geojson"), encoding="utf-8") as fh:
        expected = len(json.load(fh)["features"])
    with open(os.path.join(out, f"{name}.qml"), encoding="utf-8") as fh:
        wanted = "categorizedSymbol" if "categorizedSymbol" in fh.read() else "singleSymbol"
    renderer = layer.renderer().type()
    styles = layer.listStylesInDatabase()
    print(f"{table}: {layer.featureCount()} features, {renderer}, labels {'on' if layer.labelsEnabled() else 'off'}, "
          f"{styles[0]} stored styles")
    if layer.featureCount() != expected:
        problems.append(f"{table}: {layer.featureCount()} features, the GeoJSON has {expected}")
    if renderer != wanted:
        problems.append(f"{table}: renderer {renderer}, its style says {wanted}")
    if wanted == "categorizedSymbol" and not layer.renderer().categories():
        problems.append(f"{table}: no categories")
# The layers go before QGIS does, or it crashes on the way out.
del layer
app.exitQgis()
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("all checks passed")
