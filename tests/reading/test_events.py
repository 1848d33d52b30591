"""Event types from the words that say how violence happened (sentences written here)."""
from __future__ import annotations

import pytest

from conflictmap.reading.events import ACLED_TYPES, event_types


@pytest.mark.parametrize("text, first", [
    ("a drone struck a wedding party", "airstrike"),
    ("a glide bomb hit the market", "airstrike"),
    ("warplanes pounded the town", "airstrike"),
    ("a car bomb went off outside the school", "bombing"),
    ("mortar rounds fell on the district", "shelling"),
    ("seven activists were assassinated", "massacre"),
    ("a suicide bomber blew himself up", "suicide_bombing"),
    ("a roadside bomb hit an army patrol", "bombing"),
])
def test_the_first_type_is_the_most_specific(text, first):
    assert event_types(text)[0] == first


def test_every_stored_type_maps_onto_acled():
    stored = set(ACLED_TYPES)
    assert {"airstrike", "shelling", "bombing", "clash", "massacre", "other"} <= stored


@pytest.mark.parametrize("text, types", [
    ("An Israeli strike on a tent camp killed 19 people.", ["airstrike", "strike"]),
    ("U.S. strikes hit the port overnight.", ["airstrike", "strike"]),
    # a missile or a bomb: the word alone does not say; the generic "strike" is settled by the event
    ("A Russian strike hit the city.", ["strike"]),
    ("Dock workers went on strike.", []),
    ("Prisoners began a hunger strike.", []),
])
def test_the_strike_of_a_force_that_strikes_from_the_air_is_an_airstrike(text, types):
    assert event_types(text) == types
