"""第六条: the layout plans are revised every 5 years; a revision records a new version and restarts the cycle, an
amendment records one without restarting it; replanning proposals wait on the district plan as pending cases."""
from datetime import date

import pytest

from services.markets.domain import layout_plan as rules
from services.markets.domain.layout_plan import PendingCase
from shared.errors import InvalidInput

TODAY = date(2026, 11, 20)


def revised(on=date(2021, 3, 15), plan_id="district-110105"):
    return rules.record_version(rules.new_plan(plan_id), "revision", on, "朝政发〔2021〕7号", "officer-7", TODAY)


def rules_of(error):
    return [(p.field, p.rule, p.article) for p in error.value.errors]


def test_the_revision_falls_due_on_the_fifth_anniversary_and_not_a_day_before():
    plan = revised(date(2021, 3, 15))
    assert plan.revision_due == date(2026, 3, 15)
    assert not rules.is_due(plan, date(2026, 3, 14))
    assert rules.is_due(plan, date(2026, 3, 15)) and rules.is_due(plan, date(2026, 3, 16))


def test_a_29_february_approval_falls_due_on_28_february():
    assert rules.revision_due(date(2024, 2, 29)) == date(2029, 2, 28)


def test_a_plan_without_a_revision_is_due():
    assert rules.is_due(rules.new_plan("district-110105"), date(2000, 1, 1))


def test_a_revision_restarts_the_cycle_an_amendment_does_not():
    plan = revised(date(2021, 3, 15))
    amended = rules.record_version(plan, "amendment", date(2024, 5, 1), "朝政发〔2024〕2号", "o", TODAY)
    assert [v.number for v in amended.versions] == [1, 2] and amended.revision_due == date(2026, 3, 15)
    again = rules.record_version(amended, "revision", date(2026, 4, 1), "朝政发〔2026〕9号", "o", TODAY)
    assert again.revision_due == date(2031, 4, 1) and not rules.is_due(again, TODAY)


def test_the_level_names_the_approving_authority():
    assert revised(plan_id="city").versions[0].approved_by == "city_government"
    assert revised().versions[0].approved_by == "district_government"


def test_refusals_name_the_rule_and_article_6():
    with pytest.raises(InvalidInput) as future:
        revised(date(2026, 11, 21))
    assert rules_of(future) == [("on", "date-in-future", "第六条")]
    with pytest.raises(InvalidInput) as earlier:
        rules.record_version(revised(date(2021, 3, 15)), "revision", date(2021, 3, 14), "x", "o", TODAY)
    assert rules_of(earlier) == [("on", "not-before-previous-version", "第六条")]
    with pytest.raises(InvalidInput) as amendment:
        rules.record_version(rules.new_plan("city"), "amendment", TODAY, "x", "o", TODAY)
    assert rules_of(amendment) == [("kind", "amendment-needs-a-plan", "第六条")]


def test_a_plan_id_names_the_city_or_a_beijing_district():
    assert (rules.new_plan("city").scope, rules.new_plan("district-110119").district_code) == ("city", "110119")
    for bad in ("district-330302", "district-11010", "county-110105"):
        with pytest.raises(InvalidInput):
            rules.new_plan(bad)


def test_a_proposal_is_pending_once_and_the_next_version_takes_every_pending_case_in():
    case = PendingCase("replan-m1", ("a1",), ("s1",), (), "market_closed", date(2026, 10, 1))
    plan = rules.note_proposal(rules.note_proposal(revised(), case), case)
    assert [c.proposal_id for c in plan.pending] == ["replan-m1"]
    taken = rules.record_version(plan, "amendment", TODAY, "朝政发〔2026〕11号", "o", TODAY)
    assert taken.pending == () and taken.versions[-1].proposals == ("replan-m1",)
    assert rules.note_proposal(taken, case) == taken, "a redelivered proposal already taken in is not pending again"


def test_a_proposals_gaps_split_into_one_case_per_district_with_the_sites_that_cover_them():
    cases = rules.cases_by_district("p", "area_registered", TODAY, ["a1", "a2", "gone"],
                                    {"s1": ["a1"], "s2": ["a2"]}, ["a2"], {"a1": "110105", "a2": "110108"})
    assert cases["110105"].area_ids == ("a1",) and cases["110105"].site_ids == ("s1",)
    assert cases["110108"].site_ids == ("s2",) and cases["110108"].stopgap_areas == ("a2",)
    assert set(cases) == {"110105", "110108"}
