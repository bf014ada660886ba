/* Search results name each article's source and date.
 *
 * Material's result shows a page's title and the passage that matched, which is often far
 * from the header that says where and when the article appeared.  `search/result_meta.js`
 * (written at build time from each page's front matter, keyed by the address the search
 * index uses) gives that line; it is added under the title of every result as Material
 * renders it, also for results appended while the reader scrolls.
 */
(function () {
  "use strict";
  var meta = window.__readerResultMeta;
  var list = document.querySelector(".md-search-result__list");
  var config = document.getElementById("__config");
  if (!meta || !list || !config) return;

  var base = new URL(JSON.parse(config.textContent).base || ".", window.location.href);
  var byAddress = {};
  Object.keys(meta).forEach(function (location) {
    byAddress[new URL(location, base).href] = meta[location];
  });

  function describe(item) {
    var link = item.querySelector("a.md-search-result__link");
    var title = link && link.querySelector(".md-search-result__article h1");
    if (!title || link.querySelector(".reader-result-meta")) return;
    var address = new URL(link.getAttribute("href"), base);
    address.search = "";   /* ?h=… asks the page to highlight the query */
    address.hash = "";
    var line = byAddress[address.href];
    if (!line) return;
    var note = document.createElement("p");
    note.className = "reader-result-meta";
    note.textContent = line;
    title.insertAdjacentElement("afterend", note);
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.classList.contains("md-search-result__item")) describe(node);
      });
    });
  }).observe(list, { childList: true });
})();
