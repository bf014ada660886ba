"""What a saved web page says about itself: title, date, authors, source, address, tags, summary.

Each field is a fallback chain over the page's own tags, most explicit first, with a comment
per rung (trafilatura's habit).  A value that is clearly not what the field means (a charset
name as a title, a site name or an e-mail template as an author) is no value: the next rung
is tried.  Only the date the source states is used; nothing is guessed from today's date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html

from build_tools.core.dates import parse_date
from build_tools.core.textutil import han_count, parse_byline
from build_tools.ingest.credits import editor_names
from build_tools.ingest.readers.html import BLOCK_TAGS

# `标题_频道_网站名`, `標題 - 頻道 - 報社`, `标题 | 网站`, `频道--标题`: separators around channel and site names.
TITLE_SEPARATOR_RE = re.compile(r"\s+[-–—|·]\s+|\s*(?:_|\||｜|--|——)\s*")
BARE_HYPHEN_RE = re.compile(r"(?<=\S)-(?=\S)")
# A segment this short, and absent from the article's heading, is a channel or site name.
SHORT_SEGMENT = 12
CHARSET_NAME_RE = re.compile(
    r"^(?:text/html;?\s*)?(?:charset=)?(?:utf-?8|utf-?16|gb2312|gbk|gb18030|big5|big5-hkscs|"
    r"ms950|cp950|iso-8859-\d+|windows-125\d|us-ascii|ascii)$",
    re.I,
)
DATE_META = (
    "article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "og:release_date",
    "publish_date",
    "dc.date.issued",
    "dc.date",
    "date",
)
# "作者：X", "文/X", "记者 X", "(中央社記者X台北21日電)": the forms bylines take at the head of an article.
# A name ends where names end (space, 、, a bracket, the end of the line), not running into a sentence.
NAME_END = r"(?=[\s、)）]|$)"
NAME = rf"[\u4e00-\u9fff·]{{2,8}}{NAME_END}"
MORE_NAMES = rf"(?:[ 、,，]{NAME})*"
BYLINE_RE = re.compile(
    rf"(?:作者|撰文|文字|文)\s*[:：/／|｜]\s*(?P<a>{NAME}{MORE_NAMES})"
    rf"|(?:特约|特約|实习|實習)?(?:记者|記者)\s*(?P<b>[\u4e00-\u9fff]{{2,4}}{NAME_END}{MORE_NAMES})"
)
# A wire dateline `（中央社記者溫貴香台北21日電）`: the name, then a (two-character) place and the day.
WIRE_DATELINE_RE = re.compile(r"[記记]者(?P<a>[\u4e00-\u9fff]{2,3}?)[\u4e00-\u9fff]{2}\d{1,2}日[電电]")
SOURCE_LINE_RE = re.compile(r"(?:稿件)?(?:来源|來源)\s*[:：]\s*(?P<source>[\u4e00-\u9fffA-Za-z0-9·]{2,20})")
NOT_A_NAME_RE = re.compile(
    r"整理|综合|綜合|佚名|本站|本网|本網|网络|網路|编辑部|編輯部|来源|來源"
    r"|(?:网|網|社|报|報|台|刊|站|部|会|會|中心|公司|集团|集團|新闻|新聞)$"
)  # outlets, not people
PERSON_NAME_RE = re.compile(r"^(?:[\u4e00-\u9fff·]{2,8}|[A-Z][a-z]+(?: [A-Z][a-z.]+){1,3})$")
BYLINE_WINDOW = 300
ABOVE_HEADLINE = 60  # characters: the dateline over a headline, not the menus above it
CLOSING_PROBE = 12
LABELLED_LINES = 8
# `label：value` where the label is a short run of Han characters (`发布时间：2011-03-17 发布人：…`).
LABEL_RE = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{2,6})\s*[:：]\s*(?P<value>[^\s:：][^:：]*?)(?=\s+[\u4e00-\u9fff]{2,6}\s*[:：]|$)"
)
TITLE_LABELS = ("名稱", "名称", "標題", "标题", "題名", "题名", "題目", "题目")
DATE_LABELS = ("日期", "時間", "时间")
ROC_DATE_RE = re.compile(r"(?:中華民國|中华民国|民國|民国)\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
TAG_SPLIT_RE = re.compile(r"[,，、|;；]\s*|\s+")


@dataclass(frozen=True)
class PageFacts:
    """The page's tags, gathered once: each field's chain reads from here."""

    metas: dict[str, str]  # lower-cased name/property/itemprop -> first non-empty content
    head_title: str
    headings: tuple[str, ...]  # texts of the page's <h1> elements
    json_ld: tuple[dict, ...]
    time_datetimes: tuple[str, ...]
    canonical: str
    body_text: str


def read_facts(tree: lxml.html.HtmlElement) -> PageFacts:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    titles = [t.text_content().strip() for t in tree.iter("title")]
    canonical = next((link.get("href", "") for link in tree.iter("link") if link.get("rel") == "canonical"), "")
    body = tree.find("body")
    return PageFacts(
        metas=metas,
        head_title=next((t for t in titles if t), ""),
        headings=tuple(h.text_content().strip() for h in tree.iter("h1") if h.text_content().strip()),
        json_ld=tuple(_json_ld_objects(tree)),
        time_datetimes=tuple(t.get("datetime") for t in tree.iter("time") if t.get("datetime")),
        canonical=canonical.strip(),
        body_text=_text_by_blocks(body) if body is not None else "",
    )


# Elements that end a line on the page: their texts never run into the next block's.
LINE_ELEMENTS = frozenset(BLOCK_TAGS | {"br", "hr", "aside", "nav", "figcaption", "address"})


def _text_by_blocks(body) -> str:
    """The body's text with a line break where a block ends (`来源：某报` in its own `<div>` stays its own line)."""
    pieces: list[str] = []

    def walk(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""  # comments have no tag name
        if tag and tag not in ("script", "style", "template"):
            pieces.append(element.text or "")
            for child in element:
                walk(child)
            if tag in LINE_ELEMENTS:
                pieces.append("\n")
        pieces.append(element.tail or "")

    walk(body)
    return "".join(pieces)


def _json_ld_objects(tree) -> list[dict]:
    """Every JSON-LD object of the page, flattening lists and @graph; broken JSON is ignored."""
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return found


def _ld_value(facts: PageFacts, key: str):
    return next((obj[key] for obj in facts.json_ld if obj.get(key)), None)


# -- title ------------------------------------------------------------------------------------


def is_real_title(text: str) -> bool:
    """An empty `<title>` or one holding a charset name (a broken template) is no title."""
    text = text.strip()
    return bool(text) and not CHARSET_NAME_RE.match(text)


def strip_site_suffix(
    title: str,
    heading: str = "",
    site_names: tuple[str, ...] = (),
    seen_outside: Callable[[str], bool] = lambda segment: False,
) -> str:
    """`标题_频道_网站名` → `标题`: drop leading/trailing segments that name a site or channel.

    A segment goes when it is (part of) a known site name, appears on the page outside the
    article (logo, footer), or is short and not in the article's own heading.  The longest
    segment, the headline, always stays.  A bare hyphen (`标题-网站`) separates only a segment
    known as a name, since it also joins words (`PET-CT`)."""
    title = title.strip()
    if heading and heading in TITLE_SEPARATOR_RE.split(title):
        return heading

    def is_named(segment: str) -> bool:
        return any(segment in name or name in segment for name in site_names if name) or seen_outside(segment)

    kept = _keep_headline(
        title, TITLE_SEPARATOR_RE, lambda s: is_named(s) or (len(s) <= SHORT_SEGMENT and s not in heading)
    )
    return _keep_headline(kept, BARE_HYPHEN_RE, is_named)


def _segments(title: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of each non-blank segment of `title` between separators."""
    spans, start = [], 0
    for match in [*separator.finditer(title), None]:
        end = match.start() if match else len(title)
        if title[start:end].strip():
            spans.append((start, end))
        start = match.end() if match else start
    return spans


def _keep_headline(title: str, separator: re.Pattern, is_chrome: Callable[[str], bool]) -> str:
    """The longest segment with its neighbours up to the first chrome segment on either side."""
    spans = _segments(title, separator)
    if len(spans) < 2:
        return title.strip()
    texts = [title[a:b].strip() for a, b in spans]
    start = end = texts.index(max(texts, key=len))
    while start > 0 and not is_chrome(texts[start - 1]):
        start -= 1
    while end + 1 < len(texts) and not is_chrome(texts[end + 1]):
        end += 1
    return title[spans[start][0] : spans[end][1]].strip()


def site_from_title(head_title: str, title: str) -> str:
    """The site name a `<title>` ends with, once the article's title is taken off it."""
    if not title or title not in head_title:
        return ""
    tail = head_title[head_title.index(title) + len(title) :]
    spans = _segments(tail, re.compile(f"{TITLE_SEPARATOR_RE.pattern}|{BARE_HYPHEN_RE.pattern}|^-"))
    last = tail[spans[-1][0] : spans[-1][1]].strip() if spans else ""
    return last if 0 < len(last) <= 2 * SHORT_SEGMENT else ""


def extract_title(facts: PageFacts, article_headings: tuple[str, ...], article_text: str = "") -> str:
    sites = site_names(facts)

    def seen_outside(segment: str) -> bool:
        squashed = "".join(segment.split())
        return "".join(facts.body_text.split()).count(squashed) > "".join(article_text.split()).count(squashed)

    head = facts.head_title if is_real_title(facts.head_title) else ""
    # 1. og:title: the title the page gives for sharing, often without the suffix.
    og = facts.metas.get("og:title", "")
    if is_real_title(og) and og not in sites:
        return strip_site_suffix(og, _matching_heading(og, article_headings + facts.headings), sites, seen_outside)
    # 2. the article's <h1>: one that the <title> repeats, the one in the extracted text, or the
    #    page's only <h1> when there is no <title>.
    for heading in article_headings + facts.headings:
        if head and heading in head or heading in article_headings or (not head and len(facts.headings) == 1):
            return heading
    # 3. a labelled title at the head of the text (official notices: `例稿名稱：…`, `标题：…`).
    labelled = labelled_field(article_text, TITLE_LABELS)
    if labelled:
        return labelled
    # 4. <title>, without channel and site names.
    if head:
        return strip_site_suffix(head, "", sites, seen_outside)
    # 5. JSON-LD headline.
    headline = _ld_value(facts, "headline")
    return headline.strip() if isinstance(headline, str) else ""


def _matching_heading(title: str, headings: tuple[str, ...]) -> str:
    return next((h for h in headings if h and h in title), "")


# -- source, date, authors, address, tags, summary ------------------------------------------


def site_names(facts: PageFacts) -> tuple[str, ...]:
    names = [facts.metas.get("og:site_name", ""), facts.metas.get("application-name", "")]
    publisher = _ld_value(facts, "publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        names.append(publisher["name"])
    return tuple(n.strip() for n in names if n and n.strip())


def extract_source(facts: PageFacts, title: str) -> str:
    # First the `来源：X` of the line by the headline: the page credits the outlet the article is
    # from there (a repost names the original; the hosting site is only where it was saved).
    # Then og:site_name, application-name, the JSON-LD publisher's name, and last the site
    # name the <title> ends with (`标题_网站名`).
    match = SOURCE_LINE_RE.search(_opening_text(facts, title, ""))
    if match:
        return match.group("source")
    names = site_names(facts)
    if names:
        return names[0]
    return site_from_title(facts.head_title, title)


def extract_date(facts: PageFacts, html: str, article_text: str = "", opening: str = "") -> str:
    # 1. <meta> publication dates (Open Graph article:published_time first, then common names).
    for key in DATE_META:
        date = _iso_day(facts.metas.get(key, ""))
        if date:
            return date
    # 2. JSON-LD datePublished, then dateCreated.
    for key in ("datePublished", "dateCreated"):
        date = _iso_day(_ld_value(facts, key))
        if date:
            return date
    # 3. <time datetime="…">, the first on the page.
    for value in facts.time_datetimes:
        date = _iso_day(value)
        if date:
            return date
    # 4. a labelled date at the head of the text (`發文日期：中華民國107年3月13日`, `发布时间：2011-03-17`).
    date = _iso_day(labelled_field(article_text, DATE_LABELS) or labelled_field(opening, DATE_LABELS))
    if date:
        return date
    # 5. htmldate: dates stated in the page's text and URLs, the original (not the updated) one.
    from htmldate import find_date

    found = find_date(html, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    return found or ""


def _iso_day(value) -> str:
    """`2023/02/21 21:20`, `2019-09-07T19:53:27+08:00`, `2020-01-02 17:11` → `YYYY-MM-DD`."""
    if not isinstance(value, str) or not value.strip():
        return ""
    roc = ROC_DATE_RE.search(value)
    if roc:  # Taiwan's official calendar: year 1 of the Republic is 1912
        year, month, day = (int(n) for n in roc.groups())
        return f"{year + 1911}-{month:02d}-{day:02d}"
    text = value.strip().replace("/", "-")
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year_text, month_text, day_text = match.groups()
        return f"{year_text}-{int(month_text):02d}-{int(day_text):02d}"
    parsed = parse_date(text)
    return parsed if parsed and len(parsed) == 10 else ""


def extract_authors(facts: PageFacts, opening_text: str, title: str) -> list[str]:
    editors = editor_names(facts.body_text)
    sites = (*site_names(facts), site_from_title(facts.head_title, title))

    def plausible(name: str) -> bool:
        # A person's name: not the site, not the page's editor, not "compiled from the web", no e-mail template.
        return (
            bool(PERSON_NAME_RE.match(name))
            and name not in editors
            and not NOT_A_NAME_RE.search(name)
            and not any(name in s or s in name for s in sites if s)
        )

    # 1. JSON-LD author (a Person or a list of them).
    authors = [n for n in _ld_author_names(_ld_value(facts, "author")) if plausible(n)]
    # 2. a byline at the head of the article text (作者：X, 文/X, 记者 X).
    if not authors:
        match = WIRE_DATELINE_RE.search(opening_text) or BYLINE_RE.search(opening_text)
        if match:
            names = re.split(r"[ 、,，]", match.group("a") or match.group("b"))
            # "记者王敬照" after 作者： → 王敬照: the reporter's title is not part of the name.
            names = [n for name in names if name for n in (parse_byline(name) or (name,))]
            authors = names if names and all(plausible(n) for n in names) else []
    # 3. <meta name="author">, when it is a person's name.
    if not authors:
        authors = [n for n in TAG_SPLIT_RE.split(facts.metas.get("author", "")) if n and plausible(n)]
    return list(dict.fromkeys(authors))


def _opening_text(facts: PageFacts, title: str, article_text: str) -> str:
    """Where a byline stands: under the headline on the page, at the head of the article, or right after it."""
    body = " ".join(facts.body_text.split())
    start = body.find(title) if title else -1
    # the line above a headline is a dateline's place too (`2024年05月06日 10:20 来源：某报` over the title)
    above = body[max(0, start - ABOVE_HEADLINE) : start] if start > 0 else ""
    under_headline = above + " " + body[start + len(title) : start + len(title) + BYLINE_WINDOW] if start >= 0 else ""
    ending = " ".join(article_text.split())[-CLOSING_PROBE:]
    end = body.find(ending) if ending else -1
    after_article = body[end + len(ending) : end + len(ending) + BYLINE_WINDOW] if end >= 0 else ""
    return f"{under_headline}\n{article_text[:BYLINE_WINDOW]}\n{after_article}"


def labelled_field(text: str, labels: tuple[str, ...]) -> str:
    """The value of the first `label：value` line among the opening lines whose label ends with one of `labels`."""
    for line in text.split("\n")[:LABELLED_LINES]:
        for match in LABEL_RE.finditer(line):
            if match.group("label").endswith(labels):
                return match.group("value").strip()
    return ""


def _ld_author_names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def extract_url(facts: PageFacts) -> str:
    # <link rel=canonical>, then og:url; only web addresses.
    for value in (facts.canonical, facts.metas.get("og:url", "")):
        if value.startswith(("http://", "https://")):
            return value
    return ""


def extract_tags(facts: PageFacts) -> list[str]:
    # article:tag, then keywords; split on the separators sites use.
    raw = facts.metas.get("article:tag") or facts.metas.get("keywords") or facts.metas.get("news_keywords") or ""
    return list(dict.fromkeys(t.strip() for t in TAG_SPLIT_RE.split(raw) if t.strip()))


def extract_summary(facts: PageFacts, title: str) -> str:
    # og:description, then description: only a real sentence, not the title followed by keywords.
    for key in ("og:description", "description"):
        text = " ".join(facts.metas.get(key, "").split())
        if text and not text.startswith(title) and text[-1] in "。！？!?…" and han_count(text) >= 10:
            return text
    return ""


def page_front_matter(
    tree: lxml.html.HtmlElement, html: str, article_headings: tuple[str, ...], article_text: str
) -> dict:
    """The canonical front matter keys, only those the page states."""
    facts = read_facts(tree)
    title = extract_title(facts, article_headings, article_text)
    fields = {
        "title": title,
        "authors": extract_authors(facts, _opening_text(facts, title, article_text), title),
        "date": extract_date(facts, html, article_text, _opening_text(facts, title, "")),
        "source": extract_source(facts, title),
        "url": extract_url(facts),
        "tags": extract_tags(facts),
        "summary": extract_summary(facts, title),
    }
    return {key: value for key, value in fields.items() if value}
