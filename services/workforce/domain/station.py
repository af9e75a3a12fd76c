"""A service station's posts (岗位设置) and what its staffing must include (社区服务站建设管理办法 第十一条, 第十九条).

第十一条: the station sets its posts, approved by the street office — the six standing posts (常设岗位) and,
"according to the community's circumstances", 1–2 special posts (特设岗位). 第十九条: a station generally has one
head and one deputy head (站长、副站长各1名), who may be committee or party-organisation leaders holding the post
concurrently. The check reports what is missing rather than refusing the record: the record is what the street
approved, and the officer fixes the station by hiring or approving posts, then reads the check again.

The posts' names are registry's (its station record, `services/registry/domain/station.py`, the same six keys).
Registry keeps the station as a facility (name, space, hours) for its compliance report; the posts the street
office approves are recorded here, with the staffing they are filled from, because the head and deputy are
found among the street office's workers, which only workforce knows.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.workforce.domain.positions import Post
from shared.errors import ProblemCollector

ARTICLE_POSTS = "社区服务站建设管理办法 第十一条"
ARTICLE_HEADS = "社区服务站建设管理办法 第十九条"
STANDING_POSTS = (
    "employment_labour_rights",      # 就业服务与劳动维权
    "welfare_social_security",       # 社会福利与社会保障
    "population_family_planning_health",  # 人口计生与公共卫生
    "public_security_governance",    # 社区治安与综合治理
    "mass_organisations",            # 社区群团组织
    "general_affairs",               # 社区综合事务
)
SPECIAL_POSTS_MIN, SPECIAL_POSTS_MAX = 1, 2  # 灵活设置1—2个特设岗位


@dataclass(frozen=True)
class StationPosts:
    """The posts the street office approved for the station of community `id` (审核批准), on `approved_on`."""

    id: str
    standing: tuple[str, ...]
    special: tuple[str, ...]
    approved_on: date


@dataclass(frozen=True)
class Finding:
    rule: str
    article: str
    message: str


def record_posts(community_id: str, standing: Iterable[str], special: Iterable[str],
                 approved_on: date) -> StationPosts:
    """The approved posts, well formed (standing posts by their names, special posts named once each); how many
    special posts there are is the check's concern, not a refusal (see the module's docstring)."""
    problems = ProblemCollector()
    standing, special = tuple(dict.fromkeys(standing)), tuple(dict.fromkeys(s.strip() for s in special))
    for i, name in enumerate(standing):
        if name not in STANDING_POSTS:
            problems.add(f"standing.{i}", "standing-post", f"one of {list(STANDING_POSTS)}", ARTICLE_POSTS)
    for i, name in enumerate(special):
        if not name or name in STANDING_POSTS:
            problems.add(f"special.{i}", "special-post-name", "a special post is named, and is not a standing one",
                         ARTICLE_POSTS)
    problems.raise_if_any("The station's posts cannot be recorded")
    return StationPosts(community_id, standing, special, approved_on)


def station_findings(posts: StationPosts | None, held: Iterable[Post]) -> list[Finding]:
    """Everything the station lacks: a head and a deputy head among its active workers' posts (held
    concurrently counts), approved posts, the six standing posts, and 1–2 special posts. Empty: compliant."""
    held = set(held)
    findings = [Finding(rule, ARTICLE_HEADS, f"no active worker holds the {label} post")
                for post, rule, label in ((Post.STATION_HEAD, "station-head", "station head (站长)"),
                                          (Post.STATION_DEPUTY_HEAD, "station-deputy-head", "deputy head (副站长)"))
                if post not in held]
    if posts is None:
        return findings + [Finding("station-posts-approved", ARTICLE_POSTS,
                                   "the street office has approved no posts for this station")]
    missing = [p for p in STANDING_POSTS if p not in posts.standing]
    if missing:
        findings.append(Finding("standing-posts", ARTICLE_POSTS, f"standing posts not set: {missing}"))
    if not SPECIAL_POSTS_MIN <= len(posts.special) <= SPECIAL_POSTS_MAX:
        findings.append(Finding("special-posts-1-to-2", ARTICLE_POSTS,
                                f"{len(posts.special)} special posts; a station sets 1 or 2"))
    return findings
