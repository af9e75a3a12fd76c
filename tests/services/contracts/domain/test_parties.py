"""A deregistered party: the seller's open application goes on hold; every contract of the unit gets one note."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from services.contracts.domain import review
from services.contracts.domain.contract import Party, Status, concerns_unit
from services.contracts.domain.kinds import RefusalReason
from services.contracts.domain.parties import PartyDeregistered, apply_deregistration
from services.contracts.domain.roles import Actor, Role
from services.contracts.domain.rules import StateRule
from shared.errors import Forbidden, InvalidInput
from tests.services.contracts.domain.factory import (BUYER, REGISTRAR, SELLER, TODAY, passing, register_decision,
                                                     registered, stamp, submitted)

ON = date(2026, 11, 19)


def gone(uscc=SELLER.uscc, event_id="ev-1", forced=True):
    return PartyDeregistered(uscc, "licence_revoked", forced, ON, event_id)


def test_an_open_application_of_the_deregistered_seller_goes_on_hold_with_the_reason():
    held = apply_deregistration(submitted(), gone())
    assert held.status is Status.ON_HOLD and held.hold.from_status is Status.UNDER_REVIEW
    assert SELLER.uscc in held.hold.reason and "2026-11-19" in held.hold.reason and "forced" in held.hold.reason
    assert [(n.role, n.uscc) for n in held.party_notes] == [("seller", SELLER.uscc)]


def test_an_application_awaiting_sign_off_is_held_too_and_can_no_longer_be_signed():
    contract = submitted(amount="2000000.00")
    awaiting = review.decide(contract, register_decision(contract), REGISTRAR, stamp(REGISTRAR))
    held = apply_deregistration(awaiting, gone())
    assert held.status is Status.ON_HOLD and held.hold.from_status is Status.AWAITING_SIGN_OFF
    with pytest.raises(StateRule):
        review.sign_off(held, stamp(REGISTRAR))


def test_a_held_application_stays_on_the_overdue_list_its_30_days_unchanged():
    held = apply_deregistration(submitted(), gone())
    assert not review.is_overdue(held, held.decision_due)
    assert review.is_overdue(held, held.decision_due + timedelta(days=1))


def test_a_held_application_is_resumed_where_it_stood_with_a_note_by_a_registrar():
    contract = submitted(amount="2000000.00")
    held = apply_deregistration(review.decide(contract, register_decision(contract), REGISTRAR, stamp(REGISTRAR)),
                                gone())
    with pytest.raises(InvalidInput):
        review.resume(held, " ", stamp(REGISTRAR), TODAY)
    with pytest.raises(Forbidden):
        review.resume(held, "法人仍存续", stamp(Actor("party", Role.APPLICANT)), TODAY)
    resumed = review.resume(held, "法人仍存续, 仅注销社会保险登记", stamp(REGISTRAR), TODAY)
    assert resumed.status is Status.AWAITING_SIGN_OFF and resumed.decision_due == held.decision_due
    assert resumed.hold.resumed_on == TODAY and resumed.hold.resumption_note.startswith("法人仍存续")
    with pytest.raises(StateRule) as again:
        review.resume(resumed, "again", stamp(REGISTRAR), TODAY)
    assert again.value.errors[0].rule == "resume-on-hold"


def test_a_held_application_is_refused_but_not_registered_before_it_is_resumed():
    held = apply_deregistration(submitted(), gone())
    with pytest.raises(StateRule) as caught:
        review.decide(held, register_decision(held), REGISTRAR, stamp(REGISTRAR))
    assert (caught.value.errors[0].rule, caught.value.errors[0].article) == ("resume-before-registering", "第六条")
    refusal = review.Decision(False, passing(held), (), (RefusalReason.INVALID_OR_NOT_EFFECTIVE,))
    refused = review.decide(held, refusal, REGISTRAR, stamp(REGISTRAR), TODAY)
    assert refused.status is Status.REFUSED and not review.is_overdue(refused, date(2027, 1, 1))


def test_a_registered_contract_keeps_its_registration_and_gets_a_note():
    noted = apply_deregistration(registered(), gone())
    assert noted.status is Status.REGISTERED and noted.hold is None
    assert [(n.role, n.reason, n.forced, n.on) for n in noted.party_notes] == [
        ("seller", "licence_revoked", True, ON)]


def test_the_buyer_deregistered_notes_the_application_without_holding_it():
    noted = apply_deregistration(submitted(), gone(BUYER.uscc))
    assert noted.status is Status.UNDER_REVIEW and [n.role for n in noted.party_notes] == ["buyer"]


def test_the_same_event_twice_changes_nothing_the_second_time():
    once = apply_deregistration(submitted(), gone())
    assert apply_deregistration(once, gone()) is once


def test_a_unit_that_is_no_party_changes_nothing():
    contract = submitted()
    assert apply_deregistration(contract, gone("91110108MA0000000X")) is contract


def test_a_decided_refusal_is_only_noted():
    contract = submitted()
    refused = review.decide(contract, replace(register_decision(contract), register=False,
                                              reasons=(next(iter(review.RefusalReason)),)),
                            REGISTRAR, stamp(REGISTRAR))
    noted = apply_deregistration(refused, gone())
    assert noted.status is Status.REFUSED and len(noted.party_notes) == 1



def test_a_contract_concerns_its_seller_buyer_intermediary_and_submitter_only():
    intermediary = Party("北京技术经纪有限公司", uscc="91110108MA01XYZ018")
    contract = replace(submitted(), intermediary=intermediary)
    for uscc in (SELLER.uscc, BUYER.uscc, intermediary.uscc):
        assert concerns_unit(contract, uscc, "someone-else")
    assert not concerns_unit(contract, "91110000MA00000008", "someone-else")
    assert not concerns_unit(contract, None, "someone-else")
    assert concerns_unit(contract, None, contract.submitted_by.user)  # what the user itself submitted
