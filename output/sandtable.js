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
  // Credits only: no flag or other prefix beside them.
  map.attributionControl.setPrefix(false);
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
  // Measurement lines, never in a boundary's style: thin grey, the
  // distance on hover; each site's nearest shown, the others on request.
  function linkLayer(nearest) {
    return L.geoJSON(data.layers["border-links"], {
      filter: function (f) { return !!f.properties.nearest === nearest; },
      style: { color: "#636363", weight: 1.2, opacity: 0.9 },
      onEachFeature: function (f, layer) {
        count("border-links", layer);
        layer.bindTooltip(esc(f.properties.distance_km.toFixed(0)) + " km", { sticky: true });
        layer.bindPopup("<div class=popup><h3>" + esc(f.properties.title) + "</h3>" + table(f.properties, ["title"]) + "</div>");
      }
    });
  }
  var links = linkLayer(true).addTo(map);
  var moreLinks = linkLayer(false);
  var claims = L.geoJSON(data.layers.claims, {
    style: function (f) { var c = colours[f.properties.verdict] || "#969696"; return { color: c, weight: 2, fillColor: c, fillOpacity: 0.1 }; },
    onEachFeature: function (f, layer) { count("claims", layer); layer.bindPopup("<div class=popup><h3>" + esc(f.properties.title) + "</h3>" + table(f.properties, ["title"]) + "</div>"); }
  }).addTo(map);

  var eventsById = {};
  data.events.forEach(function (e) { eventsById[e.id] = e; });

  // A date as a person writes it: "16–28 November 2022", "October 2022".
  function humanDate(e) {
    if (!e.start) { return "date unknown"; }
    var lang = document.documentElement.lang || "en";
    var fmt = function (iso, opts) { return new Intl.DateTimeFormat(lang, Object.assign({ timeZone: "UTC" }, opts)).format(new Date(iso + "T00:00:00Z")); };
    var a = e.start, b = e.end;
    if (a === b) { return fmt(a, { day: "numeric", month: "long", year: "numeric" }); }
    var sameMonth = a.slice(0, 7) === b.slice(0, 7);
    var wholeMonth = a.slice(8) === "01" && new Date(Date.parse(b + "T00:00:00Z") + 86400000).getUTCDate() === 1;
    if (sameMonth && wholeMonth) { return fmt(a, { month: "long", year: "numeric" }); }
    if (a.slice(5) === "01-01" && b.slice(5) === "12-31" && a.slice(0, 4) === b.slice(0, 4)) { return a.slice(0, 4); }
    return fmt(a, { day: "numeric", month: "long", year: "numeric" }) + " – " + fmt(b, { day: "numeric", month: "long", year: "numeric" });
  }

  function eventPopup(e) {
    var sources = e.sources.map(function (s) {
      var seen = {};
      var quotes = e.quotes.filter(function (q) {
        var fresh = q.source === s.id && !seen[q.quote];
        seen[q.quote] = true;
        return fresh;
      }).map(function (q) {
        return "<blockquote dir=auto lang=\"" + esc(q.lang) + "\">" + esc(q.quote) + "</blockquote>";
      }).join("");
      var links = (s.url ? " <a href=\"" + esc(s.url) + "\" rel=noopener>article</a>" : "") +
        (s.archive_url ? " · <a href=\"" + esc(s.archive_url) + "\" rel=noopener>archived copy</a>" : "");
      return "<li><b>" + esc(s.outlet || "outlet not stated") + "</b>, " + esc(s.published || "date unknown") +
        ": <span dir=auto>" + esc(s.title) + "</span>" + links + quotes + "</li>";
    }).join("");
    var verdicts = e.verdicts.map(function (v) { return "<li>" + esc(v) + "</li>"; }).join("");
    var where = e.sites.map(function (id) {
      var m = siteMarkers.filter(function (x) { return x.feature.id === id; })[0];
      return m ? m.feature.properties.name : id;
    }).join(", ");
    return "<div class=popup><h3>" + esc(e.name) + "</h3><p>" +
      esc(e.kind.replace(/_/g, " ")) + ", " + esc(humanDate(e)) + (where ? ", at " + esc(where) : ", place not stated") +
      (e.status && e.status !== "reported" ? " (" + esc(e.status) + ")" : "") + ".</p>" +
      (e.conflicts.length ? "<p class=conflict>The sources disagree on the " + esc(e.conflicts.join(", ")) + ".</p>" : "") +
      "<b>Sources</b><ul>" + sources + "</ul>" + (verdicts ? "<b>Claims checked</b><ul>" + verdicts + "</ul>" : "") + "</div>";
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
      layer.bindPopup(function () { return eventPopup(eventsById[f.properties.event_id]); }, { maxWidth: 360 });
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

  // How much a site's label matters: sites with events first, then by
  // kind (capitals, training grounds, ports before regions and seas).
  var eventCount = {};
  data.events.forEach(function (e) { e.sites.forEach(function (id) { eventCount[id] = (eventCount[id] || 0) + 1; }); });
  var kindRank = { capital: 0, training_ground: 1, base: 1, port: 2, airfield: 2, city: 3, region: 4, sea_area: 4, other: 5 };
  function labelPriority(m) {
    var p = m.feature.properties;
    return -(eventCount[m.feature.id] || 0) * 10 + (kindRank[p.kind] === undefined ? 5 : kindRank[p.kind]);
  }
  var language = "en";
  function label(lang) {
    language = lang;
    siteMarkers.forEach(function (m) {
      var p = m.feature.properties;
      var text = { en: p.name, ar: p.name_ar || p.name, ru: p.name_ru || p.name }[lang];
      var own = text === p.name ? "en" : lang;
      m.unbindTooltip();
      m.bindTooltip(esc(text), { permanent: true, direction: lang === "ar" ? "left" : "right", offset: [lang === "ar" ? -6 : 6, 0], className: "label" });
      var el = m.getTooltip();
      if (el && el.getElement()) {
        el.getElement().setAttribute("dir", own === "ar" ? "rtl" : "ltr");
        el.getElement().setAttribute("lang", own);
      }
    });
    declutter();
  }
  // Labels never collide: in order of priority, a label that would overlap
  // one already shown is hidden (its site keeps its marker and popup).
  function declutter() {
    var shown = [];
    var ordered = siteMarkers.filter(function (m) { return map.hasLayer(m) && m.getTooltip(); })
      .sort(function (a, b) { return labelPriority(a) - labelPriority(b); });
    ordered.forEach(function (m) {
      var el = m.getTooltip().getElement();
      if (!el) { return; }
      el.style.visibility = "";
      var r = el.getBoundingClientRect();
      var clash = shown.some(function (o) { return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom; });
      if (clash) { el.style.visibility = "hidden"; } else { shown.push(r); }
    });
    stats.labels = shown.length;
  }
  map.on("zoomend moveend", declutter);

  L.control.layers(null, {
    "Sites": sites, "Events": events, "Claims (circles)": claims, "Distance to nearest border": links, "Distances to other borders": moreLinks,
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
      // The colour only: the hatching of conflicting dates is a background image.
      bar.style.backgroundColor = colours[e.kind] || "#737373";
      bar.title = e.date + (e.conflicts.length ? " — sources disagree on " + e.conflicts.join(", ") : "");
      track.appendChild(bar);
    } else {
      track.className += " undated";
      track.textContent = "date unknown";
    }
    row.appendChild(name);
    row.appendChild(track);
    row.setAttribute("role", "button");
    row.tabIndex = 0;
    row.setAttribute("aria-label", e.name + ", " + (e.date || "date unknown"));
    row.addEventListener("click", function () { selectEvent(e.id); });
    row.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectEvent(e.id); }
    });
    box.appendChild(row);
    stats.timeline += 1;
    return { event: e, row: row };
  });

  // Selecting an event: its marker's popup, or, for an event with no site,
  // a panel over the map (never a popup pointing at whatever is there).
  var panel = L.control({ position: "bottomleft" });
  panel.onAdd = function () {
    var div = L.DomUtil.create("div", "event-panel");
    div.id = "event-panel";
    div.hidden = true;
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  panel.addTo(map);
  function selectEvent(id) {
    var e = eventsById[id];
    if (!e) { return; }
    rows.forEach(function (r) { r.row.classList.toggle("selected", r.event.id === id); r.row.setAttribute("aria-pressed", r.event.id === id ? "true" : "false"); });
    var m = eventMarkers.filter(function (x) { return x.eventId === id; })[0];
    var div = document.getElementById("event-panel");
    if (m) {
      div.hidden = true;
      map.panTo(m.getLatLng());
      m.openPopup();
    } else {
      map.closePopup();
      div.innerHTML = "<button type=button class=close aria-label=Close>×</button>" + eventPopup(e);
      div.hidden = false;
      div.querySelector(".close").addEventListener("click", function () { div.hidden = true; });
    }
    stats.selected = id;
    writeState({ event: id });
  }

  // The page's state in the URL fragment: #event=ID, #site=ID, #lang=ar,
  // #from=YYYY-MM-DD&to=YYYY-MM-DD, #view=LAT,LON,ZOOM; written on every
  // selection, so a link reopens the same view.
  var state = {};
  function readState() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) { out[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1)); }
    });
    return out;
  }
  function writeState(change) {
    Object.keys(change).forEach(function (k) { if (change[k]) { state[k] = change[k]; } else { delete state[k]; } });
    if (change.event) { delete state.site; }
    if (change.site) { delete state.event; }
    var text = Object.keys(state).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(state[k]); }).join("&");
    if (history.replaceState) { history.replaceState(null, "", text ? "#" + text : location.pathname + location.search); }
  }

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
  // The interface in the chosen language: Arabic right to left.
  var words = {
    en: { title: "sandtable", labels: "Labels", from: "From", to: "to", all: "All dates", of: "of", events: "events" },
    ar: { title: "sandtable", labels: "التسميات", from: "من", to: "إلى", all: "كل التواريخ", of: "من", events: "حدثا" },
    ru: { title: "sandtable", labels: "Подписи", from: "С", to: "по", all: "Все даты", of: "из", events: "событий" }
  };
  function setLanguage(lang) {
    if (!words[lang]) { return; }
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.getElementById("language").value = lang;
    document.querySelectorAll("[data-word]").forEach(function (el) { el.textContent = words[lang][el.dataset.word]; });
    label(lang);
    writeState({ lang: lang === "en" ? null : lang });
  }
  document.getElementById("language").addEventListener("change", function (ev) { setLanguage(ev.target.value); });
  map.on("moveend", function () {
    if (!stats.ready) { return; }
    var c = map.getCenter();
    writeState({ view: c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom() });
  });
  function applyState() {
    var wanted = readState();
    if (wanted.from || wanted.to) { from.value = wanted.from || ""; to.value = wanted.to || ""; filter(); }
    setLanguage(wanted.lang || "en");
    if (wanted.view) {
      var v = wanted.view.split(",").map(Number);
      if (v.length === 3 && v.every(isFinite)) { map.setView([v[0], v[1]], v[2]); }
    }
    if (wanted.event) { selectEvent(wanted.event); }
    if (wanted.site) {
      var m = siteMarkers.filter(function (x) { return x.feature.id === wanted.site; })[0];
      if (m) { m.openPopup(); state.site = wanted.site; }
    }
  }
  from.addEventListener("change", function () { writeState({ from: from.value }); });
  to.addEventListener("change", function () { writeState({ to: to.value }); });
  applyState();
  window.addEventListener("hashchange", applyState);
  stats.ready = true;
})();
