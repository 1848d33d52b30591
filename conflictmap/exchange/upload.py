"""Report files an analyst uploads: bounded, typed, and turned into a ``Report``.

A hosted dashboard accepts files from anyone with the editor password, so
every upload is checked here, whatever the browser already checked: at most
``MAX_FILES`` files of at most ``MAX_BYTES`` each, and only the kinds the
reader understands. Text files may carry the team's ``URL:``/``DATE:``
header; an HTML page gives its main text and, when it states them, its date
and canonical address; a PDF gives the text of its pages.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import PurePath

from conflictmap.exchange.htmltext import html_text
from conflictmap.report import Report, parse_iso_date, split_header

MAX_BYTES = 2 * 1024 * 1024
MAX_FILES = 20
TEXT_TYPES = ("txt", "html", "htm")
PDF_TYPES = ("pdf",)


class UploadError(ValueError):
    """A file (or a batch) that is refused, with the reason shown to the analyst."""


@dataclass(frozen=True)
class Upload:
    """One report read from a file, with what the file itself says about its origin."""

    name: str
    text: str
    pub_date: dt.date | None = None
    url: str | None = None
    title: str | None = None

    def report(self, *, pub_date: dt.date | None = None, url: str | None = None,
               publisher: str | None = None) -> Report:
        """The report to extract: given metadata wins, the file's own fills the gaps."""
        return Report(text=self.text, pub_date=pub_date or self.pub_date, url=url or self.url,
                      publisher=publisher or None, title=self.title)


def accepted_types() -> tuple[str, ...]:
    """File kinds this installation reads: PDF only when ``pypdf`` is installed."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        return TEXT_TYPES
    return TEXT_TYPES + PDF_TYPES


def check_batch(files: list[tuple[str, int]]) -> None:
    """Refuse a batch that is too large, before reading any of it: ``files`` are (name, size in bytes).

    >>> check_batch([("a.txt", 10)])
    """
    if len(files) > MAX_FILES:
        raise UploadError(f"{len(files)} files at once; the limit is {MAX_FILES}. Upload them in parts.")
    for name, size in files:
        if size > MAX_BYTES:
            raise UploadError(f"{name} is {size / 1_048_576:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB a file.")
        if _suffix(name) not in accepted_types():
            raise UploadError(f"{name} is not a report file this page reads; it takes "
                              + ", ".join(f".{t}" for t in accepted_types()) + ".")


def read_upload(name: str, data: bytes) -> Upload:
    """One uploaded file as a report's text and metadata.

    >>> read_upload("r.txt", b"DATE: 2013-02-07\\nShelling hit Douma.").pub_date
    datetime.date(2013, 2, 7)
    """
    check_batch([(name, len(data))])
    kind = _suffix(name)
    if kind == "pdf":
        return Upload(name, _pdf_text(name, data))
    raw = _decode(name, data)
    if kind in ("html", "htm"):
        page = html_text(raw)
        return Upload(name, page.text, pub_date=parse_iso_date(page.published or ""), url=page.url,
                      title=page.title)
    return pasted(raw, name=name)


def pasted(raw: str, *, name: str = "pasted text") -> Upload:
    """Text typed or pasted on the page, read like a file (a ``DATE:`` header counts)."""
    header, body = split_header(raw.replace("\r\n", "\n"))
    return Upload(name, body.strip(), pub_date=parse_iso_date(header.get("DATE", "")), url=header.get("URL") or None)


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(f"{name} is not UTF-8 text; save it as UTF-8 and upload it again.") from None


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UploadError(f"{name} could not be read as a PDF ({exc}).") from None
    if not text.strip():
        raise UploadError(f"{name} has no text layer (a scanned PDF?); paste its text instead.")
    return text
