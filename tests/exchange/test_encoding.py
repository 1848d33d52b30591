"""Bytes decoded in the encoding they were written in: UTF-16 without a byte-order mark, and binary refused."""
from __future__ import annotations

import os

import pytest

from conflictmap.exchange.encoding import TextError, decode

CSV = "event_id_cnty,event_date,location,notes\nSYR1,2013-02-07,Dar\u02bfa,\u062f\u0631\u0639\u0627 shelling\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_utf16_not_as_utf8_with_nuls(codec):
    assert decode(CSV.encode(codec)) == (CSV, codec)


@pytest.mark.parametrize("data", [os.urandom(4096), b"\x00" * 4096, b"PK\x03\x04" + b"\x00\x01" * 2000])
def test_binary_bytes_are_still_no_text(data):
    text = None
    try:
        text, _ = decode(data)
    except TextError:
        return
    assert "\x00" in text  # read as UTF-8 (all NUL): left to the row's own NUL check, never taken as UTF-16


def test_a_single_nul_in_utf8_text_is_left_for_the_row_to_refuse():
    assert decode(b"a,b\n1,x\x00y\n") == ("a,b\n1,x\x00y\n", "utf-8")
