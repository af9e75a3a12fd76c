"""The deregistration saga's use cases: officer steps and insurance's answers (see domain/deregistration.py)."""
from __future__ import annotations

import uuid

from services.registry.application.commands import (ForceDeregistration, RequestDeregistration,
                                                     RetryDeregistration)
from services.registry.application.ports import Employers, Now, Today
from services.registry.domain import deregistration as saga
from services.registry.domain.deadlines import act_date
from services.registry.domain.model import Employer
from shared.events import Envelope
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.market_regulator import LicenceRevoked
from shared.usecase import apply_once, change


async def request_deregistration(cmd: RequestDeregistration, employers: Employers, today: Today, now: Now
                                 ) -> Employer:
    request_id, day = str(uuid.uuid4()), act_date(cmd.on, today())
    return await change(employers, cmd.employer_id, lambda e: saga.request(
        e, request_id, cmd.reason, cmd.event_date, now(), day), what="employer")


async def retry_deregistration(cmd: RetryDeregistration, employers: Employers, today: Today, now: Now
                               ) -> Employer:
    return await change(employers, cmd.employer_id, lambda e: saga.retry(e, now(), today()), what="employer")


async def force_deregistration(cmd: ForceDeregistration, employers: Employers, today: Today) -> Employer:
    day = act_date(cmd.on, today())
    return await change(employers, cmd.employer_id, lambda e: saga.force(
        e, cmd.reason, cmd.event_date, day), what="employer")


async def arrears_assessed(event: ArrearsAssessed, envelope: Envelope, employers: Employers, today: Today) -> None:
    """Saga answer: nothing owed → deregistered and the certificate recalled; something owed → deregistration
    blocked until it is settled (第十三条: contributions, late fees and fines first)."""
    await apply_once(employers, event.employer_id, envelope.id, lambda e: saga.on_assessed(e, event, today()))


async def arrears_settled(event: ArrearsSettled, envelope: Envelope, employers: Employers, today: Today) -> None:
    """Saga answer: the blocked unit has settled what it owed → deregistered and the certificate recalled."""
    await apply_once(employers, event.employer_id, envelope.id, lambda e: saga.on_settled(e, event, today()))


async def licence_revoked(event: LicenceRevoked, envelope: Envelope, employers: Employers, today: Today) -> None:
    """market_regulator.licence.revoked: the unit with that USCC is force-deregistered (unknown USCC: not ours)."""
    employer_id = await employers.id_by_uscc(event.uscc)
    if employer_id is None:
        return
    await apply_once(employers, employer_id, envelope.id, lambda e: saga.on_licence_revoked(
        e, event.decision_number, event.revoked_on, today()))
