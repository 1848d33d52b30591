"""conflictmap: conflict reports in, mapped events with per-source casualty claims out."""
from __future__ import annotations

__version__ = "0.1.0"
