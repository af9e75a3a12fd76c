"""Posts (职务) of community workers and the pay tier (待遇档次) each one carries."""
from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Tier(StrEnum):
    """正职 / 副职 / 一般工作人员."""

    HEAD = "head"
    DEPUTY = "deputy"
    STAFF = "staff"


class Post(StrEnum):
    PARTY_SECRETARY = "party_secretary"                      # 社区党组织书记
    COMMITTEE_DIRECTOR = "committee_director"                # 社区居委会主任
    STATION_HEAD = "station_head"                            # 社区服务站站长
    DEPUTY_PARTY_SECRETARY = "deputy_party_secretary"        # 社区党组织副书记
    COMMITTEE_DEPUTY_DIRECTOR = "committee_deputy_director"  # 社区居委会副主任
    STATION_DEPUTY_HEAD = "station_deputy_head"              # 社区服务站副站长
    PARTY_COMMITTEE_MEMBER = "party_committee_member"        # 社区党组织委员
    COMMITTEE_MEMBER = "committee_member"                    # 社区居委会委员
    STATION_STAFF = "station_staff"                          # 社区服务站工作人员


TIER_OF_POST: dict[Post, Tier] = {
    Post.PARTY_SECRETARY: Tier.HEAD, Post.COMMITTEE_DIRECTOR: Tier.HEAD, Post.STATION_HEAD: Tier.HEAD,
    Post.DEPUTY_PARTY_SECRETARY: Tier.DEPUTY, Post.COMMITTEE_DEPUTY_DIRECTOR: Tier.DEPUTY,
    Post.STATION_DEPUTY_HEAD: Tier.DEPUTY,
    Post.PARTY_COMMITTEE_MEMBER: Tier.STAFF, Post.COMMITTEE_MEMBER: Tier.STAFF, Post.STATION_STAFF: Tier.STAFF,
}
RANK: dict[Tier, int] = {Tier.HEAD: 3, Tier.DEPUTY: 2, Tier.STAFF: 1}
# Posts one community has exactly one holder of: a second active agreement for them is refused.
SINGLE_HOLDER_POSTS = frozenset(p for p, t in TIER_OF_POST.items() if t is not Tier.STAFF)
STATION_POSTS = frozenset({Post.STATION_HEAD, Post.STATION_DEPUTY_HEAD, Post.STATION_STAFF})


def paid_tier(posts: Iterable[Post]) -> Tier:
    """交叉任职 — 兼职不兼酬、就高不就低: one person holding several posts is paid once, at the highest tier."""
    tiers = [TIER_OF_POST[p] for p in posts]
    if not tiers:
        raise ValueError("a worker holds at least one post")
    return max(tiers, key=RANK.__getitem__)


def parse_posts(values: Iterable[str]) -> tuple[Post, ...] | None:
    """The posts named, de-duplicated in order; None if a name is not a post."""
    try:
        return tuple(dict.fromkeys(Post(v) for v in values))
    except ValueError:
        return None
