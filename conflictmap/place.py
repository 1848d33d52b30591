"""Moved to ``conflictmap.places.place``; this name stays so older imports keep working."""
from __future__ import annotations

import sys

from conflictmap.places import place as _moved

sys.modules[__name__] = _moved  # the same module object: monkeypatching either name patches both
