/* Edition toggle (简体 ⇄ 繁體, or a menu of every edition when the site has more than two).
 *
 * Every page names its alternates in the other editions with relative links (<meta> tags
 * written at build time), so switching works from a web server and from file:// alike;
 * Material's own language selector needs absolute URLs and a sitemap fetch, which a
 * folder of HTML files cannot serve.  The reader's place is kept by heading order
 * (headings correspond one to one between editions), and the choice (an edition id) is
 * remembered in localStorage and honoured on any later page.
 */
(function () {
  "use strict";
  var KEY = "reader-edition";
  var NAMES = { "zh-Hans": "简体", "zh-Hant": "繁體", "zh-Hant-HK": "香港繁體" };

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : null;
  }

  var edition = meta("reader-edition");
  var twin = meta("reader-twin");
  if (!edition || !twin) return;

  /* The other editions, in the toggle's order: [{id, name, url}]; two editions name only the twin. */
  var alternates = Array.prototype.map.call(document.querySelectorAll('meta[name="reader-alternate"]'), function (tag) {
    return { id: tag.getAttribute("data-edition"), name: tag.getAttribute("data-name"), url: tag.getAttribute("content") };
  });
  if (!alternates.length) {
    var other = edition === "zh-Hans" ? "zh-Hant" : "zh-Hans";
    alternates = [{ id: other, name: NAMES[other], url: twin }];
  }
  var traditional = edition !== "zh-Hans";

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

  function placeIn(url) {
    var index = currentHeading();
    return url + (index > 0 ? "#reader-h" + index : "");
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
    for (var w = 0; w < alternates.length; w++) {
      if (alternates[w].id === wanted) {
        window.location.replace(alternates[w].url);
        return;
      }
    }
  }

  function go(alternate, event) {
    event.preventDefault();
    remember(alternate.id);
    window.location.href = placeIn(alternate.url);
  }

  function link(alternate, className) {
    var a = document.createElement("a");
    a.className = className;
    a.href = alternate.url;
    a.lang = alternate.id;
    a.textContent = alternate.name;
    a.addEventListener("click", function (event) { go(alternate, event); });
    return a;
  }

  var toggle;
  if (alternates.length === 1) {
    toggle = link(alternates[0], "md-header__button reader-toggle");
    /* the title is in the reader's script; the label itself is the other edition's name in its own (lang set) */
    var named = traditional && alternates[0].id === "zh-Hans" ? "簡體" : alternates[0].name;
    toggle.title = (traditional ? "切換到" : "切换到") + named + "版";
    toggle.setAttribute("aria-label", toggle.title);
  } else {
    /* A wiki's variant menu: the edition the reader is in, and every other one, in the site's order. */
    toggle = document.createElement("div");
    toggle.className = "md-header__button reader-editions";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reader-toggle";
    button.textContent = NAMES[edition] || edition;
    button.title = traditional ? "選擇版本" : "选择版本";
    button.setAttribute("aria-label", button.title);
    button.setAttribute("aria-haspopup", "true");
    button.setAttribute("aria-expanded", "false");
    var menu = document.createElement("ul");
    menu.className = "reader-editions__menu";
    menu.hidden = true;
    var current = document.createElement("li");
    current.className = "reader-editions__current";
    current.setAttribute("aria-current", "true");
    current.lang = edition;
    current.textContent = NAMES[edition] || edition;
    menu.appendChild(current);
    alternates.forEach(function (alternate) {
      var item = document.createElement("li");
      item.appendChild(link(alternate, "reader-editions__choice"));
      menu.appendChild(item);
    });
    button.addEventListener("click", function () {
      menu.hidden = !menu.hidden;
      button.setAttribute("aria-expanded", String(!menu.hidden));
    });
    document.addEventListener("click", function (event) {
      if (!toggle.contains(event.target)) { menu.hidden = true; button.setAttribute("aria-expanded", "false"); }
    });
    toggle.appendChild(button);
    toggle.appendChild(menu);
  }
  var inner = document.querySelector(".md-header__inner");
  if (inner) {
    var anchor = inner.querySelector(".md-header__option") || inner.querySelector(".md-search");
    inner.insertBefore(toggle, anchor);
  }
})();
