"""The main text of a saved web page: the article kept, scripts and navigation dropped."""
from __future__ import annotations

import pytest

from conflictmap.exchange.htmltext import html_text

PAGE = """<!doctype html><html><head><title>Shelling in Douma &amp; Harasta | Example News</title>
<meta property="article:published_time" content="2013-03-04T09:30:00Z">
<link rel="canonical" href="https://news.example.org/douma-shelling">
<script>window.track = "Shelling killed 99 people";</script><style>p{color:red}</style></head>
<body><nav><ul><li>Home</li><li>World</li></ul></nav>
<header>Breaking: markets fall</header>
<article><h1>Shelling hits Douma</h1>
<p>Shelling killed 12 people in <b>Douma</b> on Monday,<br>a monitoring group said.</p>
<figure><img src="x.jpg"><figcaption>Smoke rises (Photo)</figcaption></figure>
<p>Clashes continued in Harasta.</p><script>ads()</script>
<aside>Related: Ten things to know</aside></article>
<footer>&copy; Example News</footer></body></html>"""


def test_the_article_is_kept_and_everything_around_it_dropped():
    page = html_text(PAGE)
    assert page.text == ("Shelling hits Douma\nShelling killed 12 people in Douma on Monday,\n"
                         "a monitoring group said.\nClashes continued in Harasta.")
    assert page.title == "Shelling in Douma & Harasta | Example News"
    assert page.published == "2013-03-04"
    assert page.url == "https://news.example.org/douma-shelling"


@pytest.mark.parametrize("html, text", [
    ("<p>One</p><p>Two</p>", "One\nTwo"),  # no article: the whole body
    ("<main><p>Inside</p></main><p>Outside</p>", "Inside"),
    ("<div>a&nbsp;&nbsp;b</div>", "a b"),
    ("<p>Open <b>bold", "Open bold"),  # unclosed tags
    ("<p>x</p><script>never()</script></p><noscript>no</noscript><p>y", "x\ny"),
    ("<p>1 &lt; 2 &amp; <i>3</i></p>", "1 < 2 & 3"),
    ("<article></article><p>Fallback</p>", "Fallback"),  # an empty article is no article
])
def test_text_of_small_pages(html, text):
    assert html_text(html).text == text


def test_a_page_without_metadata_says_nothing_about_date_or_address():
    page = html_text("<p>Clashes in Homs.</p><time datetime='yesterday'>Yesterday</time>")
    assert page.published is None and page.url is None and page.title is None


def test_a_time_element_gives_the_date_when_no_meta_does():
    assert html_text("<article><time datetime='2013-02-07'>7 Feb</time><p>x</p></article>").published == "2013-02-07"


@pytest.mark.parametrize("text", ["[click](https://evil.example)", "![x](http://img)", "# heading", "a_b*c*",
                                  "<b>bold</b>", "https://example.org/a"])
def test_markdown_literal_leaves_no_markdown_structure(text):
    from conflictmap.exchange.htmltext import markdown_literal

    escaped = markdown_literal(text)
    assert escaped.replace("\\", "") == text.replace("\\", "")  # the same words…
    for char in "[]()!#*_<>:":
        assert escaped.count(char) == escaped.count("\\" + char)  # …every markdown character escaped
