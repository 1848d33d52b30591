"""Where the text of saved web pages used to be read: now ``conflictmap.exchange.htmltext``; kept for its callers."""
from __future__ import annotations

from conflictmap.exchange.htmltext import PageText, html_text, markdown_literal

__all__ = ["PageText", "html_text", "markdown_literal"]
