"""Untrusted text shown as text: through Streamlit's Markdown, inside generated JavaScript, in tables.

Everything a report, a data set, a link or an online service says is
untrusted (a place name comes from an online geocoder anyone can edit; an
``?actor=`` comes from whoever crafted the link). Three doors lead to a
viewer's browser, and each has one function here that every page uses:

- ``md``: Streamlit renders captions, titles, alerts and ``st.table`` cells as
  Markdown, where ``![x](http://…)`` loads an image from anywhere and
  ``[story](http://…)`` draws a working link. ``md`` escapes every character
  that Markdown, GitHub's extensions and Streamlit's own directives
  (``:red[…]``, ``:material/…:``, ``$…$``) give a meaning to.
- ``js_string`` / ``js_body``: a string inside generated JavaScript (folium's
  tooltips are template literals: a backtick ends them, ``${…}`` runs).
  Every character that can end or bend any kind of JavaScript string
  literal, or end the ``<script>`` element around it, is written as a
  ``\\uXXXX`` escape, so the same body is safe in ``'…'``, ``"…"`` and
  ``\\`…\\```.
- ``table``: a frame handed to ``st.dataframe`` / ``st.data_editor``. Cells show
  as plain text there, but the table's own "Download as CSV" (and copying
  cells into a spreadsheet) would carry ``=…`` cells as formulas, so every
  text cell goes through ``dataset.neutralise``, the exports' formula guard.

Text can also lie without being code: Unicode's explicit directional
formatting characters (overrides, embeddings, isolates and the invisible
marks; Unicode Standard Annex #9, section 2) change the order in which what
follows them is drawn, so a source stored as ``"Monitor \u202e001"`` shows
as "Monitor 100", and an override left open reverses the page's own words
after it ("Trojan Source", CVE-2021-42574). ``md``, ``table`` and ``plain``
(for ``st.text`` and option labels) drop them: the letters stay, Arabic and
Hebrew still read right to left by the implicit rules, and nothing stored
changes (the exports keep every character).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from conflictmap.exchange.spreadsheet import neutralise

# ASCII punctuation CommonMark lets a backslash escape, minus the ones that never start anything
# (quotes, comma, semicolon, slash, question mark, percent): every one that can open a link, image,
# emphasis, code, heading, list, table, HTML, entity, autolink, math or a Streamlit directive.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=^@])")
# Where rules that act on parsed text (bare links, e-mail links, icons, emoji) would start: a colon, an at
# sign (escaped as "\\@"), "www".
WORD_JOINER = "\u2060"
_AFTER_TEXT = re.compile(r"(\\:|(?i:www))|(\\@)")
# Characters that end or bend a JavaScript string of any kind, or the <script> around it.
# Explicit directional formatting characters (UAX #9, 2.1-2.6): ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI,
# FSI, PDI. Shown text needs none of them: the implicit rules order letters and digits by their own direction.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JS_SPECIAL = re.compile("[\\\\'\"`$<>&/\u2028\u2029\u0000-\u001f\u007f-\u009f\ufeff]")


def md(text: Any) -> str:
    """``text`` for any Streamlit element that renders Markdown, shown exactly as written.

    Every character Markdown would read is backslash-escaped. Some rules act
    after parsing, on the text itself (GitHub's bare links ``http://…``,
    ``www.…`` and ``name@host``; Streamlit's ``:material/…:`` icons and
    ``:emoji:`` shortcodes), so an invisible WORD JOINER (U+2060) also goes
    after every ``:``, before every ``@`` and after a ``www``: the text
    looks the same and none of them matches. Line breaks stay line breaks;
    ``None`` shows as an empty string.

    >>> md("![x](http://a.example/p.png)").replace(WORD_JOINER, "+")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\:+//a\\\\.example/p\\\\.png\\\\)'
    """
    if text is None:
        return ""
    escaped = _MARKDOWN.sub(r"\\\1", plain(text))
    return _AFTER_TEXT.sub(lambda m: m.group(1) + WORD_JOINER if m.group(1) else WORD_JOINER + m.group(2), escaped)


def plain(text: Any) -> str:
    """``text`` as drawn as plain text (``st.text``, a select box's options): without the directional
    formatting characters that would reorder it or the words after it (see the module's docstring).

    >>> plain("Monitor \u202e001\u202c said")
    'Monitor 001 said'
    """
    return _BIDI_CONTROLS.sub("", str(text))


def js_body(text: Any) -> str:
    """The inside of a JavaScript string literal (no quotes) that reads back as ``text``.

    Safe between ``'…'``, ``"…"`` and backticks alike, and inside an HTML
    ``<script>``: backslashes, quotes, backticks, ``$``, ``<``, ``>``, ``&``,
    ``/``, control characters, U+2028/U+2029 and the byte-order mark are
    written as ``\\uXXXX``. Characters outside the Basic Multilingual Plane
    pass as they are (valid in every string literal).

    >>> js_body("`${alert(1)}`</script>")
    '\\\\u0060\\\\u0024{alert(1)}\\\\u0060\\\\u003c\\\\u002fscript\\\\u003e'
    """
    return _JS_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def js_string(text: Any) -> str:
    """``text`` as a complete double-quoted JavaScript string literal (see ``js_body``)."""
    return f'"{js_body(text)}"'


def table(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` fit for ``st.dataframe``: no text cell can start a spreadsheet formula.

    Text cells lose their directional formatting characters (``plain``) and
    go through ``dataset.neutralise`` (a leading apostrophe before ``=``,
    ``+``, ``-``, ``@`` …); numbers, dates and empty cells are
    left alone. Column names are untouched. ``columns`` limits this to the
    read-only columns of an editable table (``st.data_editor``), whose other
    cells go back to the database as the editor left them.
    """
    out = frame.copy()
    for column in out.columns if columns is None else [c for c in columns if c in out.columns]:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(lambda v: neutralise(plain(v)) if isinstance(v, str) else v).astype(object)
    return out
