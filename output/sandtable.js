// The sandtable web map: the layers of `sandtable build` on the bundled land
// and coastline, labels in three languages, popups with every fact and its
// sources, and a timeline of the events' possible dates with a date filter.
(function () {
  "use strict";
  var data = window.SANDTABLE;
  var stats = { drawn: {}, timeline: 0, errors: [] };
  window.SANDTABLE_STATS = stats;

  var colours = {
    training_ground: "#d7301f", exercise: "#d7301f", base: "#984ea3", naval_exercise: "#984ea3",
    port: "#2171b5", port_call: "#2171b5", city: "#525252", visit: "#525252",
    capital: "#000000", meeting: "#000000", sea_area: "#41b6c4", agreement: "#41b6c4",
    region: "#fd8d3c", ceremony: "#fd8d3c", airfield: "#737373", other: "#969696",
    consistent: "#1a9850", overstated: "#d73027", understated: "#d73027",
    inconsistent: "#d73027", unverifiable: "#969696"
  };

  function esc(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  function table(props, skip) {
    var rows = Object.keys(props).filter(function (k) {
      return props[k] !== null && props[k] !== "" && skip.indexOf(k) < 0 && k.indexOf("-") < 0;
    }).map(function (k) {
      return "<tr><td>" + esc(k.replace(/_/g, " ")) + "</td><td>" + esc(props[k]) + "</td></tr>";
    });
    return "<table>" + rows.join("") + "</table>";
  }

  var map = L.map("map", { preferCanvas: false, worldCopyJump: true, zoomSnap: 0.25 });
  map.attributionControl.addAttribution("Boundaries, land and coast © OpenStreetMap contributors (ODbL) · <a href=\"https://leafletjs.com\">Leaflet</a>");
  L.control.scale({ imperial: false }).addTo(map);

  function count(name, layer) {
    stats.drawn[name] = (stats.drawn[name] || 0) + 1;
    return layer;
  }

  var land = L.geoJSON(data.layers.land, {
    style: { color: "#9a927e", weight: 0.6, fillColor: "#efe9d8", fillOpacity: 1 },
    onEachFeature: function (f, layer) { count("land", layer); layer.bindPopup("<div class=popup><h3>" + esc(f.properties.name) + "</h3>" + esc(f.properties.name_ar) + " · " + esc(f.properties.name_ru) + "</div>"); }
  }).addTo(map);
  var coast = L.geoJSON(data.layers.coast, {
    style: { color: "#4a90b8", weight: 1 }, interactive: false,
    onEachFeature: function (f, layer) { count("coast", layer); }
  }).addTo(map);
  var borders = L.geoJSON(data.layers.borders, {
    style: function (f) {
      return f.properties.disputed ? { color: "#e31a1c", weight: 3, dashArray: "6 5" } : { color: "#252525", weight: 2 };
    },
    onEachFeature: function (f, layer) { count("borders", layer); layer.bindPopup("<div class=popup><h3>" + esc(f.properties.title) + "</h3>" + table(f.properties, ["title"]) + "</div>"); }
  }).addTo(map);
  var links = L.geoJSON(data.layers["border-links"], {
    style: function (f) {
      return { color: f.properties.status === "disputed" ? "#e31a1c" : (f.properties.status ? "#3182bd" : "#1b9e77"), weight: 2, dashArray: "2 4" };
    },
    onEachFeature: function (f, layer) { count("border-links", layer); layer.bindPopup("<div class=popup><h3>" + esc(f.properties.title) + "</h3>" + table(f.properties, ["title"]) + "</div>"); }
  }).addTo(map);
  var claims = L.geoJSON(data.layers.claims, {
    style: function (f) { var c = colours[f.properties.verdict] || "#969696"; return { color: c, weight: 2, fillColor: c, fillOpacity: 0.1 }; },
    onEachFeature: function (f, layer) { count("claims", layer); layer.bindPopup("<div class=popup><h3>" + esc(f.properties.title) + "</h3>" + table(f.properties, ["title"]) + "</div>"); }
  }).addTo(map);

  var eventsById = {};
  data.events.forEach(function (e) { eventsById[e.id] = e; });

  function eventPopup(e) {
    var sources = e.sources.map(function (s) {
      return "<li>" + esc(s.outlet || "outlet not stated") + ": " + esc(s.title) + " (" + esc(s.published || "date unknown") + ")</li>";
    }).join("");
    var verdicts = e.verdicts.map(function (v) { return "<li>" + esc(v) + "</li>"; }).join("");
    return "<div class=popup><h3>" + esc(e.name) + "</h3><table>" +
      "<tr><td>kind</td><td>" + esc(e.kind.replace(/_/g, " ")) + "</td></tr>" +
      "<tr><td>date</td><td>" + esc(e.date || "unknown") + (e.start ? " (" + esc(e.start) + " – " + esc(e.end) + ")" : "") + "</td></tr>" +
      "<tr><td>status</td><td>" + esc(e.status) + "</td></tr>" +
      "<tr><td>sites</td><td>" + esc(e.sites.join(", ") || "not stated") + "</td></tr>" +
      (e.conflicts.length ? "<tr><td>sources disagree on</td><td>" + esc(e.conflicts.join(", ")) + "</td></tr>" : "") +
      "</table><b>Sources</b><ul>" + sources + "</ul>" + (verdicts ? "<b>Claims</b><ul>" + verdicts + "</ul>" : "") + "</div>";
  }

  var eventMarkers = [];
  var events = L.geoJSON(data.layers.events, {
    pointToLayer: function (f, at) {
      return L.circleMarker(at, { radius: 9, color: colours[f.properties.kind] || "#737373", weight: 2, fill: false, dashArray: f.properties.conflicting ? "3 3" : null });
    },
    onEachFeature: function (f, layer) {
      count("events", layer);
      layer.eventId = f.properties.event_id;
      eventMarkers.push(layer);
      layer.bindPopup(eventPopup(eventsById[f.properties.event_id]));
    }
  }).addTo(map);

  var siteMarkers = [];
  var sites = L.geoJSON(data.layers.sites, {
    pointToLayer: function (f, at) {
      return L.circleMarker(at, { radius: 5, color: "#fff", weight: 1, fillColor: colours[f.properties.kind] || "#737373", fillOpacity: 1 });
    },
    onEachFeature: function (f, layer) {
      count("sites", layer);
      siteMarkers.push(layer);
      var here = data.events.filter(function (e) { return e.sites.indexOf(f.id) >= 0; });
      layer.bindPopup("<div class=popup><h3>" + esc(f.properties.name) + "</h3>" + table(f.properties, ["title", "name"]) +
        (here.length ? "<b>Events</b><ul>" + here.map(function (e) { return "<li>" + esc(e.name) + " (" + esc(e.date || "date unknown") + ")</li>"; }).join("") + "</ul>" : "") + "</div>");
    }
  }).addTo(map);

  function label(language) {
    siteMarkers.forEach(function (m) {
      var p = m.feature.properties;
      var text = { en: p.name, ar: p.name_ar || p.name, ru: p.name_ru || p.name }[language];
      m.unbindTooltip();
      m.bindTooltip(esc(text), { permanent: true, direction: "right", offset: [6, 0], className: "label" });
      var el = m.getTooltip();
      if (el && el.getElement()) { el.getElement().setAttribute("dir", language === "ar" ? "rtl" : "ltr"); }
    });
  }
  document.getElementById("language").addEventListener("change", function (ev) { label(ev.target.value); });
  label("en");

  L.control.layers(null, {
    "Sites": sites, "Events": events, "Claims (circles)": claims, "Border links": links,
    "Boundaries": borders, "Coastline": coast, "Land": land
  }, { collapsed: false }).addTo(map);

  // The timeline: each event a bar from its earliest to its latest possible day.
  var dated = data.events.filter(function (e) { return e.start; });
  var day = 86400000;
  var t0 = Math.min.apply(null, dated.map(function (e) { return Date.parse(e.start); }));
  var t1 = Math.max.apply(null, dated.map(function (e) { return Date.parse(e.end); })) + day;
  var span = Math.max(t1 - t0, day);
  var box = document.getElementById("timeline");
  var axis = document.createElement("div");
  axis.className = "axis";
  for (var y = new Date(t0).getUTCFullYear(); y <= new Date(t1).getUTCFullYear(); y++) {
    var at = (Date.UTC(y, 0, 1) - t0) / span;
    if (at >= 0 && at <= 1) {
      var tick = document.createElement("span");
      tick.style.left = (100 * at) + "%";
      tick.textContent = y;
      axis.appendChild(tick);
    }
  }
  box.appendChild(axis);
  var rows = data.events.map(function (e) {
    var row = document.createElement("div");
    row.className = "row";
    row.dataset.event = e.id;
    var name = document.createElement("div");
    name.className = "name";
    name.textContent = e.name + (e.sites.length ? "" : " (no site)");
    name.title = e.name + " — " + (e.date || "date unknown");
    var track = document.createElement("div");
    track.className = "track";
    if (e.start) {
      var bar = document.createElement("div");
      bar.className = "bar" + (e.conflicts.length ? " conflicting" : "");
      bar.style.left = (100 * (Date.parse(e.start) - t0) / span) + "%";
      bar.style.width = (100 * (Date.parse(e.end) + day - Date.parse(e.start)) / span) + "%";
      bar.style.background = colours[e.kind] || "#737373";
      bar.title = e.date + (e.conflicts.length ? " — sources disagree on " + e.conflicts.join(", ") : "");
      track.appendChild(bar);
    } else {
      track.className += " undated";
      track.textContent = "date unknown";
    }
    row.appendChild(name);
    row.appendChild(track);
    row.addEventListener("click", function () {
      var m = eventMarkers.filter(function (x) { return x.eventId === e.id; })[0];
      if (m) { map.panTo(m.getLatLng()); m.openPopup(); } else { L.popup().setLatLng(map.getCenter()).setContent(eventPopup(e)).openOn(map); }
    });
    box.appendChild(row);
    stats.timeline += 1;
    return { event: e, row: row };
  });

  // The date filter: hide what cannot fall inside [from, to].
  var from = document.getElementById("from"), to = document.getElementById("to");
  function visible(e) {
    if (!from.value && !to.value) { return true; }
    if (!e.start) { return false; }
    return (!to.value || e.start <= to.value) && (!from.value || e.end >= from.value);
  }
  function filter() {
    var shown = 0;
    rows.forEach(function (r) {
      var v = visible(r.event);
      r.row.classList.toggle("hidden", !v);
      if (v) { shown += 1; }
    });
    eventMarkers.forEach(function (m) {
      var v = visible(eventsById[m.eventId]);
      if (v && !events.hasLayer(m)) { events.addLayer(m); }
      if (!v && events.hasLayer(m)) { events.removeLayer(m); }
    });
    document.getElementById("shown").textContent = shown + " of " + rows.length + " events";
    stats.shown = shown;
  }
  from.addEventListener("change", filter);
  to.addEventListener("change", filter);
  document.getElementById("all-dates").addEventListener("click", function () { from.value = ""; to.value = ""; filter(); });
  filter();
  // The timeline now has its height: fit the map to the sites.
  map.invalidateSize();
  if (sites.getLayers().length > 0) {
    map.fitBounds(sites.getBounds().pad(0.05));
  } else {
    // Nothing placed yet: the area of the context layers, and a word on
    // what to do.
    if (land.getLayers().length > 0) {
      map.fitBounds(land.getBounds());
    } else {
      map.setView([20, 0], 2);
    }
    var note = L.control({ position: "topright" });
    note.onAdd = function () {
      var div = L.DomUtil.create("div", "empty-note");
      div.id = "empty-note";
      div.textContent = "No sites to show yet: add them to sites.csv (sandtable add site) and build again.";
      return div;
    };
    note.addTo(map);
    stats.empty = true;
  }
  stats.ready = true;
})();
