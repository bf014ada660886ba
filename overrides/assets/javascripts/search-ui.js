/* The search box in the header: results as the reader types, keyboard, "no results".
 *
 * Searches on `input` (outside an input method's composition) and on `compositionend`,
 * never on key-up, so Chinese typed with an input method, pasted or dictated is searched
 * as soon as it is in the box.  ↑ ↓ choose a result, Enter opens it, Esc closes the box.
 * Results come in pages of ten as the list scrolls.  Everything shown is built from the
 * index's text with text nodes: nothing from the index is ever parsed as HTML.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-reader-search]");
  if (!box || !window.readerSearch) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("form");
  var list = box.querySelector(".md-search-result__list");
  var meta = box.querySelector(".md-search-result__meta");
  var scroller = box.querySelector(".md-search__scrollwrap");
  var toggle = document.getElementById("__search");
  var base = box.getAttribute("data-reader-search");          /* relative: "search/", "../search/" … */
  var root = base.replace(/search\/$/, "");                   /* the edition's root, relative to this page */
  var engine = window.readerSearch.current = window.readerSearch.engine(new URL(base, window.location.href).href);
  var hant = /Hant|TW|HK/i.test(document.documentElement.lang);
  var WORDS = hant
    ? { found: "找到 {n} 篇", none: "沒有找到包含「{q}」的頁面", short: "請至少輸入兩個漢字或一個英文詞", failed: "搜尋索引無法載入" }
    : { found: "找到 {n} 篇", none: "没有找到包含“{q}”的页面", short: "请至少输入两个汉字或一个英文词", failed: "搜索索引无法加载" };
  var PAGE = 10, SNIPPET = 110, BEFORE = 28;
  var state = { generation: 0, found: null, shown: 0, selected: -1, rendering: null };

  function say(text) { meta.textContent = text; }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  /* Text with the ranges marked: text nodes and <mark> elements only. */
  function marked(parent, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], from), end = Math.min(range[1], to);
      if (start >= end) return;
      if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.appendChild(mark);
      at = end;
    });
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function snippet(parent, passage) {
    var first = passage.ranges.length ? passage.ranges[0][0] : 0;
    var from = Math.max(0, Math.min(first - BEFORE, passage.text.length - SNIPPET));
    var to = Math.min(passage.text.length, from + SNIPPET);
    if (from > 0) parent.appendChild(document.createTextNode("…"));
    marked(parent, passage.text, passage.ranges, from, to);
    if (to < passage.text.length) parent.appendChild(document.createTextNode("…"));
  }

  function item(entry, terms, position) {
    var passage = engine.bestPassage(entry, terms);
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.id = "reader-result-" + position;
    li.setAttribute("role", "option");
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    link.href = root + entry.u + (passage && passage.anchor ? "#" + passage.anchor : "");
    var article = document.createElement("article");
    article.className = "md-search-result__article md-search-result__article--document md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    marked(title, entry.t, engine.ranges(entry.t, terms), 0, entry.t.length);
    article.append(icon, title);
    if (entry.m) {
      var line = document.createElement("p");
      line.className = "reader-result-meta";
      line.textContent = entry.m;
      article.appendChild(line);
    }
    if (passage) {
      var text = document.createElement("p");
      snippet(text, passage);
      article.appendChild(text);
    }
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  /* The next page of results, once their documents are loaded. */
  function more() {
    var found = state.found, generation = state.generation;
    if (!found || state.rendering || state.shown >= found.results.length) return;
    var page = found.results.slice(state.shown, state.shown + PAGE);
    state.rendering = engine.documents(page.map(function (r) { return r.document; })).then(function (documents) {
      state.rendering = null;
      if (generation !== state.generation) return;
      documents.forEach(function (entry, index) {
        list.appendChild(item(entry, found.terms, state.shown + index));
      });
      state.shown += documents.length;
      if (scroller.scrollHeight <= scroller.clientHeight + 40) more();
    }, function () { state.rendering = null; say(WORDS.failed); });
  }

  function clear() {
    state.generation += 1;
    state.found = null;
    state.shown = 0;
    state.selected = -1;
    state.rendering = null;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
  }

  function run() {
    var query = input.value.trim();
    clear();
    if (!query) { say(""); return; }
    open();
    var generation = state.generation;
    engine.search(query).then(function (found) {
      if (generation !== state.generation) return;
      if (!found.terms.length) { say(WORDS.short); return; }
      state.found = found;
      input.setAttribute("aria-expanded", String(found.results.length > 0));
      say(found.results.length ? WORDS.found.replace("{n}", found.results.length) : WORDS.none.replace("{q}", query));
      more();
    }, function () { if (generation === state.generation) say(WORDS.failed); });
  }

  function select(index) {
    var items = list.querySelectorAll(".md-search-result__item");
    if (!items.length) return;
    state.selected = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (element, position) {
      element.classList.toggle("reader-search-selected", position === state.selected);
      element.setAttribute("aria-selected", String(position === state.selected));
    });
    var chosen = items[state.selected];
    input.setAttribute("aria-activedescendant", chosen.id);
    chosen.scrollIntoView({ block: "nearest" });
    if (state.selected >= items.length - 2) more();
  }

  function follow() {
    var items = list.querySelectorAll(".md-search-result__item a");
    var link = items[Math.max(0, state.selected)];
    if (link) link.click();
  }

  input.addEventListener("input", function (event) { if (!event.isComposing) run(); });
  input.addEventListener("compositionend", run);
  input.addEventListener("focus", function () { open(); engine.ready().catch(function () { say(WORDS.failed); }); });
  input.addEventListener("keydown", function (event) {
    if (event.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      select(state.selected + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      follow();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(function () { run(); input.focus(); }, 0); });
  scroller.addEventListener("scroll", function () {
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 80) more();
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
      /* A click that lands as the box opens can reach a label of the toggle and close it again at once:
         the box keeps the focus, so the reader meant it open. */
      else if (document.activeElement === input) open();
    });
  }
})();
