// Glossary page behaviour: search as you type over a split index, and the
// scroll-to-top control. Plain JavaScript, no dependencies; without it the
// A–Z index and every link still work.
(function () {
  "use strict";

  // ---- print: show where each link leads, as an absolute URL ----
  var links = document.querySelectorAll("main a[href]:not([href^='#'])");
  for (var i = 0; i < links.length; i++) links[i].setAttribute("data-href", links[i].href);

  // ---- scroll to top: shown once the reader has scrolled a screen ----
  // The stylesheet floats it (html.js); this only shows and hides it.
  var toTop = document.getElementById("to-top");
  if (toTop) {
    var onScroll = function () {
      toTop.classList.toggle("shown", window.scrollY > window.innerHeight * 0.75);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    onScroll();
    toTop.addEventListener("click", function (e) {
      e.preventDefault();
      var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: reduce ? "auto" : "smooth" });
      var skip = document.querySelector(".site-title");
      if (skip) skip.focus({ preventScroll: true });
    });
  }

  // ---- search ----
  var box = document.getElementById("search");
  if (!box || !window.fetch) return;
  var root = box.getAttribute("data-root") || "";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  box.hidden = false;

  var MAX = 10;
  var meta = null, shards = {}, chunks = {};
  var active = -1, results = [], seq = 0;

  function get(path) {
    return fetch(root + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }
  function loadMeta() {
    if (!meta) meta = get("search/meta.json").then(function (m) {
      m.shardSet = {};
      m.shards.forEach(function (s) { m.shardSet[s] = true; });
      return m;
    });
    return meta;
  }
  // shardKey matches the generator: the first two characters, in hex
  // when they are not ASCII letters or digits.
  function shardKey(word) {
    var key = Array.from(word).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(key)) return key;
    var hex = "";
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return "x" + hex;
  }
  function shard(key, m) {
    if (!m.shardSet[key]) return Promise.resolve({});
    if (!shards[key]) shards[key] = get("search/terms/" + key + ".json");
    return shards[key];
  }
  function chunk(k) {
    if (!chunks[k]) chunks[k] = get("search/docs-" + k + ".json");
    return chunks[k];
  }
  function words(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }

  // Every word must match (the last one as a prefix, being typed); a
  // topic scores its best weight per word, more for whole words.
  function search(q) {
    var ws = words(q);
    if (!ws.length) return Promise.resolve([]);
    return loadMeta().then(function (m) {
      return Promise.all(ws.map(function (w) { return shard(shardKey(w), m); })).then(function (ss) {
        var total = null;
        ws.forEach(function (w, i) {
          var last = i === ws.length - 1, best = {};
          var terms = ss[i];
          Object.keys(terms).forEach(function (term) {
            var exact = term === w;
            if (!exact && !(term.indexOf(w) === 0 && (last || term.length - w.length <= 2))) return;
            var postings = terms[term];
            for (var j = 0; j < postings.length; j += 2) {
              var score = postings[j + 1] * (exact ? 2 : 1);
              if (!(best[postings[j]] >= score)) best[postings[j]] = score;
            }
          });
          if (total === null) { total = best; return; }
          var next = {};
          Object.keys(total).forEach(function (d) { if (d in best) next[d] = total[d] + best[d]; });
          total = next;
        });
        var ids = Object.keys(total || {}).map(Number);
        ids.sort(function (a, b) { return total[b] - total[a] || a - b; });
        ids = ids.slice(0, 50);
        var need = {};
        ids.forEach(function (id) { need[Math.floor(id / m.chunk)] = true; });
        return Promise.all(Object.keys(need).map(function (k) {
          return chunk(k).then(function (docs) { return [Number(k), docs]; });
        })).then(function (loaded) {
          var byChunk = {};
          loaded.forEach(function (p) { byChunk[p[0]] = p[1]; });
          var ql = q.trim().toLowerCase();
          return ids.map(function (id) {
            var d = byChunk[Math.floor(id / m.chunk)][id % m.chunk];
            var title = d[0].toLowerCase(), rank = total[id];
            if (title.indexOf(ql) === 0) rank += 1000;
            else if (d[3].some(function (a) { return a.toLowerCase().indexOf(ql) === 0; })) rank += 500;
            else if (title.indexOf(ql) >= 0) rank += 100;
            return { title: d[0], url: root + d[1], summary: d[2], rank: rank, id: id };
          }).sort(function (a, b) { return b.rank - a.rank || a.id - b.id; }).slice(0, MAX);
        });
      });
    });
  }

  function render(items, q) {
    results = items;
    active = -1;
    list.textContent = "";
    items.forEach(function (item, i) {
      // An option holds text only: a link inside it would nest one
      // interactive control in another. Click and Enter navigate.
      var li = document.createElement("li");
      li.id = "search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var t = document.createElement("span");
      t.className = "result-title";
      t.textContent = item.title;
      var s = document.createElement("span");
      s.className = "result-summary";
      s.textContent = item.summary;
      li.appendChild(t);
      li.appendChild(s);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { location.href = item.url; });
      list.appendChild(li);
    });
    var open = q.trim().length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    if (open && !items.length) {
      var li = document.createElement("li");
      li.className = "no-results";
      li.textContent = words(q).length ? "No topics match." : "Type at least two letters.";
      list.appendChild(li);
    }
    status.textContent = !open ? "" : items.length ?
      items.length + (items.length === 1 ? " result" : " results") + ". Use the arrow keys to choose, Enter to open." :
      "No results.";
  }

  function move(delta) {
    if (!results.length) return;
    var opts = list.querySelectorAll("[role=option]");
    if (active >= 0) opts[active].setAttribute("aria-selected", "false");
    active = (active + delta + results.length) % results.length;
    opts[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }

  function close() {
    if (active >= 0) list.querySelectorAll("[role=option]")[active].setAttribute("aria-selected", "false");
    active = -1;
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  input.addEventListener("input", function () {
    var q = input.value, mine = ++seq;
    search(q).then(function (items) { if (mine === seq) render(items, q); }, function () {
      if (mine === seq) { render([], q); status.textContent = "Search is unavailable."; }
    });
  });
  input.addEventListener("focus", function () { loadMeta().catch(function () {}); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (list.hidden && input.value) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      move(1);
    }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter") {
      var pick = active >= 0 ? results[active] : results[0];
      if (pick) { e.preventDefault(); location.href = pick.url; }
    } else if (e.key === "Escape") {
      if (!list.hidden) { close(); } else { input.value = ""; input.blur(); }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();
