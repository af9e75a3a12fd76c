"""The tax authority's notifications (第十六条): the outbox its system pages through with its client credentials,
and the acknowledgement of each one it read. Read also by the registration office (what the tax authority was
told); acknowledged only by a department system holding the scope `contracts:tax-notifications`."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel

from services.contracts.adapters.access import TAX_SCOPE
from services.contracts.adapters.routes.dependencies import PREFIX, REGISTRARS, ContainerDep
from services.contracts.application import tax_notifications
from services.contracts.application.tax_notifications import NotificationFilter
from services.contracts.domain.contract import ContractType
from services.contracts.domain.tax_notifications import TaxNotification
from shared.access import AccessDenied, allow
from shared.actor import CurrentActor
from shared.auth import Role
from shared.paging import PageOut, Paging

router = APIRouter(prefix=PREFIX, tags=["tax notifications"])

NotificationId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$",
                                     description="the notification's id (the id of the event it reports)")]


class TaxNotificationOut(BaseModel):
    """One notification: the contract, the act (registration, filing, refusal, change, payment_extension,
    assignment, termination, revocation, invalidation, income_verification; for a classified contract only the
    family: change, termination …), the day it took effect, and whether the tax authority has read it."""

    id: str
    event_type: str
    act: str
    contract_id: str
    contract_type: ContractType
    classified: bool
    registration_number: str | None
    occurred_on: date | None
    recorded_at: datetime
    data: dict[str, Any] | None
    acknowledged: bool
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None

    @classmethod
    def of(cls, notification: TaxNotification) -> "TaxNotificationOut":
        ack = notification.acknowledgement
        return cls(id=notification.id, event_type=notification.event_type, act=notification.act,
                   contract_id=notification.contract_id, contract_type=ContractType(notification.contract_type),
                   classified=notification.classified, registration_number=notification.registration_number,
                   occurred_on=notification.occurred_on, recorded_at=notification.recorded_at,
                   data=notification.data, acknowledged=ack is not None, acknowledged_by=ack and ack.by,
                   acknowledged_at=ack and ack.at)


async def tax_reader(request: Request, caller: CurrentActor) -> None:
    """With a token the access layer has decided (the registration office's people; auditors; department systems
    with `contracts:read` or the tax scope). Without one (development) the `X-Civic-Role` header stands for it."""
    if getattr(request.state, "principal", None) is None \
            and not caller.has_role(*REGISTRARS, Role.AUDITOR, Role.DEPARTMENT_SYSTEM):
        raise AccessDenied("the tax notifications are read by the tax authority's system and the registration "
                           "office", roles=sorted({*REGISTRARS, Role.DEPARTMENT_SYSTEM}))


async def tax_system(request: Request, caller: CurrentActor) -> str:
    """The tax authority's system acknowledging: its client id. With a token the access layer has let only a
    department system holding the tax scope this far; without one, `X-Civic-Role: department-system` and the
    client id in `X-Civic-User`."""
    principal = getattr(request.state, "principal", None)
    if principal is not None:
        return principal.client_id or principal.subject
    if not caller.has_role(Role.DEPARTMENT_SYSTEM) or not caller.user:
        raise AccessDenied("only the tax authority's system acknowledges its notifications",
                           roles=[Role.DEPARTMENT_SYSTEM], scopes=[TAX_SCOPE])
    return caller.user


@router.get("/tax-notifications", response_model=PageOut[TaxNotificationOut],
            **allow(*REGISTRARS, Role.DEPARTMENT_SYSTEM))
async def list_tax_notifications(
        c: ContainerDep, paging: Paging, _: Annotated[None, Depends(tax_reader)],
        since: Annotated[date | None, Query(description="recorded on or after this day (Beijing)")] = None,
        acknowledged: Annotated[bool | None, Query(description="false: only those not yet read")] = None,
        contract_id: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9-]+$")] = None,
) -> PageOut[TaxNotificationOut]:
    """The notifications to the tax authority, the oldest first. A reader takes `acknowledged=false` page by page
    and acknowledges each it has read: nothing is missed, whatever order replicas wrote them in; `since` narrows
    the history to the days asked."""
    found = await tax_notifications.notification_page(NotificationFilter(since, acknowledged, contract_id),
                                                      c.notifications, paging.page, paging.size)
    return PageOut[TaxNotificationOut].of(found.items, found.total, paging, TaxNotificationOut.of)


@router.post("/tax-notifications/{notification_id}/acknowledgement", response_model=TaxNotificationOut,
             **allow(Role.DEPARTMENT_SYSTEM, scope=TAX_SCOPE))
async def acknowledge(notification_id: NotificationId, c: ContainerDep,
                      client: Annotated[str, Depends(tax_system)]) -> TaxNotificationOut:
    """The tax authority has read this notification (again by the same system: the same answer)."""
    return TaxNotificationOut.of(await tax_notifications.acknowledge(notification_id, client, c.notifications, c.now))
