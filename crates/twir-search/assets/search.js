/* twir-search client: searches the static index under search/ (see the twir-search README).
   Plain ES2017, no dependencies. Loaded on first use of #twir-search-input.
   The query planning and ranking here are mirrored by twir_search::query (Rust); keep them
   in step. */
(function () {
  'use strict';
  if (window.twirSearch) return;

  var me = document.currentScript;
  var BASE = me && me.src ? me.src.replace(/search\.js(\?.*)?$/, 'search/') : '/search/';
  var SETTLE_MS = 2000; // a pause in typing this long starts a new download budget
  var DEBOUNCE_MS = 120;
  var SNIPPET_DELAY_MS = 250;

  // ---- tokenizer (same rules as twir_search::tokenize) ----
  var WORD = null, NUM = null;
  try {
    WORD = new RegExp('^[\\p{Alphabetic}\\p{N}]$', 'u');
    NUM = new RegExp('^\\p{N}$', 'u');
  } catch (e) { /* old engine: ASCII and cased letters below */ }
  function isWord(ch) {
    if (WORD) return WORD.test(ch);
    return /^[0-9A-Za-z]$/.test(ch) || (ch > '\x7f' && ch.toLowerCase() !== ch.toUpperCase());
  }
  function isNum(ch) { return NUM ? NUM.test(ch) : /^[0-9]$/.test(ch); }
  function utf8Len(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }
  var MAX_TERM_BYTES = 40;
  var stop = new Set();

  function stem(w) {
    if (utf8Len(w) <= 3) return w;
    var e = function (s) { return w.slice(-s.length) === s; };
    if (e('ies') && !e('aies') && !e('eies')) return w.slice(0, -3) + 'y';
    if (e('es')) return (e('aes') || e('ees') || e('oes')) ? w : w.slice(0, -1);
    if (e('s') && !(e('ss') || e('us') || e('is'))) return w.slice(0, -1);
    return w;
  }

  // Calls emit(raw, term, start, end) per term; start/end index the code point array.
  function tokenize(text, emit) {
    var chars = Array.from(text);
    var word = '', start = 0;
    function finish(end) {
      if (word && utf8Len(word) <= MAX_TERM_BYTES && !stop.has(word)) emit(word, stem(word), start, end);
      word = '';
    }
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i];
      if (isWord(ch)) {
        if (!word) start = i;
        word += ch.toLowerCase();
      } else if (word) {
        var next = chars[i + 1], prev = chars[i - 1], joins = false;
        if (ch === "'" || ch === '\u2019') joins = next !== undefined && isWord(next);
        else if (ch === '.') joins = prev !== undefined && isNum(prev) && next !== undefined && isNum(next);
        if (joins) { if (ch === '.') word += '.'; } else finish(i);
      }
    }
    finish(chars.length);
  }
  function terms(text) { var out = []; tokenize(text, function (r, t) { out.push(t); }); return out; }
  function commonPrefix(a, b) {
    var ca = Array.from(a), cb = Array.from(b), i = 0;
    while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
    return ca.slice(0, i).join('');
  }
  // Code point order = UTF-8 byte order, the order of the shards.
  function cmp(a, b) {
    var ca = Array.from(a), cb = Array.from(b);
    for (var i = 0; i < ca.length && i < cb.length; i++) {
      var x = ca[i].codePointAt(0), y = cb[i].codePointAt(0);
      if (x !== y) return x < y ? -1 : 1;
    }
    return ca.length - cb.length;
  }

  // Query -> {exact: [terms], prefix: {term, prefix} | null}
  function parseQuery(q) {
    var toks = [];
    tokenize(q, function (raw, term) { toks.push([raw, term]); });
    var cps = Array.from(q);
    var lowered = cps.map(function (c) { return c.toLowerCase(); }).join('');
    var prefix = null;
    if (toks.length && cps.length && isWord(cps[cps.length - 1])) {
      var last = toks[toks.length - 1];
      var p = commonPrefix(last[0], last[1]);
      if (lowered.endsWith(last[0]) && Array.from(p).length >= 2) {
        toks.pop();
        prefix = { term: last[1], prefix: p };
      }
    }
    var exact = [];
    toks.forEach(function (t) { if (exact.indexOf(t[1]) < 0 && exact.length < 8) exact.push(t[1]); });
    return { exact: exact, prefix: prefix };
  }

  // ---- index files ----
  var M = null, manifestBytes = 0, ready = null;
  var shardCache = new Map(), docCache = new Map(), textCache = new Map();
  var dsStart = [], dcStart = [], tcStart = [];

  function url(path) { return BASE + path + '?v=' + M.id; }
  async function fetchBytes(u, opts) {
    var r = await fetch(u, opts);
    if (!r.ok) throw new Error(u + ': HTTP ' + r.status);
    return new Uint8Array(await r.arrayBuffer());
  }
  var utf8 = new TextDecoder();
  function prefixSums(counts) {
    var out = [0];
    counts.forEach(function (c) { out.push(out[out.length - 1] + c); });
    return out;
  }
  // Largest i with starts[i] <= x (starts[0] == 0).
  function locate(starts, x) {
    var lo = 0, hi = starts.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= x) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function load() {
    if (!ready) {
      ready = fetchBytes(BASE + 'index.json', { cache: 'no-cache' }).then(function (b) {
        manifestBytes = b.length;
        M = JSON.parse(utf8.decode(b));
        if (M.v !== 1) throw new Error('unsupported search index version ' + M.v);
        stop = new Set(M.stop);
        dsStart = prefixSums(M.ds);
        dcStart = prefixSums(M.dc.map(function (c) { return c[0]; }));
        tcStart = prefixSums(M.tc);
      });
    }
    return ready;
  }

  function varint(buf, pos) {
    var v = 0, mul = 1, b;
    do { b = buf[pos.p++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
    return v;
  }
  // Shard -> Map(term -> {df, buf, off}); postings decoded on demand.
  function parseShard(buf) {
    var map = new Map(), pos = { p: 0 }, prev = new Uint8Array(0);
    while (pos.p < buf.length) {
      var common = buf[pos.p++];
      var slen = varint(buf, pos);
      var bytes = new Uint8Array(common + slen);
      bytes.set(prev.subarray(0, common));
      bytes.set(buf.subarray(pos.p, pos.p + slen), common);
      pos.p += slen;
      prev = bytes;
      var df = varint(buf, pos), plen = varint(buf, pos);
      map.set(utf8.decode(bytes), { df: df, buf: buf, off: pos.p });
      pos.p += plen;
    }
    return map;
  }
  function postings(e) {
    var ids = new Array(e.df), ws = new Array(e.df), pos = { p: e.off }, id = 0;
    for (var i = 0; i < e.df; i++) { id += varint(e.buf, pos); ids[i] = id; ws[i] = e.buf[pos.p++]; }
    return { ids: ids, ws: ws };
  }
  function shardOf(term) {
    var lo = 0, hi = M.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (cmp(M.shards[mid][0], term) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // ---- planning and ranking (mirrored in twir_search::query) ----
  function idf(df) {
    var x = Math.floor((M.n + 1) / (df + 1));
    return 1 + 31 - Math.clz32(x);
  }
  function weight(w, df) {
    var base = (w & 31) + ((w >> 5) & 1) * 24 + ((w >> 6) & 1) * 16;
    return base * idf(df);
  }
  function plan(q, win) {
    var B = M.budget, want = [], seen = new Set();
    function need(i) { if (!seen.has(i)) { seen.add(i); want.push(i); } }
    q.exact.forEach(function (t) { need(shardOf(t)); });
    var range = [];
    if (q.prefix) {
      need(shardOf(q.prefix.term));
      var p0 = shardOf(q.prefix.prefix);
      need(p0);
      range.push(p0);
      for (var i = p0 + 1; i < M.shards.length && M.shards[i][0].startsWith(q.prefix.prefix); i++) range.push(i);
    }
    var fetches = [];
    want.forEach(function (i) { if (!shardCache.has(i)) { fetches.push(i); win.spent += M.shards[i][1]; } });
    var reserve = Math.max.apply(null, M.dc.map(function (c) { return c[1]; }).concat([0]));
    var extra = 0;
    for (var k = 1; k < range.length; k++) {
      var j = range[k];
      if (seen.has(j) || shardCache.has(j)) continue;
      var size = M.shards[j][1];
      if (extra + size > B.prefix || win.spent + size + reserve > B.total) break;
      extra += size; win.spent += size; seen.add(j); fetches.push(j);
    }
    return { fetches: fetches, range: range };
  }
  function rank(q, range) {
    var maps = [];
    for (var a = 0; a < q.exact.length; a++) {
      var sh = shardCache.get(shardOf(q.exact[a]));
      var e = sh && sh.get(q.exact[a]);
      if (!e) return [];
      var m = new Map(), p = postings(e);
      for (var i = 0; i < p.ids.length; i++) m.set(p.ids[i], weight(p.ws[i], e.df));
      maps.push(m);
    }
    if (q.prefix) {
      var pm = new Map(), shards = range.slice();
      var own = shardOf(q.prefix.term);
      if (shards.indexOf(own) < 0) shards.push(own);
      shards.forEach(function (si) {
        var sh = shardCache.get(si);
        if (!sh) return;
        sh.forEach(function (e, term) {
          if (!term.startsWith(q.prefix.prefix)) return;
          var exact = term === q.prefix.term;
          var p = postings(e);
          for (var i = 0; i < p.ids.length; i++) {
            var s = weight(p.ws[i], e.df);
            if (!exact) s = Math.floor(s * 3 / 4);
            var old = pm.get(p.ids[i]);
            if (old === undefined || s > old) pm.set(p.ids[i], s);
          }
        });
      });
      maps.push(pm);
    }
    if (!maps.length) return [];
    maps.sort(function (x, y) { return x.size - y.size; });
    var hits = [];
    maps[0].forEach(function (s, id) {
      var total = s;
      for (var k = 1; k < maps.length; k++) {
        var v = maps[k].get(id);
        if (v === undefined) return;
        total += v;
      }
      hits.push([id, total * (64 + Math.floor(16 * (M.n - id) / M.n))]);
    });
    hits.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
    var perDoc = new Map(), out = [];
    hits.forEach(function (h) {
      var d = locate(dsStart, h[0]), c = perDoc.get(d) || 0;
      if (c < M.budget.per_doc) { perDoc.set(d, c + 1); out.push(h[0]); }
    });
    return out;
  }

  // Fetches files `list` into `cache`; returns the bytes downloaded.
  async function getAll(list, cache, path, parse, win) {
    var bytes = 0;
    await Promise.all(list.map(async function (i) {
      var b = await fetchBytes(url(path(i)));
      bytes += b.length;
      cache.set(i, parse(b));
    }));
    win.actual += bytes;
    return bytes;
  }
  function parseJson(b) { return JSON.parse(utf8.decode(b)); }

  // Fetches what page `from..from+page` of `ids` needs; returns the ids it can show.
  async function loadPage(ids, win) {
    var B = M.budget, shown = [], docs = [], texts = [];
    for (var i = 0; i < ids.length && shown.length < B.page; i++) {
      var c = locate(dcStart, locate(dsStart, ids[i]));
      if (!docCache.has(c) && docs.indexOf(c) < 0) {
        if (shown.length && win.spent + M.dc[c][1] > B.total) break;
        docs.push(c); win.spent += M.dc[c][1];
      }
      shown.push(ids[i]);
    }
    await getAll(docs, docCache, function (c) { return 'd/' + c + '.json'; }, parseJson, win);
    for (var k = 0; k < shown.length; k++) {
      var t = locate(tcStart, shown[k]);
      if (textCache.has(t) || texts.indexOf(t) >= 0) continue;
      if (win.spent + M.tcap > B.total) break;
      texts.push(t); win.spent += M.tcap;
    }
    return { shown: shown, texts: texts };
  }

  // ---- UI ----
  var input = document.getElementById('twir-search-input');
  var statusEl = document.getElementById('twir-search-status');
  var list = document.getElementById('twir-search-results');
  var wrap = document.getElementById('twir-search');
  if (!input || !list) return;
  var gen = 0, timer = 0, lastInput = 0, win = null, moreBtn = null;

  function newWindow() {
    var w = { spent: 0, actual: 0 };
    if (!window.twirSearch.windows) { w.spent = M.js + manifestBytes; w.actual = w.spent; }
    window.twirSearch.windows = (window.twirSearch.windows || 0) + 1;
    return w;
  }
  function setStatus(s) { if (statusEl) statusEl.textContent = s; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function metaOf(id) {
    var d = locate(dsStart, id), c = locate(dcStart, d), chunk = docCache.get(c);
    if (!chunk) return null;
    var doc = chunk.d[d - dcStart[c]], h = chunk.h[doc[3][id - dsStart[d]]];
    return { url: doc[0], title: doc[1], date: doc[2], anchor: h[0], heading: h[1] };
  }
  function safeUrl(u) { return /^\s*javascript:/i.test(u) ? '#' : u; }

  // The part of a line to show: about `before` characters before the first match and
  // `len` in all, moved out of words so that it starts and ends on word boundaries.
  function snippetWindow(chars, hit, before, len) {
    var space = function (i) { return /\s/.test(chars[i]); };
    var from = Math.max(0, hit - before);
    if (from > 0 && !space(from - 1)) {
      var f = from;
      while (f < hit && !space(f - 1)) f++;
      from = f < hit ? f : from;
      while (from > 0 && !space(from - 1)) from--;
    }
    while (from < hit && space(from)) from++;
    var to = Math.min(chars.length, from + len);
    if (to < chars.length && !space(to)) {
      var t = to;
      while (t > from && !space(t - 1)) t--;
      if (t > hit) { to = t; } else { while (to < chars.length && !space(to)) to++; }
    }
    while (to > from && space(to - 1)) to--;
    return [from, to];
  }
  function snippet(id, q) {
    var t = locate(tcStart, id), chunk = textCache.get(t);
    var text = chunk && chunk[id - tcStart[t]];
    if (!text) return null;
    var want = new Set(q.exact), best = null, bestHits = 0;
    text.split('\n').forEach(function (line) {
      var hits = [];
      tokenize(line, function (raw, term, s, e) {
        if (want.has(term) || (q.prefix && (term.startsWith(q.prefix.prefix) || term === q.prefix.term))) hits.push([s, e]);
      });
      if (hits.length > bestHits) { best = [line, hits]; bestHits = hits.length; }
    });
    if (!best) return null;
    var chars = Array.from(best[0]), hits = best[1];
    var win = snippetWindow(chars, hits[0][0], 40, 180), from = win[0], to = win[1];
    var p = el('p', 'twir-search-snippet'), at = from;
    if (from > 0) p.appendChild(document.createTextNode('\u2026'));
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > to) return;
      p.appendChild(document.createTextNode(chars.slice(at, h[0]).join('')));
      p.appendChild(el('mark', '', chars.slice(h[0], h[1]).join('')));
      at = h[1];
    });
    p.appendChild(document.createTextNode(chars.slice(at, to).join('') + (to < chars.length ? '\u2026' : '')));
    return p;
  }

  function renderItem(id, q) {
    var m = metaOf(id);
    if (!m) return null;
    var li = el('li', 'twir-search-result');
    var a = el('a', 'twir-search-link');
    a.href = safeUrl(m.url) + (m.anchor ? '#' + m.anchor : '');
    a.appendChild(el('span', 'twir-search-title', m.title));
    if (m.heading) {
      a.appendChild(el('span', 'twir-search-sep', ' \u203a '));
      a.appendChild(el('span', 'twir-search-heading', m.heading));
    }
    li.appendChild(a);
    if (m.date) li.appendChild(el('span', 'twir-search-date', m.date));
    li.dataset.id = id;
    return li;
  }

  async function showPage(my, q, ids, from, w) {
    var page = await loadPage(ids.slice(from), w);
    if (my !== gen) return;
    var items = page.shown.map(function (id) { return [id, renderItem(id, q)]; });
    items.forEach(function (it) { if (it[1]) list.appendChild(it[1]); });
    var next = from + page.shown.length;
    if (moreBtn) { moreBtn.remove(); moreBtn = null; }
    if (next < ids.length) {
      moreBtn = el('button', 'twir-search-more', 'More results');
      moreBtn.id = 'twir-search-more';
      moreBtn.type = 'button';
      moreBtn.addEventListener('click', function () {
        moreBtn.disabled = true;
        showPage(my, q, ids, next, newWindow()).catch(fail);
      });
      list.parentNode.insertBefore(moreBtn, list.nextSibling);
    }
    // Snippets wait for a pause in typing, so type-ahead does not spend the budget on
    // snippets of results about to be replaced.
    while (page.texts.length && my === gen && Date.now() - lastInput < SNIPPET_DELAY_MS) {
      await new Promise(function (r) { setTimeout(r, SNIPPET_DELAY_MS - (Date.now() - lastInput)); });
    }
    if (my !== gen) {
      // Superseded before fetching snippets: give their budget back.
      w.spent -= page.texts.length * M.tcap;
      return;
    }
    var got = await getAll(page.texts, textCache, function (t) { return 'x/' + t + '.json'; }, parseJson, w);
    // Text chunks were budgeted at their cap; count what they really cost.
    w.spent += got - page.texts.length * M.tcap;
    if (my !== gen) return;
    items.forEach(function (it) {
      var sn = it[1] && snippet(it[0], q);
      if (sn) it[1].appendChild(sn);
    });
    window.twirSearch.last = { query: input.value, spent: w.actual, shown: page.shown.length, total: ids.length };
    wrap && wrap.setAttribute('data-state', 'done');
  }

  async function search(text) {
    var my = ++gen;
    await load();
    if (my !== gen) return;
    // Typed text may be decomposed (e + combining accent); the index is built from NFC HTML.
    var q = parseQuery(text.normalize ? text.normalize('NFC') : text);
    list.textContent = '';
    if (moreBtn) { moreBtn.remove(); moreBtn = null; }
    if (!q.exact.length && !q.prefix) {
      setStatus(text.trim() ? 'Type a longer or more specific word.' : '');
      window.twirSearch.last = { query: text, spent: 0, shown: 0, total: 0 };
      return;
    }
    if (!win) win = newWindow();
    var w = win;
    wrap && wrap.setAttribute('data-state', 'loading');
    setStatus('Searching\u2026');
    var p = plan(q, w);
    await getAll(p.fetches, shardCache, function (i) { return 's/' + i + '.bin'; }, parseShard, w);
    if (my !== gen) return;
    var ids = rank(q, p.range);
    setStatus(ids.length ? ids.length + (ids.length === 1 ? ' result' : ' results') : 'No results');
    await showPage(my, q, ids, 0, w);
  }
  function fail(e) {
    setStatus('Search is unavailable right now.');
    wrap && wrap.setAttribute('data-state', 'error');
    if (window.console) console.error(e);
  }

  function onInput() {
    var now = Date.now();
    if (now - lastInput > SETTLE_MS) win = null;
    lastInput = now;
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value).catch(fail); }, DEBOUNCE_MS);
  }

  window.twirSearch = { terms: terms, parseQuery: parseQuery, snippetWindow: snippetWindow, ready: null, windows: 0 };
  window.twirSearch.ready = load().catch(fail);

  if (!document.getElementById('twir-search-style') && !(wrap && wrap.hasAttribute('data-no-css'))) {
    var st = el('style', '', '.twir-search-results{list-style:none;padding:0;margin:.5em 0}' +
      '.twir-search-result{margin:0 0 .8em}.twir-search-link{font-weight:600}' +
      '.twir-search-date{display:block;font-size:.85em;opacity:.75}' +
      '.twir-search-snippet{margin:.2em 0 0;font-size:.92em;overflow-wrap:anywhere}' +
      '.twir-search-snippet mark{background:#fde68a;color:inherit}' +
      '.twir-search-input{max-width:100%;box-sizing:border-box}');
    st.id = 'twir-search-style';
    document.head.insertBefore(st, document.head.firstChild);
  }
  input.addEventListener('input', onInput);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; onInput(); }
    if (e.key === 'ArrowDown') {
      var first = list.querySelector('a');
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  var fromUrl = new URLSearchParams(location.search).get('q');
  if (fromUrl && !input.value) input.value = fromUrl;
  if (input.value) {
    // Typing that started before this script loaded continues the same budget window.
    lastInput = Date.now();
    search(input.value).catch(fail);
  }
})();
