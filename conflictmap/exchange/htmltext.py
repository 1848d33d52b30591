"""The readable text of a saved web page: the article, without scripts, menus and footers.

Analysts save news pages as HTML. The extractor wants the report's
sentences, not the navigation, cookie banners and related-story lists
around them, so this keeps the ``<article>`` (or ``<main>``) when the page
has one, drops elements that are never prose, and turns block elements into
line breaks. The standard library's parser is enough and never executes
anything; the text stays untrusted and is escaped wherever it is shown.
Open elements are counted as well as stacked, so "is this inside an
<article>?" costs the same at any depth: a page of 100,000 nested tags reads
in linear time.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose content is never the report's prose.
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "nav",
                     "header", "footer", "aside", "form", "button", "select", "textarea", "figure", "menu"})
# Elements that end a line of text.
BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                    "main", "blockquote", "pre", "table", "tr", "dd", "dt", "hr", "title"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track",
                  "wbr", "param"})
# <meta> names that carry a publication date, the most specific first.
DATE_META = ("article:published_time", "datepublished", "date", "dc.date", "pubdate", "og:published_time")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class PageText:
    """What a page says: its title, its main text, and the date and address it gives for itself."""

    title: str | None
    text: str
    published: str | None = None  # ISO day, when the page's metadata gives one
    url: str | None = None  # the canonical address, when the page gives one


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[str] = []
        # How many of each tag are open: "is it inside <article>?" in constant time, so deep nesting stays linear.
        self.open: Counter[str] = Counter()
        self.parts: dict[str, list[str]] = {"page": [], "article": [], "main": []}
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = values.get("href") or None
        elif tag == "time" and values.get("datetime") and "time" not in self.meta:
            self.meta["time"] = values["datetime"]
        if tag in VOID:
            if tag in BLOCKS:
                self._emit("\n")
            return
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in SKIPPED:
            self.skip_depth += 1
        elif tag in BLOCKS:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.open[tag]:
            return
        while self.stack:  # close whatever the page left open inside this element
            top = self.stack.pop()
            self.open[top] -= 1
            if top in SKIPPED:
                self.skip_depth -= 1
            if top == tag:
                break
        if tag in BLOCKS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.open["title"] and self.skip_depth == 0:
            self.title.append(data)
            return
        if self.skip_depth == 0 and not self.open["head"]:
            self._emit(data)

    def _emit(self, data: str) -> None:
        if self.skip_depth:
            return
        self.parts["page"].append(data)
        for container in ("article", "main"):
            if self.open[container]:
                self.parts[container].append(data)


def html_text(html: str) -> PageText:
    """The main text of an HTML page, one paragraph a line.

    >>> html_text("<nav>Home</nav><article><p>Shelling hit Douma.</p></article>").text
    'Shelling hit Douma.'
    """
    reader = _Reader()
    reader.feed(html)
    reader.close()
    chosen = next((reader.parts[k] for k in ("article", "main") if _tidy("".join(reader.parts[k]))),
                  reader.parts["page"])
    title = _tidy(" ".join(reader.title)) or None
    return PageText(title=title, text=_tidy("".join(chosen)), published=_published(reader.meta),
                    url=reader.canonical or reader.meta.get("og:url") or None)


def _published(meta: dict[str, str]) -> str | None:
    for key in (*DATE_META, "time"):
        found = _ISO_DAY.match(meta.get(key, "").strip())
        if found:
            return found[1]
    return None


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def markdown_literal(text: str) -> str:
    """Untrusted words (a file name, a publisher, a URL) shown through Streamlit's markdown as they are.

    Every markdown character is escaped, so a name cannot become a link, an
    image or a heading.

    >>> markdown_literal("[click](http://x)")
    '\\\\[click\\\\]\\\\(http\\\\://x\\\\)'
    """
    return _MARKDOWN.sub(r"\\\1", str(text))
