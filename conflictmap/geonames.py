"""Moved to ``conflictmap.places.geonames``; this name stays so older imports keep working."""
from __future__ import annotations

import sys

from conflictmap.places import geonames as _moved

sys.modules[__name__] = _moved  # the same module object: monkeypatching either name patches both
