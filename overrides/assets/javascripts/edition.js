/* Edition toggle (简体 ⇄ 繁體).
 *
 * Every page names its twin in the other edition with a relative link (a <meta> tag
 * written at build time), so switching works from a web server and from file:// alike;
 * Material's own language selector needs absolute URLs and a sitemap fetch, which a
 * folder of HTML files cannot serve.  The reader's place is kept by heading order
 * (headings correspond one to one between editions), and the choice is remembered in
 * localStorage and honoured on any later page.
 */
(function () {
  "use strict";
  var KEY = "reader-edition";
  var NAMES = { "zh-Hans": "简体", "zh-Hant": "繁體" };

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : null;
  }

  var edition = meta("reader-edition");
  var twin = meta("reader-twin");
  if (!edition || !twin) return;
  var other = edition === "zh-Hans" ? "zh-Hant" : "zh-Hans";

  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll(
      ".md-content h1[id], .md-content h2[id], .md-content h3[id], .md-content h4[id], .md-content .section-mark[id]"));
  }

  /* The heading the reader is at: the last one whose top has scrolled under the header. */
  function currentHeading() {
    var list = headings();
    var header = document.querySelector(".md-header");
    var limit = (header ? header.getBoundingClientRect().bottom : 0) + 24;
    var index = -1;
    for (var i = 0; i < list.length; i++) {
      if (list[i].getBoundingClientRect().top <= limit) index = i;
    }
    return index;
  }

  function twinHref() {
    var index = currentHeading();
    return twin + (index > 0 ? "#reader-h" + index : "");
  }

  function remember(value) {
    try { localStorage.setItem(KEY, value); } catch (error) { /* storage may be disabled */ }
  }

  /* Arriving from the toggle: go to the heading with the same position. */
  var arrived = /^#reader-h(\d+)$/.exec(window.location.hash);
  if (arrived) {
    var target = headings()[Number(arrived[1])];
    if (target) {
      history.replaceState(null, "", "#" + target.id);
      target.scrollIntoView();
    }
  } else {
    var wanted = null;
    try { wanted = localStorage.getItem(KEY); } catch (error) { wanted = null; }
    if (wanted === other) {
      window.location.replace(twin + window.location.hash.replace(/^#.+$/, ""));
      return;
    }
  }

  var toggle = document.createElement("a");
  toggle.className = "md-header__button reader-toggle";
  toggle.href = twin;
  toggle.lang = other;
  toggle.textContent = NAMES[other];
  toggle.title = edition === "zh-Hans" ? "切换到繁體版" : "切換到简体版";
  toggle.setAttribute("aria-label", toggle.title);
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    remember(other);
    window.location.href = twinHref();
  });
  var inner = document.querySelector(".md-header__inner");
  if (inner) {
    var anchor = inner.querySelector(".md-header__option") || inner.querySelector(".md-search");
    inner.insertBefore(toggle, anchor);
  }
})();
