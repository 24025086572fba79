// Glossary page behaviour: search as you type over a split index,
// definition cards on links to terms, and the scroll-to-top control. Plain JavaScript, no dependencies; without it the
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

  // ---- definition cards: a term's summary on hover or keyboard focus ----
  // A link to another term stays a plain link. After ~300 ms of hover or
  // keyboard focus a card follows it in the document (so a screen reader
  // meets it in reading order, as one more line after the link) and is
  // placed beside it, never over it. The card stays while the pointer is
  // on the link or the card or the link has focus; Escape dismisses it
  // without moving focus. Taps navigate: touch never opens a card. The
  // data is in the page: #term-cards, or the list item around the link.
  (function () {
    var DELAY = 300;
    var island = document.getElementById("term-cards");
    var cards = {};
    try { if (island) cards = JSON.parse(island.textContent); } catch (e) { cards = {}; }
    var searchBox = document.getElementById("search");
    var topics = new URL(((searchBox && searchBox.getAttribute("data-root")) || "") + "topics/", location.href).pathname;
    var card = null, owner = null, pending = null, dismissed = null, showTimer = 0, hideTimer = 0;

    function term(a) {
      if (!a || a.closest(".card")) return null;
      var u = new URL(a.href, location.href);
      if (u.origin !== location.origin || u.pathname.indexOf(topics) !== 0 || u.pathname === location.pathname) return null;
      var slug = u.pathname.slice(topics.length).replace(/\/$/, "");
      var item = a.parentNode, beside = item.querySelector(":scope > .topic-summary");
      var d = cards[slug];
      if (d) return { title: d[0], kicker: d[1], summary: d[2], law: d[3] ? "Defined in law: " + d[3] : "", url: u.href, beside: !!beside };
      if (item.hasAttribute("data-kicker")) {
        var mark = item.querySelector(":scope > .law-mark");
        return { title: a.textContent, kicker: item.getAttribute("data-kicker"), summary: beside ? beside.textContent : "",
          law: mark ? mark.textContent : "", url: u.href, beside: !!beside };
      }
      return null;
    }
    function part(tag, cls, text) {
      var e = document.createElement(tag);
      e.className = cls;
      e.textContent = text;
      return e;
    }
    function build(t) {
      var c = part("span", "card", "");
      c.appendChild(part("span", "card-kicker", t.kicker));
      // The title repeats the link just read: hidden from screen readers,
      // and out of the Tab order (the link itself goes to the same page).
      var title = part("a", "card-title", t.title);
      title.href = t.url;
      title.tabIndex = -1;
      title.setAttribute("aria-hidden", "true");
      c.appendChild(title);
      // A list item shows the law and the summary already: a screen
      // reader hears them there, not twice.
      if (t.law) {
        var law = part("span", "card-law", t.law);
        if (t.beside) law.setAttribute("aria-hidden", "true");
        c.appendChild(law);
      }
      var s = part("span", "card-summary", t.summary);
      if (t.beside) s.setAttribute("aria-hidden", "true");
      c.appendChild(s);
      return c;
    }
    // place puts the card below the link, or above it where there is no
    // room below: never over it.
    function place() {
      if (!card) return;
      var r = owner.getBoundingClientRect(), w = card.offsetWidth, h = card.offsetHeight;
      var vw = document.documentElement.clientWidth, vh = window.innerHeight;
      var top = r.bottom + 6 + h <= vh || r.top - 6 - h < 0 ? r.bottom + 6 : r.top - 6 - h;
      card.style.left = Math.max(8, Math.min(r.left, vw - w - 8)) + "px";
      card.style.top = top + "px";
    }
    function show(a) {
      var t = term(a);
      hide();
      if (!t) return;
      owner = a;
      card = build(t);
      a.insertAdjacentElement("afterend", card);
      place();
    }
    function hide() {
      clearTimeout(hideTimer);
      if (card) card.remove();
      card = owner = null;
    }
    function schedule(a) {
      if (a === dismissed || a === owner || !term(a)) return;
      clearTimeout(showTimer);
      pending = a;
      showTimer = setTimeout(function () { pending = null; show(a); }, DELAY);
    }
    function cancel(a) {
      if (a === pending) { clearTimeout(showTimer); pending = null; }
      if (a === dismissed) dismissed = null;
    }
    // held says whether the reader still holds the card: pointer on the
    // link or the card, or keyboard focus on the link.
    function held() {
      return owner.matches(":hover") || card.matches(":hover") ||
        (document.activeElement === owner && owner.matches(":focus-visible"));
    }
    function release() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () { if (card && !held()) hide(); }, DELAY);
    }
    function link(e) { return e.target.closest ? e.target.closest("a[href]") : null; }
    function mouse(e) { return e.pointerType === "mouse" || e.pointerType === "pen"; }

    document.addEventListener("pointerover", function (e) {
      if (!mouse(e)) return;
      var a = link(e);
      if (a !== dismissed) dismissed = null; // the pointer went elsewhere since Escape
      if (card && (a === owner || card.contains(e.target))) { clearTimeout(hideTimer); return; }
      if (a) schedule(a);
    });
    document.addEventListener("pointerout", function (e) {
      if (!mouse(e)) return;
      var a = link(e), to = e.relatedTarget;
      if (a && !(to && a.contains(to))) cancel(a);
      if (card && (a === owner || card.contains(e.target))) release();
    });
    document.addEventListener("focusin", function (e) {
      var a = link(e);
      if (a && a.matches(":focus-visible")) schedule(a);
    });
    document.addEventListener("focusout", function (e) {
      var a = link(e);
      if (a) cancel(a);
      if (card && a === owner) release();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      if (card) { dismissed = owner; hide(); }
      else if (pending) { var a = pending; cancel(a); dismissed = a; }
    });
    window.addEventListener("scroll", place, { passive: true });
    window.addEventListener("resize", place, { passive: true });
  })();

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
            return { title: d[0], url: root + d[1], summary: d[2], law: d[4] || "", rank: rank, id: id,
              deprecated: d[5] === "deprecated" ? 1 : 0 };
            // A deprecated term comes after every live one: its names
            // also find the term that replaces it.
          }).sort(function (a, b) { return a.deprecated - b.deprecated || b.rank - a.rank || a.id - b.id; }).slice(0, MAX);
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
      t.textContent = item.deprecated ? item.title + " (deprecated)" : item.title;
      var s = document.createElement("span");
      s.className = "result-summary";
      s.textContent = item.summary;
      li.appendChild(t);
      if (item.law) {
        var law = document.createElement("span");
        law.className = "law-mark";
        law.textContent = "Defined in law: " + item.law;
        li.appendChild(law);
      }
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
