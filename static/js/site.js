// Glossary page behaviour: search as you type over a split index,
// definition cards on links to terms, and the scroll-to-top control. Plain JavaScript, no dependencies; without it the
// A–Z index and every link still work.
(function () {
  "use strict";

  // ---- the words the script writes: English, or the page's language's,
  // which the page carries as data-strings on #search (the keys of
  // i18n.ScriptKeys) ----
  var searchBox = document.getElementById("search");
  var T = {
    defined_in_law: "Defined in law:", close_spelling: "Close spelling", no_topics: "No topics match.",
    type_two: "Type at least two letters.", did_you_mean: "Did you mean", no_results: "No results.",
    search_unavailable: "Search is unavailable: part of the index could not be loaded. Try again.",
    in_language: "in {language}", deprecated: "deprecated",
    result_one: "{n} result. Use the arrow keys to choose, Enter to open.",
    result_other: "{n} results. Use the arrow keys to choose, Enter to open."
  };
  try {
    var own = JSON.parse((searchBox && searchBox.getAttribute("data-strings")) || "{}");
    Object.keys(own).forEach(function (k) { if (typeof own[k] === "string") T[k] = own[k]; });
  } catch (e) { /* a page's strings that do not parse leave English */ }
  // message is a string of T with its {placeholders} filled.
  function message(key, values) {
    return T[key].replace(/\{(\w+)\}/g, function (all, k) { return values && k in values ? values[k] : all; });
  }

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
    var topics = new URL(((searchBox && searchBox.getAttribute("data-root")) || "") + "topics/", location.href).pathname;
    var card = null, owner = null, pending = null, dismissed = null, showTimer = 0, hideTimer = 0;

    function term(a) {
      if (!a || a.closest(".card")) return null;
      var u = new URL(a.href, location.href);
      if (u.origin !== location.origin || u.pathname.indexOf(topics) !== 0 || u.pathname === location.pathname) return null;
      var slug = u.pathname.slice(topics.length).replace(/\/$/, "");
      var item = a.parentNode, beside = item.querySelector(":scope > .topic-summary");
      var d = cards[slug];
      if (d) return { title: d[0], kicker: d[1], summary: d[2], law: d[3] ? T.defined_in_law + " " + d[3] : "", url: u.href, beside: !!beside };
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
  // The index (see generator/internal/render/search.go) is split in
  // shards by a word's first two letters. A query fetches the shards of
  // its words, ranks every topic from their postings, and only then
  // fetches the data of the results it shows. Names (titles, aliases)
  // rank above the text; a common word's text postings are fetched only
  // when the names cannot fill the list. Each language has its own index,
  // under its home (data-root); a topic's names in the site's other
  // languages find it too, marked with their language.
  var box = searchBox;
  if (!box || !window.fetch) return;
  var root = box.getAttribute("data-root") || "";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var hint = document.getElementById("search-hint");
  box.hidden = false;

  var MAX = 10;
  // The page's language cuts a query into words as the generator cut the
  // index of the same language (render/search.go): its stop words, and
  // for French its elided words ("l'assureur" is "assureur") and plurals.
  var french = /^fr(-|$)/i.test(document.documentElement.lang);
  var STOP_WORDS = {
    en: "a an and are as at be by for from has have in is it its may not of on or that the their this to was which with",
    fr: "au aux avec ce ces dans de des du elle en est et il ils la le les leur leurs ne ou par pour que qui sa se ses son sont sur un une"
  };
  // ELISIONS are i18n.Elisions("fr").
  var ELISIONS = "c d j l m n s t qu jusqu lorsqu puisqu quoiqu";
  var ELIDED = new RegExp("(^|[^\\p{L}])(?:" + ELISIONS.split(" ").join("|") + ")['’ʼ]", "giu");
  var STOP = {};
  (french ? STOP_WORDS.fr + " " + ELISIONS : STOP_WORDS.en).split(" ").forEach(function (w) { STOP[w] = true; });
  var meta = null, files = {};
  var active = -1, results = [], seq = 0;

  function get(path) {
    if (!files[path]) files[path] = fetch(root + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
    // A failed fetch is tried again by the next query.
    files[path].catch(function () { delete files[path]; });
    return files[path];
  }
  function loadMeta() {
    if (!meta) meta = get("search/meta.json").then(function (m) {
      m.shardSet = {};
      m.shards.forEach(function (s) { m.shardSet[s] = true; });
      m.dep = {};
      m.deprecated.forEach(function (id) { m.dep[id] = true; });
      return m;
    }, function (e) { meta = null; throw e; });
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
    return m.shardSet[key] ? get("search/terms/" + key + ".json") : Promise.resolve({ n: {}, b: {} });
  }
  // SPELLED are the letters that NFD leaves whole, as i18n.Fold writes
  // them out.
  var SPELLED = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d" };
  var UNSPELLED = new RegExp("[" + Object.keys(SPELLED).join("") + "]", "g");
  // fold is i18n.Fold, by which the index holds its words: lower case,
  // without diacritics, ligatures written out ("Réclamation" is
  // "reclamation", "Œuvre" "oeuvre").
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").replace(UNSPELLED, function (c) { return SPELLED[c]; });
  }
  function split(text) { return fold(text).split(/[^\p{L}\p{Nd}]+/u); }
  // words splits text as the generator does: folded words of two letters
  // or more, without stop words.
  function words(text) {
    return split(text).filter(function (w) { return Array.from(w).length >= 2 && !STOP[w]; });
  }
  // elide drops a French query's elided words, so that "l'assureur" run
  // together is "assureur".
  function elide(q) { return french ? q.replace(ELIDED, "$1") : q; }

  // stem strips English endings so that a word and its inflections meet:
  // deductibles/deductible, riders/rider, reinsurer/reinsurance,
  // misconfigured/misconfiguration. It is applied alike to the query and
  // to the index's words, so stripping too much only merges words. On a
  // French page French plurals meet their singulars too (the index holds
  // English names as well, from the other language).
  function stem(w) {
    if (w.length <= 3) return w;
    var m;
    if ((m = /^(.{3,})ies$/.exec(w))) w = m[1] + "y";
    else if ((m = /^(.{3,}(?:ss|x|z|ch|sh))es$/.exec(w))) w = m[1];
    else if ((m = /^(.{3,}[^su])s$/.exec(w))) w = m[1];
    if (french) w = frenchSingular(w);
    if ((m = /^(.{4,}?)(?:ations?|ings?|ers?|ance|ence|ions?|ed|e|y)$/.exec(w))) w = m[1];
    return w;
  }
  // frenchSingular brings a French plural whose -s the English rules took
  // already, or whose -s or -x it takes here, to what its singular
  // becomes: -aux, -au and -ail all end in -al (journaux/journal,
  // bureaux/bureau, travaux/travail), feux is feu, reçus reçu, and -ie
  // ends in -y, as English made garanties "garanty".
  function frenchSingular(w) {
    var m;
    if ((m = /^(.{3,}u)s$/.exec(w)) || (m = /^(.{3,})x$/.exec(w))) w = m[1];
    if ((m = /^(.+)(?:au|ail)$/.exec(w))) w = m[1] + "al";
    else if ((m = /^(.{2,})ie$/.exec(w))) w = m[1] + "y";
    return w;
  }
  // distance is the edit distance between a and b (a swap of two letters
  // counts once), or limit+1 once it exceeds limit.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur[j] = d;
        if (d < low) low = d;
      }
      if (low > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }
  // typos is how many edits a word of n letters may hold: none in short
  // words, where one edit makes another word (sir, sla), more in long ones.
  function typos(n) { return n < 4 ? 0 : n < 8 ? 1 : 2; }

  // match says how well an index word k stands for a query word q: 1 as
  // typed, .9 inflected, less as a prefix (a word being typed), least
  // as a typo; 0 for no match.
  function match(q, k, prefix) {
    if (k === q) return 1;
    if (stem(k) === stem(q)) return 0.9;
    if (prefix && k.indexOf(q) === 0) return 0.5 + 0.3 * q.length / k.length;
    return 0;
  }

  // candidates finds, for each query word, the index words it matches in
  // its shard. Typos are tried only where no name matches as typed, and
  // among the names only while the text matches: a misspelt name
  // ("occurence") may look like an inflection of a text word ("occur").
  function candidates(qs, ss, last) {
    return qs.map(function (q, i) {
      var s = ss[i], out = [], prefix = i === last || q.length >= 3;
      [s.n, s.b].forEach(function (dict, body) {
        Object.keys(dict).forEach(function (k) {
          var quality = match(q, k, prefix);
          if (quality) out.push({ word: k, body: !!body, quality: quality, typo: false });
        });
      });
      if (out.some(function (c) { return !c.body; })) return out;
      var limit = typos(q.length), best = limit + 1, sq = stem(q), typo = [];
      (out.length ? [s.n] : [s.n, s.b]).forEach(function (dict, body) {
        Object.keys(dict).forEach(function (k) {
          var d = Math.min(distance(q, k, limit), distance(sq, stem(k), limit));
          if (d > best) return;
          if (d < best) { typo = []; best = d; }
          typo.push({ word: k, body: !!body, quality: 0.45 - 0.1 * d, typo: true });
        });
      });
      return out.concat(typo);
    });
  }

  // eachName reads a names posting list: f(doc, name, words, position,
  // other), other 1 for a name in another language than the page's.
  // eachBody reads a text posting list: f(doc, weight).
  function eachName(p, f) {
    for (var j = 0, doc = 0; j < p.length; j += 2) {
      doc += p[j];
      f(doc, p[j + 1] >> 9, (p[j + 1] >> 4) & 15, p[j + 1] & 15, (p[j + 1] >> 8) & 1);
    }
  }
  function eachBody(p, f) {
    for (var j = 0, doc = 0; j < p.length; j++) {
      doc += p[j] >> 2;
      f(doc, p[j] & 3);
    }
  }

  // addBody records the text matches of query word i, candidate c, with
  // postings p: each topic keeps its best, in an array by doc, since a
  // common word is in the text of most topics of a large glossary.
  function addBody(r, i, c, p) {
    if (!r.body[i]) { r.body[i] = new Float32Array(r.docs); r.bodyTypo[i] = new Uint8Array(r.docs); }
    var best = r.body[i], typo = r.bodyTypo[i];
    eachBody(p, function (doc, weight) {
      var v = c.quality * weight;
      if (v > best[doc]) { best[doc] = v; typo[doc] = c.typo ? 1 : 0; }
    });
  }

  // OTHER is what a name in another language loses against one in the
  // page's, more than the rest of the score tells names of one kind
  // apart: on a French page "limit" finds "Limite de garantie" before
  // "Limit of Indemnity". EXACT, what the exact name adds, is more than
  // OTHER and all the rest, so a name of another language typed whole
  // ("deductible" on a French page) comes before any inexact name of
  // the page's.
  var EXACT = 6, OTHER = 2.5;

  // nameScore rates a topic's best name for the query: every query word
  // in it, then all its words typed (the exact name), then the page's
  // language, then how well the words matched, in order, from its start,
  // the shorter name, the title. inName tells which query words some
  // name holds. A name in another language is exact only typed out, as
  // written or inflected: while a word is being typed ("cyber") it may
  // yet be the page's ("Cyber Insurance", not "Cyberassurance").
  function nameScore(hit, nq) {
    var best = null, inName = [];
    Object.keys(hit.names).forEach(function (n) {
      var nm = hit.names[n], found = 0, q = 0, inOrder = true, prevPos = -1, typedOut = true;
      for (var i = 0; i < nq; i++) {
        if (nm.compact) inName[i] = true;
        if (!nm.q[i]) continue;
        inName[i] = true;
        found++;
        q += nm.q[i].quality;
        if (nm.q[i].quality < 0.9) typedOut = false; // a prefix or a typo (see match)
        if (nm.q[i].pos <= prevPos) inOrder = false;
        prevPos = nm.q[i].pos;
      }
      var exact = nm.compact === 1 ||
        (found === nq && nm.count > 0 && nm.covered() === nm.count && (typedOut || !nm.other));
      var s = (found === nq ? 4 : found / nq) + (exact ? EXACT : 0) - (nm.other ? OTHER : 0) +
        (nm.compact ? 3 * nm.compact : 0) + q / nq + (inOrder ? 0.2 : 0) +
        (nm.q[0] && nm.q[0].pos === 0 ? 0.1 : 0) - 0.02 * nm.count + (Number(n) === 0 ? 0.05 : 0);
      if (!best || s > best.s) best = { s: s, name: Number(n), nm: nm };
    });
    return { best: best, inName: inName };
  }

  function rank(q, m) {
    q = elide(q);
    var qs = words(q);
    var whole = split(q).join("");
    if (!qs.length && whole.length >= 2) qs = [whole]; // "e&o": the compact form alone
    if (!qs.length) return Promise.resolve(null);
    var keys = qs.map(shardKey);
    return Promise.all(keys.concat([shardKey(whole)]).map(function (k) { return shard(k, m); })).then(function (ss) {
      var cands = candidates(qs, ss, qs.length - 1);
      var hits = {}, r = { qs: qs, cands: cands, hits: hits, ss: ss, docs: m.docs, body: [], bodyTypo: [] };
      function hitOf(doc) {
        return hits[doc] || (hits[doc] = { doc: doc, names: {} });
      }
      function nameOf(h, n, count, other) {
        return h.names[n] || (h.names[n] = { count: count, other: other, q: {}, compact: 0, seen: {}, covered: function () {
          return Object.keys(this.seen).length;
        } });
      }
      cands.forEach(function (cs, i) {
        cs.forEach(function (c) {
          var dict = c.body ? ss[i].b : ss[i].n, p = dict[c.word];
          if (c.body) {
            if (p[0] >= 0) addBody(r, i, c, p); // else in a file of its own: fetched if need be
            return;
          }
          eachName(p, function (doc, n, count, pos, other) {
            if (!count) return; // a run-together name: matched whole below
            var nm = nameOf(hitOf(doc), n, count, other);
            if (!nm.q[i] || nm.q[i].quality < c.quality) nm.q[i] = { quality: c.quality, pos: pos, typo: c.typo, word: c.word };
            nm.seen[pos] = true;
          });
        });
      });
      // The query run together ("claimsmade", "e&o", "sub limit") against
      // names run together and single-word names.
      var cs = ss[ss.length - 1].n;
      Object.keys(cs).forEach(function (k) {
        if (k.indexOf(whole) !== 0) return;
        eachName(cs[k], function (doc, n, count, pos, other) {
          if (count > 1) return;
          var nm = nameOf(hitOf(doc), n, count, other);
          nm.compact = Math.max(nm.compact, k === whole ? 1 : 0.5);
        });
      });
      return r;
    });
  }

  // more adds the text postings of the words kept in files of their own:
  // only needed when the names do not fill the list.
  function more(r) {
    var need = [];
    r.cands.forEach(function (cs, i) {
      cs.filter(function (c) { return c.body && r.ss[i].b[c.word][0] < 0; })
        .sort(function (a, b) { return b.quality - a.quality; })
        .slice(0, 3) // the best few words a prefix or typo stands for
        .forEach(function (c) {
          need.push(get("search/terms/" + shardKey(c.word) + "." + -r.ss[i].b[c.word][0] + ".json").then(function (f) {
            addBody(r, i, c, f[c.word]);
          }));
        });
    });
    return Promise.all(need);
  }

  // order ranks the topics that hold every query word, in a name or the
  // text. Typos lose to the real word; a deprecated term comes after
  // every live one, since its names also find the term that replaces it.
  function order(r, m) {
    var nq = r.qs.length, out = [];
    function consider(d) {
      var h = r.hits[d], sc = h ? nameScore(h, nq) : { best: null, inName: [] }, nm = sc.best && sc.best.nm;
      var text = 0, typo = false;
      for (var i = 0; i < nq; i++) {
        var b = r.body[i] ? r.body[i][d] : 0;
        if (!sc.inName[i] && !b) return;
        text += b;
        if (nm && nm.q[i] && nm.q[i].typo || !nm && b && r.bodyTypo[i][d]) typo = true;
      }
      out.push({ id: d, s: (sc.best ? sc.best.s : 0) + text / (4 * nq), name: sc.best ? sc.best.name : -1, typo: typo,
        dep: m.dep[d] ? 1 : 0, named: !!nm && (nm.compact || Object.keys(nm.q).length === nq) });
    }
    if (r.body.some(Boolean)) for (var d = 0; d < r.docs; d++) consider(d);
    else Object.keys(r.hits).forEach(function (d) { consider(Number(d)); });
    out.sort(function (a, b) { return a.dep - b.dep || b.s - a.s || a.id - b.id; });
    return out;
  }

  // search ranks, fetches what it must, and stops as soon as the reader
  // has typed on (live() turns false): a stale query fetches nothing more.
  function search(q, live) {
    function still(v) { if (!live()) throw STALE; return v; }
    return loadMeta().then(function (m) {
      return rank(q, m).then(still).then(function (r) {
        if (!r) return null;
        var ranked = order(r, m);
        var named = ranked.filter(function (x) { return x.named && !x.dep; }).length;
        return (named >= MAX ? Promise.resolve() : more(r).then(still).then(function () { ranked = order(r, m); })).then(function () {
          return show(ranked.slice(0, MAX), r, m);
        });
      });
    });
  }
  var STALE = new Error("a newer query");

  // show fetches the data of the top results.
  function show(top, r, m) {
    return Promise.all(top.map(function (x) { return get("search/docs-" + Math.floor(x.id / m.chunk) + ".json"); })).then(function (chunks) {
      var typoWords = {};
      r.cands.forEach(function (cs, i) {
        var typo = cs.filter(function (c) { return c.typo; }).sort(function (a, b) { return b.quality - a.quality; });
        if (typo.length) typoWords[r.qs[i]] = typo[0].word;
      });
      var items = top.map(function (x, i) {
        // d[6], where the topic has names in other languages, is the
        // language of each of d[3], "" for the page's.
        var d = chunks[i][x.id % m.chunk], lang = x.name > 0 && d[6] ? d[6][x.name - 1] : "";
        return { title: d[0], url: root + "topics/" + d[1] + "/", summary: d[2], alias: x.name > 0 ? d[3][x.name - 1] : "",
          lang: lang, language: lang && ((m.languages && m.languages[lang]) || lang),
          law: d[4], kicker: d[5], deprecated: x.dep, typo: x.typo };
      });
      // The index holds words folded: the hint spells a word as the
      // results write it where one does ("réclamation", not "reclamation").
      Object.keys(typoWords).forEach(function (q) { typoWords[q] = written(typoWords[q], items); });
      return { qs: r.qs, typoWords: typoWords, items: items };
    });
  }

  // WORD is a word as written: a combining mark is part of it, as fold()
  // drops it.
  var WORD = /[\p{L}\p{Nd}\p{Mn}]+/gu;
  // written is how the results write a folded word, lower case, or the
  // word itself.
  function written(word, items) {
    for (var i = 0; i < items.length; i++) {
      var ws = [items[i].alias, items[i].title, items[i].summary].join(" ").match(WORD) || [];
      for (var j = 0; j < ws.length; j++) if (fold(ws[j]) === word) return ws[j].toLowerCase();
    }
    return word;
  }

  // mark appends text to el with the words that match the query in
  // <mark>: built from text nodes, never from HTML. Words compare folded
  // and show as written.
  function mark(el, text, qs) {
    var re = new RegExp(WORD.source, "gu"), at = 0, m;
    while ((m = re.exec(text))) {
      var w = fold(m[0]);
      var hit = qs.some(function (q) {
        return match(q, w, true) || (typos(q.length) && w.length >= 4 && distance(q, w, typos(q.length)) <= typos(q.length));
      });
      if (!hit) continue;
      el.appendChild(document.createTextNode(text.slice(at, m.index)));
      var k = document.createElement("mark");
      k.textContent = m[0];
      el.appendChild(k);
      at = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
  }
  function part(tag, cls, text, qs) {
    var e = document.createElement(tag);
    e.className = cls;
    if (qs) mark(e, text, qs); else e.textContent = text;
    return e;
  }

  function render(res, q) {
    list.setAttribute("aria-busy", "false");
    results = res ? res.items : [];
    active = -1;
    list.textContent = "";
    var qs = res ? res.qs : [];
    results.forEach(function (item, i) {
      // An option holds text only: a link inside it would nest one
      // interactive control in another. Click and Enter navigate.
      var li = document.createElement("li");
      li.id = "search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-url", item.url);
      li.appendChild(part("span", "result-kicker", item.kicker));
      var t = part("span", "result-title", "");
      // The name the query found, when it is an alias: "Excess → Deductible";
      // a name in another language says which: "Franchise (fr) → Deductible".
      if (item.alias) {
        var alias = part("span", "", "");
        mark(alias, item.alias, qs);
        t.appendChild(alias);
        if (item.lang) {
          alias.lang = item.lang;
          var code = part("abbr", "result-lang", item.lang);
          code.title = message("in_language", { language: item.language });
          t.appendChild(document.createTextNode(" ("));
          t.appendChild(code);
          t.appendChild(document.createTextNode(")"));
        }
        t.appendChild(document.createTextNode(" → "));
      }
      mark(t, item.title, item.alias ? [] : qs);
      if (item.deprecated) t.appendChild(document.createTextNode(" (" + T.deprecated + ")"));
      li.appendChild(t);
      if (item.typo) li.appendChild(part("span", "result-note", T.close_spelling));
      if (item.law) li.appendChild(part("span", "law-mark", T.defined_in_law + " " + item.law));
      li.appendChild(part("span", "result-summary", item.summary, qs));
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { location.href = item.url; });
      list.appendChild(li);
    });
    var open = q.trim().length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    if (open && !results.length) {
      var li = document.createElement("li");
      li.className = "no-results";
      li.textContent = res ? T.no_topics : T.type_two;
      list.appendChild(li);
    }
    // No name matched as typed (the best result is a close spelling):
    // offer the query with its misspelt words as the results spell them.
    var fixed = "";
    if (res && results.length && results[0].typo) {
      fixed = (elide(q).match(WORD) || []).map(function (w) { return res.typoWords[fold(w)] || w.toLowerCase(); }).join(" ");
    }
    hint.textContent = "";
    hint.hidden = !fixed;
    if (fixed) {
      hint.appendChild(document.createTextNode(T.did_you_mean + " "));
      var a = part("a", "", fixed);
      a.href = root + "search/?q=" + encodeURIComponent(fixed);
      a.addEventListener("mousedown", function (e) { e.preventDefault(); });
      a.addEventListener("click", function (e) { e.preventDefault(); input.value = fixed; run(); });
      hint.appendChild(a);
      hint.appendChild(document.createTextNode("?"));
    }
    status.textContent = !open ? "" : (results.length ?
      message(results.length === 1 ? "result_one" : "result_other", { n: results.length }) :
      T.no_results) + (fixed ? " " + T.did_you_mean + " " + fixed + "?" : "");
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
    hint.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  // run searches for the input's text; the list is busy until its
  // results are drawn.
  function run() {
    var q = input.value, mine = ++seq;
    list.setAttribute("aria-busy", "true");
    search(q, function () { return mine === seq; }).then(function (res) { if (mine === seq) render(res, q); }, function () {
      if (mine === seq) {
        render(null, q);
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        status.textContent = T.search_unavailable;
        status.classList.remove("visually-hidden");
      }
    });
  }
  input.addEventListener("input", function () {
    status.classList.add("visually-hidden");
    run();
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

  // A search can be shared: ?q= in the address (search/?q=deductible)
  // opens its results.
  var shared = new URLSearchParams(location.search).get("q");
  if (shared) {
    input.value = shared;
    input.focus();
    run();
  }

  // The page-not-found page offers a search for the missing address's words.
  var missing = document.getElementById("search-missing");
  if (missing) {
    var slug = decodeURIComponent(location.pathname.replace(/\/+$/, "").split("/").pop() || "").replace(/\.html?$/, "");
    var ws = split(slug).filter(Boolean).join(" ");
    if (ws) {
      var a = missing.querySelector("a");
      a.href = root + "search/?q=" + encodeURIComponent(ws);
      a.textContent = ws;
      missing.hidden = false;
    }
  }
})();
