"""Proposals from area events, and how an open proposal is resolved when its gaps are covered again."""
from datetime import date

from services.markets.domain.proposal import (decide, note_coverage, plan_id_for_area, propose, propose_for_area,
                                              unproposed)
from services.markets.domain.replan import Gap, Plan

TODAY = date(2026, 11, 20)
PLAN = Plan((Gap("A1", 0.02, 160.0), Gap("A2", 0.06, 40.0)), (), ("A1", "A2"))


def area_proposal():
    return propose_for_area(plan_id_for_area("A1", "ev-1"), "A1", "area_registered", PLAN, TODAY)[0]


def test_an_area_event_proposes_a_plan_naming_the_area_and_publishes_it():
    proposal, (event,) = propose_for_area("replan-area-A1-ev-1", "A1", "area_registered", PLAN, TODAY)
    assert proposal.status == "proposed" and proposal.cause == "area_registered" and proposal.area_id == "A1"
    assert [g.area_id for g in event.gaps] == ["A1", "A2"] and event.plan_id == "replan-area-A1-ev-1"
    assert event.closed_market_id == ""  # no market closed: the catalog event has no other place for the cause


def test_gaps_an_open_plan_already_names_are_not_proposed_again():
    gaps = (Gap("A1", 0.0, 10.0), Gap("A9", 0.0, 5.0))
    assert [g.area_id for g in unproposed(gaps, area_proposal().open_gaps)] == ["A9"]


def test_a_plan_is_resolved_once_every_gap_is_covered_again():
    partly = note_coverage(area_proposal(), {"A1", "A7"}, set(), TODAY)
    assert partly.status == "proposed" and partly.resolved_areas == ("A1",) and partly.open_gaps == {"A2"}
    done = note_coverage(partly, {"A2"}, set(), date(2026, 12, 1))
    assert done.status == "resolved" and done.resolved_on == date(2026, 12, 1) and done.open_gaps == set()


def test_a_gap_uncovered_again_is_open_again_and_nothing_new_changes_nothing():
    partly = note_coverage(area_proposal(), {"A1"}, set(), TODAY)
    assert note_coverage(partly, set(), {"A1"}, TODAY).resolved_areas == ()
    assert note_coverage(partly, {"A1"}, set(), TODAY) is None


def test_an_approved_plan_is_resolved_too_but_a_rejected_one_is_left_alone():
    approved = decide(area_proposal(), True, "officer-7", TODAY)
    assert note_coverage(approved, {"A1", "A2"}, set(), TODAY).status == "resolved"
    rejected = decide(area_proposal(), False, "officer-7", TODAY)
    assert note_coverage(rejected, {"A1", "A2"}, set(), TODAY) is None and rejected.open_gaps == set()


def test_a_closure_proposal_keeps_its_id_and_market():
    proposal, _ = propose("m1", PLAN, TODAY)
    assert proposal.id == "replan-m1" and proposal.cause == "market_closed" and proposal.closed_market_id == "m1"
