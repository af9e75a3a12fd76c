"""The vegetable-market layout plans (菜市场布局规划, 第六条) and their 5-year revision cycle.

Two levels: the city layout plan (总体布局规划: compiled by the city planning department with commerce and the
others, approved by the city government, 第六条第一款) and one detailed layout plan per district (详细布局规划和选址:
compiled by the district government from the city plan, 第六条第二款). Each is revised every 5 years (原则上每5年
修编一次, 第六条第三款): a revision records a new version and restarts the cycle; a temporary amendment for special
circumstances (临时修改, approved by the original procedure) records a new version too, but does not restart it —
the regulation counts the cycle from the 修编, and an officer expects a patched plan to be revised on schedule.

A district plan also gathers the replanning proposals (补建方案) markets made for gaps in the district's existing
residential areas (第八条第二款, 第十五条: the district government builds the markets an existing area lacks) as
pending cases; the district's next version takes every pending case in, since the revision is where the district
settles its sites. A proposal for a district whose plan markets has no version of yet opens the plan's record
without a version: such a plan is due at once (第六条 requires one). No I/O here.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from shared.errors import InvalidInput, ProblemCollector

ARTICLE = "第六条"
REVISION_CYCLE_YEARS = 5  # 菜市场布局规划原则上每5年修编一次
CITY_PLAN_ID = "city"
DISTRICT_PLAN = re.compile(r"^district-(1101\d{2})$")  # a Beijing district's 6-digit code
Scope = Literal["city", "district"]
VersionKind = Literal["revision", "amendment"]
APPROVED_BY = {"city": "city_government", "district": "district_government"}  # 第六条第一、二款


@dataclass(frozen=True)
class PlanVersion:
    number: int
    kind: VersionKind  # revision (修编) | amendment (临时修改)
    approved_on: date
    approved_by: str  # the authority the article names for the plan's level
    reference: str  # the approval's document number
    recorded_by: str
    recorded_on: date
    proposals: tuple[str, ...] = ()  # replanning proposals taken into this version


@dataclass(frozen=True)
class PendingCase:
    """A replanning proposal's gaps in this district, waiting for the district plan's next version."""

    proposal_id: str
    area_ids: tuple[str, ...]
    site_ids: tuple[str, ...]
    stopgap_areas: tuple[str, ...]
    cause: str
    opened_on: date


@dataclass(frozen=True)
class LayoutPlan:
    id: str
    scope: Scope
    district_code: str | None
    versions: tuple[PlanVersion, ...] = ()
    pending: tuple[PendingCase, ...] = ()

    @property
    def revised_on(self) -> date | None:
        """The approval date of the last revision (amendments do not count)."""
        revisions = [v.approved_on for v in self.versions if v.kind == "revision"]
        return max(revisions, default=None)

    @property
    def revision_due(self) -> date | None:
        return None if self.revised_on is None else revision_due(self.revised_on)


def revision_due(revised_on: date) -> date:
    """5 years after the last revision's approval (a 29 February approval falls due on 28 February)."""
    try:
        return revised_on.replace(year=revised_on.year + REVISION_CYCLE_YEARS)
    except ValueError:
        return revised_on.replace(year=revised_on.year + REVISION_CYCLE_YEARS, day=28)


def is_due(plan: LayoutPlan, on: date) -> bool:
    """Due for revision on `on`: its revision date has come (the anniversary itself included), or it has none."""
    return plan.revision_due is None or on >= plan.revision_due


def new_plan(plan_id: str) -> LayoutPlan:
    """The city plan (`city`) or a district's (`district-<code>`); any other id is a 422 naming the field."""
    if plan_id == CITY_PLAN_ID:
        return LayoutPlan(plan_id, "city", None)
    match = DISTRICT_PLAN.match(plan_id)
    if match is None:
        raise InvalidInput.on("layout_plan_id", "layout-plan-id",
                              f"{plan_id} names no layout plan: `city`, or `district-<a Beijing district code>`")
    return LayoutPlan(plan_id, "district", match.group(1))


def district_plan_id(district_code: str) -> str:
    return f"district-{district_code}"


def record_version(plan: LayoutPlan, kind: VersionKind, approved_on: date, reference: str, officer: str,
                   today: date) -> LayoutPlan:
    """A new version of the plan (修编 or 临时修改), approved on `approved_on` by the authority of its level; it takes
    in every pending case. Refused, naming the rule and 第六条: a date after today, a date before the last version's,
    a reference left blank, an amendment of a plan that has no version yet."""
    problems = ProblemCollector()
    last = plan.versions[-1] if plan.versions else None
    if approved_on > today:
        problems.add("on", "date-in-future", f"the approval date {approved_on} is after today {today}", ARTICLE)
    if last is not None and approved_on < last.approved_on:
        problems.add("on", "not-before-previous-version", f"version {last.number} was approved on "
                     f"{last.approved_on}; a later version cannot be approved before it", ARTICLE,
                     previous_approved_on=last.approved_on.isoformat())
    if not reference.strip():
        problems.add("reference", "required", "name the approval's document number", ARTICLE)
    if kind == "amendment" and plan.revised_on is None:
        problems.add("kind", "amendment-needs-a-plan", "a temporary amendment changes an approved plan: record the "
                     "plan's revision first", ARTICLE)
    problems.raise_if_any("The plan version cannot be recorded")
    version = PlanVersion(len(plan.versions) + 1, kind, approved_on, APPROVED_BY[plan.scope], reference.strip(),
                          officer, today, tuple(c.proposal_id for c in plan.pending))
    return dataclasses.replace(plan, versions=plan.versions + (version,), pending=())


def note_proposal(plan: LayoutPlan, case: PendingCase) -> LayoutPlan:
    """A replanning proposal's case, pending until the next version; once only, whether pending or taken in."""
    taken = {p for v in plan.versions for p in v.proposals}
    if case.proposal_id in taken or any(c.proposal_id == case.proposal_id for c in plan.pending):
        return plan
    return dataclasses.replace(plan, pending=plan.pending + (case,))


def cases_by_district(proposal_id: str, cause: str, opened_on: date, gap_areas: list[str],
                      site_covers: dict[str, list[str]], stopgap_areas: list[str],
                      district_of: dict[str, str]) -> dict[str, PendingCase]:
    """One case per district a proposal's gaps lie in (areas markets no longer knows are left out): its gaps,
    the sites that cover one of them, its stop-gap areas."""
    cases: dict[str, PendingCase] = {}
    for code in sorted({district_of[a] for a in gap_areas if a in district_of}):
        mine = tuple(a for a in gap_areas if district_of.get(a) == code)
        sites = tuple(s for s, covers in site_covers.items() if set(covers) & set(mine))
        stopgaps = tuple(a for a in stopgap_areas if district_of.get(a) == code)
        cases[code] = PendingCase(proposal_id, mine, sites, stopgaps, cause, opened_on)
    return cases
