"""Uploaded report files: bounds, types, and what each kind of file says about itself."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.exchange.upload import MAX_BYTES, MAX_FILES, UploadError, accepted_types, check_batch, pasted, read_upload


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
    with pytest.raises(UploadError, match="not UTF-8"):
        read_upload("latin.txt", "Dar\xe2a".encode("latin-1"))


def _pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` on it, written by hand (pypdf reads, it does not typeset)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
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
