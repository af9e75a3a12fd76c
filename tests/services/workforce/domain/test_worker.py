"""Hiring (招录条件: age ≤ 40, 大专 or 本科 for fresh graduates, Beijing urban hukou), posts, retirement at 60/55."""
from datetime import date

import pytest

from services.workforce.domain import worker as rules
from services.workforce.domain.identity import mask
from services.workforce.domain.worker import Separation
from shared.errors import Conflict, InvalidInput
from shared.events.workforce import WorkerHired, WorkerSeparated
from tests.services.workforce.factory import a_hire, resident_id


def failed_rules(**overrides):
    with pytest.raises(InvalidInput) as refused:
        rules.hire("w", a_hire(**overrides))
    return {(e.field, e.rule) for e in refused.value.errors}


def test_a_hire_records_worker_hired_with_the_tier_and_the_persons_id():
    rid = resident_id(date(1990, 3, 7), male=False)
    worker, events = rules.hire("w1", a_hire(resident_id=rid, posts=("station_deputy_head",)))
    assert events == [WorkerHired(worker_id="w1", employer_id="street-1", person_name="张三", resident_id=rid,
                                  gender="female", position="deputy", start_date=date(2020, 3, 1))]
    assert worker.person.birth_date == date(1990, 3, 7)


def test_age_40_on_the_closing_date_passes_and_41_fails():
    born = date(1980, 1, 15)
    rules.hire("w", a_hire(resident_id=resident_id(born), closing_date=date(2020, 1, 15)))  # 40 that day
    assert ("person.resident_id", "age-limit") in failed_rules(resident_id=resident_id(born),
                                                               closing_date=date(2021, 1, 15))


def test_every_failed_condition_is_listed_at_once():
    assert failed_rules(education="high_school", hukou="other", resident_id=resident_id(date(1970, 1, 1))) == {
        ("person.resident_id", "age-limit"), ("person.education", "education-minimum"),
        ("person.hukou", "beijing-urban-hukou")}


def test_a_fresh_graduate_needs_a_bachelor_degree():
    assert failed_rules(fresh_graduate=True, education="college") == {("person.education", "education-minimum")}
    rules.hire("w", a_hire(fresh_graduate=True, education="bachelor"))


def test_elected_members_are_not_held_to_recruitment_conditions():
    rules.hire("w", a_hire(kind="elected", posts=("committee_director",), hukou="other", closing_date=None,
                           resident_id=resident_id(date(1965, 5, 5))))


def test_a_wrong_check_digit_unknown_posts_and_a_backwards_term_are_refused():
    rid = resident_id(date(1990, 3, 7))
    wrong = rid[:-1] + ("0" if rid[-1] != "0" else "1")
    assert failed_rules(resident_id=wrong, posts=("mayor",), term_end=date(2019, 1, 1)) == {
        ("person.resident_id", "resident-id-check-digit"), ("posts", "known-posts"), ("term_end", "term-after-start")}


@pytest.mark.parametrize("male, born, retires", [(True, date(1966, 4, 2), date(2026, 4, 2)),
                                                 (False, date(1971, 4, 2), date(2026, 4, 2)),
                                                 (False, date(1972, 2, 29), date(2027, 2, 28))])
def test_recruited_workers_retire_at_60_men_and_55_women(male, born, retires):
    worker, _ = rules.hire("w", a_hire(resident_id=resident_id(born, male=male), closing_date=date(2005, 1, 1),
                                       start_date=date(2005, 3, 1), term_end=date(2030, 1, 1)))
    assert rules.retirement_date(worker) == retires
    assert rules.due_separation(worker, retires - date.resolution) is None
    assert rules.due_separation(worker, retires) == Separation(retires, "retirement")


def test_elected_workers_finish_their_term_past_the_age():
    worker, _ = rules.hire("w", a_hire(kind="elected", posts=("committee_director",), closing_date=None,
                                       resident_id=resident_id(date(1960, 1, 1)), start_date=date(2018, 7, 1),
                                       term_end=date(2023, 6, 30)))
    assert rules.due_separation(worker, date(2023, 6, 29)) is None  # 63, still in term
    assert rules.due_separation(worker, date(2023, 7, 1)) == Separation(date(2023, 6, 30), "term_ended")


def test_separation_records_the_event_and_cannot_happen_twice():
    worker, _ = rules.hire("w", a_hire())
    left, events = rules.separate(worker, Separation(date(2022, 5, 31), "resignation"))
    assert events == [WorkerSeparated(worker_id="w", employer_id="street-1", resident_id=worker.person.resident_id,
                                      reason="resignation", separated_on=date(2022, 5, 31))]
    with pytest.raises(Conflict):
        rules.separate(left, Separation(date(2022, 6, 1), "dismissal"))
    with pytest.raises(Conflict):
        rules.change_posts(left, ("station_head",), date(2022, 7, 1))


def test_only_elected_members_may_be_working_retirees():
    assert ("retiree", "retirees-elected-only") in failed_rules(retiree=True)


def test_a_masked_id_keeps_the_first_6_and_last_4():
    assert mask("110108199003070235") == "110108********0235"


def test_an_elected_member_signs_one_agreement_per_term_and_the_watcher_follows_the_new_term():
    worker, _ = rules.hire("w", a_hire(kind="elected", posts=("committee_director",), closing_date=None,
                                       start_date=date(2018, 7, 1), term_end=date(2023, 6, 30)))
    with pytest.raises(InvalidInput) as late:
        rules.renew_agreement(worker, rules.Renewal(date(2023, 7, 1), date(2028, 6, 30)))
    assert late.value.errors[0].rule == "before-term-end"
    with pytest.raises(InvalidInput):
        rules.renew_agreement(worker, rules.Renewal(date(2023, 6, 1), date(2023, 6, 30)))
    renewed = rules.renew_agreement(worker, rules.Renewal(date(2023, 6, 20), date(2028, 6, 30)))
    assert rules.due_separation(renewed, date(2023, 7, 1)) is None
    assert rules.due_separation(renewed, date(2028, 6, 30)) == Separation(date(2028, 6, 30), "term_ended")
