"""Tallies by source from the map's columns: the same table as from the database's frames, at a page's cost."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from conflictmap import tally
from conflictmap.columns import EventColumns
from conflictmap.filters import Filters


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from bench.synth import build
    from conflictmap.store import EventStore

    url = f"sqlite:///{tmp_path_factory.mktemp('tally') / 'synthetic.db'}"
    build(1500, url)
    store = EventStore(url)
    yield store
    store.dispose()


@pytest.mark.parametrize("start, end, filters", [
    (None, None, Filters()),
    (dt.date(2013, 1, 1), dt.date(2014, 6, 30), Filters()),
    (dt.date(2012, 1, 1), dt.date(2019, 12, 31), Filters(sources=("Syrian state media",))),
    (dt.date(2012, 1, 1), dt.date(2019, 12, 31), Filters(types=("airstrike", "shelling"), min_killed=3)),
    (dt.date(2031, 1, 1), dt.date(2031, 2, 1), Filters()),
])
def test_the_columns_give_the_table_the_database_gives(synthetic, start, end, filters):
    """What Tallies used to compute from every event and claim read again, now from the columns."""
    events = synthetic.events_frame(start, end)
    claims = synthetic.claims_frame(events["id"].tolist())
    events = filters.apply(events, claims)
    expected = tally.by_source(claims[claims["event_id"].isin(set(events["id"]))])
    columns = EventColumns.from_rows(*synthetic.map_rows())
    found = tally.source_table(columns, start, end, columns.mask(filters))
    assert found.to_dict("records") == expected.to_dict("records")
    assert tally.by_source(tally.window_claims(columns, start, end, columns.mask(filters))).to_dict("records") \
        == expected.to_dict("records")


def test_a_denial_and_an_unattributed_figure_are_counted():
    rows = [("e1", "2013-02-06", "shelling", "Jobar", 33.5, 36.3, "town", "Damascus", "Jobar", "Jobar", None),
            ("e2", "2013-02-07", "clash", "Douma", 33.6, 36.4, "town", "Rif Dimashq", "Douma", "Douma", None)]
    claims = [("e1", "Monitor", 5, None, None, None, None, None, None, "event", False),
              ("e1", "Agency", None, None, None, None, None, None, None, "event", True),
              ("e1", None, 9, None, None, None, None, None, None, "event", False),
              ("e2", "Monitor", 2, None, None, None, None, None, None, "event", False)]
    columns = EventColumns.from_rows(rows, claims)
    table = tally.source_table(columns, None, None).set_index("source")
    assert table.loc["Monitor"].to_dict() == {"events": 2, "killed": 7, "highest": 0, "lowest": 1, "denials": 0}
    assert table.loc["(unattributed)", "highest"] == 1 and table.loc["Agency", "denials"] == 1
    only_e2 = tally.source_table(columns, dt.date(2013, 2, 7), None, np.ones(2, dtype=bool))
    assert only_e2["source"].tolist() == ["Monitor"]


def test_the_disagreement_warning_says_sources_disagree_once():
    import pandas as pd

    claims = pd.DataFrame([
        {"event_id": "e", "source": "SOHR", "killed": 19, "denial": False, "flag": None},
        {"event_id": "e", "source": "LCC", "killed": 107, "denial": False, "flag": None},
        {"event_id": "e", "source": "SANA", "killed": None, "denial": True, "flag": None}])
    summary = tally.tally("e", claims)
    assert summary.disagree and summary.summary == "19–107 killed; sources disagree; denied by SANA"
    warning = "Sources disagree on this event: " + summary.disagreement
    assert warning.lower().count("sources disagree") == 1
    assert summary.disagreement == "19–107 killed; denied by SANA"


def test_the_listing_is_headed_in_words_with_the_tally_beside_the_date():
    import pandas as pd

    events = pd.DataFrame([
        {"id": "e1", "event_date": dt.date(2013, 2, 6), "place_name": "Qadam", "display_name": "Damascus - Qadam",
         "place_mention": "Kidm", "event_type": "shelling"},
        {"id": "e2", "event_date": dt.date(2013, 2, 6), "place_name": None, "display_name": "Palmyra",
         "place_mention": "PALMYRA", "event_type": "suicide_bombing"},  # the same name, another case
        {"id": "e3", "event_date": dt.date(2013, 2, 7), "place_name": None, "display_name": None,
         "place_mention": "Sakhour", "event_type": "clash"}])
    claims = pd.DataFrame([
        {"event_id": "e1", "source": "SOHR", "killed": 12.0, "denial": False},
        {"event_id": "e1", "source": "LCC", "killed": 19.0, "denial": False},
        {"event_id": "e1", "source": "SANA", "killed": float("nan"), "denial": True},
        {"event_id": "e2", "source": "SOHR", "killed": 19.0, "denial": None}])
    table = tally.listing(events, claims)
    assert list(table.columns) == tally.LISTING_COLUMNS and table.columns[1] == "Killed claimed"
    assert table["Killed claimed"].tolist() == ["12–19, disputed, denied", "19", ""]
    assert table["What and where"].tolist() == ["shelling in Qadam (named “Kidm”)",
                                                "suicide bombing in Palmyra", "clash in Sakhour (unplaced)"]
    assert table["Date"].tolist()[0] == dt.date(2013, 2, 6)
    text = " ".join(str(v) for v in table.to_numpy().ravel())
    assert "None" not in text and "nan" not in text
    assert tally.listing(events.iloc[0:0], claims).empty
    qaboon = events.iloc[[0]].assign(place_name="Qaboun", place_mention="Qaboon")  # a spelling, not a name
    assert tally.listing(qaboon, claims)["What and where"].tolist() == ["shelling in Qaboun"]


def test_the_listing_agrees_with_each_event_s_own_tally():
    import pandas as pd

    claims = pd.DataFrame([
        {"event_id": "a", "source": "SOHR", "killed": 3.0, "denial": False, "flag": None},
        {"event_id": "a", "source": "SANA", "killed": 3.0, "denial": False, "flag": None},
        {"event_id": "b", "source": "SANA", "killed": None, "denial": True, "flag": None}])
    quick = tally.quick_tallies(claims, ["a", "b", "c"])
    for eid in ("a", "b", "c"):
        full = tally.tally(eid, claims)
        assert (quick[eid].lowest, quick[eid].highest, quick[eid].disagree, quick[eid].denied_by) == \
            (full.lowest, full.highest, full.disagree, full.denied_by)
    assert tally.summaries(claims, ["a"]) == {"a": "3 killed"}
