"""Data sets and exchange: reading ACLED, UCDP GED, GeoJSON and our own dump; writing all four.

One module per format (``acled``, ``ucdp``, ``geojson``, ``dump``), one
row-reader they share (``rows``: encodings, delimiters, headers, dates),
one formula guard for every CSV written (``spreadsheet``), the rules that
say who a row is (``provenance``), countries in both data sets' words
(``countries``), and ``formats``, which ties them to format names. Report
files (``upload``, ``htmltext``) live here too: they are the other way
text comes in.

The names of ``formats`` (``import_file``, ``export_text``,
``EXPORT_FORMATS``...) are reachable from here, loaded on first use, so
that a worker reading one uploaded file (``upload``) starts without the
database and data-frame libraries.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = ["EXPORT_FORMATS", "EXTENSIONS", "FORMAT_LABELS", "IMPORT_FORMATS", "MEDIA_TYPES", "ImportFileError",
           "ImportReport", "ImportRowError", "csv_text", "export_text", "import_file"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("conflictmap.exchange.formats"), name)
    raise AttributeError(f"module 'conflictmap.exchange' has no attribute {name!r}")
