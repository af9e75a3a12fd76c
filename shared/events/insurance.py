"""Events insurance publishes: contribution accounts and collection (社会保险费征缴)."""
from __future__ import annotations

from datetime import date
from typing import ClassVar

from shared.events.base import Event


class AccountOpened(Event):
    """A contribution account was opened for a newly registered employer."""

    type: ClassVar[str] = "insurance.account.opened"
    producer: ClassVar[str] = "insurance"

    employer_id: str
    opened_on: date

    def subject(self) -> str:
        return self.employer_id
