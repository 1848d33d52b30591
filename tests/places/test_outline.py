"""Country outlines (Natural Earth 1:50m): the hard limit every online answer is held against."""
from __future__ import annotations

import pytest

from conflictmap.places.outline import BORDER_KM, UnknownCountry, containing, countries, within


@pytest.mark.parametrize("country, lat, lon", [
    ("YE", 15.3545, 44.2065),  # Sanaa
    ("YE", 12.7796, 45.0385),  # Aden, on the coast
    ("SY", 35.3359, 40.1408),  # Deir ez-Zor
    ("SY", 36.8904, 38.3535),  # Kobani, on the Turkish border
    ("SY", 33.1256, 35.8240),  # Quneitra, by Natural Earth's line on the Golan
    ("PS", 31.5322, 34.4454),  # Shati camp, on the Gaza shore
    ("LY", 32.8347, 13.3847),  # Tajoura
    ("UA", 47.0958, 37.5494),  # Mariupol
    ("SO", 6.7697, 47.4308),  # Galkayo
])
def test_places_lie_in_their_country(country, lat, lon):
    assert within(country, lat, lon).inside


@pytest.mark.parametrize("country, lat, lon, actually", [
    ("YE", 32.6851, 36.1702, "SY"),  # the Jizan of Daraa is no Yemeni town
    ("SY", 15.3545, 44.2065, "YE"),
    ("LB", 32.8875, 13.1873, "LY"),  # Tripoli, Libya, for a report about Tripoli, Lebanon
    ("UA", 55.7558, 37.6173, "RU"),
])
def test_places_abroad_are_outside_and_say_where_they_are(country, lat, lon, actually):
    verdict = within(country, lat, lon)
    assert not verdict.inside and actually in verdict.elsewhere and verdict.km_outside > BORDER_KM
    assert containing(lat, lon) == (actually,)


def test_the_sea_is_in_no_country():
    assert containing(33.0, 20.0) == () and not within("LY", 34.5, 20.0).inside


def test_every_country_has_an_outline_and_unknown_codes_are_an_error():
    assert {"SY", "YE", "IQ", "LY", "UA", "SD", "AF", "SO", "MM", "PS", "SO", "XK"} <= countries()
    assert len(countries()) > 230
    with pytest.raises(UnknownCountry):
        within("QQ", 0.0, 0.0)
