// The sandtable web map: the layers of `sandtable build` on the bundled land
// and coastline, the story of `map.toml` around them, labels and the whole
// interface in English, Arabic (right to left) and Russian, popups that
// read as sentences with their sources and quotes, a timeline with a date
// filter, links that keep the view, and export of what is shown.
(function () {
  "use strict";
  var data = window.SANDTABLE;
  var story = data.story;
  var stats = { drawn: {}, timeline: 0, errors: [] };
  window.SANDTABLE_STATS = stats;
  // Where a place is on screen, for the page's tests.
  stats.screenPoint = function (lat, lon) { var p = map.latLngToContainerPoint([lat, lon]); return { x: p.x, y: p.y }; };
  var started = performance.now();

  var colours = {
    training_ground: "#d7301f", exercise: "#d7301f", base: "#984ea3", naval_exercise: "#984ea3",
    port: "#2171b5", port_call: "#2171b5", city: "#525252", visit: "#525252",
    capital: "#000000", meeting: "#000000", sea_area: "#41b6c4", agreement: "#41b6c4",
    region: "#fd8d3c", ceremony: "#fd8d3c", airfield: "#737373", other: "#969696",
    consistent: "#1a9850", overstated: "#d73027", understated: "#d73027",
    inconsistent: "#d73027", unverifiable: "#969696"
  };
  var LINK_GREY = "#636363";

  // Every word of the interface, in each language.
  var words = {
    en: {
      labels: "Labels", from: "From", to: "to", all: "All dates", shown: "{n} of {m} events",
      copyLink: "Copy link", linkCopied: "Link copied", png: "Save image", csv: "Events (CSV)", geojson: "Events (GeoJSON)",
      table: "Events as a table", event: "Event", date: "Date", kind: "Kind", place: "Place", sources: "Sources",
      timeline: "Timeline of events", map: "Map", close: "Close", key: "Key",
      layerSites: "Sites", layerEvents: "Events", layerClaims: "Distance claims (circles)", layerUncertainty: "Position uncertainty",
      layerLinks: "Distance to the nearest border", layerMoreLinks: "Distances to other borders",
      layerBorders: "Boundaries", layerCoast: "Coastline", layerLand: "Land",
      keySite: "Site (colour: kind)", keyEvent: "Event at a site", keyEventDisputed: "Event whose details the sources dispute",
      keyBorder: "International boundary", keyDisputed: "Disputed boundary or claimed line", keyLink: "Distance to the nearest border",
      keyUncertainty: "How precisely a site's position is known", keyConsistent: "Distance claim, consistent with the measurement",
      keyContradicted: "Distance claim, overstated, understated or inconsistent", keyUnverifiable: "Distance claim, unverifiable",
      keyBarDisputed: "Hatched bar: a source's date where they disagree", keyOutside: "Outside the mapped area",
      claimsChecked: "Claims checked", placeNotStated: "place not stated", at: "at", dateUnknown: "date unknown",
      disagree: "The sources disagree on the {x}.", outletNotStated: "outlet not stated", article: "article", archived: "archived copy",
      noSite: "no site", eventsHere: "Events here", within: "Position known to within {x}", nearestBorder: "Nearest border: {x}, {d} km",
      alsoCalled: "Also called", source: "Source", credit: "Credit", km: "km", m: "m", says: "{s} says {x}",
      noSites: "No sites to show yet: add them to sites.csv (sandtable add site) and build again."
    },
    ar: {
      labels: "التسميات", from: "من", to: "إلى", all: "كل التواريخ", shown: "{n} من {m} حدثا",
      copyLink: "نسخ الرابط", linkCopied: "تم نسخ الرابط", png: "حفظ صورة", csv: "الأحداث (CSV)", geojson: "الأحداث (GeoJSON)",
      table: "الأحداث في جدول", event: "الحدث", date: "التاريخ", kind: "النوع", place: "المكان", sources: "المصادر",
      timeline: "الخط الزمني للأحداث", map: "الخريطة", close: "إغلاق", key: "مفتاح الخريطة",
      layerSites: "المواقع", layerEvents: "الأحداث", layerClaims: "المسافات المزعومة (دوائر)", layerUncertainty: "دقة الموقع",
      layerLinks: "المسافة إلى أقرب حدود", layerMoreLinks: "المسافات إلى حدود أخرى",
      layerBorders: "الحدود", layerCoast: "الساحل", layerLand: "اليابسة",
      keySite: "موقع (اللون حسب النوع)", keyEvent: "حدث في موقع", keyEventDisputed: "حدث تختلف المصادر في تفاصيله",
      keyBorder: "حدود دولية", keyDisputed: "حدود متنازع عليها أو خط مطالب به", keyLink: "المسافة إلى أقرب حدود",
      keyUncertainty: "مدى دقة معرفة موقع المكان", keyConsistent: "مسافة مزعومة تتفق مع القياس",
      keyContradicted: "مسافة مزعومة مبالغ فيها أو أقل من الواقع أو متناقضة", keyUnverifiable: "مسافة مزعومة لا يمكن التحقق منها",
      keyBarDisputed: "شريط مخطط: تاريخ أحد المصادر حين تختلف", keyOutside: "خارج المنطقة المرسومة",
      claimsChecked: "الادعاءات المدققة", placeNotStated: "المكان غير مذكور", at: "في", dateUnknown: "التاريخ غير معروف",
      disagree: "تختلف المصادر بشأن {x}.", outletNotStated: "الناشر غير مذكور", article: "المقال", archived: "نسخة مؤرشفة",
      noSite: "بلا موقع", eventsHere: "الأحداث هنا", within: "الموقع معروف بدقة {x}", nearestBorder: "أقرب حدود: {x}، {d} كم",
      alsoCalled: "يسمى أيضا", source: "المصدر", credit: "إعداد", km: "كم", m: "م", says: "{s}: {x}",
      noSites: "لا مواقع بعد: أضفها إلى sites.csv (sandtable add site) ثم أعد البناء."
    },
    ru: {
      labels: "Подписи", from: "С", to: "по", all: "Все даты", shown: "{n} из {m} событий",
      copyLink: "Копировать ссылку", linkCopied: "Ссылка скопирована", png: "Сохранить изображение", csv: "События (CSV)", geojson: "События (GeoJSON)",
      table: "События таблицей", event: "Событие", date: "Дата", kind: "Тип", place: "Место", sources: "Источники",
      timeline: "Хронология событий", map: "Карта", close: "Закрыть", key: "Условные обозначения",
      layerSites: "Объекты", layerEvents: "События", layerClaims: "Заявленные расстояния (круги)", layerUncertainty: "Точность координат",
      layerLinks: "Расстояние до ближайшей границы", layerMoreLinks: "Расстояния до других границ",
      layerBorders: "Границы", layerCoast: "Береговая линия", layerLand: "Суша",
      keySite: "Объект (цвет — тип)", keyEvent: "Событие на объекте", keyEventDisputed: "Событие, подробности которого источники излагают по-разному",
      keyBorder: "Государственная граница", keyDisputed: "Спорная граница или заявленная линия", keyLink: "Расстояние до ближайшей границы",
      keyUncertainty: "Насколько точно известно положение объекта", keyConsistent: "Заявленное расстояние согласуется с измерением",
      keyContradicted: "Заявленное расстояние завышено, занижено или противоречиво", keyUnverifiable: "Заявленное расстояние не проверяемо",
      keyBarDisputed: "Штриховка: дата по одному источнику, когда они расходятся", keyOutside: "За пределами картографируемой области",
      claimsChecked: "Проверенные утверждения", placeNotStated: "место не указано", at: "место:", dateUnknown: "дата неизвестна",
      disagree: "Источники расходятся: {x}.", outletNotStated: "издание не указано", article: "статья", archived: "архивная копия",
      noSite: "без места", eventsHere: "События здесь", within: "Положение известно с точностью до {x}", nearestBorder: "Ближайшая граница: {x}, {d} км",
      alsoCalled: "Другие названия", source: "Источник", credit: "Автор", km: "км", m: "м", says: "{s}: {x}",
      noSites: "Объектов пока нет: добавьте их в sites.csv (sandtable add site) и соберите снова."
    }
  };
  // The vocabularies of the data, in each language.
  var terms = {
    ar: {
      exercise: "مناورة", naval_exercise: "مناورة بحرية", port_call: "زيارة ميناء", visit: "زيارة", meeting: "اجتماع",
      agreement: "اتفاق", ceremony: "مراسم", other: "أخرى", training_ground: "ميدان تدريب", base: "قاعدة", port: "ميناء",
      city: "مدينة", capital: "عاصمة", sea_area: "منطقة بحرية", region: "منطقة", airfield: "مطار عسكري",
      reported: "مُبلغ عنه", announced: "مُعلن", disputed: "متنازع عليه", consistent: "متسق", overstated: "مبالغ فيه",
      understated: "أقل من الواقع", inconsistent: "متناقض", unverifiable: "لا يمكن التحقق منه",
      asserted: "يؤكد", denied: "ينفي", date: "التاريخ", status: "الحالة", personnel: "عدد الأفراد", site_ids: "المكان", participants: "المشاركين"
    },
    ru: {
      exercise: "учения", naval_exercise: "военно-морские учения", port_call: "заход в порт", visit: "визит", meeting: "встреча",
      agreement: "соглашение", ceremony: "церемония", other: "другое", training_ground: "полигон", base: "база", port: "порт",
      city: "город", capital: "столица", sea_area: "акватория", region: "регион", airfield: "аэродром",
      reported: "сообщается", announced: "объявлено", disputed: "оспаривается", consistent: "согласуется", overstated: "завышено",
      understated: "занижено", inconsistent: "противоречиво", unverifiable: "не проверяемо",
      asserted: "утверждает", denied: "отрицает", date: "дата", status: "статус", personnel: "численность", site_ids: "место", participants: "участники"
    }
  };
  var lang = story.languages[0] || "en";
  function t(key, values) {
    var text = (words[lang] && words[lang][key]) || words.en[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function term(word) {
    var own = terms[lang] && terms[lang][word];
    return own || String(word || "").replace(/_/g, " ");
  }
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
  var numberFormats = {};
  function number(x, digits) {
    var key = lang + digits;
    if (!numberFormats[key]) { numberFormats[key] = new Intl.NumberFormat(lang, { maximumFractionDigits: digits }); }
    return numberFormats[key].format(x);
  }

  // Inside an iframe the wheel scrolls the article, not the map, until the
  // reader clicks the map; the page tells its parent how tall it is.
  var embedded = window.self !== window.top;
  var view = story.view;
  var map = L.map("map", {
    worldCopyJump: true, zoomSnap: 0.25, minZoom: view.min_zoom, maxZoom: view.max_zoom,
    scrollWheelZoom: !embedded, keyboard: true
  });
  if (embedded) {
    // Any click on the map counts: Leaflet's own click event never comes
    // from land or a point, whose popups stop it.
    map.getContainer().addEventListener("click", function () { map.scrollWheelZoom.enable(); }, { once: true, capture: true });
    var postHeight = function () {
      window.parent.postMessage({ sandtable: "height", height: document.documentElement.scrollHeight }, "*");
    };
    window.addEventListener("load", postHeight);
    window.addEventListener("resize", postHeight);
    stats.embedded = true;
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries, land and coast © OpenStreetMap contributors (ODbL) · <a href=\"https://leafletjs.com\">Leaflet</a>");
  L.control.scale({ imperial: false }).addTo(map);

  function count(name) { stats.drawn[name] = (stats.drawn[name] || 0) + 1; }
  // One canvas for the context, claims and measurement lines (the points
  // have two of their own, below): the image export copies what is drawn.
  var renderer = L.canvas({ padding: 0.5 });

  var land = L.geoJSON(data.layers.land, {
    renderer: renderer,
    style: { color: "#9a927e", weight: 0.6, fillColor: "#efe9d8", fillOpacity: 1 },
    onEachFeature: function (f, layer) {
      count("land");
      layer.bindPopup(function () { return "<div class=popup><h3>" + esc(f.properties.name) + "</h3><span lang=ar dir=rtl>" + esc(f.properties.name_ar) + "</span> · <span lang=ru>" + esc(f.properties.name_ru) + "</span></div>"; });
    }
  }).addTo(map);
  // Beyond the area the bundled land covers, a plain grey: the straight
  // edge where the land stops is the limit of the data, not a coastline.
  var mapped = land.getLayers().length ? land.getBounds() : null;
  if (mapped) {
    var world = [[-90, -540], [90, -540], [90, 540], [-90, 540]];
    var inside = [[mapped.getSouth(), mapped.getWest()], [mapped.getNorth(), mapped.getWest()],
      [mapped.getNorth(), mapped.getEast()], [mapped.getSouth(), mapped.getEast()]];
    var veil = L.polygon([world, inside], { renderer: renderer, stroke: false, fillColor: "#dcdcdc", fillOpacity: 1, interactive: false });
  }
  var coast = L.geoJSON(data.layers.coast, {
    renderer: renderer, style: { color: "#4a90b8", weight: 1 }, interactive: false,
    onEachFeature: function () { count("coast"); }
  }).addTo(map);
  var borders = L.geoJSON(data.layers.borders, {
    renderer: renderer,
    style: function (f) {
      return f.properties.disputed ? { color: "#e31a1c", weight: 3, dashArray: "6 5" } : { color: "#252525", weight: 2 };
    },
    onEachFeature: function (f, layer) {
      count("borders");
      layer.bindPopup(function () {
        return "<div class=popup><h3>" + esc(f.properties.title) + "</h3><p>" + esc(term(f.properties.status)) +
          (f.properties.label ? ": " + esc(f.properties.label) : "") + ".</p><p class=small>" + esc(f.properties.source) + "</p></div>";
      });
    }
  }).addTo(map);
  // Measurement lines, never in a boundary's style: thin grey, the
  // distance on hover; each site's nearest shown, the others on request.
  function linkLayer(nearest) {
    return L.geoJSON(data.layers["border-links"], {
      renderer: renderer,
      filter: function (f) { return !!f.properties.nearest === nearest; },
      style: { color: LINK_GREY, weight: 1.2, opacity: 0.9 },
      onEachFeature: function (f, layer) {
        count("border-links");
        layer.bindTooltip(function () { return esc(number(f.properties.distance_km, 0)) + " " + t("km"); }, { sticky: true });
        layer.bindPopup(function () { return "<div class=popup><h3>" + esc(f.properties.title) + "</h3>" + table(f.properties, ["title", "nearest"]) + "</div>"; });
      }
    });
  }
  var links = linkLayer(true).addTo(map);
  // The farther links, off at first, are made when a reader asks for them.
  var moreLinks = L.layerGroup();
  moreLinks.once("add", function () { linkLayer(false).addTo(moreLinks); });
  var claims = L.geoJSON(data.layers.claims, {
    renderer: renderer,
    style: function (f) { var c = colours[f.properties.verdict] || "#969696"; return { color: c, weight: 2, fillColor: c, fillOpacity: 0.1 }; },
    onEachFeature: function (f, layer) {
      count("claims");
      layer.bindPopup(function () {
        var p = f.properties;
        return "<div class=popup><h3>" + esc(term(p.verdict)) + "</h3><p>" + esc(p.detail) + ".</p><p class=small>" + esc(p.claim_id) + " (" + esc(p.source_id) + ")</p></div>";
      });
    }
  }).addTo(map);

  var eventsById = {};
  data.events.forEach(function (e) { eventsById[e.id] = e; });
  var siteById = {};
  (data.layers.sites.features || []).forEach(function (f) { siteById[f.id] = f; });
  var eventsAt = {};
  data.events.forEach(function (e) { e.sites.forEach(function (id) { (eventsAt[id] = eventsAt[id] || []).push(e); }); });
  function siteName(f) {
    var p = f.properties;
    return { en: p.name, ar: p.name_ar || p.name, ru: p.name_ru || p.name }[lang] || p.name;
  }

  // Date formats, made once per language (making one costs more than
  // formatting thousands of dates).
  var formatters = {};
  function formatter(opts) {
    var key = lang + JSON.stringify(opts);
    // British order in English: "16–28 November 2022".
    if (!formatters[key]) { formatters[key] = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, Object.assign({ timeZone: "UTC" }, opts)); }
    return formatters[key];
  }

  // A date as a person writes it: "16–28 November 2022", "October 2022".
  function humanSpan(a, b) {
    if (!a) { return t("dateUnknown"); }
    var fmt = function (iso, opts) { return formatter(opts).format(new Date(iso + "T00:00:00Z")); };
    var full = { day: "numeric", month: "long", year: "numeric" };
    if (a === b) { return fmt(a, full); }
    var sameMonth = a.slice(0, 7) === b.slice(0, 7);
    var wholeMonth = a.slice(8) === "01" && new Date(Date.parse(b + "T00:00:00Z") + 86400000).getUTCDate() === 1;
    if (sameMonth && wholeMonth) { return fmt(a, { month: "long", year: "numeric" }); }
    if (a.slice(5) === "01-01" && b.slice(5) === "12-31" && a.slice(0, 4) === b.slice(0, 4)) { return a.slice(0, 4); }
    var range = formatter(full);
    if (range.formatRange) { return range.formatRange(new Date(a + "T00:00:00Z"), new Date(b + "T00:00:00Z")); }
    return fmt(a, full) + " – " + fmt(b, full);
  }
  function humanDate(e) {
    if (e.versions.length > 1) {
      return e.versions.map(function (v) { return humanSpan(v.start, v.end); })
        .filter(function (x, i, all) { return all.indexOf(x) === i; }).join(" / ");
    }
    return humanSpan(e.start, e.end);
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
      var version = e.versions.filter(function (v) { return v.source === s.id; })[0];
      var links = (s.url ? " <a href=\"" + esc(s.url) + "\" rel=noopener>" + esc(t("article")) + "</a>" : "") +
        (s.archive_url ? " · <a href=\"" + esc(s.archive_url) + "\" rel=noopener>" + esc(t("archived")) + "</a>" : "");
      return "<li><b dir=auto>" + esc(s.outlet || t("outletNotStated")) + "</b>, " + esc(s.published || t("dateUnknown")) +
        ": <span dir=auto>" + esc(s.title) + "</span>" + links +
        (version ? "<br>" + esc(t("date")) + ": " + esc(humanSpan(version.start, version.end)) : "") + quotes + "</li>";
    }).join("");
    var verdicts = e.verdicts.map(function (v) { return "<li>" + esc(v) + "</li>"; }).join("");
    var where = e.sites.map(function (id) { return siteById[id] ? siteName(siteById[id]) : id; }).join(", ");
    return "<div class=popup><h3 dir=auto>" + esc(e.name) + "</h3><p>" +
      esc(term(e.kind)) + ", " + esc(humanDate(e)) + (where ? ", " + esc(t("at")) + " " + esc(where) : ", " + esc(t("placeNotStated"))) +
      (e.status && e.status !== "reported" ? " (" + esc(term(e.status)) + ")" : "") + ".</p>" +
      (e.conflicts.length ? "<p class=conflict>" + esc(t("disagree", { x: e.conflicts.map(term).join(", ") })) + "</p>" + whoSaysWhat(e) : "") +
      "<b>" + esc(t("sources")) + "</b><ul>" + sources + "</ul>" + (verdicts ? "<b>" + esc(t("claimsChecked")) + "</b><ul>" + verdicts + "</ul>" : "") + "</div>";
  }

  // Where the sources disagree (other than on the date, which each source's
  // entry gives): who says what, e.g. who asserts and who denies.
  function whoSaysWhat(e) {
    var outlet = {};
    e.sources.forEach(function (s) { outlet[s.id] = s.outlet || s.id; });
    var lines = [];
    e.conflicts.filter(function (field) { return field !== "date"; }).forEach(function (field) {
      var seen = {};
      e.quotes.filter(function (q) { return q.field === field; }).forEach(function (q) {
        var line = outlet[q.source] + ": " + term(q.value);
        if (!seen[line]) { seen[line] = true; lines.push("<li>" + esc(term(field)) + " — <span dir=auto>" + esc(line) + "</span></li>"); }
      });
    });
    return lines.length ? "<ul class=conflict>" + lines.join("") + "</ul>" : "";
  }

  function sitePopup(f) {
    var p = f.properties;
    var here = (eventsAt[f.id] || []).map(function (e) { return "<li>" + esc(e.name) + " (" + esc(humanDate(e)) + ")</li>"; }).join("");
    var precision = p.precision_m >= 1000 ? number(p.precision_m / 1000, 1) + " " + t("km") : number(p.precision_m, 0) + " " + t("m");
    return "<div class=popup><h3 dir=auto>" + esc(siteName(f)) + "</h3><p>" + esc(term(p.kind)) +
      (p.admin1 ? ", " + esc(p.admin1) : "") + (p.country ? " (" + esc(p.country) + ")" : "") + ". " +
      esc(t("within", { x: precision })) + " (" + esc(p.coord_source) + ")." +
      (p.nearest_border ? " " + esc(t("nearestBorder", { x: p.nearest_border, d: number(p.border_distance_km, 1) })) + "." : "") + "</p>" +
      (p.aliases ? "<p>" + esc(t("alsoCalled")) + ": <span dir=auto>" + esc(p.aliases.split("|").join(", ")) + "</span></p>" : "") +
      (here ? "<b>" + esc(t("eventsHere")) + "</b><ul>" + here + "</ul>" : "") + "</div>";
  }

  // Events, and sites with their uncertainty circles, on two canvases of
  // their own, each circle stamped from an image drawn once. As Leaflet
  // paths (one path, and one change of style, per point) a date-filter
  // change redrew every shape on the map, land included: most of a second
  // with 10,000 sites; now it redraws the events only. Clicks are tested
  // here first and fall through to the shapes below when no point is hit.
  ["event-points", "site-points"].forEach(function (name, k) {
    var pane = map.createPane(name);
    pane.style.zIndex = 420 + k;
    pane.style.pointerEvents = "none";
  });
  var PointCanvas = L.Renderer.extend({
    initialize: function (options) {
      L.Renderer.prototype.initialize.call(this, options);
      this.sets = [];
    },
    _initContainer: function () {
      this._container = document.createElement("canvas");
      this._ctx = this._container.getContext("2d");
    },
    _destroyContainer: function () { L.DomUtil.remove(this._container); },
    _update: function () {
      if (this._map._animatingZoom && this._bounds) { return; }
      L.Renderer.prototype._update.call(this);
      var b = this._bounds, size = b.getSize(), m = L.Browser.retina ? 2 : 1, c = this._container;
      L.DomUtil.setPosition(c, b.min);
      c.width = m * size.x;
      c.height = m * size.y;
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      this.draw();
    },
    // Redrawn once per frame however many sets change.
    redraw: function () {
      if (this._map && !this._frame) { this._frame = L.Util.requestAnimFrame(function () { this._frame = null; this.draw(); }, this); }
    },
    draw: function () {
      if (!this._map || !this._bounds) { return; }
      var ctx = this._ctx, b = this._bounds, m = L.Browser.retina ? 2 : 1;
      ctx.setTransform(m, 0, 0, m, -m * b.min.x, -m * b.min.y);
      ctx.clearRect(b.min.x, b.min.y, b.max.x - b.min.x, b.max.y - b.min.y);
      var sets = this.sets.filter(function (set) { return set._map; });
      sets.forEach(function (set, k) {
        // What the next set draws over every point hides a smaller circle.
        var next = sets[k + 1];
        set.draw(ctx, b, next && next.options.fill ? next.options.radius : 0);
      });
    },
    // The point under a layer point: the last drawn of the topmost set.
    hit: function (p) {
      for (var i = this.sets.length - 1; i >= 0; i--) {
        var set = this.sets[i];
        if (!set.options.open || !set._map) { continue; }
        var found = set.hit(p);
        if (found) { return { set: set, item: found }; }
      }
      return null;
    }
  });
  // One kind of point: items { at, colour, dashed, shown, radiusM }.
  var PointSet = L.Layer.extend({
    initialize: function (canvas, items, options) {
      this.canvas = canvas;
      this.items = items;
      L.Util.setOptions(this, options);
      canvas.sets.push(this);
    },
    onAdd: function () { this.canvas.redraw(); },
    onRemove: function () { this.canvas.redraw(); },
    getBounds: function () { return L.latLngBounds(this.items.map(function (i) { return i.at; })); },
    // Positions projected once per zoom level.
    project: function () {
      var map = this._map, zoom = map.getZoom(), origin = map.getPixelOrigin();
      if (this.zoom !== zoom) {
        this.zoom = zoom;
        this.items.forEach(function (i) { i.projected = map.project(i.at, zoom); });
      }
      return origin;
    },
    radius: function (item) {
      if (!item.radiusM) { return this.options.radius; }
      // Metres to pixels on Web Mercator at the item's latitude.
      return item.radiusM * 256 * Math.pow(2, this.zoom) / (40075016.686 * Math.cos(item.at.lat * Math.PI / 180));
    },
    // A circle is stamped from a small image drawn once per style and
    // size: stamping costs a fraction of drawing thousands of circles
    // (dashed ones above all) when the browser draws without a GPU.
    stamp: function (i, r) {
      var key = i.colour + (i.dashed ? " dashed " : " ") + r;
      this.stamps = this.stamps || {};
      if (!this.stamps[key]) {
        var o = this.options, m = L.Browser.retina ? 2 : 1, half = Math.ceil(r + o.weight);
        // An ImageBitmap where the browser can make one: drawing from a
        // canvas copies it every time.
        var c = window.OffscreenCanvas ? new OffscreenCanvas(2 * half * m, 2 * half * m) : document.createElement("canvas");
        c.width = c.height = 2 * half * m;
        var g = c.getContext("2d");
        g.scale(m, m);
        this.trace(g, i, half, half, r);
        this.stamps[key] = { image: c.transferToImageBitmap ? c.transferToImageBitmap() : c, half: half };
      }
      return this.stamps[key];
    },
    trace: function (g, i, x, y, r) {
      var o = this.options;
      g.beginPath();
      g.arc(x, y, r, 0, 2 * Math.PI);
      g.setLineDash(i.dashed ? o.dash : []);
      if (o.fill) { g.fillStyle = i.colour; g.fill(); }
      g.lineWidth = o.weight;
      g.strokeStyle = o.fill ? o.stroke : i.colour;
      g.stroke();
    },
    // `under`: the radius of what is drawn over each point (a circle no
    // larger is hidden).
    draw: function (ctx, bounds, under) {
      var self = this, o = this.options, origin = this.project(), stamped = {};
      ctx.imageSmoothingEnabled = false;
      this.items.forEach(function (i) {
        if (i.shown === false) { return; }
        var x = i.projected.x - origin.x, y = i.projected.y - origin.y, r = self.radius(i);
        if (x + r < bounds.min.x || x - r > bounds.max.x || y + r < bounds.min.y || y - r > bounds.max.y) { return; }
        if (r + o.weight / 2 <= under) { return; }
        if (r <= 64) {
          r = Math.round(2 * r) / 2;
          var s = self.stamp(i, r), at = Math.round(x) + "," + Math.round(y) + "," + i.colour + i.dashed + r;
          // The same circle in the same place (events at one site) once.
          if (stamped[at]) { return; }
          stamped[at] = true;
          ctx.drawImage(s.image, Math.round(x) - s.half, Math.round(y) - s.half, 2 * s.half, 2 * s.half);
        } else {
          // Only circles of uncertainty seen close up are this large: few.
          self.trace(ctx, i, x, y, r);
        }
      });
      ctx.setLineDash([]);
    },
    hit: function (p) {
      var origin = this.project(), reach = this.options.radius + this.options.weight / 2 + (L.Browser.mobile ? 4 : 0);
      for (var k = this.items.length - 1; k >= 0; k--) {
        var i = this.items[k];
        if (i.shown === false) { continue; }
        var dx = i.projected.x - origin.x - p.x, dy = i.projected.y - origin.y - p.y;
        if (dx * dx + dy * dy <= reach * reach) { return i; }
      }
      return null;
    }
  });
  var eventCanvas = new PointCanvas({ pane: "event-points", padding: 0.5 }).addTo(map);
  var siteCanvas = new PointCanvas({ pane: "site-points", padding: 0.5 }).addTo(map);
  var latLngOf = function (f) { return L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]); };
  var events = new PointSet(eventCanvas, data.layers.events.features.map(function (f) {
    count("events");
    return { at: latLngOf(f), colour: colours[f.properties.kind] || "#737373", dashed: !!f.properties.conflicting, id: f.properties.event_id };
  }), { radius: 9, weight: 2, dash: [3, 3], open: function (i) { openEvent(i); } });
  var eventPoints = {};
  events.items.forEach(function (i) { eventPoints[i.id] = i; });
  function openEvent(i) {
    L.popup({ maxWidth: 360 }).setLatLng(i.at).setContent(eventPopup(eventsById[i.id])).openOn(map);
  }
  // Each site's precision_m as its circle of uncertainty.
  var located = (data.layers.sites.features || []).filter(function (f) { return f.geometry; });
  var uncertainty = new PointSet(siteCanvas, located.filter(function (f) { return f.properties.precision_m > 0; }).map(function (f) {
    return { at: latLngOf(f), colour: "#555", dashed: true, radiusM: f.properties.precision_m };
  }), { radius: 0, weight: 1, dash: [2, 3] });
  stats.uncertainty = uncertainty.items.length;
  var sites = new PointSet(siteCanvas, located.map(function (f) {
    count("sites");
    return { at: latLngOf(f), colour: colours[f.properties.kind] || "#737373", feature: f };
  }), { radius: 5, weight: 1, fill: true, stroke: "#fff", open: function (i) { openSite(i); } });
  function openSite(i) {
    L.popup().setLatLng(i.at).setContent(sitePopup(i.feature)).openOn(map);
    writeState({ site: i.feature.id });
  }
  [events, uncertainty, sites].forEach(function (set) { set.addTo(map); });
  // A click on a point opens it; anywhere else it goes on to the map.
  var container = map.getContainer();
  var pointAt = function (ev) {
    if (ev.target.closest(".leaflet-control, .leaflet-popup")) { return null; }
    var p = map.mouseEventToLayerPoint(ev);
    return siteCanvas.hit(p) || eventCanvas.hit(p);
  };
  container.addEventListener("click", function (ev) {
    if (map.dragging && map.dragging.moved()) { return; }
    var hit = pointAt(ev);
    if (!hit) { return; }
    ev.stopPropagation();
    hit.set.options.open(hit.item);
  }, true);
  container.addEventListener("mousemove", function (ev) {
    container.classList.toggle("over-point", !!pointAt(ev));
  }, true);

  // Labels, placed by us rather than as Leaflet tooltips: widths measured
  // once per language on a canvas (no layout), positions from the map's
  // projection, and collisions culled by priority on a grid, so thousands
  // of sites cost milliseconds. A label that would overlap one already
  // placed is hidden; its site keeps its marker and popup.
  var labelPane = map.createPane("labels");
  labelPane.style.zIndex = 450;
  labelPane.style.pointerEvents = "none";
  var eventCount = {};
  data.events.forEach(function (e) { e.sites.forEach(function (id) { eventCount[id] = (eventCount[id] || 0) + 1; }); });
  var kindRank = { capital: 0, training_ground: 1, base: 1, port: 2, airfield: 2, city: 3, region: 4, sea_area: 4, other: 5 };
  var labelled = sites.items.map(function (site) {
    var p = site.feature.properties;
    return { site: site, priority: -(eventCount[site.feature.id] || 0) * 10 + (kindRank[p.kind] === undefined ? 5 : kindRank[p.kind]), el: null, width: 0 };
  }).sort(function (a, b) { return a.priority - b.priority; });
  var measure = document.createElement("canvas").getContext("2d");
  var LABEL_FONT = "bold 13px \"DejaVu Sans\", \"Noto Sans\", Arial, sans-serif";
  var LABEL_HEIGHT = 17, LABEL_PAD = 3, LABEL_GAP = 6;
  function label() {
    labelPane.innerHTML = "";
    labelled.forEach(function (l) {
      var f = l.site.feature;
      l.text = siteName(f);
      l.own = l.text === f.properties.name ? "en" : lang;
      l.width = 0; // measured when the label is first a candidate
      l.rtl = lang === "ar";
      l.el = null;
    });
    stats.labelled = labelled.length;
    declutter();
  }
  // A label's element, made the first time it is placed: a page of
  // thousands of sites holds only the labels it shows.
  function element(l) {
    if (!l.el) {
      var el = document.createElement("div");
      el.className = "site-label";
      el.textContent = l.text;
      el.setAttribute("lang", l.own);
      el.setAttribute("dir", l.own === "ar" ? "rtl" : "ltr");
      el.style.width = l.width + "px";
      labelPane.appendChild(el);
      l.el = el;
    }
    return l.el;
  }
  function declutter() {
    var cell = 64, grid = {}, placed = 0;
    var zoom = map.getZoom();
    // The controls over the map (key, zoom, scale, credits) are placed
    // first, so no label hides under them.
    var corner = map.getContainer().getBoundingClientRect();
    document.querySelectorAll("#map .leaflet-control").forEach(function (el) {
      var c = el.getBoundingClientRect();
      if (!c.width) { return; }
      var a = map.containerPointToLayerPoint([c.left - corner.left, c.top - corner.top]);
      var r = { left: a.x, top: a.y, right: a.x + c.width, bottom: a.y + c.height };
      for (var gx = Math.floor(r.left / cell); gx <= Math.floor(r.right / cell); gx++) {
        for (var gy = Math.floor(r.top / cell); gy <= Math.floor(r.bottom / cell); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(r);
        }
      }
    });
    // Only what is in view (and a margin) competes for room.
    var view = map.getPixelBounds().pad(0.2);
    var origin = map.getPixelOrigin();
    var sitesShown = map.hasLayer(sites);
    // The grid cells a box covers, and whether a placed box overlaps it.
    var cells = function (r) {
      var keys = [];
      for (var gx = Math.floor(r.left / cell); gx <= Math.floor(r.right / cell); gx++) {
        for (var gy = Math.floor(r.top / cell); gy <= Math.floor(r.bottom / cell); gy++) { keys.push(gx + "," + gy); }
      }
      return keys;
    };
    var taken = function (r) {
      return cells(r).some(function (key) {
        return (grid[key] || []).some(function (o) { return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom; });
      });
    };
    var labelBox = function (at, l, width) {
      var left = l.rtl ? at.x - LABEL_GAP - width : at.x + LABEL_GAP;
      return { left: left, top: at.y - LABEL_HEIGHT / 2, right: left + width, bottom: at.y + LABEL_HEIGHT / 2 };
    };
    var seen = L.bounds(map.containerPointToLayerPoint([0, 0]), map.containerPointToLayerPoint(map.getSize()));
    measure.font = LABEL_FONT;
    labelled.forEach(function (l) {
      if (l.text === undefined) { return; }
      var at = map.latLngToLayerPoint(l.site.at);
      var shown = sitesShown && !isNaN(zoom) && view.contains(at.add(origin));
      // A label whose first letters have no room is not measured at all:
      // in a crowded view most are not, and measuring is the cost.
      shown = shown && !taken(labelBox(at, l, 2 * LABEL_PAD + 8));
      if (shown && !l.width) { l.width = Math.ceil(measure.measureText(l.text).width) + 2 * LABEL_PAD + 2; }
      var r = labelBox(at, l, l.width);
      // A label that would run off the map goes on the dot's other side.
      if (r.right > seen.max.x || r.left < seen.min.x) {
        var other = labelBox(at, { rtl: !l.rtl }, l.width);
        if (other.left >= seen.min.x && other.right <= seen.max.x) { r = other; }
      }
      shown = shown && !taken(r);
      if (shown) {
        cells(r).forEach(function (key) { (grid[key] = grid[key] || []).push(r); });
        L.DomUtil.setPosition(element(l), L.point(r.left, r.top));
        l.el.style.display = "";
        placed += 1;
      } else if (l.el) {
        l.el.style.display = "none";
      }
    });
    stats.labels = placed;
  }
  map.on("zoomend viewreset moveend", declutter);
  map.on("overlayadd overlayremove", declutter);

  // The date filter: hide what cannot fall inside [from, to].
  var from = document.getElementById("from"), to = document.getElementById("to");
  function visible(e) {
    if (!from.value && !to.value) { return true; }
    if (!e.start) { return false; }
    return (!to.value || e.start <= to.value) && (!from.value || e.end >= from.value);
  }

  // The timeline: each event a bar from its earliest to its latest possible
  // day; where the sources disagree on the date, one hatched mark per
  // source's version instead.
  var box = document.getElementById("timeline");
  var day = 86400000;
  var spans = [];
  data.events.forEach(function (e) {
    if (e.start) { spans.push([Date.parse(e.start), Date.parse(e.end)]); }
    e.versions.forEach(function (v) { spans.push([Date.parse(v.start), Date.parse(v.end)]); });
  });
  var t0 = spans.reduce(function (m, s) { return Math.min(m, s[0]); }, Infinity);
  var t1 = spans.reduce(function (m, s) { return Math.max(m, s[1]); }, -Infinity) + day;
  var span = Math.max(t1 - t0, day);
  var axis = document.createElement("div");
  axis.className = "axis";
  axis.setAttribute("aria-hidden", "true");
  box.appendChild(axis);
  function drawAxis() {
    axis.innerHTML = "";
    if (!isFinite(t0)) { return; }
    var first = new Date(t0).getUTCFullYear(), last = new Date(t1).getUTCFullYear();
    // Years far enough apart to read: at least 44 px between ticks.
    var width = Math.max(axis.clientWidth, 1);
    var step = 1;
    while ((width * 365.25 * day * step) / span < 44 && step < 1000) { step *= 2; }
    for (var y = first; y <= last; y++) {
      var at = (Date.UTC(y, 0, 1) - t0) / span;
      if (at >= 0 && at <= 1 && (y - first) % step === 0) {
        var tick = document.createElement("span");
        tick.style.left = (100 * at) + "%";
        tick.textContent = y;
        axis.appendChild(tick);
      }
    }
  }
  function bar(start, end, colour, hatched, title) {
    var b = document.createElement("div");
    b.className = "bar" + (hatched ? " conflicting" : "");
    b.style.left = (100 * (Date.parse(start) - t0) / span) + "%";
    b.style.width = (100 * (Date.parse(end) + day - Date.parse(start)) / span) + "%";
    // The colour only: the hatching of conflicting dates is a background image.
    b.style.backgroundColor = colour;
    b.title = title;
    return b;
  }
  // The rows: only those in sight (and a few either side) are in the
  // page. Ten thousand rows in the document made every date-filter change
  // and language switch restyle them all (a fifth of a second each).
  var rows = data.events.map(function (e) { return { event: e, el: null }; });
  stats.timeline = rows.length;
  var shownRows = rows, inFirst = 0, inEnd = 0, rowHeight = 0, selectedId = null, printing = false;
  var BUFFER = 10;
  var list = document.createElement("div");
  list.className = "rows";
  box.appendChild(list);
  function makeRow(r, i) {
    var e = r.event;
    var row = document.createElement("div");
    row.className = "row" + (e.id === selectedId ? " selected" : "");
    row.dataset.event = e.id;
    row.style.top = i * (rowHeight || 18) + "px";
    var date = humanDate(e);
    var name = document.createElement("div");
    name.className = "name";
    name.setAttribute("dir", "auto");
    name.textContent = e.name + (e.sites.length ? "" : " (" + t("noSite") + ")");
    name.title = e.name + " — " + date;
    var track = document.createElement("div");
    track.className = "track";
    var colour = colours[e.kind] || "#737373";
    if (e.versions.length > 1) {
      e.versions.forEach(function (v) { track.appendChild(bar(v.start, v.end, colour, true, v.source + ": " + v.date)); });
    } else if (e.start) {
      track.appendChild(bar(e.start, e.end, colour, e.conflicts.length > 0, e.date));
    } else {
      track.className += " undated";
      track.textContent = t("dateUnknown");
    }
    row.appendChild(name);
    row.appendChild(track);
    row.setAttribute("role", "button");
    row.setAttribute("aria-pressed", e.id === selectedId ? "true" : "false");
    row.setAttribute("aria-label", e.name + ", " + date);
    row.tabIndex = 0;
    row.addEventListener("click", function () { selectEvent(e.id); });
    row.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectEvent(e.id); }
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") { ev.preventDefault(); focusRow(i + (ev.key === "ArrowDown" ? 1 : -1)); }
    });
    r.el = row;
    return row;
  }
  function dropRow(r) { if (r.el) { r.el.remove(); r.el = null; } }
  // Brings the rows in the page (inFirst to inEnd) in line with what the timeline shows, adding
  // and removing at the ends only (a focused row stays in place).
  function renderRows() {
    var n = shownRows.length;
    var h = rowHeight || 18;
    var top = box.scrollTop - list.offsetTop;
    var a = printing ? 0 : Math.max(0, Math.floor(top / h) - BUFFER);
    var b = printing ? n : Math.min(n, Math.ceil((top + box.clientHeight) / h) + BUFFER);
    if (a >= inEnd || b <= inFirst) {
      for (var k = inFirst; k < inEnd; k++) { dropRow(shownRows[k]); }
      inFirst = inEnd = a;
    }
    for (; inFirst < a; inFirst++) { dropRow(shownRows[inFirst]); }
    for (; inEnd > b; inEnd--) { dropRow(shownRows[inEnd - 1]); }
    for (; inFirst > a; inFirst--) { list.insertBefore(makeRow(shownRows[inFirst - 1], inFirst - 1), list.firstChild); }
    for (; inEnd < b; inEnd++) { list.appendChild(makeRow(shownRows[inEnd], inEnd)); }
    if (!rowHeight && inEnd > inFirst) {
      // The first row rendered gives the height (taller on a phone).
      rowHeight = shownRows[inFirst].el.offsetHeight || 18;
      rebuildRows();
      return;
    }
    list.style.height = n * h + "px";
  }
  // After a change of filter (`shown`, the rows it leaves), language or
  // size: every row made again.
  function rebuildRows(shown) {
    for (var k = inFirst; k < inEnd; k++) { dropRow(shownRows[k]); }
    inFirst = inEnd = 0;
    shownRows = shown || shownRows;
    renderRows();
  }
  function focusRow(i) {
    if (i < 0 || i >= shownRows.length) { return; }
    var h = rowHeight || 18;
    var at = list.offsetTop + i * h;
    if (at < box.scrollTop) { box.scrollTop = at; }
    if (at + h > box.scrollTop + box.clientHeight) { box.scrollTop = at + h - box.clientHeight; }
    renderRows();
    if (shownRows[i].el) { shownRows[i].el.focus(); }
  }
  box.addEventListener("scroll", renderRows, { passive: true });
  window.addEventListener("resize", function () { rowHeight = 0; rebuildRows(); });
  window.addEventListener("beforeprint", function () { printing = true; rebuildRows(); });
  window.addEventListener("afterprint", function () { printing = false; rebuildRows(); });

  // The text alternative: every event as a table row.
  // Written when the table is open (it is folded by default), so that
  // thousands of events cost nothing until a reader asks for them.
  var tableBox = document.getElementById("table-box");
  tableBox.addEventListener("toggle", function () { if (tableBox.open) { wordTable(); } });
  function wordTable() {
    if (!tableBox.open) { return; }
    var tableEl = document.getElementById("event-table");
    var head = "<caption>" + esc(t("table")) + "</caption><thead><tr><th scope=col>" + [t("event"), t("date"), t("kind"), t("place"), t("sources")].map(esc).join("</th><th scope=col>") + "</th></tr></thead>";
    var body = visibleEvents().map(function (e) {
      var where = e.sites.map(function (id) { return siteById[id] ? siteName(siteById[id]) : id; }).join(", ") || t("placeNotStated");
      return "<tr><th scope=row dir=auto>" + esc(e.name) + "</th><td>" + esc(humanDate(e)) + "</td><td>" + esc(term(e.kind)) +
        "</td><td dir=auto>" + esc(where) + "</td><td dir=auto>" + esc(e.sources.map(function (s) { return s.outlet || s.id; }).join("; ")) + "</td></tr>";
    }).join("");
    tableEl.innerHTML = head + "<tbody>" + body + "</tbody>";
  }

  // Selecting an event: its marker's popup, or, for an event with no site,
  // a panel over the map (never a popup pointing at whatever is there).
  var panel = L.control({ position: "bottomleft" });
  panel.onAdd = function () {
    var div = L.DomUtil.create("div", "event-panel");
    div.id = "event-panel";
    div.hidden = true;
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  panel.addTo(map);
  function selectEvent(id) {
    var e = eventsById[id];
    if (!e) { return; }
    selectedId = id;
    shownRows.forEach(function (r) {
      if (r.el) { r.el.classList.toggle("selected", r.event.id === id); r.el.setAttribute("aria-pressed", r.event.id === id ? "true" : "false"); }
    });
    var point = eventPoints[id];
    var div = document.getElementById("event-panel");
    if (point && point.shown && map.hasLayer(events)) {
      div.hidden = true;
      map.panTo(point.at);
      openEvent(point);
    } else {
      map.closePopup();
      div.innerHTML = "<button type=button class=close aria-label=\"" + esc(t("close")) + "\">×</button>" + eventPopup(e);
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

  function wordShown() {
    document.getElementById("shown").textContent = t("shown", { n: number(stats.shown, 0), m: number(rows.length, 0) });
  }
  function filter() {
    var began = performance.now();
    rebuildRows(rows.filter(function (r) { return visible(r.event); }));
    events.items.forEach(function (i) { i.shown = visible(eventsById[i.id]); });
    eventCanvas.redraw();
    stats.shown = shownRows.length;
    wordShown();
    wordTable();
    stats.filterMs = performance.now() - began;
  }
  from.addEventListener("change", function () { filter(); writeState({ from: from.value }); });
  to.addEventListener("change", function () { filter(); writeState({ to: to.value }); });
  document.getElementById("all-dates").addEventListener("click", function () { from.value = ""; to.value = ""; filter(); writeState({ from: null, to: null }); });

  // The key: every symbol on the map, in the reader's language.
  var key = L.control({ position: "bottomright" });
  key.onAdd = function () {
    var div = L.DomUtil.create("div", "key");
    div.id = "key";
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  key.addTo(map);
  function keyEntries() {
    var kinds = {};
    (data.layers.sites.features || []).forEach(function (f) { kinds[f.properties.kind] = true; });
    var verdicts = {};
    (data.layers.claims.features || []).forEach(function (f) { verdicts[f.properties.verdict] = true; });
    var entries = Object.keys(kinds).sort().map(function (k) { return { shape: "dot", colour: colours[k] || "#737373", text: term(k) }; });
    entries.push({ shape: "ring", colour: "#525252", text: t("keyEvent") });
    if (data.layers.events.features.some(function (f) { return f.properties.conflicting; })) { entries.push({ shape: "ring-dashed", colour: "#525252", text: t("keyEventDisputed") }); }
    if (stats.uncertainty) { entries.push({ shape: "ring-dotted", colour: "#555", text: t("keyUncertainty") }); }
    if (mapped) { entries.push({ shape: "area", colour: "#dcdcdc", text: t("keyOutside") }); }
    entries.push({ shape: "line", colour: "#252525", text: t("keyBorder") });
    if (data.layers.borders.features.some(function (f) { return f.properties.disputed; })) { entries.push({ shape: "line-dashed", colour: "#e31a1c", text: t("keyDisputed") }); }
    if (data.layers["border-links"].features.length) { entries.push({ shape: "line-thin", colour: LINK_GREY, text: t("keyLink") }); }
    if (verdicts.consistent) { entries.push({ shape: "circle", colour: colours.consistent, text: t("keyConsistent") }); }
    if (verdicts.overstated || verdicts.understated || verdicts.inconsistent) { entries.push({ shape: "circle", colour: colours.overstated, text: t("keyContradicted") }); }
    if (verdicts.unverifiable) { entries.push({ shape: "circle", colour: colours.unverifiable, text: t("keyUnverifiable") }); }
    if (data.events.some(function (e) { return e.versions.length > 1; })) { entries.push({ shape: "hatched", colour: "#d7301f", text: t("keyBarDisputed") }); }
    return entries;
  }
  function wordKey() {
    var div = document.getElementById("key");
    var narrow = window.innerWidth < 600;
    div.innerHTML = "<details" + (narrow ? "" : " open") + "><summary>" + esc(t("key")) + "</summary><ul>" + keyEntries().map(function (e) {
      return "<li><span class=\"swatch " + e.shape + "\" style=\"--c:" + e.colour + "\"></span>" + esc(e.text) + "</li>";
    }).join("") + "</ul></details>";
  }

  // The layer switcher, folded to its button (the key explains the map;
  // the switcher is for changing it).
  var switcher = null;
  function wordLayers() {
    if (switcher) { map.removeControl(switcher); }
    var overlays = {};
    overlays[t("layerSites")] = sites;
    overlays[t("layerEvents")] = events;
    overlays[t("layerUncertainty")] = uncertainty;
    overlays[t("layerClaims")] = claims;
    overlays[t("layerLinks")] = links;
    overlays[t("layerMoreLinks")] = moreLinks;
    overlays[t("layerBorders")] = borders;
    overlays[t("layerCoast")] = coast;
    overlays[t("layerLand")] = land;
    switcher = L.control.layers(null, overlays, { collapsed: true, position: "topright" }).addTo(map);
  }

  // The story around the map, in the reader's language.
  function wordStory() {
    var words = story.texts[lang] || story.texts.en;
    document.getElementById("title").textContent = words.title;
    document.title = words.title;
    var standfirst = document.getElementById("standfirst");
    standfirst.textContent = words.standfirst;
    standfirst.hidden = !words.standfirst;
    var notes = document.getElementById("notes");
    notes.textContent = words.notes;
    notes.hidden = !words.notes;
    var credits = [];
    if (story.source) { credits.push(t("source") + ": " + story.source); }
    if (story.credit) { credits.push(story.credit); }
    credits.push("© OpenStreetMap contributors");
    document.getElementById("credits").textContent = credits.join(" · ");
  }

  function setLanguage(wanted) {
    if (!words[wanted] || story.languages.indexOf(wanted) < 0) { return; }
    var began = performance.now();
    lang = wanted;
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.getElementById("language").value = lang;
    document.querySelectorAll("[data-word]").forEach(function (el) { el.textContent = t(el.dataset.word); });
    document.getElementById("timeline").setAttribute("aria-label", t("timeline"));
    document.getElementById("map").setAttribute("aria-label", t("map"));
    wordStory();
    rebuildRows();
    wordKey();
    wordLayers();
    wordShown();
    wordTable();
    label();
    map.closePopup();
    writeState({ lang: lang === story.languages[0] ? null : lang });
    stats.languageMs = performance.now() - began;
  }
  var picker = document.getElementById("language");
  var names = { en: "English", ar: "العربية", ru: "Русский" };
  story.languages.forEach(function (l) {
    var option = document.createElement("option");
    option.value = l;
    option.textContent = names[l];
    option.lang = l;
    picker.appendChild(option);
  });
  picker.addEventListener("change", function (ev) { setLanguage(ev.target.value); });

  // Export: the view as a PNG with the title, key and credits; the events
  // the filter shows as CSV and GeoJSON.
  function download(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function visibleEvents() { return data.events.filter(visible); }
  function eventsCsv() {
    var cell = function (x) { x = String(x === null || x === undefined ? "" : x); return /[",\n\r]/.test(x) ? "\"" + x.replace(/"/g, "\"\"") + "\"" : x; };
    var head = ["id", "name", "kind", "date", "start", "end", "status", "site_ids", "lat", "lon", "source_ids", "conflicts"];
    var lines = visibleEvents().map(function (e) {
      var s = e.sites.length ? siteById[e.sites[0]] : null;
      var c = s && s.geometry ? s.geometry.coordinates : ["", ""];
      return [e.id, e.name, e.kind, e.date, e.start || "", e.end || "", e.status, e.sites.join("|"), c[1], c[0],
        e.sources.map(function (x) { return x.id; }).join("|"), e.conflicts.join("|")].map(cell).join(",");
    });
    return [head.join(",")].concat(lines).join("\r\n") + "\r\n";
  }
  function eventsGeojson() {
    var shown = {};
    visibleEvents().forEach(function (e) { shown[e.id] = true; });
    return JSON.stringify({ type: "FeatureCollection", features: data.layers.events.features.filter(function (f) { return shown[f.properties.event_id]; }) });
  }
  window.SANDTABLE_EXPORT = { csv: eventsCsv, geojson: eventsGeojson, png: function () { return snapshot().toDataURL("image/png"); } };
  document.getElementById("save-csv").addEventListener("click", function () { download("events.csv", new Blob([eventsCsv()], { type: "text/csv" })); });
  document.getElementById("save-geojson").addEventListener("click", function () { download("events.geojson", new Blob([eventsGeojson()], { type: "application/geo+json" })); });
  document.getElementById("save-png").addEventListener("click", function () {
    snapshot().toBlob(function (blob) { download("map.png", blob); }, "image/png");
  });
  document.getElementById("copy-link").addEventListener("click", function (ev) {
    var button = ev.target;
    var done = function () { button.textContent = t("linkCopied"); setTimeout(function () { button.textContent = t("copyLink"); }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(location.href).then(done, done); } else { done(); }
  });
  // The image: title and standfirst above the map, its labels drawn in,
  // the key beside it and the credits below.
  function snapshot() {
    var ratio = 2;
    var size = map.getSize();
    var canvases = [renderer._container, eventCanvas._container, siteCanvas._container];
    var keyList = keyEntries();
    var keyWidth = 300, titleHeight = 70, creditHeight = 40;
    var out = document.createElement("canvas");
    out.width = (size.x + keyWidth) * ratio;
    out.height = (size.y + titleHeight + creditHeight) * ratio;
    var g = out.getContext("2d");
    g.scale(ratio, ratio);
    g.fillStyle = "#fff";
    g.fillRect(0, 0, size.x + keyWidth, size.y + titleHeight + creditHeight);
    g.direction = lang === "ar" ? "rtl" : "ltr";
    var words = story.texts[lang] || story.texts.en;
    g.fillStyle = "#111";
    g.font = "bold 20px \"DejaVu Sans\", sans-serif";
    var x0 = lang === "ar" ? size.x + keyWidth - 12 : 12;
    g.textAlign = lang === "ar" ? "right" : "left";
    g.fillText(words.title, x0, 28, size.x + keyWidth - 24);
    g.font = "13px \"DejaVu Sans\", sans-serif";
    g.fillText(words.standfirst, x0, 52, size.x + keyWidth - 24);
    g.save();
    g.translate(0, titleHeight);
    // The canvas reaches beyond the view (Leaflet pads it): only the view.
    g.beginPath();
    g.rect(0, 0, size.x, size.y);
    g.clip();
    g.fillStyle = "#d4e6f1";
    g.fillRect(0, 0, size.x, size.y);
    var mapBox = document.getElementById("map").getBoundingClientRect();
    canvases.forEach(function (c) {
      var at = c.getBoundingClientRect();
      g.drawImage(c, at.left - mapBox.left, at.top - mapBox.top, at.width, at.height);
    });
    g.font = LABEL_FONT;
    g.textAlign = "left";
    labelled.forEach(function (l) {
      if (!l.el || l.el.style.display === "none") { return; }
      var r = l.el.getBoundingClientRect();
      var x = r.left - mapBox.left, y = r.top - mapBox.top;
      if (x > size.x || y > size.y || x + r.width < 0 || y + r.height < 0) { return; }
      g.fillStyle = "rgba(255,255,255,.85)";
      g.fillRect(x, y, r.width, r.height);
      g.fillStyle = "#222";
      g.direction = l.el.getAttribute("dir");
      g.textAlign = g.direction === "rtl" ? "right" : "left";
      g.fillText(l.el.textContent, g.direction === "rtl" ? x + r.width - LABEL_PAD : x + LABEL_PAD, y + 13);
    });
    g.restore();
    g.font = "bold 14px \"DejaVu Sans\", sans-serif";
    g.fillStyle = "#111";
    g.direction = lang === "ar" ? "rtl" : "ltr";
    g.textAlign = lang === "ar" ? "right" : "left";
    var kx = lang === "ar" ? size.x + keyWidth - 10 : size.x + 10;
    g.fillText(t("key"), kx, titleHeight + 18);
    g.font = "11px \"DejaVu Sans\", sans-serif";
    keyList.forEach(function (e, i) {
      var y = titleHeight + 38 + i * 20;
      var sx = lang === "ar" ? size.x + keyWidth - 28 : size.x + 10;
      g.strokeStyle = e.colour;
      g.fillStyle = e.colour;
      g.lineWidth = 2;
      g.setLineDash(/dashed|dotted/.test(e.shape) ? [3, 3] : []);
      g.beginPath();
      if (/^line/.test(e.shape)) { g.lineWidth = e.shape === "line-thin" ? 1 : 2.5; g.moveTo(sx, y - 4); g.lineTo(sx + 18, y - 4); g.stroke(); }
      else if (e.shape === "dot") { g.arc(sx + 9, y - 4, 5, 0, 2 * Math.PI); g.fill(); }
      else if (e.shape === "hatched" || e.shape === "area") { g.fillRect(sx, y - 9, 18, 10); }
      else { g.arc(sx + 9, y - 4, 7, 0, 2 * Math.PI); g.stroke(); }
      g.setLineDash([]);
      g.fillStyle = "#222";
      g.fillText(e.text, lang === "ar" ? sx - 6 : sx + 26, y, keyWidth - 40);
    });
    g.font = "11px \"DejaVu Sans\", sans-serif";
    g.fillStyle = "#444";
    g.fillText(document.getElementById("credits").textContent, x0, titleHeight + size.y + 24, size.x + keyWidth - 24);
    return out;
  }

  // The first view: map.toml's, or every site.
  map.invalidateSize();
  if (view.center && view.zoom !== null && view.zoom !== undefined) {
    map.setView(view.center, view.zoom);
  } else if (sites.items.length > 0) {
    // Room on the right for the key, open on a wide screen.
    var keyRoom = map.getSize().x > 900 ? 260 : 0;
    map.fitBounds(sites.getBounds().pad(0.05), { maxZoom: view.max_zoom, paddingBottomRight: [keyRoom, 0] });
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
      div.textContent = t("noSites");
      return div;
    };
    note.addTo(map);
    stats.empty = true;
  }
  // Added once the map has its view (a layer added straight to the map
  // before that finds the canvas without bounds).
  if (veil) { veil.addTo(map).bringToBack(); }
  drawAxis();
  window.addEventListener("resize", drawAxis);

  map.on("moveend", function () {
    if (!stats.ready) { return; }
    var c = map.getCenter();
    writeState({ view: c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom() });
  });
  function applyState() {
    var wanted = readState();
    if (wanted.from || wanted.to) { from.value = wanted.from || ""; to.value = wanted.to || ""; filter(); }
    setLanguage(story.languages.indexOf(wanted.lang) >= 0 ? wanted.lang : story.languages[0] || "en");
    if (wanted.view) {
      var v = wanted.view.split(",").map(Number);
      if (v.length === 3 && v.every(isFinite)) { map.setView([v[0], v[1]], v[2]); }
    }
    if (wanted.event) { selectEvent(wanted.event); }
    if (wanted.site) {
      var site = sites.items.filter(function (i) { return i.feature.id === wanted.site; })[0];
      if (site) { map.panTo(site.at); openSite(site); }
    }
  }
  filter();
  applyState();
  window.addEventListener("hashchange", applyState);
  stats.loadMs = performance.now() - started;
  stats.ready = true;
})();
