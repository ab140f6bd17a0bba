// The events map: Leaflet over the packaged world outline (offline); online tiles only when
// the server was started with --tiles. Data comes from /api/map with the page's filters.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 14, preferCanvas: true }).setView([20, 10], 2);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 18 }).addTo(map);
  }
  var colours = { contested: "#c92a2a", corroborated: "#2b8a3e", single_source: "#e67700", aggregate: "#7048e8" };

  function text(tag, value) {
    var node = document.createElement(tag);
    node.textContent = value == null ? "" : String(value);
    return node;
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var a = text("a", (p.place || "unknown place") + (p.date ? ", " + p.date : ""));
    a.href = "/events/" + encodeURIComponent(p.id);
    box.appendChild(a);
    var parts = [];
    if (p.killed != null) { parts.push(p.killed + " killed"); }
    if (p.injured != null) { parts.push(p.injured + " injured"); }
    parts.push(String(p.status || "").replace(/_/g, " "));
    box.appendChild(text("div", parts.join(" · ")));
    return box;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }

  var world = getJSON(el.dataset.world).then(function (geo) {
    L.geoJSON(geo, {
      interactive: false,
      style: { color: "#8a9aa9", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
    }).addTo(map);
    el.dataset.worldLoaded = String(geo.features.length);
  });

  world.catch(function () { /* an outline that fails to load leaves the sea colour */ }).then(function () {
    return getJSON(el.dataset.events);
  }).then(function (data) {
    // compact rows: data.fields names the columns of each row of data.points
    var at = {};
    data.fields.forEach(function (name, i) { at[name] = i; });
    var layer = L.featureGroup();
    data.points.forEach(function (row) {
      var p = {};
      data.fields.forEach(function (name) { p[name] = row[at[name]]; });
      var k = p.killed || 0;
      L.circleMarker([p.lat, p.lon], {
        radius: Math.min(18, 4 + Math.sqrt(k) * 1.5),
        color: "#fff", weight: 1, fillOpacity: 0.85,
        fillColor: colours[p.status] || "#495057"
      }).bindPopup(function () { return popup(p); }).addTo(layer);
    });
    layer.addTo(map);
    var n = data.points.length;
    el.dataset.loaded = String(n);
    if (n) {
      map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 8 });
    }
    if (data.truncated) {
      var note = text("p", "Showing the newest " + n + " events; narrow the filters to see all.");
      note.className = "muted small";
      el.parentNode.insertBefore(note, el.nextSibling);
    }
  }).catch(function (err) {
    el.dataset.loaded = "error";
    var note = text("p", "The map data could not be loaded (" + err.message + ").");
    note.className = "flash error";
    el.parentNode.insertBefore(note, el.nextSibling);
  });

  // "Search this area": filter the list to the map's current view.
  var Control = L.Control.extend({
    onAdd: function () {
      var b = L.DomUtil.create("button", "small");
      b.type = "button";
      b.textContent = "List events in this view";
      L.DomEvent.disableClickPropagation(b);
      L.DomEvent.on(b, "click", function () {
        var bb = map.getBounds();
        var w = Math.max(-180, bb.getWest()), e = Math.min(180, bb.getEast());
        var s = Math.max(-90, bb.getSouth()), n = Math.min(90, bb.getNorth());
        var base = el.dataset.bboxLink || "/?";
        var sep = base.indexOf("?") === base.length - 1 ? "" : "&";
        window.location = base + sep + "bbox=" + [w, s, e, n].map(function (x) { return x.toFixed(4); }).join(",");
      });
      return b;
    }
  });
  new Control({ position: "topright" }).addTo(map);
})();
