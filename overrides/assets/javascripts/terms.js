/* Term cards: a glossary term marked in the text opens a small card.
 *
 * The card shows the term in both scripts, its pinyin, English gloss and definition, and a
 * link to its topic page (or glossary entry) with how many articles mention it.  The pages
 * carry only `data-term`; the content comes from `assets/terms.js`, written once per edition
 * at build time (build_tools/termcards.py), so definitions are not repeated in every page.
 *
 * Hover and keyboard focus open the card; on a touch screen the first tap opens it and a
 * second tap follows the link.  Escape, a tap elsewhere or leaving the term closes it.
 */
(function () {
  "use strict";
  var data = window.__readerTerms;
  var config = document.getElementById("__config");
  if (!data || !config) return;
  var base = new URL(JSON.parse(config.textContent).base || ".", window.location.href);
  var card = document.createElement("div");
  card.id = "reader-term-card";
  card.className = "reader-term-card";
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  document.body.appendChild(card);
  var current = null, hideTimer = null, lastTouch = 0, openBeforeTouch = false;

  function text(tag, className, value) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = value;
    return element;
  }

  function fill(entry) {
    var words = data.words;
    card.textContent = "";
    var head = document.createElement("div");
    head.className = "reader-term-card__head";
    head.appendChild(text("strong", "reader-term-card__term", entry.shown));
    var forms = text("span", "reader-term-card__forms",
      words.simplified + " " + entry.simplified + " · " + words.traditional + " " + entry.traditional);
    head.appendChild(forms);
    card.appendChild(head);
    card.appendChild(text("div", "reader-term-card__pinyin", entry.pinyin));
    card.appendChild(text("div", "reader-term-card__gloss", entry.gloss));
    card.appendChild(text("p", "reader-term-card__definition", entry.definition));
    var link = text("a", "reader-term-card__link",
      (entry.href.indexOf("topics/") === 0 ? words.topic : words.glossary) + " · " +
      words.articles.replace("{n}", String(entry.articles)));
    link.href = new URL(entry.href, base).href;
    card.appendChild(link);
  }

  function place(element) {
    var box = element.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    card.style.width = width + "px";
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    card.style.left = left + window.scrollX + "px";
    card.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function show(element) {
    var entry = data.cards[element.getAttribute("data-term")];
    if (!entry) return;
    clearTimeout(hideTimer);
    if (current && current !== element) current.removeAttribute("aria-describedby");
    current = element;
    fill(entry);
    card.hidden = false;
    place(element);
    element.setAttribute("aria-describedby", card.id);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    card.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  var marks = document.querySelectorAll(".md-content .term[data-term]");
  Array.prototype.forEach.call(marks, function (element) {
    element.addEventListener("mouseenter", function () { show(element); });
    element.addEventListener("mouseleave", hideSoon);
    element.addEventListener("focus", function () { show(element); });
    element.addEventListener("blur", function (event) {
      if (!card.contains(event.relatedTarget)) hideSoon();
    });
    element.addEventListener("touchstart", function () {
      lastTouch = Date.now();
      openBeforeTouch = current === element && !card.hidden;   // a tap also sends mouseenter, which opens it
    }, { passive: true });
    element.addEventListener("click", function (event) {
      if (Date.now() - lastTouch < 1000 && !openBeforeTouch) {   // first tap: explain; a second tap follows the link
        event.preventDefault();
        show(element);
      }
    });
  });
  card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  card.addEventListener("mouseleave", hideSoon);
  card.addEventListener("focusout", function (event) {
    if (event.relatedTarget !== current && !card.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      var element = current;
      hide();
      element.focus();
    }
  });
  document.addEventListener("touchstart", function (event) {
    if (current && !card.contains(event.target) && event.target !== current) hide();
  }, { passive: true });
})();
