// Opens OUTPUT/index.html as a file:// URL in headless Chromium (Debian's,
// /usr/bin/chromium), as a reader double-clicking it would, and checks:
// no console error, no failed request, every feature of every layer drawn,
// every event (with or without a site) in the timeline, the date filter
// and the label languages working. Saves a screenshot.
//
//   node tools/web/check.mjs output docs/web.png
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [out, png] = process.argv.slice(2);
const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push(`network request: ${r.url()}`); });

await page.goto(pathToFileURL(resolve(out, "index.html")).href);
await page.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready, null, { timeout: 15000 });
const stats = await page.evaluate(() => window.SANDTABLE_STATS);

// The farther measurement lines are made when their layer is switched on.
await page.evaluate(() => {
  const item = [...document.querySelectorAll(".leaflet-control-layers-overlays label")]
    .find((l) => l.textContent.includes("other borders"));
  if (item) item.querySelector("input").click();
});
const drawnNow = await page.evaluate(() => window.SANDTABLE_STATS.drawn);
for (const name of ["land", "coast", "borders", "border-links", "claims", "events", "sites"]) {
  const file = JSON.parse(readFileSync(resolve(out, `${name}.geojson`), "utf8"));
  const drawn = drawnNow[name] || 0;
  console.log(`${name}: ${drawn} of ${file.features.length} features drawn`);
  if (drawn !== file.features.length) problems.push(`${name}: ${drawn} of ${file.features.length} drawn`);
}

const events = await page.evaluate(() => window.SANDTABLE.events.map((e) => e.id));
const rows = await page.locator("#timeline .row").evaluateAll((els) => els.map((e) => e.dataset.event));
console.log(`timeline: ${rows.length} rows for ${events.length} events`);
for (const id of events) if (!rows.includes(id)) problems.push(`event ${id} missing from the timeline`);

const labels = await page.locator(".site-label").allTextContents();
console.log(`site labels: ${stats.labelled} prepared, ${stats.labels} placed`);
if (stats.labelled !== (stats.drawn.sites || 0)) problems.push(`${stats.labelled} site labels for ${stats.drawn.sites} sites`);
if (!stats.empty && labels.length < 1) problems.push("no site label placed");

// The story of map.toml on the page; the key; the uncertainty circles.
const story = await page.evaluate(() => ({
  title: document.getElementById("title").textContent,
  wanted: window.SANDTABLE.story.texts.en.title,
  key: document.querySelectorAll("#key li").length,
  circles: window.SANDTABLE_STATS.uncertainty,
  precise: window.SANDTABLE.layers.sites.features.filter((f) => f.properties.precision_m > 0).length,
}));
console.log(`title: "${story.title}"; key: ${story.key} entries; uncertainty circles: ${story.circles}`);
if (story.title !== story.wanted) problems.push(`title "${story.title}", map.toml says "${story.wanted}"`);
if (!stats.empty && story.key < 5) problems.push(`the key has ${story.key} entries`);
if (story.circles !== story.precise) problems.push(`${story.circles} uncertainty circles for ${story.precise} sites`);

await page.screenshot({ path: png });
console.log(`wrote ${png}`);

if (stats.empty) {
  // An empty dataset: the world and a message, nothing else to check.
  const note = await page.locator("#empty-note").textContent();
  console.log(`empty dataset: "${note}"`);
  await browser.close();
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
  console.log("all checks passed");
  process.exit(0);
}
// The date filter hides what falls outside; the languages switch labels.
await page.fill("#from", "2022-11-20");
await page.fill("#to", "2022-11-21");
await page.dispatchEvent("#to", "change");
const shown = await page.evaluate(() => window.SANDTABLE_STATS.shown);
const visibleRows = await page.locator("#timeline .row:not(.hidden)").count();
console.log(`20–21 Nov 2022: ${shown} events shown`);
if (shown !== visibleRows || shown < 1 || shown >= events.length) problems.push(`date filter shows ${shown}`);
// Export: the events shown, as CSV and GeoJSON; the view as a PNG.
const exported = await page.evaluate(() => {
  const x = window.SANDTABLE_EXPORT;
  return { csv: x.csv(), geojson: JSON.parse(x.geojson()), png: x.png() };
});
const csvRows = exported.csv.trim().split("\r\n").length - 1;
console.log(`export: ${csvRows} CSV rows, ${exported.geojson.features.length} GeoJSON features, PNG ${exported.png.length} bytes as a data URL`);
if (csvRows !== shown) problems.push(`CSV export has ${csvRows} rows for ${shown} events shown`);
if (!exported.png.startsWith("data:image/png;base64,") || exported.png.length < 20000) problems.push("PNG export failed");
// The title strip above the map stays white: the map is drawn only in its
// frame (Leaflet's canvas reaches beyond the view).
const strip = await page.evaluate(async (url) => {
  const img = new Image();
  img.src = url;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  return [[2, 2], [2, 128], [img.width - 3, 128]].map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data).join(","));
}, exported.png);
if (strip.some((p) => p !== "255,255,255,255")) problems.push(`PNG export: the map spills over the title strip (${strip.join(" ")})`);
await page.selectOption("#language", "ar");
const arabic = await page.locator(".site-label").allTextContents();
if (!arabic.some((t) => /[\u0600-\u06FF]/.test(t))) problems.push("no Arabic label after switching");
// The whole interface in Arabic: every control's words, the title, the key.
const arabicUi = await page.evaluate(() => [...document.querySelectorAll("[data-word], #title, #key summary")]
  .map((el) => el.textContent).filter((t) => !/[\u0600-\u06FF]/.test(t)));
if (arabicUi.length) problems.push(`left in English after choosing Arabic: ${arabicUi.join(" | ")}`);
const timing = await page.evaluate(() => ({ load: window.SANDTABLE_STATS.loadMs, filter: window.SANDTABLE_STATS.filterMs, language: window.SANDTABLE_STATS.languageMs }));
console.log(`timing: load ${timing.load.toFixed(0)} ms, filter ${timing.filter.toFixed(1)} ms, language ${timing.language.toFixed(1)} ms`);


// No two visible labels overlap at the first view, on a desktop and a phone.
async function overlaps(p) {
  return p.evaluate(() => {
    const boxes = [...document.querySelectorAll(".site-label")]
      .filter((el) => el.style.display !== "none")
      .map((el) => el.getBoundingClientRect());
    let n = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
      }
    return n;
  });
}
const url = pathToFileURL(resolve(out, "index.html")).href;
for (const [width, height] of [[1400, 900], [390, 844]]) {
  const view = await browser.newPage({ viewport: { width, height } });
  await view.goto(url);
  await view.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready);
  const n = await overlaps(view);
  const axis = await view.evaluate(() => {
    const ticks = [...document.querySelectorAll(".axis span")].map((el) => el.getBoundingClientRect());
    return ticks.filter((a, i) => i > 0 && ticks[i - 1].right + 4 > a.left).length;
  });
  const collapsed = await view.locator(".leaflet-control-layers-expanded").count();
  console.log(`${width}×${height}: ${n} overlapping labels, ${axis} crowded years on the axis, layer switcher ${collapsed ? "open" : "folded"}`);
  if (n) problems.push(`${n} overlapping labels at ${width}×${height}`);
  if (axis) problems.push(`${axis} years run together on the axis at ${width}×${height}`);
  if (width < 600 && collapsed) problems.push("the layer switcher is open on a phone");
  await view.close();
}

// Keyboard alone selects every event: Tab to each timeline row, Enter.
const keys = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await keys.goto(url);
await keys.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready);
let selected = 0;
for (const id of events) {
  await keys.focus(`#timeline .row[data-event="${id}"]`);
  await keys.keyboard.press("Enter");
  const now = await keys.evaluate(() => window.SANDTABLE_STATS.selected);
  if (now === id) selected++;
  else problems.push(`keyboard: ${id} not selected`);
}
const focusable = await keys.locator('#timeline .row[tabindex="0"][role="button"]').count();
console.log(`keyboard: ${selected} of ${events.length} events selected; ${focusable} rows focusable`);
await keys.close();

// A link keeps the view: #event=…&lang=ar opens that event, right to left.
if (events.length) {
  const first = events.find((id) => true);
  const link = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await link.goto(`${url}#event=${encodeURIComponent(first)}&lang=ar`);
  await link.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready);
  const got = await link.evaluate(() => ({
    selected: window.SANDTABLE_STATS.selected,
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    hash: location.hash,
  }));
  console.log(`link #event=${first}&lang=ar: selected ${got.selected}, dir ${got.dir}, lang ${got.lang}`);
  if (got.selected !== first || got.dir !== "rtl" || got.lang !== "ar") problems.push(`link: ${JSON.stringify(got)}`);
  if (!got.hash.includes(`event=${encodeURIComponent(first)}`)) problems.push(`the fragment lost the event: ${got.hash}`);
  await link.close();
}

// Clicks on the map: a site's dot opens the site, the ring around it the
// event there (above the land and the claim circles).
if (!stats.empty) {
  const click = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await click.goto(url);
  await click.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready);
  // Where a target is now (an opened popup may have panned the map).
  const where = (t) => click.evaluate(([lat, lon]) => {
    const box = document.getElementById("map").getBoundingClientRect();
    const p = window.SANDTABLE_STATS.screenPoint(lat, lon);
    return { x: box.left + p.x, y: box.top + p.y };
  }, [t.lat, t.lon]);
  const targets = (await click.evaluate(() => window.SANDTABLE.layers.events.features.map((f) => {
    const site = window.SANDTABLE.layers.sites.features.find((s) => s.id === f.properties.site_id);
    return { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0], event: f.properties.name, site: site.properties.name };
  })));
  const heading = async () => {
    await click.waitForTimeout(400); // a closing popup fades out
    const found = click.locator(".leaflet-popup-content h3");
    return (await found.count()) ? (await found.last().textContent()).trim() : "(nothing)";
  };
  // Each click on a clear map: an open popup would take it.
  const clickAt = async (target, dx) => {
    await click.evaluate(() => document.querySelectorAll(".leaflet-popup-close-button").forEach((b) => b.click()));
    await click.waitForTimeout(300);
    const { x, y } = await where(target);
    await click.mouse.click(x + dx, y);
    return heading();
  };
  let right = 0;
  for (const target of targets) {
    const onDot = await clickAt(target, 0);
    const onRing = await clickAt(target, 9);
    // Two events at one site share a ring: either is right.
    const atSite = targets.filter((t) => t.site === target.site).map((t) => t.event);
    if (onDot === target.site && atSite.includes(onRing)) right++;
    else problems.push(`click at ${target.site}: dot opened "${onDot}", ring opened "${onRing}"`);
  }
  console.log(`clicks: ${right} of ${targets.length} events: the dot opens the site, the ring the event`);
  await click.close();
}

// In an iframe: the wheel scrolls the article until the map is clicked,
// and the page posts its height to the parent.
{
  const host = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const parent = resolve(out, "..", "embed-check.html");
  const { writeFileSync, rmSync } = await import("node:fs");
  writeFileSync(parent, `<!DOCTYPE html><script>window.heights=[];addEventListener("message",(e)=>{if(e.data&&e.data.sandtable==="height")heights.push(e.data.height)})</script><iframe src="${url}" width=900 height=600></iframe>`);
  await host.goto(pathToFileURL(parent).href);
  const frame = host.frames()[1];
  await frame.waitForFunction(() => window.SANDTABLE_STATS && window.SANDTABLE_STATS.ready);
  await host.waitForFunction(() => window.heights.length > 0, null, { timeout: 5000 }).catch(() => {});
  const embed = await frame.evaluate(() => ({ embedded: !!window.SANDTABLE_STATS.embedded }));
  const heights = await host.evaluate(() => window.heights);
  // The wheel over the map: no zoom before a click on the map, a zoom after.
  // Where the map's centre is now: the wheel may have scrolled the page.
  const centreNow = async () => {
    const box = await (await frame.$("#map")).boundingBox();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const spot = () => frame.evaluate(() => window.SANDTABLE_STATS.screenPoint(60, 30));
  const wheel = async () => {
    const before = await spot();
    const centre = await centreNow();
    await host.mouse.move(centre.x, centre.y);
    await host.mouse.wheel(0, -400);
    await host.waitForTimeout(700);
    const after = await spot();
    return Math.hypot(after.x - before.x, after.y - before.y) > 1;
  };
  const zoomedBefore = await wheel();
  const centre = await centreNow();
  await host.mouse.click(centre.x, centre.y);
  // The click opens a popup (the land there), which keeps the wheel to
  // itself: closed, so the wheel meets the map.
  await frame.evaluate(() => document.querySelectorAll(".leaflet-popup-close-button").forEach((b) => b.click()));
  await host.waitForTimeout(300);
  const zoomedAfter = await wheel();
  rmSync(parent);
  console.log(`iframe: embedded ${embed.embedded}, posted heights ${JSON.stringify(heights)}, wheel zooms before a click ${zoomedBefore}, after ${zoomedAfter}`);
  if (!embed.embedded || !heights.length || !(heights[0] > 600)) problems.push(`embedding: ${JSON.stringify({ embed, heights })}`);
  if (zoomedBefore || !zoomedAfter) problems.push(`embedding: the wheel zoomed before a click ${zoomedBefore}, after ${zoomedAfter}`);
  await host.close();
}

await browser.close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("all checks passed");
