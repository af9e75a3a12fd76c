"""Events workforce publishes: community workers (社区工作者)."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from shared.events.base import Event


class WorkerHired(Event):
    """A community worker signed a service agreement; insurance enrols the person with the street office's
    account in the next 5th–25th window. Carries the resident ID because enrolment needs it."""

    type: ClassVar[str] = "workforce.worker.hired"
    producer: ClassVar[str] = "workforce"
    consumers: ClassVar[tuple[str, ...]] = ()  # the consuming service adds itself with its handler

    worker_id: str
    employer_id: str  # the street office's registered employer id (its contribution account)
    person_name: str
    resident_id: str
    gender: Literal["male", "female"]
    position: Literal["head", "deputy", "staff"]
    start_date: date

    def subject(self) -> str:
        return self.worker_id
