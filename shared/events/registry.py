"""Events registry publishes: employers' social-insurance registration (社会保险登记)."""
from __future__ import annotations

from datetime import date
from typing import ClassVar

from shared.events.base import Event


class EmployerRegistered(Event):
    """A unit is registered for social insurance (社会保险登记) and may now have a contribution account."""

    type: ClassVar[str] = "registry.employer.registered"
    producer: ClassVar[str] = "registry"

    employer_id: str
    name: str
    uscc: str
    district_code: str
    registered_on: date
    certificate_number: str | None = None
    unit_type: str | None = None

    def subject(self) -> str:
        return self.employer_id
