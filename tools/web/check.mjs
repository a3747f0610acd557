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

for (const name of ["land", "coast", "borders", "border-links", "claims", "events", "sites"]) {
  const file = JSON.parse(readFileSync(resolve(out, `${name}.geojson`), "utf8"));
  const drawn = stats.drawn[name] || 0;
  console.log(`${name}: ${drawn} of ${file.features.length} features drawn`);
  if (drawn !== file.features.length) problems.push(`${name}: ${drawn} of ${file.features.length} drawn`);
}
const svgPaths = await page.locator(".leaflet-overlay-pane path").count();
console.log(`SVG paths on the map: ${svgPaths}`);

const events = await page.evaluate(() => window.SANDTABLE.events.map((e) => e.id));
const rows = await page.locator("#timeline .row").evaluateAll((els) => els.map((e) => e.dataset.event));
console.log(`timeline: ${rows.length} rows for ${events.length} events`);
for (const id of events) if (!rows.includes(id)) problems.push(`event ${id} missing from the timeline`);

const labels = await page.locator(".leaflet-tooltip.label").allTextContents();
console.log(`site labels: ${labels.length}`);
if (labels.length !== (stats.drawn.sites || 0)) problems.push(`${labels.length} site labels`);

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
await page.selectOption("#language", "ar");
const arabic = await page.locator(".leaflet-tooltip.label").allTextContents();
if (!arabic.some((t) => /[\u0600-\u06FF]/.test(t))) problems.push("no Arabic label after switching");


// No two visible labels overlap at the first view, on a desktop and a phone.
async function overlaps(p) {
  return p.evaluate(() => {
    const boxes = [...document.querySelectorAll(".leaflet-tooltip.label")]
      .filter((el) => el.style.visibility !== "hidden")
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
  console.log(`${width}×${height}: ${n} overlapping labels`);
  if (n) problems.push(`${n} overlapping labels at ${width}×${height}`);
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

await browser.close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("all checks passed");
