#!/usr/bin/env python3
"""The map at scale: a dataset of N sites and N events (the generator of
benches/scale.py), built, then opened as readers open it and timed.

    cargo build --release && (cd tools/web && npm ci)
    python3 benches/map_scale.py 1000 10000

For each size prints: `build` seconds; the size of `data.js`; in Chromium
(file://, 1400×900) the time until the page is ready, a date-filter change
and a language switch (each until the next frame is painted), and the JS
heap; in QGIS (headless PyQGIS) the time
to render the project's initial view with labels, and how many site labels
were placed (placed by priority, not forced, above 100 sites).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from scale import BIN, make  # noqa: E402

CHROMIUM = r"""
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const began = Date.now();
await page.goto(pathToFileURL(process.argv[2]).href);
await page.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready, null, { timeout: 600000 });
const ready = Date.now() - began;
// Each change timed until the next frame is painted (the browser's style
// and layout work included, not only the script's).
const filter = await page.evaluate(async () => {
  const t0 = performance.now();
  document.getElementById("from").value = "2022-03-01";
  document.getElementById("from").dispatchEvent(new Event("change"));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
});
const language = await page.evaluate(async () => {
  const t0 = performance.now();
  const picker = document.getElementById("language");
  picker.value = "ar";
  picker.dispatchEvent(new Event("change"));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
});
const heap = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
const stats = await page.evaluate(() => window.SANDTABLE_STATS);
// The timeline keeps only the rows in sight in the page: the keyboard must
// still reach every row (the arrow keys and Tab), and the last row be there
// once scrolled to.
await page.evaluate(() => { document.getElementById("from").value = ""; document.getElementById("from").dispatchEvent(new Event("change")); });
const ids = await page.evaluate(() => window.SANDTABLE.events.map((e) => e.id));
await page.focus("#timeline .row");
for (let i = 0; i < 50; i++) await page.keyboard.press("ArrowDown");
for (let i = 0; i < 20; i++) await page.keyboard.press("Tab");
const focused = await page.evaluate(() => document.activeElement.dataset.event);
await page.evaluate(() => { const b = document.getElementById("timeline"); b.scrollTop = b.scrollHeight; });
await page.waitForTimeout(300);
const last = await page.evaluate(() => [...document.querySelectorAll("#timeline .row")].map((r) => r.dataset.event).pop());
const rows = await page.locator("#timeline .row").count();
const keyboard = focused === ids[Math.min(70, ids.length - 1)] && last === ids[ids.length - 1];
console.log(JSON.stringify({ ready, filter, language, heap, labels: stats.labels, sites: stats.drawn.sites || 0, keyboard, rows }));
await browser.close();
"""

QGIS = r"""
import sys, time
from qgis.core import QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject
from qgis.PyQt.QtCore import QSize
app = QgsApplication([], False); app.initQgis()
project = QgsProject.instance(); project.read(sys.argv[1])
canvas = project.viewSettings().defaultViewExtent()
layers = [n.layer() for n in project.layerTreeRoot().findLayers()]
settings = QgsMapSettings(); settings.setLayers(layers); settings.setDestinationCrs(project.crs())
import xml.etree.ElementTree as ET
from qgis.core import QgsRectangle
e = ET.parse(sys.argv[1]).getroot().find("mapcanvas/extent")
settings.setExtent(QgsRectangle(*[float(e.find(k).text) for k in ("xmin", "ymin", "xmax", "ymax")]))
settings.setOutputSize(QSize(1600, 1100)); settings.setFlag(QgsMapSettings.DrawLabeling, True)
t0 = time.perf_counter()
job = QgsMapRendererSequentialJob(settings); job.start(); job.waitForFinished()
seconds = time.perf_counter() - t0
sites = [l for l in layers if l.name() == "sites"][0]
placed = len({x.featureId for x in job.takeLabelingResults().allLabels() if x.layerID == sites.id() and not x.isUnplaced})
print(f"{seconds:.2f} {placed} {sites.featureCount()}")
"""


def main(sizes):
    for n in sizes:
        with tempfile.TemporaryDirectory() as dir:
            make(dir, n)
            out = os.path.join(dir, "out")
            t0 = time.perf_counter()
            subprocess.run([BIN, "build", "--data", dir, "--out", out], check=True, capture_output=True)
            build = time.perf_counter() - t0
            size = os.path.getsize(os.path.join(out, "data.js")) / 1e6
            script = os.path.join(REPO, "tools", "web", "map-scale.mjs")
            with open(script, "w") as f:
                f.write(CHROMIUM)
            try:
                page = json.loads(subprocess.run(["node", script, os.path.join(out, "index.html")], check=True,
                                                 capture_output=True, text=True, cwd=os.path.dirname(script)).stdout)
            finally:
                os.remove(script)
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            qgis = subprocess.run(["/usr/bin/python3", "-c", QGIS, os.path.join(out, "sandtable.qgs")], env=env,
                                  check=True, capture_output=True, text=True).stdout.split()
            print(f"{n:>6} sites+events  build {build:6.2f} s  data.js {size:5.1f} MB  "
                  f"Chromium: ready {page['ready'] / 1000:5.2f} s, filter {page['filter']:6.1f} ms, "
                  f"language {page['language']:6.1f} ms, heap {page['heap'] / 1e6:5.0f} MB, "
                  f"{page['labels']} labels placed, {page['rows']} timeline rows in the page, "
                  f"keyboard reaches row 71 and the last {'yes' if page['keyboard'] else 'NO'}  |  QGIS: render {float(qgis[0]):5.2f} s, "
                  f"{qgis[1]} of {qgis[2]} site labels placed", flush=True)


main([int(a) for a in sys.argv[1:]] or [1000, 10000])
