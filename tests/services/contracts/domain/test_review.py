"""Review, sign-off (第六条: 100万元以上 head, 2000万元以上 director), refusal (第十三条), appeal (第十四条)."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.contracts.domain import review
from services.contracts.domain.contract import CriterionCheck, Status
from services.contracts.domain.kinds import Material, RefusalReason
from services.contracts.domain.roles import Actor, Role
from services.contracts.domain.rules import StateRule
from shared.errors import Forbidden, InvalidInput, NotFound
from tests.services.contracts.domain.factory import (DIRECTOR, HEAD, REGISTRAR, TODAY, filing, passing,
                                                     register_decision, registered, stamp, submitted)

H, D = Role.REGISTRAR_HEAD, Role.OFFICE_DIRECTOR


@pytest.mark.parametrize("amount,signatures", [
    ("999999.99", ()), ("1000000.00", (H,)), ("1000000.01", (H,)),
    ("19999999.99", (H,)), ("20000000.00", (H, D)), ("20000000.01", (H, D)),
])
def test_sign_offs_at_and_around_1_million_and_20_million(amount, signatures):
    """以上 includes the amount itself (民法典 第1259条): 1 000 000.00 needs the head, 20 000 000.00 the director."""
    assert review.required_sign_offs(Decimal(amount)) == signatures


def decided(amount="500000.00", actor=REGISTRAR):
    contract = submitted(amount=amount)
    return review.decide(contract, register_decision(contract), actor, stamp(actor))


def test_below_1_million_the_registrar_registers_without_a_signature():
    contract = decided("999999.99")
    assert review.ready_to_register(contract)
    contract = review.register(contract, "2026-110108-000001", TODAY)
    assert contract.status is Status.REGISTERED and contract.registered_on == TODAY


def test_at_1_million_only_the_registrar_head_may_sign_and_is_recorded():
    contract = decided("1000000.00")
    assert not review.ready_to_register(contract)
    with pytest.raises(StateRule):
        review.register(contract, "n", TODAY)
    for wrong in (REGISTRAR, DIRECTOR):
        with pytest.raises(Forbidden):
            review.sign_off(contract, stamp(wrong))
    signed = review.sign_off(contract, stamp(HEAD))
    assert signed.sign_offs == (stamp(HEAD),) and review.ready_to_register(signed)


def test_above_20_million_the_head_then_the_office_director_sign():
    contract = decided("20000000.01")
    with pytest.raises(Forbidden):
        review.sign_off(contract, stamp(DIRECTOR))  # the head signs first
    contract = review.sign_off(contract, stamp(HEAD))
    assert not review.ready_to_register(contract)
    with pytest.raises(Forbidden):
        review.sign_off(contract, stamp(Actor("li2", Role.REGISTRAR_HEAD)))
    contract = review.sign_off(contract, stamp(DIRECTOR))
    assert [s.role for s in contract.sign_offs] == [H, D] and review.ready_to_register(contract)


def test_an_applicant_cannot_review():
    contract = submitted()
    with pytest.raises(Forbidden):
        review.decide(contract, register_decision(contract), Actor("p", Role.APPLICANT), stamp(REGISTRAR))


def test_the_checklist_covers_each_criterion_of_the_type_once_and_failures_carry_a_note():
    contract = submitted()
    checks = passing(contract)[:2] + (CriterionCheck("report-as-output", True), CriterionCheck(
        passing(contract)[2].criterion, False))
    with pytest.raises(InvalidInput) as caught:
        review.decide(contract, review.Decision(False, checks, (), (RefusalReason.TERMS_UNCLEAR,)), REGISTRAR,
                      stamp(REGISTRAR))
    rules = {(p.field, p.rule) for p in caught.value.errors}
    assert ("checklist.2.criterion", "criterion-of-type") in rules and ("checklist.3.note", "note-on-failure") in rules


def test_registering_needs_every_criterion_met_and_every_required_material():
    contract = submitted()
    failed = (CriterionCheck(passing(contract)[0].criterion, False, "目标不明确"),) + passing(contract)[1:]
    with pytest.raises(InvalidInput) as caught:
        review.decide(contract, review.Decision(True, failed, (Material.CONTRACT_AND_ANNEXES,)), REGISTRAR,
                      stamp(REGISTRAR))
    assert {("decision", "criteria-met"), ("materials_checked", "materials-complete")} <= {
        (p.field, p.rule) for p in caught.value.errors}


def test_refusal_takes_only_the_regulations_reasons_and_other_needs_a_note():
    assert len(RefusalReason) == 8  # 第十三条 lists exactly eight
    contract = submitted()
    with pytest.raises(InvalidInput):
        review.decide(contract, review.Decision(False, passing(contract), ()), REGISTRAR, stamp(REGISTRAR))
    with pytest.raises(InvalidInput):
        review.decide(contract, review.Decision(False, passing(contract), (), (RefusalReason.OTHER,)), REGISTRAR,
                      stamp(REGISTRAR))
    refused = review.decide(contract, review.Decision(False, passing(contract), (), (
        RefusalReason.SEALS_INCOMPLETE_OR_MISMATCHED,)), REGISTRAR, stamp(REGISTRAR))
    assert refused.status is Status.REFUSED
    assert refused.refusal.reasons == (RefusalReason.SEALS_INCOMPLETE_OR_MISMATCHED,)
    with pytest.raises(StateRule):
        review.decide(refused, register_decision(refused), REGISTRAR, stamp(REGISTRAR))


def test_overdue_is_past_30_days_and_undecided():
    contract = submitted()
    assert not review.is_overdue(contract, date(2026, 12, 20))
    assert review.is_overdue(contract, date(2026, 12, 21))
    assert not review.is_overdue(registered(), date(2027, 6, 1))


def refused():
    contract = submitted()
    return review.decide(contract, review.Decision(False, passing(contract), (), (RefusalReason.TERMS_UNCLEAR,)),
                         REGISTRAR, stamp(REGISTRAR))


def test_an_appeal_on_a_registered_contract_is_refused_with_the_rule():
    with pytest.raises(StateRule) as caught:
        review.request_appeal(registered(), "复核", stamp(REGISTRAR))
    assert caught.value.problem()["errors"][0]["rule"] == "appeal-only-when-refused"
    assert caught.value.problem()["errors"][0]["article"] == "第十四条"


def test_an_appeal_goes_to_the_office_director_and_overturned_means_a_new_review():
    appealed = review.request_appeal(refused(), "价款约定是明确的", stamp(Actor("party", Role.APPLICANT)))
    assert appealed.status is Status.UNDER_APPEAL
    with pytest.raises(Forbidden):
        review.decide_appeal(appealed, True, "", stamp(HEAD), TODAY)
    upheld = review.decide_appeal(appealed, False, "维持", stamp(DIRECTOR), TODAY)
    assert upheld.status is Status.REFUSED and upheld.appeals[-1].outcome == "upheld"
    later = date(2027, 1, 5)
    again = review.decide_appeal(appealed, True, "撤销", stamp(DIRECTOR), later)
    assert again.status is Status.UNDER_REVIEW and again.decision_due == date(2027, 2, 4)
    assert again.appeals[-1].decided_by == stamp(DIRECTOR) and again.refusal is None


def test_an_applicant_appeals_only_its_own_application_and_learns_nothing_of_others():
    with pytest.raises(NotFound):
        review.request_appeal(refused(), "复核", stamp(Actor("someone-else", Role.APPLICANT)))


def test_a_filing_is_filed_not_registered():
    contract = replace(filing(), status=Status.UNDER_REVIEW)
    contract = review.decide(contract, register_decision(contract), REGISTRAR, stamp(REGISTRAR))
    assert review.register(contract, "2026-110105-B000001", TODAY).status is Status.FILED
