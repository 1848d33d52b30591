"""Text as it arrives: bytes of a data set or a report file decoded in the encoding they were written in.

UTF-16 without a byte-order mark when its NUL bytes say so (a NUL is valid
UTF-8, so it would read as text with a NUL after every letter), then UTF-8
(with or without BOM); otherwise the encoding
``charset-normalizer`` detects, with Windows-1252 (Excel's Western default)
preferred whenever it reads no worse. An HTML page's own ``<meta charset>``
is honoured before any guess (``conflictmap.exchange.upload``). Light on
purpose: the worker that reads one uploaded file imports only this.
"""
from __future__ import annotations

import re

# Bytes of the file given to the encoding detector (it samples; a whole 40 MB file is not needed).
DETECT_BYTES = 256 * 1024
# Code pages of DOS, classic Mac OS and IBM mainframes: no tool analysts use writes them today, and on short
# Western samples the detector ranks them above Windows-1252 (charset-normalizer's own caveat on small inputs).
LEGACY_CODE_PAGES = ("cp037", "cp273", "cp424", "cp437", "cp500", "cp720", "cp737", "cp775", "cp850", "cp852",
                     "cp855", "cp857", "cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865", "cp866",
                     "cp869", "cp875", "cp1006", "cp1026", "cp1125", "cp1140", "hp_roman8", "kz1048", "ptcp154",
                     "mac_cyrillic", "mac_greek", "mac_iceland", "mac_latin2", "mac_roman", "mac_turkish")

# How much messier (charset-normalizer's mess ratio, 0..1) Windows-1252 may read than the detector's pick and
# still be taken. Measured on made-up rows of 1, 3 and 30 lines (``tests/exchange/test_rows.py``): French,
# Spanish and Portuguese notes read 0.006 to 0.02 messier in Windows-1252 than in the Central European or Baltic
# code page the detector picks ("déjà" read as "déją"); Cyrillic, Greek, Hebrew and Arabic read 0.098 to 0.22
# messier, so their own code pages keep winning.
WESTERN_MARGIN = 0.04
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# UTF-16 without a byte-order mark: the share of pairs with a NUL on one side (a space, a digit or a Latin
# letter; about a sixth of pairs are spaces even in Arabic text), and the most with a NUL on the other side.
UTF16_NULS = 0.1
UTF16_STRAY = 0.01
UTF16_MIN_NULS = 4  # a stray NUL or two in a UTF-8 row is that row's fault, not a sign of UTF-16
# Control characters no text file holds (tab, line feed, carriage return and form feed aside).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


class TextError(ValueError):
    """Bytes that are no text in any encoding the detector knows, with the reason and what to do."""


def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Bytes as text and the encoding used: UTF-16 without a BOM (``_utf16_without_bom``), UTF-8, else what
    ``charset-normalizer`` detects.

    Raises ``TextError`` when no encoding fits (a binary file), or when the file is UTF-8 text up to a
    byte that is not (two encodings in one file: whichever is chosen garbles the other part).

    >>> decode("Darayya".encode("cp1252"))
    ('Darayya', 'utf-8')
    """
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    mixed = _utf8_before(data, bad)
    if mixed is not None:
        line = data.count(b"\n", 0, bad) + 1
        raise TextError(f"{name} mixes encodings: line {mixed} is UTF-8 text, but line {line} (byte {bad}) is not "
                        "UTF-8 (rows pasted from a file saved another way?); any one reading would garble the "
                        "other's accents. Save the whole file as UTF-8 text (CSV UTF-8 in Excel) and import it again")
    if b"\x00" in data[:DETECT_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TextError(f"{name} is not text (byte {bad} and NUL bytes); save it again as text (UTF-8)")
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data[:DETECT_BYTES], cp_exclusion=list(LEGACY_CODE_PAGES)).best()
    if best is None or best.encoding is None:
        raise TextError(f"{name}: byte {bad} is not UTF-8 and no other text encoding fits; "
                              "save the file as UTF-8 text (CSV UTF-8 in Excel) and import it again")
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    # Excel's Western default wins whenever it reads no worse than the detector's pick, give or take
    # WESTERN_MARGIN: on a file with accented letters every Latin code page reads about as "cleanly" (a note
    # on "Saïda" read 0.007 to 0.02 messier in Windows-1252 than in the Baltic code page, whose "Saļda" and
    # "déją" won), and Windows-1252 is by far the likeliest.
    if western is not None and best.encoding != "cp1252" and \
            mess_ratio(western[:DETECT_BYTES], 1.0) <= best.chaos + WESTERN_MARGIN:
        return western, "cp1252"
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise TextError(f"{name}: read as {best.encoding}, the file breaks at byte "
                              f"{getattr(exc, 'start', '?')}; save it as UTF-8 text and import it again") from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``data`` read as UTF-16 when it is UTF-16 without a byte-order mark, else None.

    A NUL byte is valid UTF-8, so such a file (Windows' "Unicode" text of old) decodes as UTF-8 with a NUL
    after every Latin letter. It is taken as UTF-16 when at least ``UTF16_NULS`` of the bytes on one side of
    each pair are NUL (a space, a digit or a Latin letter is one; an Arabic letter is not; at least
    ``UTF16_MIN_NULS``) and almost none (``UTF16_STRAY``) on the other, and the whole file decodes with no
    control character: a binary file has NULs on both sides, or breaks or reads as controls in UTF-16.

    >>> _utf16_without_bom("Douma".encode("utf-16-le"))
    ('Douma', 'utf-16-le')
    """
    if len(data) < 2 or len(data) % 2 or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    sample = data[:DETECT_BYTES]
    pairs = len(sample) // 2
    first, second = sample[0::2].count(0), sample[1::2].count(0)
    for nuls, stray, codec in ((second, first, "utf-16-le"), (first, second, "utf-16-be")):
        if nuls >= max(UTF16_MIN_NULS, UTF16_NULS * pairs) and stray <= UTF16_STRAY * pairs:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return (text, codec) if not _CONTROL.search(text) else None
    return None


def _utf8_before(data: bytes, bad: int) -> int | None:
    """The line of the first non-ASCII UTF-8 character before byte ``bad`` (where UTF-8 decoding failed), or None.

    Bytes before ``bad`` decode as UTF-8; when some of them are multi-byte characters (a BOM aside), that part
    was written as UTF-8, and the file mixes two encodings. A single-byte code page rarely forms a valid
    multi-byte sequence by chance (it takes a letter such as "Ã" followed by a symbol).
    """
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data[start:bad].isascii():
        return None
    found = _NON_ASCII.search(data, start, bad)
    return data.count(b"\n", 0, found.start()) + 1 if found else None
