"""A community's smart-community record (星级智慧社区): its applications, current stars, spot checks and sanctions.

One document per community (the community is referenced by id and name only), so naming an application and
changing the community's stars is one write.

    application: applied → recommended | not_recommended → on_notice | rejected → named | rejected
                 (any open one → withdrawn when the community is abolished or merged)
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum


from services.registry.domain import stars as rules
from services.registry.domain.community import Community
from services.registry.domain.problems import conflict, wrong_status
from shared.errors import InvalidInput, NotFound


class ApplicationStatus(StrEnum):
    APPLIED = "applied"
    RECOMMENDED = "recommended"
    NOT_RECOMMENDED = "not_recommended"
    ON_NOTICE = "on_notice"
    REJECTED = "rejected"
    NAMED = "named"
    WITHDRAWN = "withdrawn"    # the community was abolished or merged while the application was open


class Sanction(StrEnum):
    """第二十条: 批评、警告、限期整改、撤销荣誉称号."""

    NONE = "none"
    CRITICISM = "criticism"
    WARNING = "warning"
    RECTIFY = "rectify"
    REVOKE = "revoke"


OPEN = {ApplicationStatus.APPLIED, ApplicationStatus.RECOMMENDED, ApplicationStatus.ON_NOTICE}



@dataclass(frozen=True, kw_only=True)
class Objection:
    submitted_on: date
    text: str


@dataclass(frozen=True, kw_only=True)
class StarApplication:
    id: str
    year: int
    round: rules.StarRound
    indicators_met: int
    mechanism: bool
    requested_stars: int
    stars_before: int
    applied_on: date
    status: ApplicationStatus = ApplicationStatus.APPLIED
    recommended_on: date | None = None
    evaluated_on: date | None = None
    notice_from: date | None = None
    notice_last_day: date | None = None
    objections: tuple[Objection, ...] = ()
    decided_on: date | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SpotCheck:
    checked_on: date
    findings: str
    sanction: Sanction
    rectify_by: date | None = None
    stars_before: int
    stars_after: int


@dataclass(frozen=True, kw_only=True)
class HistoryEntry:
    on: date
    what: str
    stars_before: int
    stars_after: int
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class StarCommunity:
    id: str                          # the community's id in registry's community master data
    name: str
    stars: int = 0
    named_on: date | None = None
    applications: tuple[StarApplication, ...] = ()
    spot_checks: tuple[SpotCheck, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    closed_on: date | None = None    # the community was abolished or merged: the record is closed
    merged_into: str | None = None

    def application(self, application_id: str) -> StarApplication:
        found = next((a for a in self.applications if a.id == application_id), None)
        if found is None:
            raise NotFound(f"no star application {application_id}")
        return found

    def replaced(self, changed: StarApplication, **update) -> "StarCommunity":
        apps = tuple(changed if a.id == changed.id else a for a in self.applications)
        return replace(self, **{"applications": apps, **update})

    def noted(self, on: date, what: str, after: int, detail: str = "") -> "StarCommunity":
        entry = HistoryEntry(on=on, what=what, stars_before=self.stars, stars_after=after, detail=detail)
        return replace(self, history=(*self.history, entry), stars=after)


def title_since(community: StarCommunity) -> date | None:
    """The day the community's current title began (its naming from 0 stars), None if it holds none (第十条)."""
    if community.stars == 0 or community.closed_on is not None:
        return None
    return next((h.on for h in reversed(community.history) if h.what == "named" and h.stars_before == 0), None)


def titled_during(community: StarCommunity, year: int) -> bool:
    """Whether the community held a title at some time in `year` (from its history of namings and sanctions)."""
    before = [h for h in community.history if h.on.year < year]
    during = [h for h in community.history if h.on.year == year]
    return bool(before and before[-1].stars_after > 0) or any(h.stars_after > 0 or h.stars_before > 0
                                                              for h in during)


def check_candidate(community_id: str, community: Community | None) -> str:
    """第十四条: the applicant is a community registry keeps (社区), not abolished; returns its registered name."""
    if community is None:
        raise InvalidInput.on("community_id", "unknown-community", f"registry has no community {community_id}")
    if not community.active:
        raise InvalidInput.on("community_id", "community-abolished",
                              f"community {community_id} was abolished on {community.abolished_on}")
    return community.figures.name


def apply(community: StarCommunity, application_id: str, round_: rules.StarRound, indicators_met: int,
          mechanism: bool, requested: int, applied_on: date) -> StarCommunity:
    """第十四条第1项: a community applies by 31 October, once a year, for a level its counts allow."""
    rules.check_application_date(applied_on)
    if any(a.year == applied_on.year and a.status in OPEN | {ApplicationStatus.NAMED}
           for a in community.applications):
        raise conflict(f"community {community.id} already applied in {applied_on.year}", "one-application-a-year",
                       article="第十四条", year=applied_on.year)
    rules.check_request(round_, indicators_met, mechanism, requested, community.stars)
    application = StarApplication(id=application_id, year=applied_on.year, round=round_,
                                  indicators_met=indicators_met, mechanism=mechanism, requested_stars=requested,
                                  stars_before=community.stars, applied_on=applied_on)
    return replace(community, applications=(*community.applications, application))


def recommend(community: StarCommunity, application_id: str, recommended: bool, on: date,
              reasons: tuple[str, ...] = ()) -> StarCommunity:
    """第十四条第2项: the district's recommendation (逐级推荐), by 15 November."""
    app = _in(community, application_id, ApplicationStatus.APPLIED)
    rules.check_recommendation_date(app.applied_on, on)
    status = ApplicationStatus.RECOMMENDED if recommended else ApplicationStatus.NOT_RECOMMENDED
    return community.replaced(replace(app, status=status, recommended_on=on, reasons=reasons))


def evaluate(community: StarCommunity, application_id: str, approved: bool, on: date, notice_from: date | None,
             reasons: tuple[str, ...] = ()) -> StarCommunity:
    """第十四条第3项: the city panel evaluates (择优认定); an approved application goes on 7-day public notice."""
    app = _in(community, application_id, ApplicationStatus.RECOMMENDED)
    if on < app.recommended_on:
        raise InvalidInput.on("evaluated_on", "evaluate-after-recommendation",
                              f"the district recommended on {app.recommended_on}")
    if not approved:
        return community.replaced(replace(
            app, status=ApplicationStatus.REJECTED, evaluated_on=on, decided_on=on, reasons=reasons))
    if notice_from is None or notice_from < on:
        raise InvalidInput.on("notice_from", "notice-after-evaluation", f"the notice starts on or after {on}")
    return community.replaced(replace(
        app, status=ApplicationStatus.ON_NOTICE, evaluated_on=on, notice_from=notice_from,
        notice_last_day=rules.notice_last_day(notice_from), reasons=reasons))


def object_to(community: StarCommunity, application_id: str, submitted_on: date, text: str) -> StarCommunity:
    """An objection received during the 7-day notice (群众和社会的评议和监督)."""
    app = _in(community, application_id, ApplicationStatus.ON_NOTICE)
    rules.check_objection_date(app.notice_from, submitted_on)
    objection = Objection(submitted_on=submitted_on, text=text)
    return community.replaced(replace(app, objections=(*app.objections, objection)))


def name(community: StarCommunity, application_id: str, named_on: date, objection_upheld: bool,
         reasons: tuple[str, ...] = ()) -> StarCommunity:
    """第十五条: after the notice, the community is named at the requested level — unless an objection is upheld."""
    app = _in(community, application_id, ApplicationStatus.ON_NOTICE)
    rules.check_naming_date(app.notice_from, named_on)
    if objection_upheld and not app.objections:
        raise InvalidInput.on("objection_upheld", "objection-needed", "no objection was received during the notice")
    if objection_upheld:
        return community.replaced(replace(
            app, status=ApplicationStatus.REJECTED, decided_on=named_on, reasons=reasons))
    named = community.replaced(replace(app, status=ApplicationStatus.NAMED, decided_on=named_on),
                               named_on=named_on)
    return named.noted(named_on, "named", app.requested_stars, f"application {app.id}")


def spot_check(community: StarCommunity, checked_on: date, findings: str, sanction: Sanction,
               rectify_by: date | None) -> StarCommunity:
    """第十九–二十条: yearly spot checks of named communities; sanctions by severity, revocation drops the title."""
    if community.closed_on is not None:
        raise conflict(f"community {community.id} was abolished on {community.closed_on}", "community-abolished",
                       article="第二十条", closed_on=community.closed_on.isoformat())
    if community.stars == 0:
        raise conflict(f"community {community.id} holds no star title to check", "star-title-held",
                       article="第十九条", stars=community.stars)
    if sanction is Sanction.RECTIFY and (rectify_by is None or rectify_by <= checked_on):
        raise InvalidInput.on("rectify_by", "rectify-deadline", "a deadline to rectify after the check is required")
    after = 0 if sanction is Sanction.REVOKE else community.stars
    check = SpotCheck(checked_on=checked_on, findings=findings, sanction=sanction,
                      rectify_by=rectify_by if sanction is Sanction.RECTIFY else None,
                      stars_before=community.stars, stars_after=after)
    checked = replace(community, spot_checks=(*community.spot_checks, check))
    if sanction is Sanction.NONE:
        return checked
    return checked.noted(checked_on, f"sanction:{sanction.value}", after, findings)


def community_abolished(community: StarCommunity, effective_on: date, merged_into: str | None) -> StarCommunity:
    """第八、二十条 (动态管理) on `registry.community.abolished`: the title belongs to the community named (第十一、
    十五条); once it no longer exists its stars are withdrawn, its open applications withdrawn and the record
    closed. A merger does the same: the absorbing community keeps its own level (the indicators were met by each
    community alone, not by the merged whole) and is re-assessed at its next round; the merged one's title does not
    pass to it. The regulation is silent on mergers; this is what the city panel's certification rules imply.
    Already closed (a redelivered event): unchanged."""
    if community.closed_on is not None:
        return community
    what = f"merged into {merged_into}" if merged_into else "abolished"
    withdrawn = tuple(replace(a, status=ApplicationStatus.WITHDRAWN, decided_on=effective_on,
                              reasons=(*a.reasons, f"community {what}")) if a.status in OPEN else a
                      for a in community.applications)
    closed = replace(community, applications=withdrawn, closed_on=effective_on, merged_into=merged_into)
    return closed.noted(effective_on, "title withdrawn" if community.stars else "record closed", 0,
                        f"community {what}")


def _in(community: StarCommunity, application_id: str, status: ApplicationStatus) -> StarApplication:
    app = community.application(application_id)
    if app.status is not status:
        raise wrong_status("star-application", app.status.value, status.value,
                           f"star application {application_id} is {app.status.value}, not {status.value}")
    return app
