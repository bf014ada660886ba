/* Search in either script, by words.
 *
 * Before Material's search reads the query, words typed in the other script are
 * converted into this edition's script, using `search/query_map.js`, a table made at
 * build time from this edition's own search index (whole words first, so that 关系
 * becomes 關係 rather than 關系; single characters as a fallback).  Results therefore
 * always come from, and are shown in, the edition the reader is in.
 */
(function () {
  "use strict";
  var table = window.__readerQueryMap;
  if (!table) return;

  var vocabulary = new Set((table.vocab || "").split("\u200b"));
  var SENTINEL = "\u3007";
  var LONGEST = Math.max(table.longest || 1, table.longestVocab || 1);

  /* Longest match first: a word of the other script becomes this edition's word; a word this
     edition already uses stays as it is (出口管制 must not become 出口管製 character by character);
     only what matches no word is converted character by character. */
  function convert(text) {
    var out = "";
    var i = 0;
    while (i < text.length) {
      var matched = false;
      for (var size = Math.min(LONGEST, text.length - i); size >= 2; size--) {
        var word = text.substr(i, size);
        if (Object.prototype.hasOwnProperty.call(table.words, word)) {
          out += table.words[word];
        } else if (vocabulary.has(word)) {
          out += word;
        } else {
          continue;
        }
        i += size;
        matched = true;
        break;
      }
      if (!matched) {
        var ch = text.charAt(i);
        out += Object.prototype.hasOwnProperty.call(table.chars, ch) ? table.chars[ch] : ch;
        i += 1;
      }
    }
    return out;
  }

  /* Cut runs of Han characters into the index's own words (longest first), so that a query
     is split exactly as jieba split the pages: 中美关系的未来 → 中美 关系 的 未来. */
  function segment(text) {
    return text.replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, function (run) {
      var words = [];
      var i = 0;
      while (i < run.length) {
        var size = Math.min(table.longestVocab || 1, run.length - i);
        while (size > 1 && !vocabulary.has(run.substr(i, size))) size--;
        words.push(run.substr(i, size));
        i += size;
      }
      /* Material's query lookahead never tries a Han run as a whole (it only looks at runs
         shorter than the query), so 內卷 would be searched as 內*.  A trailing ideograph that
         the lookahead never reads makes it consider the whole word. */
      return " " + words.map(function (word) { return word + SENTINEL; }).join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }

  /* The box keeps exactly what the reader typed; Material, which reads `input.value`,
     is given the query in this edition's script and cut into the index's words. */
  var composing = false;
  var native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");

  function prepare(input) {
    if (!input || input.__readerPrepared) return;
    input.__readerPrepared = true;
    input.addEventListener("compositionstart", function () { composing = true; }, true);
    input.addEventListener("compositionend", function () { composing = false; }, true);
    Object.defineProperty(input, "value", {
      configurable: true,
      get: function () {
        var typed = native.get.call(this);
        return composing ? typed : segment(convert(typed)) + (/\s$/.test(typed) ? " " : "");
      },
      set: function (value) { native.set.call(this, value); }
    });
  }

  document.querySelectorAll(".md-search__input").forEach(prepare);
  window.__readerConvertQuery = convert;
})();
