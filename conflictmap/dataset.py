"""Where the data-set row-reader and the formula guard used to live: now ``conflictmap.exchange``.

Kept so that callers of ``conflictmap.dataset.neutralise`` (the pages' safe
tables) keep working; new code imports from ``conflictmap.exchange.spreadsheet``
and ``conflictmap.exchange.rows``.
"""
from __future__ import annotations

from conflictmap.exchange.rows import ImportFileError, ImportRowError
from conflictmap.exchange.spreadsheet import FORMULA_PREFIX, FORMULA_STARTS, neutralise, restore

__all__ = ["FORMULA_PREFIX", "FORMULA_STARTS", "ImportFileError", "ImportRowError", "neutralise", "restore"]
