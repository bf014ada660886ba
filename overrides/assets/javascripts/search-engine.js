/* Search engine: reads the index written by build_tools/search/ and ranks the documents.
 *
 * The index is a folder of small scripts that register their data with `__readerSearch`
 * when loaded by a <script> tag (fetch and workers are refused from file://).  A query
 * loads the manifest once, then only the shards its tokens hash to; the documents'
 * text is loaded only for the results on screen.
 *
 * Matching is exact: a run of two or more Han characters is found where its bigrams
 * stand one after another in the text; a Latin word where that word stands.  Text and
 * query are both folded (traditional → simplified, full-width → ASCII, upper → lower case,
 * one character for one), so either script finds the same pages.  On a traditional edition written
 * in Taiwan words, a query's mainland words (芯片, 人工智能, in either script) are also looked for
 * as the words the edition writes (晶片, 人工智慧): the manifest's word table.  Ranking is BM25 over
 * the query's terms with title and heading boosts, whole words counting double, a bonus
 * when the terms stand close together, and pages containing the whole query first.
 */
(function () {
  "use strict";

  var store = { manifest: null, shards: {}, documents: {} };
  window.__readerSearch = {
    m: function (manifest) { store.manifest = manifest; },
    t: function (number, tokens) { store.shards[number] = tokens; },
    d: function (number, document) { store.documents[number] = document; }
  };

  var LAST = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&(";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < 32; i++) {
    DIGIT[LAST.charCodeAt(i)] = i;
    DIGIT[MORE.charCodeAt(i)] = 32 + i;
  }
  var HAN_RUN_OR_WORD = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var WEIGHT = [1, 3, 6];          /* body, heading, title */
  var WHOLE_WORD = 2;              /* an occurrence jieba also cut as a word counts double */
  var NEAR = 20;                   /* characters: terms this close count as standing together */
  var K1 = 1.2, B = 0.75;

  /* The joined numbers of encoding.py (base 32, last digit from LAST, the others from MORE). */
  function numbers(text) {
    var out = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit >= 32) {
        value = value * 32 + digit - 32;
      } else {
        out.push(value * 32 + digit);
        value = 0;
      }
    }
    return out;
  }

  /* document number → occurrences (position * 8 + field * 2 + whole word), from one token's postings. */
  function postings(text) {
    var values = numbers(text || ""), result = new Map(), index = 0, document = 0;
    while (index < values.length) {
      document += values[index++];
      var count = values[index++], position = 0, list = new Array(count);
      for (var k = 0; k < count; k++) {
        var value = values[index++];
        position += Math.floor(value / 8);
        list[k] = position * 8 + value % 8;
      }
      result.set(document, list);
    }
    return result;
  }

  /* FNV-1a over UTF-16 code units, as encoding.shard_of computes it. */
  function shardOf(token, shards) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      hash ^= token.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  function makeFolder(manifest) {
    var table = {};
    for (var i = 0; i + 1 < manifest.fold.length; i += 2) table[manifest.fold[i]] = manifest.fold[i + 1];
    return function (text) {
      var out = "";
      for (var i = 0; i < text.length; i++) {
        var code = text.charCodeAt(i), character = text.charAt(i);
        if (code >= 0xff01 && code <= 0xff5e) character = String.fromCharCode(code - 0xfee0).toLowerCase();
        else if (code >= 65 && code <= 90) character = character.toLowerCase();
        else if (table[character]) character = table[character];
        out += character;
      }
      return out;
    };
  }

  /* A folded Han run as the edition would write it: from the left, the longest mainland word of the
     word table at each place is replaced by its Taiwan word (OpenCC's own way of converting). */
  function taiwanWords(text, words) {
    var longest = words.longest || 0, out = "", at = 0;
    while (at < text.length) {
      var size = Math.min(longest, text.length - at), replaced = false;
      for (; size >= 2; size--) {
        var word = text.substr(at, size);
        if (Object.prototype.hasOwnProperty.call(words.table, word)) {
          out += words.table[word];
          at += size;
          replaced = true;
          break;
        }
      }
      if (!replaced) out += text.charAt(at++);
    }
    return out;
  }

  function wordTable(manifest) {
    var table = manifest.words || {}, longest = 0;
    Object.keys(table).forEach(function (word) { longest = Math.max(longest, word.length); });
    return { table: table, longest: longest };
  }

  /* The query's terms: Han runs of two or more characters and Latin words, with their offsets; each term
     has its forms (the run as typed, and as the edition writes it when that differs), each with its keys.
     A lone Han character cannot be looked up (the index holds pairs) and is reported as skipped. */
  function queryTerms(folded, words) {
    var terms = [], skipped = [], match;
    HAN_RUN_OR_WORD.lastIndex = 0;
    while ((match = HAN_RUN_OR_WORD.exec(folded))) {
      var han = HAN.test(match[0]);
      if (han && match[0].length < 2) { skipped.push(match[0]); continue; }
      var texts = [match[0]];
      if (han && words && words.longest) {
        var written = taiwanWords(match[0], words);
        if (written !== match[0]) texts.push(written);
      }
      terms.push({
        text: match[0], offset: match.index, han: han,
        forms: texts.map(function (text) { return { text: text, keys: termKeys(text, han) }; })
      });
    }
    return { terms: terms, skipped: skipped };
  }

  /* Bigrams that cover a run (every other one, and the last): enough to prove the run is there. */
  function termKeys(text, han) {
    if (!han) return [{ token: text, offset: 0 }];
    var keys = [];
    for (var offset = 0; offset + 1 < text.length; offset += 2) keys.push({ token: text.substr(offset, 2), offset: offset });
    if (text.length % 2) keys.push({ token: text.substr(text.length - 2, 2), offset: text.length - 2 });
    return keys;
  }

  function Engine(base) {
    this.base = base;                /* URL of the edition's search/ folder, ending in "/" */
    this.loading = {};
  }

  Engine.prototype.load = function (name) {
    var url = this.base + name, loading = this.loading;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { resolve(); };
        script.onerror = function () { delete loading[url]; reject(new Error("cannot load " + url)); };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  };

  Engine.prototype.ready = function () {
    var engine = this;
    return this.load("manifest.js").then(function () {
      if (!engine.fold) engine.fold = makeFolder(store.manifest);
      if (!engine.words) engine.words = wordTable(store.manifest);
      return store.manifest;
    });
  };

  Engine.prototype.tokens = function (tokens) {
    var shards = store.manifest.shards, engine = this;
    var needed = tokens.map(function (token) { return shardOf(token, shards); });
    return Promise.all(needed.map(function (number) { return engine.load("t/" + number.toString(16) + ".js"); }))
      .then(function () {
        var result = {};
        tokens.forEach(function (token, index) { result[token] = postings(store.shards[needed[index]][token]); });
        return result;
      });
  };

  Engine.prototype.documents = function (numbers) {
    var engine = this;
    return Promise.all(numbers.map(function (n) { return engine.load("d/" + n + ".js"); }))
      .then(function () { return numbers.map(function (n) { return store.documents[n]; }); });
  };

  /* document → [{position, length, field, whole}] where one form of a term stands, from its keys' postings. */
  function formOccurrences(form, han, table, found) {
    var first = table[form.keys[0].token], others = form.keys.slice(1), word = table[form.text];
    first.forEach(function (list, document) {
      var sets = [];
      for (var k = 0; k < others.length; k++) {
        var other = table[others[k].token].get(document);
        if (!other) return;
        sets.push(new Set(other.map(function (value) { return Math.floor(value / 8); })));
      }
      var words = form.text.length > 2 && word && word.get(document);
      var wordSet = words ? new Set(words.map(function (value) { return Math.floor(value / 8); })) : null;
      var hits = [];
      list.forEach(function (value) {
        var position = Math.floor(value / 8);
        for (var k = 0; k < others.length; k++) if (!sets[k].has(position + others[k].offset)) return;
        var whole = form.text.length > 2 ? Boolean(wordSet && wordSet.has(position)) : Boolean(value % 2) || !han;
        hits.push({ position: position, length: form.text.length, field: Math.floor(value / 2) % 4, whole: whole });
      });
      if (hits.length) found.set(document, (found.get(document) || []).concat(hits));
    });
  }

  /* document → every place any form of the term stands, in order of position. */
  function occurrences(term, table) {
    var found = new Map();
    term.forms.forEach(function (form) { formOccurrences(form, term.han, table, found); });
    if (term.forms.length > 1) {
      found.forEach(function (hits) { hits.sort(function (a, b) { return a.position - b.position; }); });
    }
    return found;
  }

  function termFrequency(hits) {
    return hits.reduce(function (sum, hit) { return sum + WEIGHT[hit.field] * (hit.whole ? WHOLE_WORD : 1); }, 0);
  }

  function closest(left, right) {
    var best = Infinity, j = 0;
    for (var i = 0; i < left.length; i++) {
      while (j < right.length && right[j].position < left[i].position) j++;
      if (j < right.length) best = Math.min(best, right[j].position - left[i].position);
      if (j > 0) best = Math.min(best, left[i].position - right[j - 1].position);
    }
    return best;
  }

  /* The terms stand one after another, as in the query, with at most a space between two
     (AI芯片 and AI 芯片 are the same query to a Chinese reader): the page contains the whole query. */
  function wholeQuery(terms, hitsOf) {
    var at = hitsOf.map(function (hits) {
      var byPosition = new Map();
      hits.forEach(function (hit) { byPosition.set(hit.position, (byPosition.get(hit.position) || []).concat([hit])); });
      return byPosition;
    });
    function follows(index, hit) {
      if (index === terms.length) return true;
      var next = hit.position + hit.length;
      return [next, next + 1].some(function (position) {
        return (at[index].get(position) || []).some(function (following) { return follows(index + 1, following); });
      });
    }
    return hitsOf[0].some(function (hit) { return follows(1, hit); });
  }

  function rank(terms, found, manifest) {
    var total = manifest.documents, digits = manifest.digits;
    var idf = found.map(function (map) { return Math.log(1 + (total - map.size + 0.5) / (map.size + 0.5)); });
    var results = [];
    found[0].forEach(function (_, document) {
      var hitsOf = found.map(function (map) { return map.get(document); });
      if (hitsOf.some(function (hits) { return !hits; })) return;
      var length = Math.pow(2, digits.indexOf(manifest.lengths.charAt(document)) / 3) - 1;
      var norm = K1 * (1 - B + B * length / (manifest.averageLength || 1));
      var score = 0;
      hitsOf.forEach(function (hits, t) {
        var tf = termFrequency(hits);
        score += idf[t] * tf * (K1 + 1) / (tf + norm);
        if (t > 0 && closest(hitsOf[t - 1], hits) <= NEAR) score += (idf[t - 1] + idf[t]) / 4;
      });
      results.push({ document: document, score: score, exact: terms.length < 2 || wholeQuery(terms, hitsOf) });
    });
    return results.sort(function (a, b) {
      return (b.exact - a.exact) || (b.score - a.score) || (a.document - b.document);
    });
  }

  /* Every matching document, best first: {terms, skipped, results: [{document, score, exact}]}. */
  Engine.prototype.search = function (query) {
    var engine = this;
    return this.ready().then(function (manifest) {
      var parsed = queryTerms(engine.fold(query), engine.words);
      if (!parsed.terms.length) return { terms: [], skipped: parsed.skipped, results: [] };
      var tokens = [];
      parsed.terms.forEach(function (term) {
        term.forms.forEach(function (form) {
          form.keys.forEach(function (key) { tokens.push(key.token); });
          if (term.han && form.text.length > 2) tokens.push(form.text);
        });
      });
      return engine.tokens(tokens).then(function (table) {
        var found = parsed.terms.map(function (term) { return occurrences(term, table); });
        return { terms: parsed.terms, skipped: parsed.skipped, results: rank(parsed.terms, found, manifest) };
      });
    });
  };

  /* Where the terms stand in a folded text: merged [start, end) ranges, and how many terms are there. */
  function matches(folded, terms) {
    var ranges = [], present = 0;
    terms.forEach(function (term) {
      var before = ranges.length;
      term.forms.forEach(function (form) {
        var text = form.text;
        for (var at = folded.indexOf(text); at >= 0; at = folded.indexOf(text, at + 1)) {
          if (term.han || !/[a-z0-9]/.test(folded.charAt(at - 1) + folded.charAt(at + text.length))) {
            ranges.push([at, at + text.length]);
          }
        }
      });
      if (ranges.length > before) present += 1;
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = ranges.reduce(function (list, range) {
      var last = list[list.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else list.push(range.slice());
      return list;
    }, []);
    return { ranges: merged, present: present, count: ranges.length };
  }

  Engine.prototype.ranges = function (text, terms) {
    return matches(this.fold(text), terms).ranges;
  };

  /* The passage that shows the most of the query (the first one, if only the title matches). */
  Engine.prototype.bestPassage = function (document, terms) {
    var engine = this, best = null;
    document.x.forEach(function (passage) {
      if (passage[1] === 2) return;
      var found = matches(engine.fold(passage[2]), terms);
      var value = found.present * 1000 + found.count;
      if (!best || value > best.value) best = { value: value, anchor: passage[0], text: passage[2], ranges: found.ranges };
    });
    return best;
  };

  window.readerSearch = {
    engine: function (base) { return new Engine(base); },
    queryTerms: queryTerms
  };
})();
