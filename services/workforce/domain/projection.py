"""Applying registry's community records (社区设立 / 调整 / 撤销) to workforce's projection.

Each registry event carries the whole record and `effective_on`, the date of the district government's decision.
The newest decision wins, so an older event that arrives late (a retry, a redelivery) never overwrites a newer
one; on the same date the later arrival wins (a same-day correction). An abolition is a decision like the others:
it flags the record and keeps it, and a later-dated record (the community set up again) clears the flag.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.workforce.domain.staffing import Community, Profile

WENZHOU_DIVISION = "3303"  # 温州市: administrative division codes 3303xx


def profile_for(district_code: str) -> Profile:
    """Which staffing norm a newly projected community follows: Wenzhou's for its districts, else Beijing's."""
    return Profile.WENZHOU if district_code.startswith(WENZHOU_DIVISION) else Profile.BEIJING


def is_stale(current: Community | None, effective_on: date) -> bool:
    """An event decided before what the projection already holds."""
    return current is not None and current.effective_on is not None and effective_on < current.effective_on


def apply_record(current: Community | None, incoming: Community) -> Community | None:
    """The projection after registry stated `incoming` (registered or updated); None when it is stale.
    A profile chosen for the community (by hand) is kept; the abolition flag goes with the newer record."""
    if incoming.effective_on is None:
        raise ValueError("registry's records always carry effective_on")
    if is_stale(current, incoming.effective_on):
        return None
    return incoming if current is None else replace(incoming, profile=current.profile)


def abolish(current: Community | None, community_id: str, on: date, merged_into: str | None) -> Community | None:
    """撤销 (or merged into `merged_into`): the record stays, flagged, so its workers can be reassigned; None when
    stale. Abolished before it was ever projected (events out of order): a bare flagged record, so the older
    registration that arrives next is recognised as stale."""
    if is_stale(current, on):
        return None
    base = current or Community(community_id, name="", rural=False, households=0)
    return replace(base, effective_on=on, abolished_on=on, merged_into=merged_into)
