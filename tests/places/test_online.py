"""Online providers over real HTTP: a local Nominatim-compatible server and a Photon-shaped one."""
from __future__ import annotations

import pytest

from conflictmap.places.online import OnlineConfig, OnlineGeocoder
from conflictmap.places.place import Place, Precision
from tests.nominatim_server import NominatimServer, Row
from tests.photon_server import Feature, PhotonServer

SAADA = Place("ye-saada", "Saada", 16.94021, 43.76393, Precision.CITY, "Saada", country="YE", source="t")


def photon(server: PhotonServer, country: str = "YE") -> OnlineGeocoder:
    config = OnlineConfig(provider="photon", domain=server.domain, scheme="http", timeout=2.0, min_delay=0.0,
                          user_agent="conflictmap-tests")
    return OnlineGeocoder(config, country=country)


def test_photon_answers_are_read_as_places():
    features = [Feature("Dahyan", 17.0642, 43.6016, type="village", countrycode="YE", state="Saada", osm_id=7)]
    with PhotonServer(features) as server:
        match = photon(server).geocode("Dahyan", near=SAADA)
        assert server.requests[-1]["lat"] == ["16.94021"] and server.requests[-1]["lon"] == ["43.76393"]
    place = match.place
    assert (place.lat, place.lon, place.name, place.country) == (17.0642, 43.6016, "Dahyan", "YE")
    assert place.precision is Precision.TOWN and place.admin1 == "Saada" and place.source == "photon:N/7"


def test_a_photon_answer_without_a_country_is_read_with_none():
    with PhotonServer([Feature("Dahyan", 17.0642, 43.6016)]) as server:
        place = photon(server).geocode("Dahyan").place
    assert place.country == ""  # the chain decides by the outline, never by this field


def test_photon_knows_no_such_place():
    with PhotonServer([Feature("Dahyan", 17.0642, 43.6016)]) as server:
        assert photon(server).geocode("Atlantis") is None


def test_nominatim_is_biased_to_the_report_country_and_unbiased_without_one():
    with NominatimServer([Row("Saada", 16.94, 43.76, addresstype="city", country_code="ye")]) as server:
        config = OnlineConfig(domain=server.domain, scheme="http", timeout=2.0, min_delay=0.0)
        OnlineGeocoder(config, country="YE").geocode("Saada")
        OnlineGeocoder(config, country="").geocode("Saada")
        biased, free = server.requests
    assert biased["countrycodes"] == ["ye"] and "countrycodes" not in free
