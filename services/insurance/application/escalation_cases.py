"""Escalation cases: opened and moved on by the hand-overs insurance announces (`insurance.collection.escalated`)
and by registry's blocked deregistrations; handed on or closed by the officer; closed when the unit has paid."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from services.insurance.application.accounts import ACCOUNT
from services.insurance.application.arrears import open_arrears
from services.insurance.application.changes import unknown
from services.insurance.application.ports import Accounts, EscalationCases, Statements
from services.insurance.domain import account as account_rules
from services.insurance.domain import escalation_case as rules
from services.insurance.domain.arrears import Stage
from services.insurance.domain.escalation_case import EscalationCase
from services.insurance.domain.money import total
from shared.events import Envelope
from shared.events.insurance import CollectionEscalated
from shared.events.registry import DeregistrationBlocked
from shared.usecase import change

CASE = "escalation case"


async def open_or_advance_case(event: CollectionEscalated, envelope: Envelope,
                               escalation_cases: EscalationCases) -> None:
    """Opens the unit's escalation case or records its hand-over (dunning → audit → labour administration)."""
    await _decide(escalation_cases, event.employer_id, envelope.id, lambda case: rules.escalated(
        case, event.employer_id, Stage(event.stage), Decimal(event.contributions), event.as_of, event.recovery))


async def dun_blocked_unit(event: DeregistrationBlocked, envelope: Envelope,
                           escalation_cases: EscalationCases) -> None:
    """A unit whose deregistration is blocked for arrears is dunned: its escalation case opens at dunning."""
    await _decide(escalation_cases, event.employer_id, envelope.id, lambda case: rules.deregistration_blocked(
        case, event.employer_id, event.request_id, Decimal(event.total_due), event.as_of))


async def _decide(cases: EscalationCases, employer_id: str, event_id: str,
                  decide: Callable[[EscalationCase | None], EscalationCase | None]) -> None:
    """load → decide → save, once per event id (a redelivery the inbox missed changes nothing); the store's
    revision check refuses a concurrent write, and the consumer retries."""
    async with cases.lock(employer_id):
        case, loaded = await cases.load(employer_id)
        if loaded is not None and loaded.has_applied(event_id):
            return
        changed = decide(case)
        if changed is not None:
            await cases.save(changed, loaded=loaded, caused_by=event_id)


async def existing_case(cases: EscalationCases, case_id: str) -> EscalationCase:
    case = await cases.get(case_id)
    if case is None:
        raise unknown("case_id", "unknown-escalation-case", f"no escalation case {case_id}")
    return case


async def hand_over(cases: EscalationCases, accounts: Accounts, statements: Statements, case_id: str, to: Stage,
                    on: date, by: str, reason: str) -> EscalationCase:
    """The officer hands the case on; the account's stage follows, so its hand-over is announced
    (`insurance.collection.escalated`) and the scheduled escalation does not announce it again."""
    owed = total(a.outstanding for a in await open_arrears(statements, case_id))
    case = await _change(cases, case_id, lambda c: (rules.hand_over(c, to, owed, on, by, reason), []))
    if await accounts.get(case_id) is not None:
        await change(accounts, case_id, lambda a: account_rules.escalate(a, to, owed, on), what=ACCOUNT)
    return case


async def close(cases: EscalationCases, statements: Statements, case_id: str, on: date, by: str) -> EscalationCase:
    """The officer closes a case whose unit owes no contributions any more."""
    owed = total(a.outstanding for a in await open_arrears(statements, case_id))
    return await _change(cases, case_id, lambda c: (rules.close_paid(c, on, owed, by), []))


async def _change(cases: EscalationCases, case_id: str, decide) -> EscalationCase:
    await existing_case(cases, case_id)
    return await change(cases, case_id, decide, what=CASE)
