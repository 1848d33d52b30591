"""Map building: no CDN, escaped report text, ids that survive a click."""
from __future__ import annotations

import re

import pandas as pd

from conflictmap import mapview, safetext
from conflictmap.tally import tallies

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def _frames(place: str = "Jobar", quote: str = "q"):
    events = pd.DataFrame([{"id": "r1-1", "lat": 33.53, "lon": 36.33, "event_type": "shelling",
                            "event_date": "2013-02-06", "display_name": place, "place_mention": place,
                            "precision": "neighbourhood"},
                           {"id": "r1-2", "lat": None, "lon": None, "event_type": "clash",
                            "event_date": "2013-02-06", "display_name": None, "place_mention": "Nowhere",
                            "precision": None}])
    claims = pd.DataFrame([{"event_id": "r1-1", "source": HOSTILE, "source_mention": "x", "killed": 5.0,
                            "injured": None, "civilians": None, "rebels": None, "government": 5.0,
                            "killed_qualifier": None, "killed_text": None, "scope": "event", "denial": False,
                            "flag": None, "quote": quote}])
    return events, claims


def test_base_map_loads_leaflet_from_the_app_only():
    fmap = mapview.base_map("../assets")
    page = fmap.get_root().render()
    assert "../assets/leaflet.js" in page and "../assets/leaflet.css" in page
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "netdna", "bootstrapcdn"):
        assert cdn not in page


def test_report_text_is_escaped_in_tooltips():
    events, claims = _frames(place=HOSTILE, quote=HOSTILE + " said the monitor")
    layer = mapview.event_layer(events, tallies(claims, ["r1-1", "r1-2"]), claims)
    fmap = mapview.base_map("../assets")
    layer.add_to(fmap)
    page = fmap.get_root().render()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert safetext.js_body("&lt;script&gt;") in page  # escaped for HTML, then encoded for the script


def test_only_located_events_are_drawn_and_each_carries_its_id():
    events, claims = _frames()
    layer = mapview.event_layer(events, tallies(claims, ["r1-1", "r1-2"]), claims)
    markers = list(layer._children.values())
    assert len(markers) == 1
    tooltip = next(iter(markers[0]._children.values())).text
    assert "5 killed" in tooltip and "(5 government)" in tooltip and "&ldquo;q&rdquo;" in tooltip
    text_only = re.sub(r"<[^>]+>", "\n", tooltip)  # what the browser hands back: the tooltip's text
    assert mapview.event_id_from_tooltip(text_only) == "r1-1"


def test_event_id_from_tooltip_ignores_other_text():
    assert mapview.event_id_from_tooltip(None) is None
    assert mapview.event_id_from_tooltip("Jobar · shelling") is None
    assert mapview.event_id_from_tooltip("Jobar\nevent abc-3") == "abc-3"


def test_marker_grows_with_the_highest_figure():
    assert mapview.marker_radius(None) < mapview.marker_radius(10) < mapview.marker_radius(1000)


def test_claim_line_says_who_and_how_many():
    line = mapview.claim_line({"source": "Sham News Network", "killed": 107, "killed_qualifier": "at least",
                               "civilians": 32, "rebels": 51, "government": 39, "scope": "nationwide"})
    assert line == ("Sham News Network: at least 107 killed (32 civilians, 51 rebels, 39 government) "
                    "[nationwide]")
    assert mapview.claim_line({"source": "Syrian state media", "denial": True}) == "Syrian state media: denies"


def test_long_quotes_are_cut_at_a_word():
    cut = mapview._shorten("shelling " * 40)
    assert len(cut) <= mapview.QUOTE_CHARS + 2 and cut.endswith("shelling …")


def test_base_map_offers_base_maps_outlines_and_a_legend():
    page = mapview.base_map("../assets").get_root().render()
    for name, url, _attribution, _zoom in mapview.BASEMAPS:
        assert f'"{name}"' in page                                  # a base layer of that name
        assert url.split("{")[0] in page
    assert "Natural Earth" in page and "OpenStreetMap" in page
    assert '"outlines"' in page and page.count('"Syria"') == 1     # the bundled outlines, once
    assert "layers" in page.lower() and "conflictmap-legend" in page
    assert "suicide bombing" in page                                # the legend names every type


def test_outlines_are_small_public_domain_natural_earth():
    outlines = mapview.outlines()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Syria", "Lebanon", "Jordan", "Iraq", "Turkey", "Cyprus"} <= names
    assert "Natural Earth" in outlines["source"]
    assert mapview.OUTLINES.stat().st_size < 200_000


# A city inside each country whose wars the sources report (lat, lon; the capital, and for Palestine both
# parts). Israel's is Tel Aviv: Natural Earth draws the Green Line through Jerusalem.
CITIES = {"SY": [("Damascus", 33.513, 36.292)], "IQ": [("Baghdad", 33.315, 44.366)],
          "YE": [("Sanaa", 15.369, 44.191)],
          "SD": [("Khartoum", 15.501, 32.560)], "SS": [("Juba", 4.859, 31.571)], "UA": [("Kyiv", 50.450, 30.523)],
          "RU": [("Moscow", 55.756, 37.617)], "IL": [("Tel Aviv", 32.085, 34.782)],
          "PS": [("Ramallah", 31.902, 35.206), ("Gaza City", 31.500, 34.466)], "LB": [("Beirut", 33.894, 35.502)],
          "LY": [("Tripoli", 32.887, 13.191)], "AF": [("Kabul", 34.528, 69.172)], "MM": [("Naypyidaw", 19.763, 96.079)],
          "ML": [("Bamako", 12.639, -8.003)], "BF": [("Ouagadougou", 12.371, -1.520)],
          "NE": [("Niamey", 13.512, 2.112)],
          "SO": [("Mogadishu", 2.046, 45.318)], "ET": [("Addis Ababa", 9.030, 38.740)], "NG": [("Abuja", 9.076, 7.399)],
          "CD": [("Kinshasa", -4.325, 15.322)]}
COAST_KM = 2.0  # Natural Earth's 1:50m coast passes 1.7 km inland of Beirut's centre


def test_every_war_country_has_an_outline_holding_its_capital():
    """The map's offline outlines draw every country the product's wars name (Yemen was missing), and each
    capital lies in its own country's outline (or, on a coast 1:50m generalises, nearest to it and within
    ``COAST_KM``)."""
    from shapely.geometry import Point, shape

    shapes: dict[str, list] = {}
    for feature in mapview.outlines()["features"]:
        shapes.setdefault(feature["properties"]["iso"], []).append(shape(feature["geometry"]))
    assert set(CITIES) <= set(shapes), set(CITIES) - set(shapes)
    for iso, cities in CITIES.items():
        for city, lat, lon in cities:
            point = Point(lon, lat)
            inside = [code for code, parts in shapes.items() if any(p.contains(point) for p in parts)]
            if inside:
                assert inside == [iso], (city, inside)
                continue
            nearest = min(shapes, key=lambda code: min(p.distance(point) for p in shapes[code]))
            km = min(p.distance(point) for p in shapes[iso]) * 111.0
            assert nearest == iso and km <= COAST_KM, (city, nearest, km)


def test_a_draft_map_fetches_the_outlines_instead_of_carrying_them():
    """The Ingest and Reports pages' maps name the outlines' file (188 KB) rather than re-send them each rerun."""
    inline = mapview.draft_map({"events": []}, "../assets").get_root().render()
    linked = mapview.draft_map({"events": []}, "../assets", outlines_url="../files/o.geojson").get_root().render()
    assert '"Syria"' in inline and '"Syria"' not in linked and 'fetch("../files/o.geojson")' in linked
    assert len(linked) < len(inline) - 150_000


def test_claim_line_keeps_the_injured_figures_words_and_the_tooltip_escapes_them():
    assert mapview.claim_line({"source": "SANA", "killed": 5, "injured": 40, "injured_qualifier": "at least"}) == \
        "SANA: 5 killed, at least 40 injured"
    assert mapview.claim_line({"source": "SOHR", "injured": 15.0, "injured_high": 20.0}) == "SOHR: 15–20 injured"
    assert mapview.claim_line({"source": "LCC", "injured": float("nan"), "injured_text": "dozens"}) == \
        "LCC: dozens injured"
    events, claims = _frames()
    claims = claims.assign(killed=None, government=None, injured=None, injured_text=HOSTILE)
    tooltip = mapview.tooltip_html(next(events.itertuples(index=False)), claims, None)
    assert "<script>" not in tooltip and "<img" not in tooltip and "&lt;script&gt;alert(2)&lt;/script&gt; injured" in tooltip
