"""Insured persons (参保人员) and their additions and removals (增减变动), processed from the 5th to the 25th."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from services.insurance.domain.calendar import Period, membership_window_open, next_window_opening
from services.insurance.domain.refusals import MEMBERSHIP_WINDOW, broken
from shared.errors import Conflict, InvalidInput, NotFound


class RemovalReason(StrEnum):
    TRANSFER_OUT = "transfer_out"      # 社会保险关系转移证明
    RETIREMENT = "retirement"          # 养老保险个人账户退休清算单
    ONE_OFF_WITHDRAWAL = "one_off_withdrawal"  # 社会保险一次性领取清算单
    DEATH = "death"
    OTHER = "other"

    @classmethod
    def after_separation(cls, reason: str) -> "RemovalReason":
        """A community worker's separation (workforce's reason): a retirement, else a transfer out."""
        return cls.RETIREMENT if reason == "retirement" else cls.TRANSFER_OUT


class WindowClosed(Conflict):
    code = "membership-window-closed"
    title = "Additions and removals are processed from the 5th to the 25th"


class AlreadyInsured(Conflict):
    code = "already-insured"
    title = "The person is already insured"


@dataclass(frozen=True)
class Member:
    resident_id: str
    employer_id: str
    name: str
    joined_on: date
    removed_on: date | None = None
    removal_reason: RemovalReason | None = None
    documents: tuple[str, ...] = ()  # the enrolment documents filed (`enrolment.EnrolmentDocument` values)
    transfer_certificate_id: str | None = None  # the 表二十二 the person was enrolled on
    documents_pending: bool = False  # enrolled by event without them: to be filed (`enrolment`)
    new_to_insurance: bool = False  # no earlier insured record here when enrolled (新参保人员: an ID copy is due)

    def insured_in(self, period: Period) -> bool:
        """In a month's statement when added by its 28th and not removed before the month began."""
        return self.joined_on <= period.day(28) and (self.removed_on is None or self.removed_on >= period.day(1))

    @property
    def active(self) -> bool:
        return self.removed_on is None


def valid_resident_id(value: str, field: str = "resident_id") -> str:
    """居民身份证号码 with its check digit (GB 11643), via python-stdnum."""
    try:
        return ric.validate(value)
    except ValidationError as exc:
        raise InvalidInput.on(field, "resident-id", f"{value!r} is not a valid resident ID: {exc}") from None


def require_window(on: date) -> None:
    if not membership_window_open(on):
        opening = next_window_opening(on)
        message = f"{on} is outside the 5th–25th window; the next window opens on {opening}"
        raise WindowClosed(message, errors=broken("on", "membership-window", message, article=MEMBERSHIP_WINDOW,
                                                  next_window_opens=opening.isoformat()))


def add_member(existing: Member | None, employer_id: str, resident_id: str, name: str, on: date, *,
               queued: bool = False, documents: tuple[str, ...] = (), transfer_certificate_id: str | None = None
               ) -> Member:
    """A direct addition must fall in the window; one arriving as an event is queued to the next window opening.
    `documents` were checked by `enrolment.check_documents`; an addition without any is pending its documents."""
    if not queued:
        require_window(on)
    if existing is not None and existing.active:
        where = "this unit" if existing.employer_id == employer_id else "another unit"
        message = f"{resident_id} is already insured with {where}"
        raise AlreadyInsured(message, errors=broken("resident_id", "insured-once", message))
    return Member(valid_resident_id(resident_id), employer_id, name, next_window_opening(on),
                  documents=documents, transfer_certificate_id=transfer_certificate_id,
                  documents_pending=not documents, new_to_insurance=existing is None)


def remove_member(member: Member | None, employer_id: str, resident_id: str, reason: RemovalReason, on: date, *,
                  queued: bool = False) -> Member:
    """A removal of someone insured here, in the window (or queued to it when it arrives as an event)."""
    if not queued:
        require_window(on)
    if member is None or not member.active or member.employer_id != employer_id:
        message = f"{resident_id} is not insured with employer {employer_id}"
        raise NotFound(message, errors=broken("resident_id", "insured-here", message))
    return replace(member, removed_on=next_window_opening(on), removal_reason=reason)


def separate_on_deregistration(member: Member, employer_id: str, on: date) -> Member | None:
    """A deregistered unit's insured person leaves it on the day the unit's obligation ended (登记管理办法 第十一条),
    transferred out (the transfer certificate follows): not queued to a window, since the unit no longer exists to
    file the removal. None when the person is not (or no longer) insured with the unit."""
    if not member.active or member.employer_id != employer_id:
        return None
    return replace(member, removed_on=on, removal_reason=RemovalReason.TRANSFER_OUT)
