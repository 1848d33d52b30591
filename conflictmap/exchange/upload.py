"""Report files an analyst uploads: bounded, typed, read under a budget, and turned into a ``Report``.

A hosted dashboard accepts files from anyone with the editor password, so
every upload is checked here, whatever the browser already checked: at most
``MAX_FILES`` files of at most ``MAX_BYTES`` each, and only the kinds the
reader understands. Text files may carry the team's ``URL:``/``DATE:``
header; an HTML page gives its main text and, when it states them, its date
and canonical address; a PDF gives the text of its pages.

A file is untrusted: a compressed PDF or a page of nested tags can cost
minutes and gigabytes to read. So each file is read in a worker process (a
fresh ``python -m conflictmap.exchange.upload``) with a time budget
(``Budget.seconds``) and a memory ceiling (``Budget.megabytes``, the
worker's address space, ``RLIMIT_AS``); a worker past either is stopped,
and the file is refused with the reason while the other files of the batch
go on. Whatever a parser raises (pypdf's
``LimitReachedError`` included) becomes that file's ``UploadError``.

Text is decoded as it arrives: UTF-8 first, an HTML page's own ``<meta
charset>`` before guessing, otherwise the encoding ``charset-normalizer``
detects. A text that still holds a NUL byte is refused with the reason:
it is no text file (or one saved in an encoding it does not say), and
PostgreSQL stores no text with a NUL in it. Pasted text is bounded like a
file (``MAX_BYTES`` in UTF-8) and refused alike.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

from conflictmap.exchange.htmltext import html_text
from conflictmap.reading.text import Report, parse_iso_date, split_header

MAX_BYTES = 2 * 1024 * 1024
MAX_FILES = 20
TEXT_TYPES = ("txt", "html", "htm")
PDF_TYPES = ("pdf",)
# The HTML standard's prescan looks at the first 1024 bytes for a declared encoding; pages put it later too.
META_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Labels the WHATWG Encoding Standard reads as windows-1252 (browsers never use strict Latin-1).
_AS_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1", "cp819"})


@dataclass(frozen=True)
class Budget:
    """What reading one file may cost: wall seconds and megabytes of address space for its worker."""

    seconds: float = 20.0
    megabytes: int = 1024


DEFAULT_BUDGET = Budget()


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


def read_upload(name: str, data: bytes, *, budget: Budget | None = DEFAULT_BUDGET) -> Upload:
    """One uploaded file as a report's text and metadata, read in a worker process within ``budget``.

    Raises ``UploadError`` (with the reason) for a file that is refused,
    unreadable, or over its budget; ``budget=None`` reads in this process
    (for trusted files and tests of the readers themselves).

    >>> read_upload("r.txt", b"DATE: 2013-02-07\\nShelling hit Douma.").pub_date
    datetime.date(2013, 2, 7)
    """
    check_batch([(name, len(data))])
    if budget is None:
        return _read(name, data)
    return _in_worker(name, data, budget)


def _in_worker(name: str, data: bytes, budget: Budget) -> Upload:
    """Read one file in a fresh Python process (``python -m conflictmap.exchange.upload``) within ``budget``.

    The file's bytes go in on stdin, the Upload comes back as JSON on
    stdout. The worker caps its own address space before reading; past
    the time budget it is killed. A new process, not a fork: nothing of the
    app (its threads, its database connections, its page script) is copied
    or run again.
    """
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    try:
        worker = subprocess.Popen([sys.executable, "-m", "conflictmap.exchange.upload", str(budget.megabytes), name],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                  cwd=root)
    except OSError:  # pragma: no cover - no process can start here: read it in this one
        return _read(name, data)
    try:
        out, _ = worker.communicate(data, timeout=budget.seconds)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        raise UploadError(f"{name} took more than {budget.seconds:g} s to read and was stopped; it is not "
                          "stored. Paste its text instead, or split the file.") from None
    try:
        answer = json.loads(out)
    except ValueError:
        if worker.returncode is not None and worker.returncode < 0:  # killed: the kernel's memory limit
            raise UploadError(f"{name} needed more than {budget.megabytes} MB to read and was stopped; it is not "
                              "stored. Paste its text instead.") from None
        raise UploadError(f"{name} could not be read: the reader's worker process ended early (exit status "
                          f"{worker.returncode}); try again, or paste its text.") from None
    if "error" in answer:
        raise UploadError(answer["error"])
    return Upload(answer["name"], answer["text"], pub_date=parse_iso_date(answer.get("pub_date") or ""),
                  url=answer.get("url"), title=answer.get("title"))


def _work(megabytes: int, name: str) -> dict:
    """The worker: cap this process's memory, read stdin as the file ``name``, answer as a JSON object."""
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform: the time budget holds
        pass
    data = sys.stdin.buffer.read()
    try:
        upload = _read(name, data)
    except UploadError as exc:
        return {"error": str(exc)}
    except MemoryError:
        return {"error": f"{name} needed more memory than a file may use to read; it is not stored. "
                         "Paste its text instead."}
    except Exception as exc:  # noqa: BLE001 - any parser fault is this file's refusal, never the batch's end
        return {"error": f"{name} could not be read ({type(exc).__name__}: {str(exc)[:200]})."}
    return {"name": upload.name, "text": upload.text, "url": upload.url, "title": upload.title,
            "pub_date": upload.pub_date.isoformat() if upload.pub_date else None}


def _read(name: str, data: bytes) -> Upload:
    kind = _suffix(name)
    if kind == "pdf":  # a NUL in a PDF's text is an artefact of its fonts, never a letter of the report
        return Upload(name, _pdf_text(name, data).replace("\x00", ""))
    raw = _no_nul(name, _decode(name, data, html=kind in ("html", "htm")))
    if kind in ("html", "htm"):
        page = html_text(raw)
        return Upload(name, page.text, pub_date=parse_iso_date(page.published or ""), url=page.url,
                      title=page.title)
    return _text_upload(raw, name)


def pasted(raw: str, *, name: str = "pasted text") -> Upload:
    """Text typed or pasted on the page, read like a file (a ``DATE:`` header counts).

    Raises ``UploadError`` for text over ``MAX_BYTES`` (counted in UTF-8, as a file's bytes) or holding a
    NUL character: the page's text box is bounded by the browser only, and a crafted message is not.
    """
    size = len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise UploadError(f"The pasted text is {size / 1_048_576:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB, "
                          "as for a file. Paste it in parts.")
    return _text_upload(_no_nul(name, raw), name)


def _no_nul(name: str, text: str) -> str:
    """``text`` unchanged, or ``UploadError`` naming where its first NUL character is."""
    at = text.find("\x00")
    if at >= 0:
        raise UploadError(f"{name} holds a NUL byte (character {at:,}): it is not a text file, or was saved in an "
                          "encoding it does not name. Save it as UTF-8 text and upload it again.")
    return text


def _text_upload(raw: str, name: str) -> Upload:
    header, body = split_header(raw.replace("\r\n", "\n"))
    return Upload(name, body.strip(), pub_date=parse_iso_date(header.get("DATE", "")), url=header.get("URL") or None)


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta charset>`` (or ``http-equiv``) near its start.

    >>> declared_encoding(b'<head><meta charset="windows-1252">')
    'windows-1252'
    """
    found = _META_CHARSET.search(data[:META_BYTES])
    if not found:
        return None
    label = found[1].decode("ascii", "replace").lower()
    return "windows-1252" if label in _AS_WINDOWS_1252 else label


def _decode(name: str, data: bytes, *, html: bool = False) -> str:
    """Text from bytes: a BOM, then an HTML page's declaration, then UTF-8, then the detected encoding."""
    from conflictmap.exchange.encoding import TextError, decode

    if html and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = declared_encoding(data)
        if declared and declared.replace("-", "").replace("_", "") not in ("utf8",):
            try:
                return data.decode(declared)
            except LookupError:
                pass  # an encoding Python does not know: detect it instead
            except UnicodeDecodeError as exc:
                raise UploadError(f"{name} declares {declared} but byte {exc.start} is not {declared}; save it "
                                  "as UTF-8 and upload it again.") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return decode(data, name)[0]
    except TextError as exc:
        raise UploadError(f"{exc}.") from None


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UploadError(f"{name} could not be read as a PDF ({exc}).") from None
    if not text.strip():
        raise UploadError(f"{name} has no text layer (a scanned PDF?); paste its text instead.")
    return text


if __name__ == "__main__":  # the worker of ``_in_worker``: python -m conflictmap.exchange.upload MEGABYTES NAME
    sys.stdout.write(json.dumps(_work(int(sys.argv[1]), sys.argv[2])))
