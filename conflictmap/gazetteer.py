"""Moved to ``conflictmap.places.gazetteer``; this name stays so older imports keep working."""
from __future__ import annotations

import sys

from conflictmap.places import gazetteer as _moved

sys.modules[__name__] = _moved  # the same module object: monkeypatching either name patches both
