"""Moved to ``conflictmap.places.chain`` (the chain) and ``conflictmap.places.pins`` (pins); older imports keep working."""
from __future__ import annotations

from conflictmap.places.chain import *  # noqa: F401,F403
from conflictmap.places.chain import NO_PROVIDER, Geocoder, Resolution, RetrySummary, place_record, retry_unresolved  # noqa: F401
from conflictmap.places.pins import LOCAL_EDITOR, pin, pin_targets  # noqa: F401
