"""Where report uploads used to be read: now ``conflictmap.exchange.upload``; kept for the pages' imports."""
from __future__ import annotations

from conflictmap.exchange.upload import MAX_BYTES, MAX_FILES, Budget, Upload, UploadError, accepted_types, \
    check_batch, pasted, read_upload

__all__ = ["MAX_BYTES", "MAX_FILES", "Budget", "Upload", "UploadError", "accepted_types", "check_batch", "pasted",
           "read_upload"]
