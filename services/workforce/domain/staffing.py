"""Staffing norms (人员配备标准) for community workers, in two profiles.

Rounding, where the texts are silent: "1 per N households" counts every started block of N (rounds up, never
under-staffs); "+1 per N migrants" (增配) adds one per full N only.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.workforce.domain.positions import STATION_POSTS, Post
from shared.events.base import Event
from shared.events.workforce import StaffingCounted, StaffingShortfall


class Profile(StrEnum):
    BEIJING = "beijing"   # 社区服务站建设管理办法 第十八条
    WENZHOU = "wenzhou"   # 温州城乡社区规范化建设暂行办法


@dataclass(frozen=True)
class Community:
    """Workforce's projection of a registry community. `effective_on` is the date of the district's decision
    the figures come from (None when loaded by hand); an abolished community (撤销) keeps its record, flagged."""

    id: str
    name: str
    rural: bool
    households: int
    migrants: int = 0
    profile: Profile = Profile.BEIJING
    district_code: str = ""
    effective_on: date | None = None
    abolished_on: date | None = None
    merged_into: str | None = None

    @property
    def abolished(self) -> bool:
        return self.abolished_on is not None


@dataclass(frozen=True)
class Verdict:
    """The last staffing verdict on a community: whether it was short, and the count last published."""

    short: bool = False
    counted: int = 0


@dataclass(frozen=True)
class ProjectedCommunity:
    """A community of the projection with its last staffing verdict: stored together, so the record, the verdict
    and the counted / shortfall events they produce are one write. `active_workers` counts every active worker
    of the community (the verdict counts only those the norm counts), recounted with the verdict: an abolished
    community with active workers awaits their reassignment."""

    community: Community
    verdict: Verdict = Verdict()
    active_workers: int = 0
    station_workers: int | None = None  # those holding a station post (None: stored before it was kept)

    @property
    def id(self) -> str:
        return self.community.id


def _per_started(count: int, per: int) -> int:
    return -(-count // per)


def station_staff_quota(households: int, rural: bool) -> int:
    """社区服务站人员配备: urban 1 full-time worker per 500 households, 3 under 1 500 households; rural 1 per 300,
    2 under 600 households."""
    per, floor_below, minimum = (300, 600, 2) if rural else (500, 1500, 3)
    return minimum if households < floor_below else max(minimum, _per_started(households, per))


def wenzhou_worker_quota(households: int, migrants: int) -> int:
    """温州: 每个社区的专职社区工作者应不少于5人, 2000户以上按每400户配备1人; 新居民每2000人增配1人."""
    by_households = _per_started(households, 400) if households >= 2000 else 0
    return max(5, by_households) + migrants // 2000


def police_assistant_quota(migrants: int) -> int:
    """温州: 社区协警按照新居民每500人增配1名."""
    return migrants // 500


def required_under(profile: Profile, community: Community) -> int:
    """The norm's figure from registry's inputs: households (and urban/rural) for Beijing; households and
    migrants for Wenzhou."""
    if profile is Profile.WENZHOU:
        return wenzhou_worker_quota(community.households, community.migrants)
    return station_staff_quota(community.households, community.rural)


def required_workers(community: Community) -> int:
    return required_under(community.profile, community)


@dataclass(frozen=True)
class ProfileComparison:
    profile: Profile
    required: int
    actual: int | None
    shortfall: int | None
    police_assistants_required: int | None


def compare_profiles(projected: ProjectedCommunity) -> list[ProfileComparison]:
    """Like for like (温州 as the second compliance profile): the same community, the same registry inputs
    (households, urban/rural, migrants) and the same active workers, under each norm — each norm counting whom it
    counts (Beijing the station's full-time staff, 第十八条; Wenzhou every full-time community worker). A count not
    stored yet (records from before it was kept) is None until the community's next recount."""
    community = projected.community
    counted = {Profile.BEIJING: projected.station_workers, Profile.WENZHOU: projected.active_workers}
    counted[community.profile] = projected.verdict.counted
    rows = []
    for profile in Profile:
        required, actual = required_under(profile, community), counted[profile]
        rows.append(ProfileComparison(profile, required, actual,
                                      None if actual is None else shortfall(required, actual),
                                      police_assistant_quota(community.migrants)
                                      if profile is Profile.WENZHOU else None))
    return rows


def shortfall(required: int, actual: int) -> int:
    return max(required - actual, 0)


def counts_toward(profile: Profile, posts: Iterable[Post]) -> bool:
    """The Beijing norm counts the service station's full-time staff; the Wenzhou norm every community worker."""
    return profile is Profile.WENZHOU or any(p in STATION_POSTS for p in posts)


def review(community: Community, before: Verdict, actual: int, today: date) -> tuple[Verdict, list[Event]]:
    """The verdict after a change. A count that differs from the one last published is published
    (`workforce.staffing.counted`); a shortfall that opens (was not short before) is published once. An abolished
    community has no norm any more: never short, though its count is still reported while workers remain."""
    events: list[Event] = []
    if actual != before.counted:
        events.append(StaffingCounted(community_id=community.id, actual=actual, counted_on=today))
    required = 0 if community.abolished else required_workers(community)
    missing = shortfall(required, actual)
    if missing and not before.short:
        events.append(StaffingShortfall(community_id=community.id, profile=community.profile.value,
                                        required=required, actual=actual, shortfall=missing, detected_on=today))
    return Verdict(short=missing > 0, counted=actual), events
