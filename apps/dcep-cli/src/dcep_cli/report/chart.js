/* dcep report charts: small hand-written SVG time-series charts (no library, no network).
   Each <div class="chart" data-spec="ID"> reads the JSON in <script id="ID" type="application/json">:
   {title, unit, x: [epoch ms], labels: [local time text], stacked: bool,
    series: [{name, values, kind: "area"|"line", color, dash?}]}
   Drag across a chart to zoom in, double-click or "All" to zoom out, "Day"/"Week" to show a window;
   hovering shows every series at the nearest interval with its local time. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 900, H = 280, L = 64, R = 16, T = 12, B = 40;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var k in attrs) { node.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function niceStep(span, count) {
    var raw = span / Math.max(count, 1);
    var mag = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (raw <= steps[i] * mag) { return steps[i] * mag; } }
    return 10 * mag;
  }

  function fmt(v, unit, digits) {
    var a = Math.abs(v);
    if (digits === undefined) { digits = a >= 100 ? 0 : a >= 10 ? 1 : 2; }
    var text = a.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (unit && unit.charAt(0) === "$") { return (v < 0 ? "-$" : "$") + text + unit.slice(1); }
    return (v < 0 ? "-" : "") + text + (unit ? " " + unit : "");
  }

  function Chart(host, spec) {
    this.host = host; this.spec = spec;
    this.n = spec.x.length; this.lo = 0; this.hi = this.n - 1;
    this.build();
  }

  Chart.prototype.build = function () {
    var self = this, spec = this.spec;
    var bar = document.createElement("div"); bar.className = "chart-bar";
    var title = document.createElement("span"); title.className = "chart-title"; title.textContent = spec.title;
    bar.appendChild(title);
    var hours = this.n > 1 ? (spec.x[this.n - 1] - spec.x[0]) / 3.6e6 : 0;
    var buttons = [["All", 0]];
    if (hours > 30) { buttons.push(["Day", 24]); }
    if (hours > 24 * 8) { buttons.push(["Week", 24 * 7]); }
    buttons.forEach(function (b) {
      var btn = document.createElement("button"); btn.type = "button"; btn.textContent = b[0];
      btn.addEventListener("click", function () { self.window(b[1]); });
      bar.appendChild(btn);
    });
    this.host.appendChild(bar);
    this.svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": spec.title }, this.host);
    this.tip = document.createElement("div"); this.tip.className = "chart-tip"; this.tip.hidden = true;
    this.host.appendChild(this.tip);
    var legend = document.createElement("div"); legend.className = "chart-legend";
    spec.series.forEach(function (s) {
      var item = document.createElement("span");
      var sw = document.createElement("i"); sw.style.background = s.color; item.appendChild(sw);
      item.appendChild(document.createTextNode(s.name)); legend.appendChild(item);
    });
    this.host.appendChild(legend);
    this.svg.addEventListener("mousemove", function (e) { self.hover(e); });
    this.svg.addEventListener("mouseleave", function () { self.tip.hidden = true; self.cursor.setAttribute("visibility", "hidden"); });
    this.svg.addEventListener("mousedown", function (e) { self.dragFrom = self.indexAt(e); });
    this.svg.addEventListener("mouseup", function (e) {
      var to = self.indexAt(e);
      if (self.dragFrom !== undefined && Math.abs(to - self.dragFrom) >= 2) {
        self.zoom(Math.min(to, self.dragFrom), Math.max(to, self.dragFrom));
      }
      self.dragFrom = undefined;
    });
    this.svg.addEventListener("dblclick", function () { self.zoom(0, self.n - 1); });
    this.draw();
  };

  Chart.prototype.window = function (hours) {
    if (!hours) { this.zoom(0, this.n - 1); return; }
    var end = this.spec.x[this.lo] + hours * 3.6e6, hi = this.lo;
    while (hi < this.n - 1 && this.spec.x[hi + 1] < end) { hi++; }
    this.zoom(this.lo, Math.max(hi, this.lo + 1));
  };

  Chart.prototype.zoom = function (lo, hi) { this.lo = lo; this.hi = hi; this.draw(); };

  Chart.prototype.px = function (i) {
    var x = this.spec.x, span = (x[this.hi] - x[this.lo]) || 1;
    return L + (x[i] - x[this.lo]) / span * (W - L - R);
  };

  Chart.prototype.py = function (v) { return T + (this.ymax - v) / ((this.ymax - this.ymin) || 1) * (H - T - B); };

  Chart.prototype.indexAt = function (e) {
    var box = this.svg.getBoundingClientRect();
    var sx = (e.clientX - box.left) / box.width * W;
    var best = this.lo, dist = Infinity;
    for (var i = this.lo; i <= this.hi; i++) {
      var d = Math.abs(this.px(i) - sx);
      if (d < dist) { dist = d; best = i; }
    }
    return best;
  };

  Chart.prototype.stacks = function () {
    var spec = this.spec, base = new Array(this.n).fill(0), out = [];
    spec.series.forEach(function (s) {
      var low = base.slice(), high = base.slice();
      for (var i = 0; i < s.values.length; i++) {
        if (spec.stacked && s.kind === "area") { high[i] = base[i] + s.values[i]; base[i] = high[i]; }
        else { low[i] = 0; high[i] = s.values[i]; }
      }
      out.push({ s: s, low: s.kind === "area" ? low : null, high: high });
    });
    return out;
  };

  Chart.prototype.draw = function () {
    var self = this, svg = this.svg, spec = this.spec;
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var layers = this.stacks(), ymin = spec.zero === false ? Infinity : 0, ymax = spec.zero === false ? -Infinity : 0;
    layers.forEach(function (g) {
      for (var i = self.lo; i <= self.hi; i++) {
        ymax = Math.max(ymax, g.high[i]); ymin = Math.min(ymin, g.high[i]);
        if (g.low) { ymin = Math.min(ymin, g.low[i]); }
      }
    });
    if (ymax === ymin) { ymax = ymin + 1; }
    var step = niceStep(ymax - ymin, 5);
    this.ymin = Math.floor(ymin / step) * step; this.ymax = Math.ceil(ymax / step) * step;
    for (var v = this.ymin; v <= this.ymax + step / 2; v += step) {
      var y = this.py(v);
      el("line", { x1: L, x2: W - R, y1: y, y2: y, class: Math.abs(v) < step / 1e6 ? "zero" : "grid" }, svg);
      el("text", { x: L - 6, y: y + 4, "text-anchor": "end", class: "tick" }, svg).textContent = fmt(v, spec.unit, step >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(step))));
    }
    var at = this.timeTicks();
    for (var k = 0; k < at.length; k++) {
      var x = this.px(at[k]);
      el("line", { x1: x, x2: x, y1: H - B, y2: H - B + 5, class: "axis" }, svg);
      el("text", { x: x, y: H - B + 18, "text-anchor": x - L < 30 ? "start" : W - R - x < 30 ? "end" : "middle", class: "tick" }, svg)
        .textContent = spec.labels[at[k]].slice(5, 16);
    }
    el("text", { x: L, y: H - 4, class: "tick" }, svg).textContent = "local time (" + spec.labels[this.lo].slice(17) + ")";
    layers.forEach(function (g) {
      var top = [], bottom = [];
      for (var i = self.lo; i <= self.hi; i++) {
        top.push(self.px(i).toFixed(1) + "," + self.py(g.high[i]).toFixed(1));
        if (g.low) { bottom.unshift(self.px(i).toFixed(1) + "," + self.py(g.low[i]).toFixed(1)); }
      }
      if (g.low) {
        el("polygon", { points: top.concat(bottom).join(" "), fill: g.s.color, "fill-opacity": "0.55", stroke: g.s.color, "stroke-width": "1", class: "series" }, svg);
      } else {
        el("polyline", { points: top.join(" "), fill: "none", stroke: g.s.color, "stroke-width": "2", "stroke-dasharray": g.s.dash || "", class: "series" }, svg);
      }
    });
    el("rect", { x: L, y: T, width: W - L - R, height: H - T - B, class: "frame" }, svg);
    this.cursor = el("line", { x1: 0, x2: 0, y1: T, y2: H - B, class: "cursor", visibility: "hidden" }, svg);
  };

  /* Interval indices to label: whole local hours or days (from the local-time labels, so the
     ticks stay on the clock across a daylight-saving change), at most about seven. */
  Chart.prototype.timeTicks = function () {
    var spec = this.spec, spanH = (spec.x[this.hi] - spec.x[this.lo]) / 3.6e6;
    var steps = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 2160];
    var stepH = steps[steps.length - 1];
    for (var s = 0; s < steps.length; s++) { if (spanH / steps[s] <= 7) { stepH = steps[s]; break; } }
    var out = [];
    for (var i = this.lo; i <= this.hi; i++) {
      var lab = spec.labels[i], minutes = parseInt(lab.slice(11, 13), 10) * 60 + parseInt(lab.slice(14, 16), 10);
      var day = Math.round(Date.UTC(+lab.slice(0, 4), +lab.slice(5, 7) - 1, +lab.slice(8, 10)) / 864e5);
      var hit = stepH < 24 ? minutes % Math.round(stepH * 60) === 0 : minutes === 0 && day % Math.round(stepH / 24) === 0;
      if (hit && (out.length === 0 || spec.labels[out[out.length - 1]].slice(0, 16) !== lab.slice(0, 16))) { out.push(i); }
    }
    if (out.length < 2) {
      out = [];
      var n = Math.min(6, this.hi - this.lo + 1);
      for (var k = 0; k < n; k++) { out.push(Math.round(this.lo + k * (this.hi - this.lo) / Math.max(n - 1, 1))); }
    }
    return out;
  };

  Chart.prototype.hover = function (e) {
    var i = this.indexAt(e), spec = this.spec, x = this.px(i);
    this.cursor.setAttribute("x1", x); this.cursor.setAttribute("x2", x); this.cursor.setAttribute("visibility", "visible");
    var lines = [spec.labels[i]];
    spec.series.forEach(function (s) { lines.push(s.name + ": " + fmt(s.values[i], spec.unit)); });
    this.tip.textContent = lines.join("\n");
    this.tip.hidden = false;
    var box = this.svg.getBoundingClientRect();
    this.tip.style.left = Math.min(x / W * box.width + 12, box.width - 220) + "px";
  };

  function start() {
    var hosts = document.querySelectorAll("div.chart[data-spec]");
    for (var i = 0; i < hosts.length; i++) {
      var spec = JSON.parse(document.getElementById(hosts[i].getAttribute("data-spec")).textContent);
      hosts[i].chart = new Chart(hosts[i], spec);
    }
    document.body.setAttribute("data-charts-ready", String(hosts.length));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
