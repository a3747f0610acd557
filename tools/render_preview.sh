#!/usr/bin/env bash
# Renders docs/preview.png from the layers in output/ with GDAL alone
# (gdal_create, ogr2ogr with the SQLite dialect, gdal_rasterize,
# gdal_translate), so the README can show what the layers hold.
# Needs gdal-bin. Run from the repository root after `cargo run --release -- build`.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=docs/preview.png

# Algeria and its western neighbours, 0.015 degree per pixel (plate carrée).
gdal_create -q -of GTiff -outsize 1534 834 -bands 3 -ot Byte \
  -burn 250 -burn 248 -burn 240 -a_srs EPSG:4326 -a_ullr -13 38 10 25.5 "$work/map.tif"

# burn LAYER SQL R G B: buffer in degrees so lines and points show at this scale.
burn() {
  ogr2ogr -q -f GeoJSON "$work/$1.geojson" "output/$2.geojson" -dialect sqlite -sql "$3"
  gdal_rasterize -q -at -b 1 -b 2 -b 3 -burn "$4" -burn "$5" -burn "$6" "$work/$1.geojson" "$work/map.tif"
}

burn claims-bad claims "SELECT ST_Buffer(ST_Boundary(geometry), 0.012) AS geometry FROM claims WHERE verdict <> 'consistent'" 215 48 39
burn claims-ok claims "SELECT ST_Buffer(ST_Boundary(geometry), 0.012) AS geometry FROM claims WHERE verdict = 'consistent'" 26 152 80
burn agreed borders "SELECT ST_Buffer(geometry, 0.014) AS geometry FROM borders WHERE disputed = 0" 37 37 37
burn disputed borders "SELECT ST_Buffer(geometry, 0.03) AS geometry FROM borders WHERE disputed = 1" 227 26 28
burn links border-links "SELECT ST_Buffer(geometry, 0.01) AS geometry FROM \"border-links\"" 49 130 189
burn towns sites "SELECT ST_Buffer(geometry, 0.07) AS geometry FROM sites WHERE kind <> 'training_ground'" 82 82 82
burn ranges sites "SELECT ST_Buffer(geometry, 0.1) AS geometry FROM sites WHERE kind = 'training_ground'" 215 48 31

gdal_translate -q -of PNG "$work/map.tif" "$out"
rm -f "$out.aux.xml"
echo "wrote $out"
