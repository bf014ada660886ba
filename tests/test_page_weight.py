"""Pages weigh what they say: the templates' indentation is taken out, and nothing a reader sees changes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from build_tools.renderer.mkdocs_hooks import compact

pytestmark = pytest.mark.unit

CONTENT = """<article class="md-content__inner md-typeset">
  <h1>标题</h1>
<pre><code>第一行
    缩进的第二行
</code></pre>
  <p>正文   两个空格</p>
</article>"""

PAGE = f"""<!doctype html>
<html>
  <head>
    <script>var note = `多行
        模板字符串`;</script>
  </head>
  <body>
    <nav class="md-nav">
      <ul>
        <li>
          <a href="a.html">
            <span class="md-ellipsis">
              首页
            </span>
          </a>
        </li>
      </ul>
    </nav>
    {CONTENT}
    <footer>
      <pre>  页脚里
   的预排版</pre>
    </footer>
  </body>
</html>
"""


class _Text(HTMLParser):
    """What a browser lays out: text with white-space runs as one space, and preformatted text exactly."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.inside.append(tag)
        self.parts.append(f"<{tag} {attrs}>")

    def handle_endtag(self, tag):
        if self.inside:
            self.inside.pop()

    def handle_data(self, data):
        kept = any(tag in ("pre", "script", "textarea") for tag in self.inside)
        self.parts.append(data if kept else re.sub(r"\s+", " ", data))


def _shown(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [part for part in parser.parts if part.strip()]


def test_indentation_goes_and_what_a_reader_sees_stays():
    compacted = compact(PAGE)
    assert len(compacted) < len(PAGE) * 0.8
    assert _shown(compacted) == _shown(PAGE)
    assert CONTENT in compacted, "the main content is left exactly as rendered"
    assert "var note = `多行\n        模板字符串`;" in compacted and "<pre>  页脚里\n   的预排版</pre>" in compacted


def test_a_page_without_main_content_is_compacted_whole():
    page = "<html>\n    <body>\n      <p>文字</p>\n    </body>\n</html>\n"
    assert compact(page) == "<html>\n<body>\n<p>文字</p>\n</body>\n</html>\n"
