"""Uploaded report files: bounds, types, and what each kind of file says about itself."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.exchange.upload import MAX_BYTES, MAX_FILES, Budget, UploadError, accepted_types, check_batch, \
    declared_encoding, pasted, read_upload


def test_a_text_file_header_gives_date_and_address():
    upload = read_upload("r.txt", b"URL: https://example.org/a\nDATE: 2013-02-07\nShelling hit Douma.\n")
    assert (upload.text, upload.pub_date, upload.url) == ("Shelling hit Douma.", dt.date(2013, 2, 7),
                                                          "https://example.org/a")
    report = upload.report(publisher="Example", url=None, pub_date=None)
    assert (report.pub_date, report.url, report.publisher) == (dt.date(2013, 2, 7), "https://example.org/a", "Example")
    assert upload.report(pub_date=dt.date(2014, 1, 1)).pub_date == dt.date(2014, 1, 1)  # the form wins


def test_pasted_text_without_header_has_no_date():
    assert pasted("Clashes in Homs on Monday.").pub_date is None


def test_an_html_upload_is_read_for_its_article():
    page = b"<html><head><meta name='date' content='2013-02-08'></head><body><nav>Menu</nav><p>Clashes in Homs.</p>"
    upload = read_upload("page.HTML", page)
    assert (upload.text, upload.pub_date) == ("Clashes in Homs.", dt.date(2013, 2, 8))


@pytest.mark.parametrize("files, message", [
    ([("a.txt", MAX_BYTES + 1)], "the limit is 2 MB a file"),
    ([(f"{n}.txt", 10) for n in range(MAX_FILES + 1)], f"the limit is {MAX_FILES}"),
    ([("report.docx", 10)], "report.docx is not a report file"),
    ([("archive.txt.exe", 10)], "is not a report file"),
])
def test_batches_out_of_bounds_are_refused_with_the_reason(files, message):
    with pytest.raises(UploadError, match=message):
        check_batch(files)


def test_the_bound_holds_on_the_server_whatever_the_browser_sent():
    with pytest.raises(UploadError, match="limit"):
        read_upload("big.txt", b"x" * (MAX_BYTES + 1))
    # A Windows-1252 text file is read for what it says, not refused.
    assert read_upload("latin.txt", "Shelling in Dar\xe2a killed 3.".encode("cp1252")).text == "Shelling in Dar\xe2a killed 3."


def _pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` on it, written by hand (pypdf reads, it does not typeset)."""
    return _pdf_of(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())


def _pdf_of(stream: bytes, *, compressed: bool = False) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (Flate-compressed when asked)."""
    import zlib

    body = zlib.compress(stream, 9) if compressed else stream
    flate = b" /Filter /FlateDecode" if compressed else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, item in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + item + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_gives_the_text_of_its_pages():
    if "pdf" not in accepted_types():
        pytest.skip("pypdf is not installed")
    assert read_upload("r.pdf", _pdf("Shelling killed 4 people in Douma.")).text.strip() == \
        "Shelling killed 4 people in Douma."
    with pytest.raises(UploadError, match="could not be read as a PDF"):
        read_upload("broken.pdf", b"%PDF-1.4 nothing else")


def _flate_pdf(megabytes: int) -> bytes:
    """A small PDF whose one content stream inflates to ``megabytes`` MB: a decompression bomb."""
    return _pdf_of(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (megabytes * 1_000_000), compressed=True)


def test_pypdf_s_limit_refuses_that_file_and_the_batch_goes_on():
    if "pdf" not in accepted_types():
        pytest.skip("pypdf is not installed")
    bomb = _flate_pdf(90)
    assert len(bomb) < MAX_BYTES
    read, problems = [], []
    for name, data in (("bomb.pdf", bomb), ("good.txt", b"Shelling hit Douma."), ("good.pdf", _pdf("Jobar"))):
        try:
            read.append(read_upload(name, data))
        except UploadError as exc:
            problems.append(str(exc))
    assert [u.name for u in read] == ["good.txt", "good.pdf"]
    [problem] = problems
    assert problem.startswith("bomb.pdf") and ("limit" in problem.lower() or "memory" in problem.lower()
                                               or "could not be read" in problem)


def test_a_file_over_its_time_budget_is_stopped_and_refused_with_the_reason():
    with pytest.raises(UploadError, match=r"slow.html took more than 0.001 s to read and was stopped"):
        read_upload("slow.html", b"<p>" * 200_000, budget=Budget(seconds=0.001))
    assert read_upload("next.txt", b"Shelling hit Douma.").text == "Shelling hit Douma."


def test_a_file_over_its_memory_budget_is_stopped_and_refused_with_the_reason():
    if "pdf" not in accepted_types():
        pytest.skip("pypdf is not installed")
    with pytest.raises(UploadError, match="memory|MB"):
        read_upload("big.pdf", _flate_pdf(70), budget=Budget(seconds=60, megabytes=120))
    assert read_upload("small.pdf", _pdf("Jobar"), budget=Budget(seconds=60, megabytes=120)).text.strip() == "Jobar"


def test_deeply_nested_html_is_read_in_linear_time_within_the_budget():
    page = b"<div>" * 80_000 + b"<p>Shelling hit Douma.</p>" + b"</div>" * 80_000
    assert read_upload("nested.html", page, budget=Budget(seconds=20)).text == "Shelling hit Douma."


@pytest.mark.parametrize("head, encoding", [
    (b'<meta charset="windows-1252">', "cp1252"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cp1252"),
    (b'<meta charset="windows-1256">', "cp1256"),
])
def test_an_html_page_is_read_in_the_encoding_it_declares(head, encoding):
    words = "\u0642\u0635\u0641 Douma" if encoding == "cp1256" else "Caf\xe9 \u2014 Douma"
    page = b"<html><head>" + head + b"</head><body><article><p>" + words.encode(encoding) + b"</p></article></body></html>"
    assert read_upload("page.html", page).text == words


def test_a_declared_encoding_is_found_and_latin_1_read_as_browsers_do():
    assert declared_encoding(b'<meta charset="UTF-8">') == "utf-8"
    assert declared_encoding(b'<meta content="text/html; charset=iso-8859-1" http-equiv="content-type">') == \
        "windows-1252"
    assert declared_encoding(b"<p>no declaration</p>") is None


# -- NUL bytes and pasted text --------------------------------------------------------------------------
# A NUL is valid UTF-8, so a UTF-16 file without a byte-order mark (Notepad's "Unicode" of old, some exports)
# decoded as UTF-8 text with a NUL after every letter: the reader found nothing, and PostgreSQL refuses
# any text holding a NUL ("PostgreSQL text fields cannot contain NUL (0x00) bytes"), so Save failed.
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_byte_order_mark_is_read_as_utf16(codec):
    text = "Shelling killed 12 people in Douma, activists said.\nDar\u02bfa \u062f\u0631\u0639\u0627"
    assert read_upload("r.txt", text.encode(codec)).text == text


@pytest.mark.parametrize("name, data", [("r.txt", b"Shelling hit Douma.\x00 Three died."),
                                        ("r.html", b"<p>Shelling hit \x00Douma.</p>"),
                                        ("r.html", b"<meta charset='windows-1252'><p>Shelling\x00 hit Douma.</p>")])
def test_a_text_file_holding_nul_bytes_is_refused_with_the_reason(name, data):
    with pytest.raises(UploadError, match=r"NUL byte"):
        read_upload(name, data)


def test_pasted_text_is_bounded_like_a_file_and_refuses_nul_bytes():
    assert pasted("x" * MAX_BYTES).text == "x" * MAX_BYTES
    with pytest.raises(UploadError, match="limit is 2 MB"):
        pasted("x" * (MAX_BYTES + 1))
    with pytest.raises(UploadError, match="limit is 2 MB"):
        pasted("\u062f" * (MAX_BYTES // 2 + 1))  # two bytes a letter in UTF-8: counted as bytes, like a file
    with pytest.raises(UploadError, match="NUL byte"):
        pasted("Shelling hit Douma.\x00")
