"""The tax authority's notification outbox (第十六条 "及时通报税务机关"): contracts consumes its own published
events into notification records, and the tax authority's system pages through them and acknowledges what it read.

Why from the events rather than written with the act: the event *is* what the tax authority is told (stripped for a
classified contract, `domain/publication.py`), and it leaves with the act in the contract's one document write
(the outbox); a notification written by the use case beside it would be a second write that a crash between the
two could lose (FerretDB v1 has no multi-document transactions). Consuming the event makes the notification as
certain as the event itself: the relay resends until confirmed, the consumer retries until written, and the
event id keys the notification, so a redelivery never makes a second one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.contracts.application.ports import Now, Page, TaxNotifications
from services.contracts.domain import tax_notifications
from services.contracts.domain.tax_notifications import TaxNotification
from shared.errors import Conflict
from shared.events import Envelope, Event
from shared.usecase import change, without_events

WHAT = "tax notification"


async def notify_tax_authority(event: Event, envelope: Envelope, notifications: TaxNotifications) -> None:
    """The tax authority is notified: the act goes into its notification outbox, once per event, for its system to
    read and acknowledge (第十六条; a classified contract by id, type and the act's family only, 第十二条)."""
    notification = tax_notifications.notification_of(envelope.id, envelope.type, event.model_dump(mode="json"),
                                                      envelope.time)
    try:
        await notifications.add(notification, caused_by=envelope.id)
    except Conflict:
        pass  # this event's notification is already there (a redelivery the inbox did not catch)


@dataclass(frozen=True)
class NotificationFilter:
    """`since`: recorded on or after this day (Beijing); `acknowledged`: read or not yet (None: both)."""

    since: date | None = None
    acknowledged: bool | None = None
    contract_id: str | None = None


async def notification_page(filters: NotificationFilter, notifications: TaxNotifications, page: int, size: int
                            ) -> Page[TaxNotification]:
    return await notifications.listing(filters, page, size)


async def acknowledge(notification_id: str, client_id: str, notifications: TaxNotifications, now: Now
                      ) -> TaxNotification:
    decide = without_events(lambda n: tax_notifications.acknowledge(n, client_id, now()))
    return await change(notifications, notification_id, decide, what=WHAT)
