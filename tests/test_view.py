from __future__ import annotations

import datetime as dt

from conflictmap.view import View, decode, encode


def test_round_trip():
    view = View(dt.date(2013, 2, 1), dt.date(2013, 2, 9), "bundled-1")
    assert decode(encode(view)) == view
    assert decode(encode(View())) == View()


def test_unreadable_values_are_ignored():
    assert decode({"from": "yesterday", "to": "2013-02-09"}) == View(None, dt.date(2013, 2, 9), None)


def test_clamp_keeps_the_window_inside_the_data():
    low, high = dt.date(2013, 2, 3), dt.date(2013, 2, 9)
    assert View(dt.date(2000, 1, 1), None).clamp(low, high) == View(low, high)
    assert View(dt.date(2013, 2, 8), dt.date(2013, 2, 4)).clamp(low, high) == View(low, high)
    assert View(dt.date(2013, 2, 5), dt.date(2013, 2, 6), "e").clamp(low, high).event == "e"


def test_caption_reads_as_words():
    assert View(dt.date(2013, 2, 5), dt.date(2013, 2, 6)).caption == "events from 5 February 2013 to 6 February 2013"
    assert View(dt.date(2013, 2, 6), dt.date(2013, 2, 6)).caption == "events of 6 February 2013"


def test_the_whole_view_round_trips():
    from conflictmap.filters import Filters

    view = View(dt.date(2013, 2, 1), dt.date(2013, 2, 9), "r-3",
                Filters(types=("airstrike", "shelling"), sources=("Syrian Observatory for Human Rights",),
                        places=("Rif Dimashq",), actor="Free Syrian Army", min_killed=5),
                lat=33.51234, lon=36.29111, zoom=12, playing=True)
    params = encode(view)
    assert params["type"] == ["airstrike", "shelling"] and params["at"] == "33.51234,36.29111,12"
    assert decode(params) == view


def test_a_hand_edited_link_loses_only_what_is_broken():
    view = decode({"type": ["airstrike", ""], "min_killed": "-4", "at": "95,36,12", "play": "yes"})
    assert view.filters.types == ("airstrike",)
    assert view.filters.min_killed is None and view.lat is None and not view.playing


def test_the_country_filter_travels_in_the_link():
    from conflictmap.filters import Filters
    from conflictmap.view import View, decode, encode

    view = View(filters=Filters(countries=("YE", "UA")))
    assert encode(view)["country"] == ["YE", "UA"] and decode(encode(view)) == view
    assert decode({"country": ["ye", "Yemen", "1x"]}).filters.countries == ("YE",)


def test_page_address_is_the_public_root_plus_the_page_else_what_the_browser_used():
    from conflictmap.view import page_address

    seen = "http://127.0.0.1:8501/Tallies?from=2013-02-01"
    assert page_address(seen) == "http://127.0.0.1:8501/Tallies"
    assert page_address("http://127.0.0.1:8501") == "http://127.0.0.1:8501/"
    assert page_address(seen, "https://maps.example.org/cm/", "Tallies") == "https://maps.example.org/cm/Tallies"
    assert page_address(seen, "https://maps.example.org", "") == "https://maps.example.org/"
    assert page_address(seen, "maps.example.org/cm", "Tallies") == "http://127.0.0.1:8501/Tallies"  # no scheme
    assert page_address("javascript:alert(1)") is None and page_address(None) is None


def test_a_link_is_the_address_and_the_encoded_view_and_decodes_back():
    from urllib.parse import parse_qs, urlsplit

    from conflictmap.filters import Filters
    from conflictmap.view import link

    view = View(dt.date(2013, 2, 5), dt.date(2013, 2, 6), filters=Filters(types=("airstrike", "shelling")))
    url = link(view, "https://maps.example.org/cm/")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "maps.example.org", "/cm/")
    assert decode(parse_qs(parts.query)) == view
    assert link(View(), "https://maps.example.org/") == "https://maps.example.org/"
    assert link(view, None).startswith("?from=2013-02-05")


def test_a_link_filter_the_data_cannot_satisfy_stays_chosen_and_is_named():
    from conflictmap.view import unmet, unmet_notice, with_unmet

    known = {"types": ["clash", "shelling"], "sources": ["SOHR"], "places": ["Homs"], "countries": ["SY"]}
    chosen = {"types": ["airstrike", "clash"], "sources": [], "places": ["Homs", "Jobar"], "countries": ["YE"]}
    missing = unmet(chosen, known)
    assert missing == {"types": ("airstrike",), "places": ("Jobar",), "countries": ("YE",)}
    offered = with_unmet(known, missing)
    assert offered["types"] == ["clash", "shelling", "airstrike"] and offered["sources"] == ["SOHR"]
    assert unmet(chosen, offered) == {}  # every chosen value can now be shown as chosen
    notice = unmet_notice(missing, {"countries": {"YE": "Yemen"}.get})
    assert notice.startswith("Nothing in the data matches ")
    assert "event type airstrike" in notice and "place Jobar" in notice and "country Yemen" in notice
    assert "clash" not in notice and "Homs" not in notice
    assert unmet_notice({}) is None and unmet(known, known) == {}
