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
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)

    worker_id: str
    employer_id: str  # the street office's registered employer id (its contribution account)
    person_name: str
    resident_id: str
    gender: Literal["male", "female"]
    position: Literal["head", "deputy", "staff"]
    start_date: date

    def subject(self) -> str:
        return self.worker_id


SeparationReason = Literal["retirement", "term_ended", "resignation", "dismissal"]


class WorkerSeparated(Event):
    """A community worker's service agreement ended (退休, 任期届满, 辞职, 解聘); insurance removes the insured
    person from the street office's account. Carries only what that removal needs."""

    type: ClassVar[str] = "workforce.worker.separated"
    producer: ClassVar[str] = "workforce"
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)

    worker_id: str
    employer_id: str  # the street office's registered employer id (its contribution account)
    resident_id: str
    reason: SeparationReason
    separated_on: date

    def subject(self) -> str:
        return self.worker_id


class StaffingShortfall(Event):
    """A community now has fewer workers than its staffing norm requires (社区工作者配备标准). Published when a
    change opens the shortfall, not again while it lasts."""

    type: ClassVar[str] = "workforce.staffing.shortfall"
    producer: ClassVar[str] = "workforce"
    informational: ClassVar[str] = (
        "No other service acts on it: the staffing norm is workforce's own (社区服务站建设管理办法 第十八条, or the "
        "Wenzhou profile), and the act it calls for, the street office's open recruitment (第十九条), is taken in "
        "workforce itself (POST /api/v1/workforce/vacancies). Street officers and district civil-affairs officers "
        "read the open shortfalls in GET /api/v1/workforce/staffing?short=true; registry gets the count from "
        "workforce.staffing.counted.")

    community_id: str
    profile: Literal["beijing", "wenzhou"]
    required: int
    actual: int
    shortfall: int
    detected_on: date

    def subject(self) -> str:
        return self.community_id


class StaffingCounted(Event):
    """A community's count of full-time workers changed (a hire, separation, transfer or post change). Registry
    projects it for the community compliance report (staffing required vs actual). `actual` counts the workers
    that count toward the station norm; the required figure is registry's own (it owns the households)."""

    type: ClassVar[str] = "workforce.staffing.counted"
    producer: ClassVar[str] = "workforce"
    consumers: ClassVar[tuple[str, ...]] = ("registry",)

    community_id: str
    actual: int
    counted_on: date

    def subject(self) -> str:
        return self.community_id
