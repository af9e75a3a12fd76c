"""The escalation case's consumers through the real wiring (bootstrap's `event_handlers`), with fakes: insurance's
own hand-overs and registry's blocked deregistrations, redelivered and out of order."""
from datetime import date

from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.rates import CollectionPolicy
from shared.events import Envelope
from shared.events.insurance import CollectionEscalated
from shared.events.registry import DeregistrationBlocked
from shared.wiring import event_handlers
from tests.services.insurance.application.fakes import (
    Accounts, EscalationCases, Fines, Members, Statements, TransferDocuments)


def _handlers():
    cases = EscalationCases()
    deps = {"accounts": Accounts(), "members": Members(), "statements": Statements(), "fines": Fines(),
            "policy": CollectionPolicy(), "today": lambda: date(2027, 1, 5), "escalation_cases": cases,
            "transfer_documents": TransferDocuments()}
    return event_handlers(SUBSCRIPTIONS, deps), cases


def _escalated(stage, on, contributions="2600.00"):
    return Envelope.wrap(CollectionEscalated(employer_id="e1", stage=stage, contributions=contributions, as_of=on),
                         source="/civic/insurance")


async def test_hand_overs_open_and_advance_the_case_once_each_whatever_the_order():
    handle, cases = _handlers()
    audit = _escalated("audit", date(2027, 3, 20))
    for message in (audit, audit, _escalated("dunning", date(2027, 1, 5))):  # redelivered, then an older one late
        await handle[CollectionEscalated.type](message)
    case = cases.docs["e1"][0]
    assert (case.stage.value, [s.action for s in case.history]) == ("audit", ["audit"])
    await handle[CollectionEscalated.type](_escalated("labour_administration", date(2027, 6, 18)))
    assert [s.action for s in cases.docs["e1"][0].history] == ["audit", "labour_administration"]
    assert cases.saves == 2


async def test_a_blocked_deregistration_opens_the_case_at_dunning():
    handle, cases = _handlers()
    blocked = Envelope.wrap(DeregistrationBlocked(employer_id="e1", request_id="r1", uscc="91110108551385082Q",
                                                  total_due="2639.00", as_of=date(2027, 1, 19)),
                            source="/civic/registry")
    await handle[DeregistrationBlocked.type](blocked)
    await handle[DeregistrationBlocked.type](blocked)
    case = cases.docs["e1"][0]
    assert (case.stage.value, str(case.contributions), len(case.history)) == ("dunning", "2639.00", 1)
