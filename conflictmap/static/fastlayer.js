/* conflictmap's event layer: all events shipped once as binary columns, drawn on one canvas,
   filtered by the time window in the browser.

   The page hands the layer a window (first and last day) with show(), and the
   filters as a bit mask over the rows (fetched once per filter; none: all rows);
   the layer finds the window's rows by binary search on the sorted days, groups them by
   place, and groups places that crowd one screen cell into a counted circle.
   Nothing of a report's text is ever parsed as HTML: tooltips are built from
   text nodes. Clicks are re-fired as a Leaflet "click" whose source carries a
   tooltip "event <id>", which is what streamlit-folium reports back to the app. */
(function () {
  if (window.ConflictmapCanvas) return;
  var CELL = 44;           // screen cell, in pixels, within which places are counted together
  var RING_DASH = [4, 3];

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function radiusFor(size) {  // mapview.marker_radius
    if (!(size > 0)) return 6.0;
    return Math.round((6.0 + 5.0 * Math.log10(1 + size)) * 10) / 10;
  }

  /* The first part: what a paint needs. */
  function decode(raw) {
    var n = raw.place.length, i;
    var day = new Int32Array(n), acc = raw.first_day;
    for (i = 0; i < n; i++) { acc += raw.day_delta[i]; day[i] = acc; }
    var data = {
      n: n, day: day, place: Int32Array.from(raw.place), type: Uint8Array.from(raw.type),
      size: Int32Array.from(raw.size), types: raw.types, precisions: raw.precisions,
      precisionRadius: raw.precision_radius_m, places: raw.places, nPlaces: raw.places.name.length,
      ids: null, lines: null
    };
    if (raw.id_suffix) addDetail(data, raw);
    return data;
  }

  /* The second part: ids, claim lines and disagreement, for tooltips and clicks. */
  function addDetail(data, raw) {
    var n = data.n, i;
    var lineStart = new Int32Array(n + 1);
    for (i = 0; i < n; i++) lineStart[i + 1] = lineStart[i] + raw.line_count[i];
    var ids = new Array(n);
    for (i = 0; i < n; i++) ids[i] = raw.id_prefixes[raw.id_prefix[i]] + raw.id_suffix[i];
    data.lineStart = lineStart; data.lineIndex = Int32Array.from(raw.line_index); data.lines = raw.lines;
    data.disagree = Uint8Array.from(raw.disagree); data.ids = ids;
  }

  /* The binary columns (columns.pack): "CMEV", the header's length (uint32, little-endian), the JSON header,
     then each array at a multiple of 8 bytes, viewed in place as a typed array (copied through a DataView
     on a big-endian machine). An array stored as byte planes (its spec's fourth value: every number's
     first byte, then every second byte ...) is put back together first. Returns the header with each
     array set on it under its name. */
  var VIEWS = {"|u1": Uint8Array, "|i1": Int8Array, "<u2": Uint16Array, "<i2": Int16Array, "<u4": Uint32Array,
               "<i4": Int32Array, "<f4": Float32Array, "<f8": Float64Array};
  var LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  function readColumns(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes.length < 8 || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== "CMEV")
      throw new Error("not conflictmap columns");
    var view = new DataView(buffer), body = 8 + view.getUint32(4, true);
    var header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, body)));
    Object.keys(header.arrays).forEach(function (name) {
      var spec = header.arrays[name], View = VIEWS[spec[0]], start = body + spec[1], length = spec[2];
      if (!View) throw new Error("unknown array type " + spec[0]);
      var size = View.BYTES_PER_ELEMENT, source = buffer, i, b;
      if (start + length * size > buffer.byteLength) throw new Error("columns cut short");
      if (spec[3]) {  // byte planes: plane b holds byte b of every number
        var planes = new Uint8Array(buffer, start, length * size), joined = new Uint8Array(length * size);
        for (b = 0; b < size; b++) for (i = 0; i < length; i++) joined[i * size + b] = planes[b * length + i];
        source = joined.buffer; start = 0;
      }
      if (LITTLE) { header[name] = new View(source, start, length); return; }
      var out = new View(length), bytes = new DataView(source), get = "get" + View.name.replace("Array", "");
      for (i = 0; i < length; i++) out[i] = bytes[get](start + i * size, true);
      header[name] = out;
    });
    return header;
  }

  /* Gzip (as mapfiles writes the columns) inflated by the browser itself; anything else as it came. */
  function inflate(buffer) {
    var head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
    if (head[0] !== 0x1f || head[1] !== 0x8b) return Promise.resolve(buffer);
    return new Response(new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }

  /* Binary columns in the shape of the JSON ones (columns.to_payload), so decode and addDetail read both. */
  function parseColumns(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] === 0x7b) return JSON.parse(new TextDecoder().decode(bytes));  // "{": JSON columns
    var raw = readColumns(buffer);
    if (raw.part === "core")
      raw.places = {name: raw.place_names, lat: raw.place_lat, lon: raw.place_lon, precision: raw.place_precision};
    return raw;
  }

  /* A named moment of the layer's loading, for the browser's performance timeline (bench/firstview.py). */
  function mark(name) { try { performance.mark("conflictmap: " + name); } catch (e) { /* no timeline */ } }

  /* The columns' bytes: the fetch the map's script file started as it loaded (static/prefetch.js keeps it as
     conflictmapPrefetched), or a fetch of its own. */
  function fetchBytes(url) {
    var href = new URL(url, location.href).href, kept = window.conflictmapPrefetched, started = null;
    if (kept && kept[href]) { started = kept[href]; delete kept[href]; }
    var own = function () {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.arrayBuffer();
      });
    };
    if (!started) return own();
    mark("columns taken from the early fetch");
    return started.then(function (buffer) { return buffer || own(); });
  }

  function fetchColumns(url) {
    return fetchBytes(url).then(inflate).then(parseColumns);
  }

  /* The map's first report to the app (streamlit-folium reports where the map is as soon as it is made) waits
     for the layer's first paint of the window, or HOLD_MS at most: the report reruns the page, which then
     draws the charts, the listing and the share link, and drawing them in the browser would hold up the
     columns' decoding and the paint (the frame shares the page's main thread). Later reports (a click, the
     map moved) go at once. Outside streamlit-folium's frame (no window.Streamlit) nothing is held. */
  var HOLD_MS = 4000;
  /* Work the first paint does not need (the country outlines: mapview.Outlines) runs after it, or after
     HOLD_MS without one. */
  var afterPaint = [];
  window.conflictmapAfterPaint = function (work) { if (afterPaint) afterPaint.push(work); else work(); };
  function painted() {
    var queued = afterPaint;
    afterPaint = null;
    if (queued) queued.forEach(function (work) { setTimeout(work, 0); });
  }
  setTimeout(painted, HOLD_MS);

  window.conflictmapHoldReport = function (layer) {
    var S = window.Streamlit;
    if (!S || typeof S.setComponentValue !== "function" || S.conflictmapHeld) return;
    var send = S.setComponentValue, held = null, done = false;
    S.conflictmapHeld = true;
    S.setComponentValue = function (value) { if (done) return send.apply(S, arguments); held = arguments; };
    var release = function () {
      if (done) return;
      done = true; S.setComponentValue = send;
      if (held) send.apply(S, held);
    };
    layer.once("painted", release);
    setTimeout(release, HOLD_MS);
  };

  window.conflictmapColumns = {read: readColumns, inflate: inflate, parse: parseColumns, fetch: fetchColumns};

  /* The state a map element carries, with the page's latest window and selection over it
     (fastlayer.WINDOW_JS keeps them on the page): a fragment may have moved the window after the map's
     element was sent, and a map frame may load after the page's last move. */
  window.conflictmapLatest = function (state) {
    var latest = null;
    try { latest = window.parent && window.parent !== window ? window.parent.conflictmapWindow : null; }
    catch (e) { latest = null; }
    return latest ? L.extend({}, state, latest) : state;
  };

  /* A filter: one bit per row, little-endian, base64 (columns.EventColumns.mask_payload). */
  function decodeMask(raw) {
    var text = atob(raw.bits), bits = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bits[i] = text.charCodeAt(i);
    return {n: raw.n, bits: bits};
  }

  function lowerBound(arr, value) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (arr[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function isoDay(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

  window.ConflictmapCanvas = L.Layer.extend({
    options: {colours: {}, other: "#7f7f7f", clusterColour: "#31456a", exactPrecision: "neighbourhood"},

    initialize: function (options) {
      L.setOptions(this, options);
      this._data = null; this._url = null; this._range = [0, 0]; this._items = []; this._cursor = {};
      this._mask = null; this._maskKey = null; this._maskLoading = null;
      this._state = {start: null, end: null, selected: null};
      this._loading = null; this.drawCount = 0; this.lastDrawMs = 0;
      if (options && options.data) this._data = decode(options.data);
    },

    onAdd: function (map) {
      mark("layer on the map");
      this._map = map;
      this._canvas = L.DomUtil.create("canvas", "conflictmap-canvas leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      map.getPane("overlayPane").appendChild(this._canvas);
      this._tooltip = L.tooltip({sticky: true, direction: "top", offset: [0, -8], className: "conflictmap-tooltip"});
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      map.on("mousemove", this._onMove, this);
      map.on("mouseout", this._hideTooltip, this);
      map.on("click", this._onClick, this);
      this._redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._redraw, this);
      map.off("mousemove", this._onMove, this);
      map.off("mouseout", this._hideTooltip, this);
      map.off("click", this._onClick, this);
      this._hideTooltip();
    },

    /* The page's one call: which data (a URL, fetched once), which days, which filter (a mask's URL). */
    /* A new window or selection for the data and filter shown now: {start, end, selected}. */
    move: function (window) { return this.show(L.extend({}, this._shown || {}, window)); },

    show: function (state) {
      var self = this;
      this._shown = state;
      this._state = {start: state.start, end: state.end, selected: state.selected || null};
      this._cursor = {};
      var mask = state.mask || null, maskKey = typeof mask === "string" ? mask : JSON.stringify(mask);
      if (maskKey !== this._maskKey) {
        this._maskKey = maskKey; this._mask = null; this._maskLoading = null;
        if (typeof mask === "string") {
          this._maskLoading = fetch(mask).then(function (r) { return r.json(); }).then(function (raw) {
            if (self._maskKey !== maskKey) return;
            self._mask = decodeMask(raw); self._maskLoading = null; self._redraw();
          });
        } else if (mask) {
          this._mask = decodeMask(mask);
        }
      }
      if (state.url && state.url !== this._url) {
        var url = state.url, detail = state.detail;
        this._url = url;
        mark("columns asked for");
        this._loading = fetchColumns(url).then(function (raw) {
          if (self._url !== url) return;
          mark("columns read");
          self._data = decode(raw); self._loading = null; self._redraw();
          mark("columns drawn");
          if (!detail) return;
          return fetchColumns(detail).then(function (more) {
            if (self._url === url && more.n === self._data.n) { addDetail(self._data, more); self._redraw(); }
          });
        });
        return this._loading;
      }
      if (state.data) this._data = decode(state.data);
      this._redraw();
      return this._maskLoading || Promise.resolve();
    },

    /* Whether row i passes the filter. A mask of other data (its row count differs) passes nothing:
       the matching one is on its way. */
    _kept: function (i) {
      var m = this._mask;
      if (!m) return true;
      if (m.n !== this._data.n) return false;
      return ((m.bits[i >> 3] >> (i & 7)) & 1) === 1;
    },

    /* Rows of the current window: [first, last) in the sorted columns. */
    windowRange: function () {
      var d = this._data;
      if (!d) return [0, 0];
      var lo = this._state.start == null ? 0 : lowerBound(d.day, this._state.start);
      var hi = this._state.end == null ? d.n : lowerBound(d.day, this._state.end + 1);
      return [lo, Math.max(lo, hi)];
    },

    /* How many events the current window and filter hold, on screen or not (for tests and the benchmark). */
    windowCount: function () {
      var r = this.windowRange(), n = 0;
      for (var i = r[0]; i < r[1]; i++) if (this._kept(i)) n++;
      return n;
    },

    /* The ids the current window draws (for tests and the benchmark). */
    windowIds: function () {
      var r = this.windowRange(), out = [];
      if (!this._data || !this._data.ids) return null;
      for (var i = r[0]; i < r[1]; i++) if (this._kept(i)) out.push(this._data.ids[i]);
      return out;
    },

    /* Events represented by what is painted now (points and counted circles). */
    drawnEvents: function () {
      var total = 0;
      for (var k = 0; k < this._items.length; k++) total += this._items[k].count;
      return total;
    },

    ready: function () { return !!this._data && !this._loading && !this._maskLoading; },

    /* Tooltips and clicks need the second part too. */
    complete: function () { return this.ready() && !!this._data.ids; },

    _redraw: function () {
      if (!this._map || !this._canvas) return;
      var t0 = performance.now();
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
        canvas.width = size.x * ratio; canvas.height = size.y * ratio;
        canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      }
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var d = this._data;
      if (this._maskLoading && d) return;  // nothing until the filter's mask is here, never the unfiltered events
      this._items = [];
      if (!d) { this.drawCount++; return; }
      var range = this.windowRange(); this._range = range;

      // 1. events of the window, grouped by place; the largest event leads its place
      var count = new Int32Array(d.nPlaces), lead = new Int32Array(d.nPlaces).fill(-1), i, p;
      for (i = range[0]; i < range[1]; i++) {
        if (!this._kept(i)) continue;
        p = d.place[i]; count[p]++;
        var best = lead[p];
        if (best < 0 || d.size[i] > d.size[best] || (d.size[i] === d.size[best] && i > best)) lead[p] = i;
      }
      // 2. places on screen, grouped by screen cell
      var bounds = map.getBounds().pad(0.1), cells = new Map(), lat = d.places.lat, lon = d.places.lon;
      for (p = 0; p < d.nPlaces; p++) {
        if (!count[p] || !bounds.contains([lat[p], lon[p]])) continue;
        var pt = map.latLngToContainerPoint([lat[p], lon[p]]);
        var key = Math.floor(pt.x / CELL) + ":" + Math.floor(pt.y / CELL);
        var cell = cells.get(key);
        if (!cell) { cell = []; cells.set(key, cell); }
        cell.push({p: p, x: pt.x, y: pt.y});
      }
      // 3. paint: areas first (under everything), then points and counted circles
      var zoomScale = map.getZoomScale(map.getZoom(), 0) * 256 / 40075016.686;  // px per metre at the equator
      var items = this._items, self = this;
      cells.forEach(function (cell) {
        if (cell.length === 1) {
          var c = cell[0], row = lead[c.p], prec = d.places.precision[c.p];
          var metres = d.precisionRadius[prec] || 0;
          var areaPx = metres * zoomScale / Math.cos(lat[c.p] * Math.PI / 180);
          items.push({kind: "place", p: c.p, x: c.x, y: c.y, r: radiusFor(d.size[row]), row: row,
                      count: count[c.p], exact: d.precisions[prec] === self.options.exactPrecision,
                      area: areaPx, colour: self.options.colours[d.types[d.type[row]]] || self.options.other});
        } else {
          var n = 0, sx = 0, sy = 0, places = [];
          for (var k = 0; k < cell.length; k++) {
            var w = count[cell[k].p]; n += w; sx += cell[k].x * w; sy += cell[k].y * w; places.push(cell[k].p);
          }
          items.push({kind: "cluster", x: sx / n, y: sy / n, r: Math.min(30, 10 + 4 * Math.log10(n + 1) * 2),
                      count: n, places: places});
        }
      });
      items.forEach(function (it) {
        if (it.kind !== "place" || it.exact || it.area < 3) return;
        ctx.beginPath(); ctx.arc(it.x, it.y, it.area, 0, 2 * Math.PI);
        ctx.fillStyle = it.colour; ctx.globalAlpha = 0.12; ctx.fill(); ctx.globalAlpha = 0.7;
        ctx.setLineDash(RING_DASH); ctx.lineWidth = 1; ctx.strokeStyle = it.colour; ctx.stroke();
        ctx.setLineDash([]); ctx.globalAlpha = 1;
      });
      var selected = this._state.selected;
      items.forEach(function (it) {
        ctx.beginPath(); ctx.arc(it.x, it.y, it.r, 0, 2 * Math.PI);
        if (it.kind === "cluster") {
          ctx.fillStyle = self.options.clusterColour; ctx.globalAlpha = 0.8; ctx.fill(); ctx.globalAlpha = 1;
          ctx.lineWidth = 2; ctx.strokeStyle = "#fff"; ctx.stroke();
          ctx.fillStyle = "#fff"; ctx.font = "bold 11px sans-serif"; ctx.textAlign = "center";
          ctx.textBaseline = "middle"; ctx.fillText(String(it.count), it.x, it.y);
          return;
        }
        ctx.fillStyle = it.colour; ctx.globalAlpha = 0.8; ctx.fill(); ctx.globalAlpha = 1;
        if (it.exact) { ctx.lineWidth = 1; ctx.strokeStyle = "#222"; ctx.setLineDash([]); }
        else { ctx.lineWidth = 2; ctx.strokeStyle = it.colour; ctx.setLineDash(RING_DASH); }
        ctx.stroke(); ctx.setLineDash([]);
        if (it.count > 1) {
          ctx.fillStyle = "#fff"; ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center";
          ctx.textBaseline = "middle"; ctx.fillText(String(it.count), it.x, it.y);
        }
        if (selected && d.ids && d.ids[it.row] === selected) {
          ctx.beginPath(); ctx.arc(it.x, it.y, it.r + 4, 0, 2 * Math.PI);
          ctx.lineWidth = 3; ctx.strokeStyle = "#00b3ff"; ctx.stroke();
        }
      });
      this.drawCount++;
      this.lastDrawMs = performance.now() - t0;
      if (!this._painted) { this._painted = true; mark("first paint with the window"); this.fire("painted"); painted(); }
      canvas.setAttribute("data-events", String(this.drawnEvents()));
      canvas.setAttribute("data-draws", String(this.drawCount));
    },

    _hit: function (point) {
      var best = null, bestDist = Infinity;
      for (var k = 0; k < this._items.length; k++) {
        var it = this._items[k], dx = it.x - point.x, dy = it.y - point.y, dist = Math.sqrt(dx * dx + dy * dy);
        if (dist <= Math.max(it.r, 5) + 2 && dist < bestDist) { best = it; bestDist = dist; }
      }
      return best;
    },

    /* The rows of one place in the window, leader first, then by day. */
    _rowsAt: function (p) {
      var rows = [], d = this._data;
      for (var i = this._range[0]; i < this._range[1]; i++) if (d.place[i] === p && this._kept(i)) rows.push(i);
      rows.sort(function (a, b) { return (d.size[b] - d.size[a]) || (b - a); });
      return rows;
    },

    _content: function (it) {
      var d = this._data, box = document.createElement("div");
      function line(text, style) {
        var el = document.createElement("div"); el.textContent = text;
        if (style) el.setAttribute("style", style);
        box.appendChild(el);
      }
      if (it.kind === "cluster") {
        line(it.count + " events at " + it.places.length + " places", "font-weight:bold");
        line("click to zoom in", "color:#777");
        return box;
      }
      if (!d.ids) { line("details loading\u2026", "color:#777"); return box; }
      var rows = this._rowsAt(it.p), at = (this._cursor[it.p] || 0) % rows.length, row = rows[at];
      var head = d.places.name[it.p] + " \u00b7 " + d.types[d.type[row]].replace(/_/g, " ") + " \u00b7 " + isoDay(d.day[row]);
      line(head, "font-weight:bold");
      if (d.lineStart[row + 1] === d.lineStart[row]) line("no casualty claims");
      for (var j = d.lineStart[row]; j < d.lineStart[row + 1]; j++) line(d.lines[d.lineIndex[j]]);
      if (d.disagree[row]) line("sources disagree", "font-style:italic");
      var prec = d.precisions[d.places.precision[it.p]];
      if (prec !== this.options.exactPrecision) line("placed only to the " + prec, "color:#777");
      if (rows.length > 1) line((at + 1) + " of " + rows.length + " events here: click for the next", "color:#777");
      line("event " + d.ids[row], "color:#777");
      return box;
    },

    _onMove: function (e) {
      var it = this._hit(e.containerPoint);
      this._map.getContainer().style.cursor = it ? "pointer" : "";
      if (!it) { this._hideTooltip(); return; }
      this._tooltip.setContent(this._content(it)).setLatLng(e.latlng);
      if (!this._map.hasLayer(this._tooltip)) this._tooltip.addTo(this._map);
      this._keepInside(e.containerPoint);
    },

    /* The tooltip stays inside the map (whose box clips it): above the point, below it when there is no
       room above, beside it near the left or right edge, and moved in as a last resort. */
    _keepInside: function (point) {
      var tip = this._tooltip, el = tip.getElement(), map = this._map;
      if (!el) return;
      var size = map.getSize(), pad = 4, gap = 8;
      el.style.whiteSpace = "normal";  // long claim lines wrap within a width the map can hold
      el.style.width = "max-content";
      el.style.maxWidth = Math.max(120, Math.min(360, size.x - 2 * pad)) + "px";
      var w = el.offsetWidth, h = el.offsetHeight;
      var dir = point.y - h - gap < pad ? "bottom" : "top";
      if (point.x - w / 2 < pad) dir = "right"; else if (point.x + w / 2 > size.x - pad) dir = "left";
      if (tip.options.direction !== dir) {
        tip.options.direction = dir;
        tip.options.offset = {top: [0, -gap], bottom: [0, gap], left: [-gap, 0], right: [gap, 0]}[dir];
        tip.update();
      }
      var at = map.layerPointToContainerPoint(L.DomUtil.getPosition(el));
      var x = Math.max(pad, Math.min(at.x, size.x - w - pad)), y = Math.max(pad, Math.min(at.y, size.y - h - pad));
      if (x !== at.x || y !== at.y) L.DomUtil.setPosition(el, map.containerPointToLayerPoint([x, y]).round());
    },

    _hideTooltip: function () { if (this._map && this._map.hasLayer(this._tooltip)) this._map.removeLayer(this._tooltip); },

    _onClick: function (e) {
      var it = this._hit(e.containerPoint);
      if (!it) return;
      if (it.kind === "cluster") {
        // Zoom in centred on the circle: its places, mirrored about it, fix how far (all stay in view).
        var d = this._data, map = this._map, centre = map.containerPointToLatLng([it.x, it.y]), b = L.latLngBounds([]);
        it.places.forEach(function (p) {
          b.extend([d.places.lat[p], d.places.lon[p]]);
          b.extend([2 * centre.lat - d.places.lat[p], 2 * centre.lng - d.places.lon[p]]);
        });
        var zoom = Math.min(map.getBoundsZoom(b.pad(0.3)), Math.max(map.getZoom() + 2, 10), map.getMaxZoom());
        map.setView(centre, Math.max(zoom, Math.min(map.getZoom() + 1, map.getMaxZoom())));
        return;
      }
      if (!this._data.ids) return;
      var rows = this._rowsAt(it.p), at = (this._cursor[it.p] || 0) % rows.length, row = rows[at];
      this._cursor[it.p] = at + 1;
      var text = "event " + escapeHtml(this._data.ids[row]);
      // What streamlit-folium reads from a clicked layer: getTooltip().getContent(), as text.
      var source = {getTooltip: function () { return {getContent: function () { return text; }}; },
                    _tooltip: {_content: text}, getPopup: null};
      this._state.selected = this._data.ids[row];
      this._redraw();
      if (this._map.hasLayer(this._tooltip)) this._tooltip.setContent(this._content(it));
      this.fire("click", {latlng: e.latlng, sourceTarget: source, row: row, eventId: this._data.ids[row]});
    }
  });
})();
