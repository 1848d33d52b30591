"""The scorer itself, and the extractor's scores on the team's gold readings.

The scoring rules are checked on small readings written here; the aim on
the development set is a ratchet (no score may fall below the one last
measured, kept in ``tests/data/reader_scores.json``) and the seed report
stays perfect; both are checked on the real reports in ``../shared``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictmap.cli import main
from conflictmap.evaluate import (MEASURES, Evaluator, Gold, GoldClaim, GoldEvent, Score, evaluate, halves,
                                  raise_floors)


def _event(place: str, claims: list[dict], *, event_type: str = "shelling", date: str | None = "2014-03-04",
           place_id: str | None = None) -> dict:
    return {"id": f"r-{place}", "date": date, "event_type": event_type,
            "place": {"id": place_id, "name": place, "mention": place}, "claims": claims}


def _claim(source: str | None, killed: int | None, injured: int | None = None, quote: str = "q") -> dict:
    return {"source": source, "source_mention": source, "killed": killed, "injured": injured, "quote": quote,
            "shared_by": []}


@pytest.fixture(scope="module")
def evaluator(gazetteer, registry) -> Evaluator:
    from conflictmap.reading.reader import Extractor

    return Evaluator(Extractor(gazetteer, registry), gazetteer, registry)


@pytest.fixture
def gold() -> Gold:
    return Gold(name="made-up", text_file=Path("none.txt"), pub_date=None,
                events=[GoldEvent(label="Jobar", names=("Jobar",), inside=(), types=frozenset({"shelling"}),
                                  date="2014-03-04", admin="Damascus"),
                        GoldEvent(label="Homs", names=("Homs",), inside=("Khalidiya",),
                                  types=frozenset({"airstrike"}), date=None, admin="Homs")],
                claims=[GoldClaim(sources=frozenset({"SOHR"}), written="the Observatory", killed=12, injured=None),
                        GoldClaim(sources=frozenset(), written=None, killed=5, injured=3)])


def test_a_perfect_reading_scores_one(evaluator, gold):
    extraction = {"events": [_event("Jobar", [_claim("Syrian Observatory for Human Rights", 12)]),
                             _event("Homs", [_claim(None, 5, 3)], event_type="airstrike", date=None)],
                  "nationwide_claims": []}
    score = evaluator.score(gold, extraction)
    assert (score.place_recall, score.place_precision, score.claim_recall, score.claim_precision) == (1, 1, 1, 1)
    assert (score.type_accuracy, score.date_accuracy) == (1, 1)


def test_a_wrong_source_or_figure_is_no_match(evaluator, gold):
    extraction = {"events": [_event("Jobar", [_claim("Activists", 12)]),
                             _event("Homs", [_claim(None, 6, 3)], event_type="airstrike", date=None)],
                  "nationwide_claims": [_claim("Syrian Observatory for Human Rights", 12, quote="other")]}
    score = evaluator.score(gold, extraction)
    assert score.claims_found == 1 and score.claims_gold == 2
    assert score.claims_correct == 1 and score.claims_extracted == 3


def test_an_unattributed_gold_figure_needs_an_unattributed_claim(evaluator, gold):
    extraction = {"events": [_event("Homs", [_claim("Activists", 5, 3)], event_type="airstrike", date=None)],
                  "nationwide_claims": []}
    assert evaluator.score(gold, extraction).claims_found == 0


def test_places_types_and_dates(evaluator, gold):
    extraction = {"events": [_event("Jobar", [], event_type="clash", date="2014-03-05"),
                             _event("Khalidiya", [], event_type="airstrike", date=None),
                             _event("Palmyra", [])],
                  "nationwide_claims": []}
    score = evaluator.score(gold, extraction)
    assert (score.places_found, score.places_gold) == (1, 2)  # Homs itself was not found
    assert (score.places_correct, score.places_extracted) == (2, 3)  # Khalidiya is inside a gold event
    assert (score.types_right, score.dates_right, score.events_matched) == (0, 0, 1)
    assert any("Palmyra" in miss for miss in score.misses)


def test_one_figure_shared_by_two_places_counts_once(evaluator, gold):
    shared = dict(_claim("Syrian Observatory for Human Rights", 12), shared_by=["Jobar", "Qaboun"])
    extraction = {"events": [_event("Jobar", [shared]), _event("Qaboun", [dict(shared)])], "nationwide_claims": []}
    assert evaluator.score(gold, extraction).claims_extracted == 1


def test_scores_add_up():
    a = Score(name="a", places_gold=2, places_found=1)
    b = Score(name="b", places_gold=2, places_found=2)
    assert (a + b).place_recall == 0.75


# -- the real reports ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scores(shared, evaluator):
    return evaluate([shared / "eval"], evaluator)


def test_the_seed_report_stays_perfect(scores):
    seed = next(s for s in scores[0] if s.name == "seed_gold")
    assert (seed.place_recall, seed.place_precision, seed.claim_recall, seed.claim_precision) == (1, 1, 1, 1), \
        seed.misses


RATCHET = Path(__file__).parent / "data" / "reader_scores.json"


def test_floors_rise_with_a_better_score_and_never_fall():
    better = Score(name="dev-03", places_gold=3, places_found=2, places_extracted=2, places_correct=2,
                   claims_gold=3, claims_found=2, claims_extracted=2, claims_correct=2)
    worse = Score(name="dev-30", places_gold=4, places_found=1, places_extracted=1, places_correct=1)
    floors = {"dev-01 … dev-24": {"place_recall": 0.5, "claim_recall": 0.9},
              "dev-25 … dev-36": {"place_recall": 0.5}}
    raised, fallen = raise_floors([better, worse], floors)
    assert raised["dev-01 … dev-24"]["place_recall"] == 0.666  # 2/3 rounded down: never above what was measured
    assert raised["dev-01 … dev-24"]["claim_recall"] == 0.9  # 0.667 now: the old floor stays
    assert raised["dev-25 … dev-36"]["place_recall"] == 0.5
    assert raised["all"]["place_recall"] == 0.428  # 3/7
    assert fallen == ["dev-01 … dev-24 claim_recall: 0.666 is below its floor 0.900",
                      "dev-25 … dev-36 place_recall: 0.250 is below its floor 0.500"]


def test_the_command_raises_the_floors_file(shared, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"all": {"claim_recall": 0.01}, "dev-25 … dev-36": {"claim_recall": 0.5}}),
                      encoding="utf-8")
    one = str(shared / "eval" / "dev-01.json")  # one report keeps the test quick
    assert main(["evaluate", one, "--raise-floors", str(floors)]) == 0
    written = json.loads(floors.read_text(encoding="utf-8"))
    assert written["all"]["claim_recall"] > 0.01 and set(written["all"]) == set(MEASURES)
    assert written["dev-25 … dev-36"] == {"claim_recall": 0.5}  # no report of that half was read: untouched
    floors.write_text(json.dumps({"all": {"claim_recall": 1.001}}), encoding="utf-8")  # above any score
    assert main(["evaluate", one, "--raise-floors", str(floors)]) == 1
    assert "all claim_recall" in capsys.readouterr().err
    assert json.loads(floors.read_text(encoding="utf-8"))["all"]["claim_recall"] == 1.001


@pytest.mark.parametrize("part", ["dev-01 … dev-24", "dev-25 … dev-36", "all"])
def test_no_score_falls_below_the_last_measured(scores, part):
    """A ratchet: the scores last measured (tests/data/reader_scores.json) are a floor.

    Raise the file with each improvement (``python -m conflictmap evaluate
    ../shared/eval --raise-floors tests/data/reader_scores.json``); a change
    that lowers any score on either half fails.
    """
    floor = json.loads(RATCHET.read_text(encoding="utf-8"))[part]
    now = halves(scores[0])[part]
    assert now.places_gold >= 10 and now.claims_gold >= 20, "the development set was not read"
    fallen = {m: (round(getattr(now, m), 3), floor[m]) for m in MEASURES if getattr(now, m) + 1e-9 < floor[m]}
    assert not fallen, f"{part}: below the ratchet (now, floor): {fallen}\n" + "\n".join(now.misses)


def test_the_command_prints_a_row_per_report(shared, capsys):
    assert main(["evaluate", str(shared / "eval"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    names = {r["report"] for r in out["reports"]}
    assert {"seed_gold", "dev-01", "dev-12"} <= names
    assert 0 <= out["total"]["claim_recall"] <= 1


def test_the_command_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nowhere")]) == 2
    assert "no such file" in capsys.readouterr().err
