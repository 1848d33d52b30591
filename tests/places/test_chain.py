"""The geocoding chain and the geopy provider, over real HTTP to a local Nominatim-compatible server."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.places.gazetteer import Gazetteer
from conflictmap.places.chain import NO_PROVIDER, Geocoder, retry_unresolved
from conflictmap.places.pins import pin
from conflictmap.places.online import GeocodeUnavailable, OnlineConfig, OnlineGeocoder
from conflictmap.places.place import Place, Precision
from tests.nominatim_server import NominatimServer, Row

ROWS = [
    Row("Zamalka Farms", 33.5301, 36.3602, addresstype="suburb", state="Rif Dimashq Governorate", osm_id=11),
    Row("Tishreen Military Hospital", 33.5436, 36.2886, addresstype="neighbourhood", osm_id=12),
    Row("Harasta al-Qantara", 33.5650, 36.3800, addresstype="village", state="Rif Dimashq Governorate",
        city=None, osm_id=13),
    Row("Harasta al-Qantara", 36.0, 37.0, addresstype="village", state="Aleppo Governorate", city=None, osm_id=14),
    Row("Tishreen Military Hospital", 31.9, 35.9, addresstype="neighbourhood", country_code="jo", osm_id=15),
]


class Sleeps(list):
    """Records the waits the rate limiter asks for instead of sleeping through them."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def server():
    with NominatimServer(list(ROWS)) as running:
        yield running


def provider(server: NominatimServer, *, min_delay: float = 0.0, timeout: float = 2.0,
             sleep: Sleeps | None = None) -> OnlineGeocoder:
    config = OnlineConfig(domain=server.domain, scheme="http", timeout=timeout, min_delay=min_delay,
                          user_agent="conflictmap-tests")
    return OnlineGeocoder(config, sleep=sleep)


@pytest.fixture(scope="module")
def small_gazetteer() -> Gazetteer:
    return Gazetteer([
        Place("sy-dam-damascus", "Damascus", 33.5102, 36.2913, Precision.CITY, "Damascus", source="http://d",
              population=2_000_000),
        Place("sy-rif-gov", "Rif Dimashq Governorate", 33.5, 37.0, Precision.GOVERNORATE, "Rif Dimashq",
              source="http://r", alt_names=("Rif Dimashq",)),
        Place("sy-alp-aleppo", "Aleppo", 36.2012, 37.1612, Precision.CITY, "Aleppo", source="http://a",
              population=2_000_000),
        Place("sy-dam-jobar", "Jobar", 33.531, 36.337, Precision.NEIGHBOURHOOD, "Damascus", "Damascus",
              source="http://j"),
    ])


# -- the provider alone ---------------------------------------------------------
def test_provider_answers_with_a_typed_place_biased_to_country_and_context(server, small_gazetteer):
    online = provider(server)
    match = online.geocode("Tishreen Military Hospital", near=small_gazetteer.anchor("Damascus"))
    place = match.place
    assert (place.lat, place.lon, place.country) == (33.5436, 36.2886, "SY")
    assert place.precision is Precision.NEIGHBOURHOOD and place.display_name == "Damascus - Tishreen Military Hospital"
    assert place.source == "nominatim:relation/12" and 0 < match.confidence < 1
    params = server.requests[-1]
    assert params["countrycodes"] == ["sy"]
    lon1, lat1, lon2, lat2 = map(float, params["viewbox"][0].split(","))
    assert lat1 < 33.51 < lat2 and lon1 < 36.29 < lon2
    assert server.agents[-1] == "conflictmap-tests"


def test_context_box_picks_between_namesakes_online(server, small_gazetteer):
    online = provider(server)
    north = online.geocode("Harasta al-Qantara", near=small_gazetteer.anchor("Aleppo"))
    south = online.geocode("Harasta al-Qantara", near=small_gazetteer.anchor("Rif Dimashq"))
    assert north.place.admin1 == "Aleppo Governorate" and south.place.admin1 == "Rif Dimashq Governorate"


def test_provider_says_none_when_it_knows_no_such_place(server):
    assert provider(server).geocode("Atlantis") is None


@pytest.mark.parametrize("mode, words", [
    ("timeout", "timed out"), ("429", "rate limited"), ("500", "provider error"),
    ("garbage", "provider error"), ("wrong-shape", "unreadable answer"),
])
def test_provider_failures_become_one_typed_error(server, mode, words):
    server.mode, server.delay = mode, 1.5
    with pytest.raises(GeocodeUnavailable) as raised:
        provider(server, timeout=0.4).geocode("Zamalka Farms")
    assert words in raised.value.reason and raised.value.provider == "nominatim"


def test_no_network_is_a_reason_not_a_crash():
    with NominatimServer() as closed:
        domain = closed.domain
    online = OnlineGeocoder(OnlineConfig(domain=domain, scheme="http", timeout=0.5, min_delay=0))
    with pytest.raises(GeocodeUnavailable, match="no network|provider"):
        online.geocode("Zamalka Farms")


def test_configuration_comes_from_the_environment():
    config = OnlineConfig.from_env({"CONFLICTMAP_GEOCODER": "photon", "CONFLICTMAP_GEOCODER_USER_AGENT": "ua/1",
                                    "CONFLICTMAP_GEOCODER_MIN_DELAY": "2.5",
                                    "CONFLICTMAP_GEOCODER_OPTIONS": '{"language": "en"}'})
    assert (config.provider, config.user_agent, config.min_delay, dict(config.options)) == \
        ("photon", "ua/1", 2.5, {"language": "en"})
    assert OnlineConfig.from_env({}).provider == "nominatim" and OnlineConfig.from_env({}).enabled
    assert not OnlineConfig.from_env({"CONFLICTMAP_GEOCODER": "off"}).enabled
    assert type(OnlineGeocoder(OnlineConfig(provider="photon"))._geocoder).__name__ == "Photon"
    with pytest.raises(ValueError, match="cannot use geocoder"):
        OnlineGeocoder(OnlineConfig(provider="no-such-provider"))


# -- the chain ------------------------------------------------------------------
def test_gazetteer_names_never_reach_the_network(server, small_gazetteer, tmp_path):
    from conflictmap.store import EventStore

    chain = Geocoder(small_gazetteer, store=EventStore(f"sqlite:///{tmp_path / 'g.db'}"), online=provider(server))
    resolution = chain.resolve("Jobar", near="Damascus")
    assert resolution.via == "gazetteer" and resolution.match.place.id == "sy-dam-jobar"
    assert server.requests == []


def test_online_answers_are_cached_and_cache_hits_skip_the_rate_limiter(server, small_gazetteer, store):
    sleeps = Sleeps()
    chain = Geocoder(small_gazetteer, store=store, online=provider(server, min_delay=30.0, sleep=sleeps))
    first = chain.resolve("Zamalka Farms", near="Rif Dimashq")
    assert first.via == "online" and first.match.place.lat == pytest.approx(33.5301)
    second_name = chain.resolve("Tishreen Military Hospital", near="Damascus")
    assert second_name.via == "online"
    assert len(sleeps) == 1 and sleeps[0] > 25  # the limiter held the second request back
    requests = len(server.requests)

    again = chain.resolve("Zamalka Farms", near="Rif Dimashq")
    fresh = Geocoder(small_gazetteer, store=store, online=provider(server, min_delay=30.0, sleep=sleeps))
    from_disk = fresh.resolve("Zamalka Farms", near="Rif Dimashq")
    assert again.via == from_disk.via == "cache"
    assert from_disk.match.place.lat == first.match.place.lat and from_disk.match.place.source == first.match.place.source
    assert len(server.requests) == requests and len(sleeps) == 1


def test_a_no_such_place_answer_is_cached_too(server, small_gazetteer, store):
    chain = Geocoder(small_gazetteer, store=store, online=provider(server))
    assert chain.resolve("Atlantis").reason == "nominatim knows no such place"
    again = chain.resolve("Atlantis")
    assert again.via == "cache" and again.match is None and len(server.requests) == 1


def test_a_failing_provider_leaves_the_reason_and_is_not_asked_again_this_run(server, small_gazetteer, store):
    server.mode = "500"
    chain = Geocoder(small_gazetteer, store=store, online=provider(server))
    first = chain.resolve("Zamalka Farms")
    second = chain.resolve("Harasta al-Qantara")
    assert first.match is None and "provider error" in first.reason and second.reason == first.reason
    assert len(server.requests) == 1
    assert store.cached_answer(chain.cache_key("Zamalka Farms", None)) is None  # failures are not cached


def test_offline_chain_says_why(small_gazetteer, store):
    assert Geocoder(small_gazetteer, store=store).resolve("Zamalka Farms").reason == NO_PROVIDER


def unplaced_payload() -> dict:
    def event(n: int, mention: str, quote: str) -> dict:
        return {"id": f"r1-{n}", "date": "2016-02-03", "event_type": "shelling", "types": ["shelling"],
                "quote": quote, "claims": [],
                "place": {"id": None, "name": mention, "mention": mention, "lat": None, "lon": None}}

    return {"report": {"id": "r1", "pub_date": "2016-02-04"},
            "events": [event(1, "Zamalka Farms", "Shelling hit Zamalka Farms in Rif Dimashq."),
                       event(2, "Harasta al-Qantara", "Clashes near Harasta al-Qantara, north of Aleppo."),
                       event(3, "Jobar", "Mortars fell on Jobar in Damascus.")],
            "nationwide_claims": []}


def test_retry_places_events_when_the_provider_comes_back(server, small_gazetteer, store):
    store.ingest(unplaced_payload())
    server.mode = "429"
    summary = retry_unresolved(store, Geocoder(small_gazetteer, store=store, online=provider(server)))
    assert (summary.tried, summary.placed) == (3, 1)  # Jobar is in the gazetteer
    left = store.unresolved_events()
    assert sorted(left["place_mention"]) == ["Harasta al-Qantara", "Zamalka Farms"]
    assert left["reason"].str.contains("rate limited").all()

    server.mode = "ok"
    again = retry_unresolved(store, Geocoder(small_gazetteer, store=store, online=provider(server)))
    assert (again.tried, again.placed) == (2, 2) and store.unresolved_events().empty
    frame = store.events_frame().set_index("place_mention")
    assert frame.loc["Harasta al-Qantara", "lat"] == pytest.approx(36.0)  # the quote's "Aleppo" chose it
    assert frame.loc["Zamalka Farms", "lat"] == pytest.approx(33.5301)
    assert len(frame) == 3


def test_a_pin_places_an_unknown_name_and_is_used_from_then_on(small_gazetteer, store):
    store.ingest(unplaced_payload())
    chain = Geocoder(small_gazetteer, store=store)
    retry_unresolved(store, chain)
    done = pin(store, "Zamalka Farms", lat=33.531, lon=36.361, precision="neighbourhood")
    assert done["who"] == "local editor" and done["previous_lat"] is None
    frame = store.events_frame().set_index("place_mention")
    assert frame.loc["Zamalka Farms", "lat"] == pytest.approx(33.531)
    later = chain.resolve("Zamalka farms")
    assert later.via == "pin" and later.match.place.lon == pytest.approx(36.361)


def test_a_pin_moves_a_wrongly_placed_place_and_keeps_what_it_was(small_gazetteer, store):
    store.ingest(unplaced_payload())
    chain = Geocoder(small_gazetteer, store=store)
    retry_unresolved(store, chain)  # Jobar from the gazetteer
    done = pin(store, "sy-dam-jobar", lat=33.5335, lon=36.3399, who="analyst@example.org")
    assert (done["previous_lat"], done["previous_lon"]) == (33.531, 36.337)
    assert done["previous_source"] == "http://j" and done["who"] == "analyst@example.org"
    moved = chain.resolve("Jobar", near="Damascus")
    assert moved.via == "pin" and moved.match.place.lat == pytest.approx(33.5335)
    assert moved.match.place.precision is Precision.NEIGHBOURHOOD
    frame = store.events_frame().set_index("place_mention")
    assert frame.loc["Jobar", "lat"] == pytest.approx(33.5335)
    assert "analyst@example.org" in frame.loc["Jobar", "coord_source"]
    history = store.pins_frame()
    assert len(history) == 1 and isinstance(history.loc[0, "pinned_at"], (dt.datetime, object))


# -- country and context are hard limits --------------------------------------------
# Jizan is a Saudi city and a village in Daraa; a provider asked for it in a Yemeni report answers either.
JIZAN_IN_DARAA = (32.6851, 36.1702)
DEIR_EZ_ZOR = (35.3359, 40.1408)
DARAA = Place("sy-dar-daraa", "Daraa", 32.6189, 36.1021, Precision.CITY, "Daraa", source="http://d", population=97_000)
SAADA = Place("ye-saada", "Saada", 16.94021, 43.76393, Precision.CITY, "Saada", country="YE", source="http://s",
              population=51_870)


def online_provider(kind: str, domain: str, country: str) -> OnlineGeocoder:
    config = OnlineConfig(provider=kind, domain=domain, scheme="http", timeout=2.0, min_delay=0.0,
                          user_agent="conflictmap-tests")
    return OnlineGeocoder(config, country=country)


@pytest.fixture(params=["nominatim", "photon"])
def answering(request):
    """A running provider of each shape that answers ``name`` at ``(lat, lon)``, claiming the country ``says``."""
    from tests.photon_server import Feature, PhotonServer

    servers = []

    def start(name: str, lat: float, lon: float, says: str | None, country: str) -> OnlineGeocoder:
        if request.param == "nominatim":
            server = NominatimServer([Row(name, lat, lon, addresstype="village", country_code=(says or "").lower())])
        else:
            server = PhotonServer([Feature(name, lat, lon, countrycode=says)])
        servers.append(server.__enter__())
        return online_provider(request.param, servers[-1].domain, country)

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def test_an_answer_abroad_is_refused_for_every_provider(answering, store):
    # The provider even claims the Syrian village is in Yemen: only the outline is believed.
    chain = Geocoder(Gazetteer([SAADA]), store=store, online=answering("Jizan", *JIZAN_IN_DARAA, "YE", "YE"),
                     country="YE")
    resolution = chain.resolve("Jizan")
    assert resolution.match is None and not resolution.resolved
    assert "not in YE" in resolution.reason and "in SY" in resolution.reason
    assert store.cached_answer(chain.cache_key("Jizan", None)) is None  # asked again later, never cached as found


def test_an_answer_inside_the_country_is_taken_for_every_provider(answering, store):
    chain = Geocoder(Gazetteer([SAADA]), store=store, online=answering("Dahyan", 17.0642, 43.6016, "YE", "YE"),
                     country="YE")
    resolution = chain.resolve("Dahyan", near="Saada")
    assert resolution.resolved and resolution.via == "online"
    assert resolution.match.place.country == "YE" and resolution.match.place.lat == pytest.approx(17.0642)


def test_an_answer_too_far_from_its_context_is_refused_with_the_reason(answering, store):
    chain = Geocoder(Gazetteer([DARAA]), store=store, online=answering("Tell Shihab", *DEIR_EZ_ZOR, "SY", "SY"))
    resolution = chain.resolve("Tell Shihab", near="Daraa")
    assert resolution.match is None
    assert "from Daraa" in resolution.reason and "30 km" in resolution.reason
    km = int(resolution.reason.split(" km from")[0].rsplit(" ", 1)[1])
    assert 470 < km < 490  # "--near Daraa" answered in Deir ez-Zor city


def test_an_answer_within_its_context_is_taken(answering, store):
    chain = Geocoder(Gazetteer([DARAA]), store=store, online=answering("Tell Shihab", 32.6906, 35.9678, "SY", "SY"))
    assert chain.resolve("Tell Shihab", near="Daraa").resolved


def test_a_report_about_yemen_never_lands_in_syria(gazetteer):
    """Every name the Yemeni and Syrian gazetteers share, asked for in a Yemeni report, lands in Yemen or nowhere."""
    from conflictmap.places.outline import within

    chain = Geocoder(gazetteer, country="YE")
    syrian = {p.name for p in gazetteer.places() if p.country == "SY"}
    shared = sorted(n for n in syrian if gazetteer.candidates(n, country="YE"))
    assert len(shared) >= 5, shared
    for name in [*shared, "Sanaa", "Jizan", "the capital"]:
        match = chain.geocode(name)
        if match is not None:
            assert match.place.country == "YE" and within("YE", match.place.lat, match.place.lon).inside, name
    assert chain.geocode("Sanaa").place.population > 1_000_000


def test_a_syrian_report_still_finds_the_syrian_namesake(gazetteer):
    assert Geocoder(gazetteer, country="SY").geocode("Sanaa", near="Hama").place.country == "SY"
