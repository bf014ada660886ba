"""What a reader should not see at the end (or start) of a real article: the site's related-links box,
the account's calls to follow and share, the desk's credit lines — and the same words in prose, kept.

One table: input blocks → the text a reader still sees, and the named removals, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from build_tools.core.model import Block, block_texts
from build_tools.ingest.clean import Context, clean_blocks

PROSE = "这家公司去年把研发投入提高到营收的两成，新一代芯片已经进入量产阶段。"
PROSE_2 = "分析人士认为，产业链的重构还需要很多年，短期内难以看到结果。"


def p(text: str) -> Block:
    return Block("paragraph", text)


def picture(caption: str = "") -> Block:
    return Block("figure", caption, src="https://img.example.com/a.png")


@dataclass(frozen=True)
class Case:
    blocks: tuple[Block, ...]
    kept: tuple[str, ...]  # every text still on the page, in order
    removed: tuple[str, ...]  # rule of each recorded removal, in order


CASES = [
    pytest.param(
        Case(
            (
                p(PROSE),
                p("**您可能也感兴趣:**"),
                Block("heading", "[某公司发布新款手机](https://news.example.com/1.html)", level=2),
                p("[另一家公司的季度财报](https://news.example.com/2.html)"),
                p("[第三篇新闻的标题](https://news.example.com/3.html)"),
            ),
            (PROSE,),
            ("recommended-reading",) * 4,
        ),
        id="feed-item-ends-with-you-may-also-like-links",
    ),
    pytest.param(
        Case(
            (
                p(PROSE),
                p("往期推荐"),
                picture(),
                p(
                    "[第一篇旧文的标题](https://mp.example.com/s?a=1)[第二篇旧文的标题](https://mp.example.com/s?a=2)**点这里关注我，记得标星哦～**"
                ),
                p("点个 在看你最好看"),
            ),
            (PROSE,),
            ("recommended-reading",) * 3,
        ),
        id="wechat-past-posts-with-thumbnails-and-a-follow-line",
    ),
    pytest.param(
        Case(
            (
                p(PROSE),
                Block("heading", "延伸阅读", level=2),
                Block(
                    "list",
                    items=("[芯片产业链的十年](https://x.example.com/a)", "[存储芯片的周期](https://x.example.com/b)"),
                ),
                p(PROSE_2),
            ),
            (PROSE, PROSE_2),
            ("recommended-reading",) * 2,
        ),
        id="further-reading-box-mid-article-prose-after-kept",
    ),
    pytest.param(
        Case(
            (
                p(PROSE),
                p("相關閱讀："),
                p("[台灣半導體的下一步](https://tw.example.com/a)"),
                p("[晶圓代工的新對手](https://tw.example.com/b)"),
            ),
            (PROSE,),
            ("recommended-reading",) * 3,
        ),
        id="traditional-related-reading",
    ),
    pytest.param(
        Case((p(PROSE), Block("heading", "相关阅读", level=2), p(PROSE_2)), (PROSE, "相关阅读", PROSE_2), ()),
        id="marker-followed-by-prose-is-the-authors-heading",
    ),
    pytest.param(
        Case(
            (p("读者可以在文末的相关阅读里找到这家公司过去三年的财报分析，以及行业协会的统计数据。"),),
            ("读者可以在文末的相关阅读里找到这家公司过去三年的财报分析，以及行业协会的统计数据。",),
            (),
        ),
        id="marker-words-inside-prose-kept",
    ),
    pytest.param(
        Case(
            (
                p("点击上方蓝字关注我们"),
                picture(),
                p(PROSE),
                p(PROSE_2),
                p("喜欢就点赞、在看、分享三连吧"),
                picture(),
                p("长按二维码关注我们"),
            ),
            (PROSE, PROSE_2),
            ("call-to-action",) * 3,
        ),
        id="wechat-calls-to-action-at-both-ends",
    ),
    pytest.param(
        Case((p(PROSE), p("点个在看"), p(PROSE_2)), (PROSE, "点个在看", PROSE_2), ()),
        id="call-to-action-words-between-paragraphs-kept",
    ),
    pytest.param(
        Case(
            (
                p(PROSE),
                p(
                    "主播在直播结束前提醒观众点个在看并转发，这条视频随后传遍全网，成为当年最受关注的科技新闻之一，平台的流量也翻了一倍。"
                ),
            ),
            (
                PROSE,
                "主播在直播结束前提醒观众点个在看并转发，这条视频随后传遍全网，成为当年最受关注的科技新闻之一，平台的流量也翻了一倍。",
            ),
            (),
        ),
        id="call-to-action-words-in-a-last-paragraph-of-prose-kept",
    ),
    pytest.param(
        Case((p(PROSE), p("歡迎留言分享你的看法"), p("請追蹤我們的全球供應鏈系列")), (PROSE,), ("call-to-action",) * 2),
        id="traditional-appeals-to-comment-and-follow-the-series",
    ),
    pytest.param(
        Case((p(PROSE), p("我们会继续追踪这家公司的进展。")), (PROSE, "我们会继续追踪这家公司的进展。"), ()),
        id="last-line-about-following-a-story-is-prose",
    ),
    pytest.param(Case((p(PROSE), p("网友纷纷点赞。")), (PROSE, "网友纷纷点赞。"), ()), id="last-line-praise-is-prose"),
    pytest.param(
        Case((p(PROSE), p("现在看分享经济的前景并不乐观。")), (PROSE, "现在看分享经济的前景并不乐观。"), ()),
        id="last-line-with-share-words-is-prose",
    ),
    pytest.param(
        Case((p(PROSE), p("这件事值得关注我国的政策走向。")), (PROSE, "这件事值得关注我国的政策走向。"), ()),
        id="last-line-worth-following-is-prose",
    ),
    pytest.param(
        Case((p("扫描二维码支付已经成为日常。"), p(PROSE)), ("扫描二维码支付已经成为日常。", PROSE), ()),
        id="first-line-about-qr-payments-is-prose",
    ),
    pytest.param(
        Case(
            (
                p("微信公众号改版了，星标「某某科技」，不错过每一篇文章"),
                p(PROSE),
                p(PROSE_2),
                p("要进“**交流群**”，请关注公众号获取进群方式"),
            ),
            (PROSE, PROSE_2),
            ("call-to-action",) * 2,
        ),
        id="star-the-account-and-join-the-group",
    ),
    pytest.param(
        Case((p(PROSE), p("审核：专家委员会逐项复核"), p(PROSE_2)), (PROSE, "审核：专家委员会逐项复核", PROSE_2), ()),
        id="review-step-mid-article-is-no-credit",
    ),
    pytest.param(
        Case(
            (
                p(PROSE),
                p("责任编辑：王小明"),
                p("[网站首页](https://x.example.com/) [联系我们](https://x.example.com/c)"),
            ),
            (PROSE, "[网站首页](https://x.example.com/) [联系我们](https://x.example.com/c)"),
            ("editor-credit",),
        ),
        id="responsible-editor-line-before-site-links",
    ),
    pytest.param(
        Case((p(PROSE), p("（编辑：李华 张伟）"), p("【责任编辑：李华】")), (PROSE,), ("editor-credit",) * 2),
        id="bracketed-editor-credits",
    ),
    pytest.param(
        Case((p(PROSE), p("編輯：王華 校對：李明"), p("（完）")), (PROSE,), ("editor-credit",) * 2),
        id="traditional-credits-and-end-mark",
    ),
    pytest.param(
        Case((p(PROSE_2 + "（编辑：王明）1130105"),), (PROSE_2,), ("editor-credit",)),
        id="credit-closing-the-last-paragraph-is-cut",
    ),
    pytest.param(
        Case(
            (
                p("责任编辑说，这篇稿子还要再改一遍才能发表。"),
                p("该书的编辑：一位在出版社工作了三十年的老人，对每一个字都很较真。"),
            ),
            (
                "责任编辑说，这篇稿子还要再改一遍才能发表。",
                "该书的编辑：一位在出版社工作了三十年的老人，对每一个字都很较真。",
            ),
            (),
        ),
        id="credit-words-in-prose-kept",
    ),
    pytest.param(
        Case((p(PROSE), p("© 某某科技评论")), (PROSE,), ("editor-credit",)), id="copyright-sign-off-at-the-end"
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_tails_of_site_chrome(case: Case):
    ctx = Context("markdown", "")
    kept = clean_blocks(list(case.blocks), ctx)
    assert tuple(text for text in block_texts(kept) if text) == case.kept
    assert tuple(r.rule for r in ctx.removals) == case.removed


def test_every_dropped_line_is_recorded_with_its_text():
    ctx = Context("markdown", "")
    clean_blocks([p(PROSE), p("责任编辑：王小明")], ctx)
    assert [r.text for r in ctx.removals] == ["责任编辑：王小明"]
