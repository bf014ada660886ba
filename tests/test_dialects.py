"""A dialect matrix: one article written in the forms real tools write must read the same.

The article (title, date, authors, Han paragraphs, a picture, a list, a link) is generated here, then
written as YAML/TOML front matter, none, setext headings, HTML blocks inside Markdown, reference
links, broken picture syntax, a saved web page with its chrome, an RSS item, an Atom entry, BOM +
CRLF and GB18030 bytes.  Each form goes through the stage entry (`process_seed` on a temporary seeds
folder) and must give the same title, date, authors and body text, with no input syntax in the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import block_texts
from build_tools.core.textutil import han_chars
from build_tools.ingest.seeds import process_seed

pytestmark = pytest.mark.unit

# Common Han characters to build sentences from (our own text, no third-party article).
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处理府研质"
)
SENTENCE_END = "。"
SYNTAX_RE = re.compile(
    r"(^|\s)#{1,6} |\*\*|!\[|\]\(http|^\[\d+\]:|^-{3,}$|^\*( \*){2,}$|<[a-z/!][^>]*>"
    r"|^(title|date|author|authors)\s*[:=]"
    # what blog tools write besides CommonMark: kramdown attributes, Hugo/Liquid/template braces, MDX
    # module lines and components, TeX delimiters, table-of-contents markers, footnote markers
    r"|\{:|\{\{|\{%|^\s*(import|export) |<[A-Z]|\$\$|\$[A-Za-z\\{]|\[\[?_?TOC|\[\^"
    # HackMD / CodiMD notes: signature tags, highlights, container fences; a blockquote written as an entity
    r"|\[(name|time|color)=|==|^\s*:::|&gt;|^>",
    re.M,
)


@dataclass(frozen=True)
class Article:
    title: str
    date: str  # ISO
    authors: tuple[str, ...]
    paragraphs: tuple[str, ...]
    caption: str
    items: tuple[str, ...]
    link_text: str


def _han(seed: int, length: int) -> str:
    return "".join(HAN[(seed * 7919 + i * 104729) % len(HAN)] for i in range(length))


def make_article(seed: int) -> Article:
    """A deterministic article: different seeds, different text."""
    return Article(
        title=_han(seed, 8) + "的新进展",
        date=f"20{10 + seed % 14:02d}-{1 + seed % 12:02d}-{1 + seed % 27:02d}",
        authors=("张" + _han(seed + 1, 1) + "明", "李" + _han(seed + 2, 1) + "华"),
        paragraphs=tuple(
            _han(seed + 10 * k, 30 + k * 5) + "，" + _han(seed + 3 * k, 20) + SENTENCE_END for k in range(4)
        ),
        caption="图为" + _han(seed + 5, 6) + SENTENCE_END,
        items=tuple(_han(seed + 40 + k, 6) for k in range(3)),
        link_text=_han(seed + 50, 4),
    )


PICTURE = "https://img.example.org/pics/a1.png"
LINK = "https://example.org/more/1"


def _md_body(a: Article, picture: str | None = None, link: str | None = None) -> str:
    picture = picture if picture is not None else f"![{a.caption}]({PICTURE})"
    link = link if link is not None else f"[{a.link_text}]({LINK})"
    p = a.paragraphs
    items = "\n".join(f"- {i}" for i in a.items)
    return f"{p[0]}\n\n{picture}\n\n{p[1]}**{a.link_text}**。\n\n{items}\n\n{p[2]}更多见{link}。\n\n{p[3]}\n"


def yaml_front(a: Article) -> str:
    authors = "\n".join(f"  - {n}" for n in a.authors)
    return f"---\ntitle: {a.title}\ndate: {a.date}\nauthors:\n{authors}\n---\n\n{_md_body(a)}"


def toml_front(a: Article) -> str:
    authors = ", ".join(f'"{n}"' for n in a.authors)
    return f'+++\ntitle = "{a.title}"\ndate = {a.date}\nauthors = [{authors}]\n+++\n\n{_md_body(a)}'


def heading_and_lines(a: Article) -> str:
    return f"# {a.title}\n\n作者：{'、'.join(a.authors)}\n发布时间：{a.date}\n\n{_md_body(a)}"


def setext(a: Article) -> str:
    body = _md_body(a).replace(a.paragraphs[2], f"小节{a.items[0]}\n--------\n\n{a.paragraphs[2]}")
    return f"{a.title}\n{'=' * 12}\n\n作者：{'、'.join(a.authors)}\n发布时间：{a.date}\n\n{body}"


def plain_setext_references(a: Article) -> str:
    """What a plain-text exporter writes: only setext headings, reference links and `* * *` rules."""
    p = a.paragraphs
    return (
        f"{a.title}\n{'=' * 12}\n\n作者：{'、'.join(a.authors)}\n发布时间：{a.date}\n\n{p[0]}\n\n"
        f"小节{a.items[0]}\n--------\n\n{p[1]}更多见[{a.link_text}][1]。\n\n{'，'.join(a.items)}。\n\n* * *\n\n"
        f"{p[2]}\n\n{p[3]}\n\n[1]: {LINK}\n"
    )


def html_blocks(a: Article) -> str:
    figure = f'<figure>\n<img src="{PICTURE}" alt="{a.caption}">\n<figcaption>{a.caption}</figcaption>\n</figure>'
    body = _md_body(a, picture=figure)
    return (
        f"# {a.title}\n\n作者：{'、'.join(a.authors)}\n发布时间：{a.date}\n\n{body}\n<div>\n<p>补充说明。</p>\n</div>\n"
    )


def reference_links(a: Article) -> str:
    body = _md_body(a, picture=f"![{a.caption}][pic]", link=f"[{a.link_text}][1]")
    head = heading_and_lines(a).split("\n\n" + a.paragraphs[0])[0]
    return f"{head}\n\n{body}\n* * *\n\n[1]: {LINK}\n[pic]: {PICTURE}\n"


def broken_pictures(a: Article) -> str:
    body = _md_body(a, picture=f"![{a.caption}](https://img.example.org/pics/a 1.png)")
    body = body.replace(a.paragraphs[3], a.paragraphs[3] + "\n\n![](https://img.example.org/cut/ZoIGib0c12...")
    return f"---\ntitle: {a.title}\ndate: {a.date}\nauthors: [{', '.join(a.authors)}]\n---\n\n{body}"


def _html_figure(a: Article) -> str:
    return f'<figure><img src="{PICTURE}" alt="{a.caption}"><figcaption>{a.caption}</figcaption></figure>'


def saved_page(a: Article) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in a.paragraphs)
    items = "".join(f"<li>{i}</li>" for i in a.items)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{a.title} - 示例网</title>
<meta property="article:published_time" content="{a.date}T08:00:00+08:00">
<meta name="author" content="{"、".join(a.authors)}"></head>
<body><header><nav><a href="/">首页</a> <a href="/tech">科技</a> <a href="/login">登录</a></nav></header>
<main><article><h1>{a.title}</h1>
<div class="byline">作者：{"、".join(a.authors)} {a.date}</div>
{paragraphs.replace("</p>", "</p>" + chr(10) + _html_figure(a), 1)}
<ul>{items}</ul>
<p>更多见<a href="{LINK}">{a.link_text}</a>。</p>
</article></main>
<aside><h3>热门文章</h3><ul><li><a href="/a">别的文章一</a></li><li><a href="/b">别的文章二</a></li></ul></aside>
<footer>版权所有 示例网 备案号 00000000</footer></body></html>
"""


def rss(a: Article) -> str:
    content = "".join(f"<p>{p}</p>" for p in a.paragraphs)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>示例频道</title><link>https://example.org/</link>
<item><title>{a.title}</title><link>{LINK}</link>
<dc:creator>{"、".join(a.authors)}</dc:creator>
<pubDate>{_rfc822(a.date)}</pubDate>
<content:encoded><![CDATA[{content}]]></content:encoded></item>
</channel></rss>
"""


def atom(a: Article) -> str:
    content = "".join(f"<p>{p}</p>" for p in a.paragraphs).replace("<", "&lt;")
    authors = "".join(f"<author><name>{n}</name></author>" for n in a.authors)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>示例频道</title><id>urn:x</id><updated>{a.date}T00:00:00Z</updated>
<entry><title>{a.title}</title><id>urn:x:1</id><link href="{LINK}"/>{authors}
<published>{a.date}T08:00:00+08:00</published><updated>{a.date}T08:00:00+08:00</updated>
<content type="html">{content}</content></entry></feed>
"""


def _rfc822(iso: str) -> str:
    import datetime

    day = datetime.date.fromisoformat(iso)
    return day.strftime("%a, %d %b %Y 08:00:00 +0800")


def _yaml_head(a: Article) -> str:
    return f"---\ntitle: {a.title}\ndate: {a.date}\nauthors: [{', '.join(a.authors)}]\n---\n\n"


def kramdown(a: Article) -> str:
    """Jekyll's kramdown: a generated table of contents, attribute lines under blocks and headings."""
    body = _md_body(a).replace(a.paragraphs[0], f"{a.paragraphs[0]}\n{{: .lead}}", 1)
    body = body.replace(a.paragraphs[2], f"## 小节{a.items[0]} {{#part-2}}\n{{: .no_toc}}\n\n{a.paragraphs[2]}", 1)
    return _yaml_head(a) + f"* TOC\n{{:toc}}\n\n{body}\n{{::comment}}备注{{:/comment}}\n"


def hugo_shortcodes(a: Article) -> str:
    figure = f'{{{{< figure src="{PICTURE}" caption="{a.caption}" >}}}}'
    body = _md_body(a, picture=figure)
    body = body.replace(a.paragraphs[2], f"{{{{% notice info %}}}}\n{a.paragraphs[2]}\n{{{{% /notice %}}}}", 1)
    return _yaml_head(a) + "{{< toc >}}\n\n" + body + '\n{{< youtube id="abc123" >}}\n'


def mdx_components(a: Article) -> str:
    figure = f'<Figure src="{PICTURE}" caption="{a.caption}" />'
    body = _md_body(a, picture=figure)
    body = body.replace(a.paragraphs[3], f'<Callout type="note">\n{a.paragraphs[3]}\n</Callout>', 1)
    imports = "import Figure from '../../components/Figure.astro'\nimport { Callout } from '@site/ui';\n\n"
    return _yaml_head(a) + imports + body


def liquid_tags(a: Article) -> str:
    body = _md_body(a).replace(a.paragraphs[3], f"{{% raw %}}\n{a.paragraphs[3]}\n{{% endraw %}}", 1)
    body = body.replace(a.paragraphs[1], "{{ page.title }}" + a.paragraphs[1], 1)
    return (
        _yaml_head(a) + "{% include toc.html %}\n\n" + body + "\n{% highlight python %}\nprint(1)\n{% endhighlight %}\n"
    )


def math_and_diagrams(a: Article) -> str:
    body = _md_body(a).replace(a.paragraphs[0], a.paragraphs[0] + "设 $x^2+y^2=r^2$，售价在 $5 和 $6 之间。", 1)
    diagrams = (
        "$$\nE = mc^2\n$$\n\n```mermaid\ngraph TD\n  A --> B\n```\n\n```plantuml\n@startuml\nA -> B\n@enduml\n```\n"
    )
    return _yaml_head(a) + body + "\n" + diagrams


def footnotes_tables_toc(a: Article) -> str:
    body = _md_body(a).replace(a.paragraphs[1], a.paragraphs[1] + "[^note]", 1)
    table = f"| 项目 | 数值 |\n| --- | ---: |\n| {a.items[1]} | 12 |\n| {a.items[2]} | 34 |\n"
    return _yaml_head(a) + "[TOC]\n\n" + body + "\n" + table + f"\n[^note]: 注释说明{a.link_text}。\n"


def multi_line_tags(a: Article) -> str:
    """A shortcode written over several lines, a Liquid tag likewise, a footnote marker with no note."""
    figure = f'{{{{< figure\n    src="{PICTURE}"\n    caption="{a.caption}" >}}}}'
    body = _md_body(a, picture=figure).replace(a.paragraphs[1], a.paragraphs[1] + "[^9]", 1)
    return _yaml_head(a) + body + '\n{% include aside.html\n   kind="note" %}\n'


def hackmd_note(a: Article) -> str:
    """A HackMD note: its signature under the title, highlights, insertions, a container, breaks that show."""
    import datetime

    when = datetime.date.fromisoformat(a.date).strftime("%a, %b %d, %Y 10:12 AM")
    names = " ".join(f"[name={name}]" for name in a.authors)
    body = _md_body(a).replace(a.paragraphs[1], f"=={a.paragraphs[1][:12]}=={a.paragraphs[1][12:]}", 1)
    body = body.replace(a.paragraphs[2], f":::info\n{a.paragraphs[2]}\n:::", 1)
    body = body.replace(a.paragraphs[3], f"++{a.paragraphs[3][:6]}++{a.paragraphs[3][6:]}", 1)
    return f"# {a.title}\n\n> {names} [time={when}] [color=#3b75c6]\n\n###### tags: `笔记`\n\n{body}"


def docusaurus_admonitions(a: Article) -> str:
    """Docusaurus / VuePress containers with their own titles, and an exporter's escaped blockquote."""
    body = _md_body(a).replace(a.paragraphs[2], f"::: tip 提示\n{a.paragraphs[2]}\n:::", 1)
    body = body.replace(a.paragraphs[3], f"&gt; {a.paragraphs[3]}", 1)
    return _yaml_head(a) + body


def closing_bold_fields(a: Article, as_list: bool) -> str:
    """An archive's (or a model's) closing field lines with bold labels and no colon: `- **作者** 张三`."""
    lines = [f"**作者** {'、'.join(a.authors)}", f"**更新时间** {a.date}"]
    block = "\n".join(f"- {line}" for line in lines) if as_list else "  \n".join(lines)
    return f"# {a.title}\n\n{_md_body(a)}\n{block}\n"


def decorated_title_again(a: Article) -> str:
    """The front matter's title again as the body's heading, dressed with an emoji and a space."""
    return f"{_yaml_head(a)}# 📈 {a.title[:4]} {a.title[4:]}\n\n{_md_body(a)}"


def blog_markers(a: Article) -> str:
    """A blog tool's excerpt marker after the lead, and the post's hashtags on a line of their own."""
    body = _md_body(a).replace(a.paragraphs[0], f"{a.paragraphs[0]}\n\nREADMORE", 1)
    return f"{_yaml_head(a)}{body}\n#{a.items[0]}笔记 #infographics #{a.items[1]}对比\n"


def outline_of_headings(a: Article) -> str:
    """A note whose outline is headings with nothing under them (`### 发行货币` …): the headings are its text."""
    body = _md_body(a).replace(a.paragraphs[2], f"## 职能\n\n### 发行货币\n\n### 集中存款\n\n{a.paragraphs[2]}", 1)
    return f"{_yaml_head(a)}{body}\n## 业务\n"


def markdown_inside_an_html_block(a: Article) -> str:
    """A link written in Markdown inside a `<div>` whose closing tags share its line (CommonMark keeps it raw)."""
    p = a.paragraphs[2]
    body = _md_body(a).replace(
        f"{p}更多见[{a.link_text}]({LINK})。",
        f'<div class="alert"><div>{p}更多见[{a.link_text}]({LINK})。</div></div>',
        1,
    )
    return _yaml_head(a) + body


def vue_page(a: Article) -> str:
    """VitePress: a component wrapping an embed indented inside it, an HTML table of resources with
    front-page links, and the page's `<script setup>` holding a component's data (code, never text)."""
    slides = (
        '<Slides link="https://docs.example.org/deck">\n    <iframe title="演示文稿"\n'
        '        src="https://docs.example.org/deck/embed"\n        width="100%">\n    </iframe>\n</Slides>'
    )
    body = _md_body(a).replace(a.paragraphs[1], f"{a.paragraphs[1]}\n\n{slides}\n\n", 1)
    rows = "".join(
        f'  <tr>\n    <td><a href="https://tool{n}.example.com">{item}</a></td>\n    <td>{item}的说明</td>\n  </tr>\n'
        for n, item in enumerate(a.items[:2])
    )
    table = f"<table>\n  <tr>\n    <th>名称</th>\n    <th>说明</th>\n  </tr>\n{rows}</table>\n"
    script = (
        "<script setup>\nimport Books from '../components/books.vue'\n"
        "const books = [\n  { name: '组件里的书名', desc: `<p>组件数据里的介绍文字</p>` },\n]\n</script>\n"
    )
    return f'{_yaml_head(a)}{body}\n{table}\n<Books :items="books"></Books>\n\n{script}'


def astro_page(a: Article) -> str:
    """An Astro page: a component script between `---` fences (code, with the page's strings as
    constants) over an HTML template whose `{title}` expressions show them."""
    script = f'---\n// 组件脚本里的注释文字\nconst title = "{a.title}";\nconst description = "{a.items[0]}";\n---\n'
    paragraphs = "".join(f"      <p>{p}</p>\n" for p in a.paragraphs)
    return (
        f'{script}\n<html lang="zh-CN">\n  <head>\n    <title>{{title}}</title>\n  </head>\n  <body>\n'
        f'    <div class="hero">\n      <h1>{{title}}</h1>\n      <p>{{ description }}</p>\n    </div>\n'
        f'    <div class="card">\n{paragraphs}    </div>\n  </body>\n</html>\n'
    )


DIALECT_FORMS = {
    "markdown-inside-an-html-block": markdown_inside_an_html_block,
    "closing-bold-fields-list": lambda a: closing_bold_fields(a, as_list=True),
    "closing-bold-fields-lines": lambda a: closing_bold_fields(a, as_list=False),
    "decorated-title-again": decorated_title_again,
    "blog-markers": blog_markers,
    "outline-of-headings": outline_of_headings,
    "hackmd-note": hackmd_note,
    "containers-and-escaped-quotes": docusaurus_admonitions,
    "kramdown-attributes": kramdown,
    "hugo-shortcodes": hugo_shortcodes,
    "mdx-imports-and-components": mdx_components,
    "liquid-tags": liquid_tags,
    "math-and-diagrams": math_and_diagrams,
    "footnotes-tables-toc": footnotes_tables_toc,
    "multi-line-tags": multi_line_tags,
}

MARKDOWN_FORMS = {
    "yaml-front-matter": yaml_front,
    "toml-front-matter": toml_front,
    "heading-and-metadata-lines": heading_and_lines,
    "setext-headings": setext,
    "plain-setext-reference-links": plain_setext_references,
    "html-blocks-in-markdown": html_blocks,
    "reference-links": reference_links,
    "broken-picture-syntax": broken_pictures,
    **DIALECT_FORMS,
}
OTHER_FORMS = {"saved-web-page": saved_page, "rss-item": rss, "atom-entry": atom}
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
}


def build_one(tmp_path: Path, data: bytes, name: str = "article.txt"):
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    path = seeds / name
    path.write_bytes(data)
    diagnostics = Diagnostics()
    result = process_seed(path, BuildSettings(seeds=seeds, cache=tmp_path / "cache"), diagnostics)
    errors = [d for d in diagnostics.items if d.severity == "error"]
    assert result is not None and not errors, [str(d) for d in diagnostics.items]
    return result


def body_text(seed_article) -> str:
    return "\n".join(t for t in block_texts(seed_article.article.blocks) if t)


def assert_same_article(seed_article, a: Article) -> None:
    metadata = seed_article.metadata
    assert metadata.title == a.title
    assert metadata.date == a.date
    assert tuple(metadata.authors) == a.authors
    body = body_text(seed_article)
    body_han = "".join(han_chars(body))
    for paragraph in a.paragraphs:
        assert "".join(han_chars(paragraph)) in body_han, paragraph
    for item in a.items:
        assert item in body_han
    own_bold = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", body)  # our Markdown's bold (a highlight, a container's title)
    hit = SYNTAX_RE.search(own_bold.replace(f"]({LINK})", ""))
    assert hit is None, f"input syntax in the body: {hit.group(0)!r}"
    assert a.title not in body_han.replace(a.title + "的", "")  # the title is not repeated as body text


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("form", sorted(MARKDOWN_FORMS))
def test_every_markdown_dialect_reads_as_the_same_article(tmp_path, form, encoding):
    article = make_article(len(form) * 31 + len(encoding))
    result = build_one(tmp_path, ENCODINGS[encoding](MARKDOWN_FORMS[form](article)))
    assert result.format == "markdown"
    assert len(result.articles) == 1
    assert_same_article(result.articles[0], article)


def _removed(seed_article) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for removal in seed_article.article.raw.removals:
        found.setdefault(removal.rule, []).append(removal.text)
    return found


def _blocks(seed_article, kind: str):
    return [b for b in seed_article.article.blocks if b.kind == kind]


@pytest.mark.parametrize("line", ["###### tags: `笔记`", "###### tags: `笔记` `芯片`", "## Tags：`笔记`, `芯片`"])
def test_a_hackmd_tag_line_is_the_notes_tags_never_a_heading(tmp_path, line):
    article = make_article(23)
    text = hackmd_note(article).replace("###### tags: `笔记`", line)
    seed_article = build_one(tmp_path, text.encode("utf-8")).articles[0]
    expected = [t.strip("`") for t in line.split(":" if ":" in line else "：", 1)[1].replace(",", " ").split()]
    assert list(seed_article.metadata.tags) == expected
    assert not [b for b in seed_article.article.blocks if "tags" in b.text.lower()]


@pytest.mark.parametrize("form", ["hugo-shortcodes", "mdx-imports-and-components", "multi-line-tags"])
def test_a_figure_shortcode_or_component_becomes_a_figure_with_its_caption(tmp_path, form):
    article = make_article(21)
    seed_article = build_one(tmp_path, DIALECT_FORMS[form](article).encode("utf-8")).articles[0]
    figures = _blocks(seed_article, "figure")
    assert [(f.text, f.src) for f in figures] == [(article.caption, PICTURE)]


def test_dialect_markup_left_out_is_recorded_under_its_rule(tmp_path):
    expected = {
        "kramdown-attributes": ("toc-marker", "{:toc}"),
        "hugo-shortcodes": ("hugo-shortcode", "{{% /notice %}}"),
        "mdx-imports-and-components": ("mdx-import", "import Figure from '../../components/Figure.astro'"),
        "liquid-tags": ("template-placeholder", "{{ page.title }}"),
        "footnotes-tables-toc": ("toc-marker", "[TOC]"),
        "multi-line-tags": ("footnote-marker-undefined", "[^9]"),
    }
    for n, (form, (rule, text)) in enumerate(sorted(expected.items())):
        result = build_one(tmp_path / str(n), DIALECT_FORMS[form](make_article(30 + n)).encode("utf-8"))
        assert text in _removed(result.articles[0]).get(rule, []), (form, _removed(result.articles[0]))


def test_math_diagrams_and_highlight_tags_are_code_and_prices_stay_text(tmp_path):
    article = make_article(40)
    seed_article = build_one(tmp_path, math_and_diagrams(article).encode("utf-8")).articles[0]
    code = {(b.language, b.text) for b in _blocks(seed_article, "code")}
    assert code == {
        ("latex", "E = mc^2"),
        ("mermaid", "graph TD\n  A --> B"),
        ("plantuml", "@startuml\nA -> B\n@enduml"),
    }
    first = _blocks(seed_article, "paragraph")[0].text
    assert "`x^2+y^2=r^2`" in first  # inline math reads as the formula, without its dollars
    assert "售价在 $5 和 $6 之间" in first.replace("\\$", "$")  # prices are not math
    liquid = build_one(tmp_path / "liquid", liquid_tags(article).encode("utf-8")).articles[0]
    assert [(b.language, b.text) for b in _blocks(liquid, "code")] == [("python", "print(1)")]


def test_footnotes_are_numbered_notes_and_tables_stay_tables(tmp_path):
    article = make_article(41)
    seed_article = build_one(tmp_path, footnotes_tables_toc(article).encode("utf-8")).articles[0]
    paragraphs = [b.text for b in _blocks(seed_article, "paragraph")]
    assert any(p.startswith(article.paragraphs[1] + "\\[1\\]") for p in paragraphs), paragraphs  # shown as [1]
    notes = [b for b in _blocks(seed_article, "list") if b.ordered]
    assert [n.items for n in notes] == [(f"注释说明{article.link_text}。",)]
    tables = _blocks(seed_article, "table")
    assert [(t.text, t.items) for t in tables] == [
        ("项目 | 数值", (f"{article.items[1]} | 12", f"{article.items[2]} | 34"))
    ]


@pytest.mark.parametrize("form", sorted(OTHER_FORMS))
def test_pages_and_feeds_read_as_the_same_article(tmp_path, form):
    article = make_article(len(form) * 17)
    result = build_one(tmp_path, OTHER_FORMS[form](article).encode("utf-8"))
    assert len(result.articles) == 1
    seed_article = result.articles[0]
    assert seed_article.metadata.title == article.title
    assert seed_article.metadata.date == article.date
    body_han = "".join(han_chars(body_text(seed_article)))
    for paragraph in article.paragraphs:
        assert "".join(han_chars(paragraph)) in body_han
    for chrome in ("首页", "登录", "热门文章", "别的文章", "版权所有"):
        assert chrome not in body_han


# How digests write an item's title and its source block: a `# ` heading, a bare title line with the
# block right under it (one paragraph) or after a blank line, or the block closing the item.
ITEM_STYLES = {
    "heading": lambda title, block, body: f"# {title}\n\n{body}\n\n{block}\n",
    "title-line-over-block": lambda title, block, body: f"{title}\n{block}\n\n{body}\n",
    "title-line-blank-block": lambda title, block, body: f"{title}\n\n{block}\n\n{body}\n",
    "title-line-block-closing": lambda title, block, body: f"{title}\n\n{body}\n\n{block}\n",
}


@pytest.mark.parametrize("style", ITEM_STYLES)
@pytest.mark.parametrize("separator", ["---", "* * *", "***", "___"])
def test_rule_separated_items_become_one_page_each_with_their_own_source(tmp_path, separator, style):
    articles = [make_article(seed) for seed in (3, 8, 13)]
    items = [
        ITEM_STYLES[style](
            a.title,
            f"来源：示例{a.items[0]}\n原文链接：{LINK}/{n}",
            f"![{a.caption}]({PICTURE})\n\n{a.paragraphs[0]}\n\n{a.paragraphs[1]}",
        )
        for n, a in enumerate(articles)
    ]
    result = build_one(tmp_path, f"\n{separator}\n\n".join(items).encode("utf-8"), name="digest.md")
    assert [s.metadata.title for s in result.articles] == [a.title for a in articles]
    for n, (seed_article, a) in enumerate(zip(result.articles, articles)):
        body = body_text(seed_article)
        assert "".join(han_chars(a.paragraphs[1])) in "".join(han_chars(body))
        assert a.title not in body
        assert "来源" not in body and "原文链接" not in body and "](http" not in body
        assert seed_article.metadata.url == f"{LINK}/{n}"
        assert seed_article.metadata.source == f"示例{a.items[0]}"


def test_one_article_with_rules_between_its_sections_stays_one_page(tmp_path):
    a = make_article(17)
    sections = "\n\n* * *\n\n".join(a.paragraphs[:3])
    text = f"# {a.title}\n\n来源：示例{a.items[0]}\n\n{sections}\n"
    result = build_one(tmp_path, text.encode("utf-8"), name="one.md")
    assert [s.metadata.title for s in result.articles] == [a.title]
    body = "".join(han_chars(body_text(result.articles[0])))
    assert all("".join(han_chars(p)) in body for p in a.paragraphs[:3])


HAN_TEXT = st.text(alphabet=HAN, min_size=2, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=HAN_TEXT,
    sections=st.lists(st.tuples(HAN_TEXT, st.lists(HAN_TEXT, min_size=1, max_size=3)), min_size=1, max_size=4),
    setext_style=st.booleans(),
    emphasis=st.booleans(),
)
def test_markdown_structure_with_random_han_text(tmp_path_factory, title, sections, setext_style, emphasis):
    """No crash, no syntax shown, no Han character lost (counted with multiplicity)."""
    tmp_path = tmp_path_factory.mktemp("prop")
    lines = [f"{title}\n{'=' * 8}" if setext_style else f"# {title}", ""]
    for heading, paragraphs in sections:
        lines += [f"{heading}\n{'-' * 8}" if setext_style else f"## {heading}", ""]
        for paragraph in paragraphs:
            lines += [f"**{paragraph}**。" if emphasis else paragraph + "。", ""]
    text = "\n".join(lines)
    result = build_one(tmp_path, text.encode("utf-8"))
    shown = [s.metadata.title for s in result.articles] + [body_text(s) for s in result.articles]
    body = "\n".join(shown)
    assert SYNTAX_RE.search("\n".join(body_text(s) for s in result.articles).replace("**", "")) is None
    removed = "".join(r.text for s in result.articles for r in s.article.report.removals + s.article.raw.removals)
    seen = Counter(han_chars(body + removed))
    lost = Counter(han_chars(text)) - seen
    assert not lost, f"Han characters lost without a record: {''.join(lost.elements())}"


# -- one article is one page: its own `# ` headings and `#` lines in code are no split points ----------


def _sections(seed: int, count: int = 3, length: int = 700) -> str:
    """Top-level sections as long as articles, each with a `## ` subsection and a code block of `#` lines."""
    return "".join(
        f"# {k}、{_han(seed + n, 6)}\n\n{_han(seed + 3 * n, length)}。\n\n"
        f"```bash\n# 第{k}步：不是标题\necho {n}\n```\n\n## 分析{k}\n\n{_han(seed + 5 * n, length)}。\n\n"
        for n, k in enumerate("一二三四五"[:count])
    )


@pytest.mark.parametrize("head", ["front-matter", "h1-title", "setext-title"])
def test_an_article_with_its_own_h1_sections_and_code_is_one_page(tmp_path, head):
    a = make_article(50 + len(head))
    heads = {
        "front-matter": f"---\ntitle: {a.title}\ndate: {a.date}\n---\n\n",
        "h1-title": f"# {a.title}\n\n",
        "setext-title": f"{a.title}\n{'=' * 12}\n\n",
    }
    result = build_one(tmp_path, (heads[head] + _sections(50)).encode("utf-8"))
    assert result.format == "markdown"
    assert [s.metadata.title for s in result.articles] == [a.title]
    blocks = result.articles[0].article.blocks
    assert [b.text for b in blocks if b.kind == "code"] == [
        f"# 第{k}步：不是标题\necho {n}" for n, k in enumerate("一二三")
    ]
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert [h for h in headings if h.startswith("分析")] == [f"分析{k}" for k in "一二三"]


REPORT_FRONT = "某研究院二〇二四年度报告\n\n某研究院\n\n# 目录\n\n第一章 总论\t3\n第二章 市场\t9\n第三章 展望\t15\n\n"


def test_a_report_splits_at_its_chapters_only_never_inside_code_and_keeps_its_tables(tmp_path):
    chapters = "".join(
        f"# {title}\n\n## {title}的背景\n\n{_han(60 + n, 200)}。\n\n"
        f"```python\n# 这一行是代码里的注释\nprint({n})\n```\n\n"
        f"| 指标 | 数值 |\n| --- | ---: |\n| {_han(70 + n, 4)} | {n}1 |\n| {_han(80 + n, 4)} | {n}2 |\n\n"
        f"## {title}的小结\n\n{_han(90 + n, 200)}。\n\n"
        for n, title in enumerate(["第一章 总论", "第二章 市场", "第三章 展望"])
    )
    result = build_one(tmp_path, (REPORT_FRONT + chapters).encode("utf-8"))
    assert result.format == "report"
    assert [s.metadata.title for s in result.articles] == ["第一章 总论", "第二章 市场", "第三章 展望"]
    for n, seed_article in enumerate(result.articles):
        blocks = seed_article.article.blocks
        assert [(b.language, b.text) for b in blocks if b.kind == "code"] == [
            ("python", f"# 这一行是代码里的注释\nprint({n})")
        ]
        assert [(b.text, b.items) for b in blocks if b.kind == "table"] == [
            ("指标 | 数值", (f"{_han(70 + n, 4)} | {n}1", f"{_han(80 + n, 4)} | {n}2"))
        ]
        assert "|" not in "".join(b.text for b in blocks if b.kind == "paragraph")


# -- metadata lines and titles: fields with their evidence, never text, never a placeholder as title ---------

CREDIT = "责任编辑：王小明"


def _plain_body(a: Article) -> str:
    return "\n\n".join(a.paragraphs) + "\n"


def plain_lines_under_title(a: Article) -> str:
    head = f"{a.title}\n作者：{'、'.join(a.authors)}\n来源：示例日报\n发布时间：{a.date} 08:30\n\n"
    return head + f"{_plain_body(a)}\n{CREDIT}\n"


def plain_fields_on_one_line(a: Article) -> str:
    return f"{a.title}\n\n作者：{'、'.join(a.authors)}  来源：示例日报  更新时间：{a.date}\n\n{_plain_body(a)}"


def plain_lines_above_title(a: Article) -> str:
    return f"作者：{'、'.join(a.authors)}\n来源：示例日报\n时间：{a.date}\n\n{a.title}\n\n{_plain_body(a)}"


def markdown_writer_credit(a: Article) -> str:
    head = f"# {a.title}\n\n文/{'、'.join(a.authors)}\n来源：示例日报\n更新时间：{a.date}\n\n"
    return head + f"{_plain_body(a)}\n校对：李四\n"


def markdown_byline_above_section_heading(a: Article) -> str:
    return f"文/{'、'.join(a.authors)}\n来源：示例日报\n发布时间：{a.date}\n\n## {a.title}\n\n{_plain_body(a)}"


METADATA_FORMS = {
    "plain-lines-under-title": plain_lines_under_title,
    "plain-fields-on-one-line": plain_fields_on_one_line,
    "plain-lines-above-title": plain_lines_above_title,
    "markdown-writer-credit": markdown_writer_credit,
    "markdown-byline-above-section-heading": markdown_byline_above_section_heading,
}


@pytest.mark.parametrize("encoding", ["utf-8", "bom-crlf"])
@pytest.mark.parametrize("form", sorted(METADATA_FORMS))
def test_metadata_lines_are_fields_with_evidence_and_not_text(tmp_path, form, encoding):
    a = make_article(60 + len(form))
    [seed_article] = build_one(tmp_path, ENCODINGS[encoding](METADATA_FORMS[form](a))).articles
    metadata = seed_article.metadata
    assert (metadata.title, metadata.date, metadata.authors, metadata.source) == (
        a.title,
        a.date,
        a.authors,
        "示例日报",
    )
    evidence = dict(metadata.evidence)
    assert evidence["authors"] == evidence["date"] == evidence["source"] == "line-under-headline"
    body = body_text(seed_article)
    for paragraph in a.paragraphs:
        assert paragraph in body
    for label in ("作者", "文/", "来源", "时间", "责任编辑", "校对", "示例日报"):
        assert label not in body, f"{label} is still in the text"
    lines = [r.text for r in seed_article.article.raw.removals if r.rule == "metadata-lines"]
    assert "来源：示例日报" in lines  # each line recorded as written, not run together with the others
    assert all(line.count("：") + line.count("/") == 1 for line in lines), lines


@pytest.mark.parametrize("placeholder", ["{{ title }}", "{title}", "{{ .Title }}", "<%= title %>", "${title}"])
def test_a_template_placeholder_is_never_the_title(tmp_path, placeholder):
    a = make_article(70)
    with_heading = f'---\ntitle: "{placeholder}"\ndate: {a.date}\n---\n\n# {a.title}\n\n{_plain_body(a)}'
    [seed_article] = build_one(tmp_path / "h1", with_heading.encode("utf-8")).articles
    assert seed_article.metadata.title == a.title
    assert placeholder not in body_text(seed_article)
    removed = [r.text for r in seed_article.article.raw.removals if r.rule == "template-placeholder"]
    assert removed == [f"title: {placeholder}"]
    without = f'---\ntitle: "{placeholder}"\n---\n\n{_plain_body(a)}'
    [seed_article] = build_one(tmp_path / "none", without.encode("utf-8")).articles
    assert seed_article.metadata.title and not re.search(r"[{}<>$%]", seed_article.metadata.title)


# -- platform residue: ornaments, counters, empty recommendation grids are removed and recorded ------------

RESIDUE = {
    "ornament-star": ("✦", "decoration-line"),
    "ornament-arrows": ("▼ ▼ ▼", "decoration-line"),
    "ornament-diamonds": ("◆◆◆", "decoration-line"),
    "counters": ("阅读 1.2万  评论 35  点赞 128", "interface-text"),
    "counters-bar": ("阅读 1234 | 在看 12 | 收藏 3", "interface-text"),
    "share-bar": ("点赞 | 在看 | 分享", "interface-text"),
    "empty-grid": ("| | |\n|---|---|\n| | |", "empty-table"),
    "trust-badges": ("可信网站 诚信网站 网络110报警服务", "interface-text"),
    "app-offer": ("扫码下载APP，阅读更多精彩内容", "interface-text"),
    "app-buttons": ("打开APP | 下载客户端", "interface-text"),
    "feed-footer": ("The post 某篇文章 appeared first on 某博客.", "interface-text"),
    "feed-footer-zh": ("某篇文章最先出现在某博客。", "interface-text"),
}


@pytest.mark.parametrize("residue", sorted(RESIDUE))
def test_platform_residue_between_paragraphs_is_removed_and_recorded(tmp_path, residue):
    a = make_article(90 + len(residue))
    line, rule = RESIDUE[residue]
    p = a.paragraphs
    text = _yaml_head(a) + f"{p[0]}\n\n{line}\n\n{p[1]}\n\n{p[2]}\n\n{line}\n\n{p[3]}\n"
    [seed_article] = build_one(tmp_path, text.encode("utf-8")).articles
    blocks = seed_article.article.blocks
    assert [b.text for b in blocks] == list(p), [b.text for b in blocks]
    assert [r.rule for r in seed_article.article.report.removals].count(rule) == 2


@pytest.mark.parametrize(
    "kept",
    [
        "……",
        "......",
        "一、二、三",
        "——引自某书",
        "$100",
        "1 + 1 = 2",
        "┌──┬──┐",
        "记者下载了该APP。",
        "可信网站的标准是什么？",
    ],
)
def test_punctuation_and_short_lines_with_text_are_not_ornaments(tmp_path, kept):
    a = make_article(95)
    text = _yaml_head(a) + f"{a.paragraphs[0]}\n\n{kept}\n\n{a.paragraphs[1]}\n"
    [seed_article] = build_one(tmp_path, text.encode("utf-8")).articles
    assert any(kept in b.text.replace("\\", "") for b in seed_article.article.blocks), kept


# -- the fidelity audit: every Han character is on the page, in a named removal, or in markup --------------


def _markup_forms(a: Article) -> dict[str, str]:
    p, head = a.paragraphs, _yaml_head(a)
    return {
        "han-in-a-link-address": f"{head}{p[0]}见[资料](https://example.org/搜索/芯片?q=光刻)。\n\n{p[1]}\n",
        "link-title": f'{head}{p[0]}见[资料](https://example.org/a "链接的标题")。\n\n{p[1]}\n',
        "reference-definition-title": f'{head}{p[0]}见[资料][1]。\n\n{p[1]}\n\n[1]: {LINK} "参考的标题"\n',
        "unused-reference-definition": f'{head}{p[0]}\n\n{p[1]}\n\n[9]: https://example.org/未用 "未用的标题"\n',
        "unreferenced-footnote": f"{head}{p[0]}\n\n{p[1]}\n\n[^x]: 没有标记指向的脚注。\n    它的第二行。\n",
        "shortcode-arguments": f'{head}{p[0]}\n\n{{{{< youtube id="a1" title="视频的标题" >}}}}\n\n{p[1]}\n',
        "component-attributes": f'{head}{p[0]}\n\n<Chart title="图表的标题" />\n\n{p[1]}\n',
        "html-attributes": f'{head}{p[0]}<span title="悬停的说明">文字</span>。\n\n{p[1]}\n',
    }


def _all_forms() -> list[tuple[str, str]]:
    a = make_article(97)
    forms = {name: form(a) for name, form in {**MARKDOWN_FORMS, **METADATA_FORMS}.items()}
    forms.update(_markup_forms(a))
    forms["h1-sections-with-code"] = f"# {a.title}\n\n" + _sections(97)
    forms["vue-page"] = vue_page(a)
    forms.update(
        {
            f"residue-{k}": f"{_yaml_head(a)}{a.paragraphs[0]}\n\n{v[0]}\n\n{a.paragraphs[1]}\n"
            for k, v in RESIDUE.items()
        }
    )
    return sorted(forms.items())


@pytest.mark.parametrize("form, text", _all_forms(), ids=[name for name, _ in _all_forms()])
def test_no_form_loses_text_without_a_record(tmp_path, form, text):
    from build_tools.plan.fidelity import audit

    seed_audit = audit(build_one(tmp_path, text.encode("utf-8")), [])
    assert seed_audit["han_missing"] == 0, seed_audit["missing_characters"]


def test_an_unreferenced_footnote_is_recorded_whole(tmp_path):
    a = make_article(98)
    text = _markup_forms(a)["unreferenced-footnote"]
    [seed_article] = build_one(tmp_path, text.encode("utf-8")).articles
    removed = [r.text for r in seed_article.article.raw.removals if r.rule == "footnote-unreferenced"]
    assert removed == ["[^x]: 没有标记指向的脚注。\n    它的第二行。"]
    assert "没有标记" not in body_text(seed_article)


TITLELESS_OPENINGS = {
    "markdown-numbered-sections": ("md", "## 一、{0}\n\n{p0}\n\n## 二、{1}\n\n{p1}\n"),
    "markdown-sections": ("md", "## {0}\n\n{p0}\n\n## {1}\n\n{p1}\n"),
    "markdown-list-first": ("md", "- {0}\n- {1}\n\n{p0}\n\n**{p1}**\n"),
    "plain-numbered-section": ("txt", "一、{0}\n\n{p0}\n\n二、{1}\n\n{p1}\n"),
    "plain-list-first": ("txt", "1. {0}\n2. {1}\n\n{p0}\n\n{p1}\n"),
}


@pytest.mark.parametrize("form", sorted(TITLELESS_OPENINGS))
def test_a_section_heading_or_list_item_opening_a_titleless_text_is_not_its_title(tmp_path, form):
    a = make_article(110 + len(form))
    suffix, template = TITLELESS_OPENINGS[form]
    text = template.format(a.items[0], a.items[1], p0=a.paragraphs[0], p1=a.paragraphs[1])
    [seed_article] = build_one(tmp_path, text.encode("utf-8"), name=f"article.{suffix}").articles
    title = seed_article.metadata.title
    assert a.items[0] not in title and dict(seed_article.metadata.evidence)["title"] == "opening-text"
    # the opening clause of the text, as an editor would headline it (cut with `…` when no clause fits)
    assert title.removesuffix("…") in a.paragraphs[0]
    assert a.items[0] in "".join(han_chars(body_text(seed_article)))  # and the section heading stays in the text


CLOSING_FORMS = {
    "plain-lines": ("txt", "{title}\n\n{body}\n来源：示例日报\n发布时间：{date}\n作者：{authors}\n"),
    "markdown-lines": ("md", "# {title}\n\n{body}\n来源：示例日报\n发布时间：{date}\n作者：{authors}\n"),
    "markdown-paragraphs": ("md", "# {title}\n\n{body}\n来源：示例日报\n\n更新时间：{date}\n\n作者：{authors}\n"),
}


@pytest.mark.parametrize("form", sorted(CLOSING_FORMS))
def test_a_block_of_metadata_lines_closing_an_article_is_its_metadata_line_by_line(tmp_path, form):
    a = make_article(120 + len(form))
    suffix, template = CLOSING_FORMS[form]
    text = template.format(title=a.title, body=_plain_body(a), date=a.date, authors="、".join(a.authors))
    [seed_article] = build_one(tmp_path, text.encode("utf-8"), name=f"article.{suffix}").articles
    metadata = seed_article.metadata
    assert (metadata.date, metadata.authors, metadata.source) == (a.date, a.authors, "示例日报")
    assert {dict(metadata.evidence)[k] for k in ("date", "authors", "source")} == {"line-at-end"}
    body = body_text(seed_article)
    assert "示例日报" not in body and "时间" not in body and a.paragraphs[-1] in body
    lines = [r.text for r in seed_article.article.raw.removals if r.rule == "closing-metadata-lines"]
    assert lines == [
        "来源：示例日报",
        f"{'发布' if 'lines' in form else '更新'}时间：{a.date}",
        f"作者：{'、'.join(a.authors)}",
    ]


@pytest.mark.parametrize("where", ["above-the-heading", "under-the-heading"])
def test_a_reporters_byline_in_markdown_is_the_byline_never_the_title(tmp_path, where):
    a = make_article(130 + len(where))
    byline = f"本报记者 {a.authors[0]} {a.authors[1]}"
    head = f"{byline}\n\n## {a.title}\n\n" if where == "above-the-heading" else f"## {a.title}\n\n{byline}\n\n"
    [seed_article] = build_one(tmp_path, (head + _plain_body(a) + "\n**强调**一句。\n").encode("utf-8")).articles
    metadata = seed_article.metadata
    assert (metadata.title, metadata.authors) == (a.title, a.authors)
    assert dict(metadata.evidence)["authors"] == "byline"
    assert "本报记者" not in body_text(seed_article)


# Snippets of dialect markup and platform residue, with Han text of their own where tools put it.
SNIPPETS = (
    "{: .lead}",
    "{:toc}",
    '{{< figure src="https://img.example.org/x.png" caption="图为样品" >}}',
    "{{% notice tip %}}",
    "{{% /notice %}}",
    '{{< youtube id="abc" title="视频标题" >}}',
    '{% include note.html text="提示内容" %}',
    "{{ page.title }}",
    "import Chart from '../components/Chart.astro'",
    '<Callout type="note">',
    "</Callout>",
    "[TOC]",
    "✦",
    "▼ ▼ ▼",
    "阅读 1024  点赞 36",
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=HAN_TEXT,
    paragraphs=st.lists(HAN_TEXT, min_size=2, max_size=6),
    snippets=st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=6),
    positions=st.lists(st.integers(min_value=0, max_value=5), min_size=6, max_size=6),
)
def test_dialect_markup_anywhere_shows_no_syntax_and_loses_no_text(
    tmp_path_factory, title, paragraphs, snippets, positions
):
    """Snippets between random paragraphs: nothing of their syntax in the body, every Han character accounted for."""
    blocks = [p + "。" for p in paragraphs]
    for snippet, position in zip(snippets, positions):
        blocks.insert(min(position, len(blocks)), snippet)
    text = f"---\ntitle: {title}\n---\n\n" + "\n\n".join(blocks) + "\n"
    result = build_one(tmp_path_factory.mktemp("snip"), text.encode("utf-8"))
    body = "\n".join(body_text(s) for s in result.articles)
    hit = SYNTAX_RE.search(body)
    assert hit is None, f"input syntax in the body: {hit.group(0)!r}"
    from build_tools.plan.fidelity import audit

    assert audit(result, [])["han_missing"] == 0


@pytest.mark.parametrize(
    "snippet",
    ['{{{{< figure src="{src}" caption="{caption}" >}}}}', '{{% include figure.html src="{src}" alt="{caption}" %}}'],
)
def test_a_file_whose_only_markdown_is_a_dialect_is_read_as_markdown(tmp_path, snippet):
    a = make_article(140)
    text = f"{a.paragraphs[0]}\n\n{snippet.format(src=PICTURE, caption=a.caption)}\n\n{a.paragraphs[1]}\n"
    result = build_one(tmp_path, text.encode("utf-8"))
    assert result.format == "markdown"
    assert [(b.text, b.src) for b in result.articles[0].article.blocks if b.kind == "figure"] == [(a.caption, PICTURE)]


@pytest.mark.parametrize("separator", ["=" * 28, "-" * 10, "———", "＝＝＝＝＝＝"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_plain_text_digest_separated_by_rule_lines_is_one_page_per_article(tmp_path, separator, encoding):
    articles = [make_article(500 + k) for k in range(3)]
    pieces = [f"{a.title}\n来源：{a.items[0]}报\n\n{a.paragraphs[0]}\n\n{a.paragraphs[1]}\n" for a in articles]
    text = f"\n{separator}\n\n".join(pieces)
    result = build_one(tmp_path, ENCODINGS[encoding](text), name="digest.txt")
    assert result.format == ("markdown" if separator == "* * *" else "plain")  # `* * *` is a Markdown rule
    assert [(s.metadata.title, s.metadata.source) for s in result.articles] == [
        (a.title, f"{a.items[0]}报") for a in articles
    ]
    for seed_article, a in zip(result.articles, articles):
        body = "".join(han_chars(body_text(seed_article)))
        assert "".join(han_chars(a.paragraphs[1])) in body and a.title not in body


def test_a_plain_text_with_one_rule_line_inside_one_article_stays_one_page(tmp_path):
    a = make_article(520)
    text = f"{a.title}\n\n{a.paragraphs[0]}\n\n* * *\n\n{a.paragraphs[1]}\n\n{a.paragraphs[2]}\n"
    result = build_one(tmp_path, text.encode("utf-8"), name="one.txt")
    assert len(result.articles) == 1 and result.articles[0].metadata.title == a.title


@pytest.mark.parametrize("with_front_matter", [True, False])
def test_a_digest_of_link_lists_under_headings_keeps_every_link_and_its_title(tmp_path, with_front_matter):
    """Headlines set as link-only paragraphs, several in a row under each heading, are the digest's
    text (a list of links), not each section's source link: nothing is lost, no section becomes a page."""
    a = make_article(41)
    sections = [a.items, make_article(42).items[:2]]
    body = "".join(
        f"## {heading}\n\n" + "\n\n".join(f"[{n}.{t}]({LINK}/{s}{n})" for n, t in enumerate(titles, 1)) + "\n\n"
        for s, (heading, titles) in enumerate(zip(("新闻", "文章"), sections))
    )
    head = f"---\ntitle: {a.title}\ndate: {a.date}\n---\n\n" if with_front_matter else f"# {a.title}\n\n"
    result = build_one(tmp_path, f"{head}{body}## 书籍\n\n{a.paragraphs[0]}\n".encode(), name="weekly.md")
    assert [s.metadata.title for s in result.articles] == [a.title]
    shown = body_text(result.articles[0])
    assert [t for titles in sections for t in titles if t not in shown] == []
    assert result.articles[0].metadata.url == ""


@pytest.mark.parametrize(
    "form, rule, gone",
    [
        ("blog-markers", "excerpt-marker", ["READMORE"]),
        ("blog-markers", "hashtag-line", ["#infographics"]),
    ],
    ids=["excerpt-marker", "hashtag-line"],
)
def test_markup_of_the_blog_tool_is_recorded_not_shown(tmp_path, form, rule, gone):
    result = build_one(tmp_path, DIALECT_FORMS[form](make_article(61)).encode("utf-8"), name="post.md")
    seed_article = result.articles[0]
    removed = " ".join(r.text for r in seed_article.article.report.removals if r.rule == rule)
    shown = body_text(seed_article) + " ".join(b.text for b in seed_article.article.blocks if b.kind == "heading")
    assert [g for g in gone if g not in removed] == []
    assert [g for g in gone if g in shown] == []


def test_a_markdown_link_inside_an_html_block_is_a_link(tmp_path):
    a = make_article(71)
    result = build_one(tmp_path, markdown_inside_an_html_block(a).encode("utf-8"), name="post.md")
    body = body_text(result.articles[0])
    assert f"[{a.link_text}]({LINK})" in body and "\\[" not in body


def test_an_outline_of_headings_without_text_under_them_is_kept_whole(tmp_path):
    """A heading with nothing under it may be the text itself (a note's outline): never dropped."""
    result = build_one(tmp_path, outline_of_headings(make_article(62)).encode("utf-8"), name="note.md")
    headings = [b.text for b in result.articles[0].article.blocks if b.kind == "heading"]
    assert [h for h in ("职能", "发行货币", "集中存款", "业务") if h not in headings] == []


def test_an_astro_pages_script_is_code_and_its_expressions_show_its_strings(tmp_path):
    a = make_article(73)
    seed_article = build_one(tmp_path, astro_page(a).encode("utf-8"), name="page.md").articles[0]
    body = body_text(seed_article)
    assert seed_article.metadata.title == a.title
    assert a.items[0] in body and "{" not in body and "const" not in body
    assert [p for p in a.paragraphs if p not in body] == []
    assert any("组件脚本里的注释文字" in text for text in _removed(seed_article).get("component-script", []))


def test_a_vue_pages_script_is_recorded_its_embed_is_a_link_and_its_table_a_table(tmp_path):
    a = make_article(72)
    seed_article = build_one(tmp_path, vue_page(a).encode("utf-8"), name="page.md").articles[0]
    body = body_text(seed_article)
    assert "组件数据里的介绍文字" not in body and "const" not in body
    assert any("组件数据里的介绍文字" in text for text in _removed(seed_article).get("page-script", []))
    assert _blocks(seed_article, "code") == []  # the embed's HTML, indented inside its component, is no code
    assert "（嵌入内容：[演示文稿](https://docs.example.org/deck/embed)）" in body
    tables = [(t.text, t.items) for t in _blocks(seed_article, "table")]
    assert tables == [
        (
            "名称 | 说明",
            tuple(f"[{item}](https://tool{n}.example.com) | {item}的说明" for n, item in enumerate(a.items[:2])),
        )
    ]


@pytest.mark.parametrize(
    "table, kind",
    [
        ("<table><tr><td>{p0}</td></tr><tr><td>{p1}</td></tr></table>", "paragraph"),  # rows of one cell: layout
        (
            "<table><tr><td><p>{p0}</p><p>{p1}</p></td><td>旁栏</td></tr><tr><td>甲</td><td>乙</td></tr></table>",
            "paragraph",
        ),
    ],
    ids=["one-cell-rows", "paragraphs-in-cells"],
)
def test_a_layout_table_is_read_as_the_text_it_lays_out(tmp_path, table, kind):
    a = make_article(74)
    html = table.format(p0=a.paragraphs[0], p1=a.paragraphs[1])
    text = f"{_yaml_head(a)}{html}\n\n{a.paragraphs[2]}\n\n{a.paragraphs[3]}\n"
    seed_article = build_one(tmp_path, text.encode("utf-8"), name="page.md").articles[0]
    assert _blocks(seed_article, "table") == []
    paragraphs = [b.text for b in _blocks(seed_article, kind)]
    assert a.paragraphs[0] in paragraphs and a.paragraphs[1] in paragraphs


# The closing block of a news dump's items, as archivers write it: the key alone on its line over its
# address, the outlet's copyright and contact lines, then the link, with a rule above the block too.
ITEM_FOOTERS = {
    "key-over-autolink": "原始网址：\n<{link}>\n\n© 示例台\n\n电子邮件:\n[news@example.org](mailto:news@example.org)"
    "\n\n原文链接：[{link}]({link})",
    "traditional-keys": "原始網址：\n<{link}>\n\n© 示例台\n\n電子郵件:\n[news@example.org](mailto:news@example.org)"
    "\n\n原文連結：[{link}]({link})",
    "copyright-only": "版权所有 示例台\n\n原文链接：<{link}>",
}


@pytest.mark.parametrize("footer", sorted(ITEM_FOOTERS))
def test_news_items_closing_with_the_outlets_footer_are_one_page_each_without_it(tmp_path, footer):
    articles = [make_article(seed) for seed in (5, 10, 15)]
    items = [
        f"# {a.title}\n\n![{a.caption}]({PICTURE})\n\n{a.paragraphs[0]}\n\n---\n\n"
        + ITEM_FOOTERS[footer].format(link=f"{LINK}/{n}")
        + "\n"
        for n, a in enumerate(articles)
    ]
    result = build_one(tmp_path, "\n---\n\n".join(items).encode("utf-8"), name="dump.md")
    assert [s.metadata.title for s in result.articles] == [a.title for a in articles]
    for n, (seed_article, a) in enumerate(zip(result.articles, articles)):
        body = body_text(seed_article)
        assert "".join(han_chars(a.paragraphs[0])) in "".join(han_chars(body))
        assert seed_article.metadata.url == f"{LINK}/{n}"
        assert [w for w in ("示例台", "邮件", "郵件", "网址", "網址", "mailto") if w in body] == []


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("headline", ["{speaker}：{title}", "{title}"], ids=["speaker-headline", "plain-headline"])
def test_plain_text_with_its_paragraphs_joined_on_one_line_by_their_indents(tmp_path, headline, encoding):
    """A scraper's copy: the headline (often `某某：要点`), then every paragraph on one line, each opened
    by the two ideographic spaces of its indent.  The indents are paragraph breaks; the headline is the title."""
    a = make_article(81)
    title = headline.format(speaker=a.authors[0], title=a.title)
    text = f"{title}\n\n\n" + "".join(f"\u3000\u3000{p}" for p in a.paragraphs) + "\n"
    [seed_article] = build_one(tmp_path, text.encode(encoding), name="article").articles
    assert seed_article.metadata.title == title
    assert [b.text for b in _blocks(seed_article, "paragraph")] == list(a.paragraphs)


@pytest.mark.parametrize("line", ["注：数据截至去年年底", "来源：示例日报", "摘要：一段提要"])
def test_a_note_or_field_line_opening_a_plain_text_is_never_its_speaker_headline(tmp_path, line):
    a = make_article(82)
    text = f"{line}\n\n" + "\n\n".join(a.paragraphs) + "\n"
    [seed_article] = build_one(tmp_path, text.encode("utf-8"), name="article").articles
    assert seed_article.metadata.title != line
