"""The community worker (社区工作者) and the service agreement (服务协议) with the street office."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from services.workforce.domain.certificates import (ARTICLE_CERTIFICATE, CERTIFICATE_KINDS, Certificate,
                                                    CertificateException, OneChildCertificate,
                                                    holds_valid_certificate)
from services.workforce.domain.identity import birth_date_of, birthday_at_age, gender_of, valid_resident_id
from services.workforce.domain.positions import STATION_POSTS, Post, Tier, paid_tier, parse_posts
from services.workforce.domain.recruitment import MAX_AGE, Applicant, Education, Hukou, failed_conditions
from shared.errors import Conflict, FieldProblem, InvalidInput, ProblemCollector
from shared.events.workforce import WorkerHired, WorkerSeparated

RETIREMENT_AGE = {"male": 60, "female": 55}  # 男年满60周岁、女年满55周岁


class Kind(StrEnum):
    RECRUITED = "recruited"   # 招录: station staff by open exam; agreement term set by the district
    ELECTED = "elected"       # 选任: party organisation / residents' committee members; one agreement per term


class Grade(StrEnum):
    EXCELLENT = "excellent"     # 优秀
    PASS = "pass"               # 合格
    BASIC_PASS = "basic_pass"   # 基本合格
    FAIL = "fail"               # 不合格


@dataclass(frozen=True)
class Person:
    name: str
    resident_id: str
    gender: str
    birth_date: date
    education: Education
    fresh_graduate: bool
    hukou: Hukou


@dataclass(frozen=True)
class PostChange:
    effective_on: date
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class Objection:
    filed_on: date
    reason: str


@dataclass(frozen=True)
class Decision:
    decided_on: date
    grade: Grade
    by: str | None


@dataclass(frozen=True)
class Assessment:
    year: int
    grade: Grade
    task_completion: int   # percent of tasks completed
    satisfaction: int      # residents' satisfaction, percent
    notified_on: date      # written notice (书面通知)
    objection: Objection | None = None
    decision: Decision | None = None

    @property
    def final_grade(self) -> Grade:
        """The street's decision on an objection replaces the committee's grade; until then the grade stands."""
        return self.decision.grade if self.decision else self.grade


@dataclass(frozen=True)
class Training:
    year: int
    course: str
    completed_on: date
    result: str


@dataclass(frozen=True)
class Award:
    title: str
    awarded_on: date
    awarded_by: str


@dataclass(frozen=True)
class Renewal:
    signed_on: date
    term_end: date


@dataclass(frozen=True)
class Separation:
    on: date
    reason: str


@dataclass(frozen=True)
class Transfer:
    """调动 to another community of the same street office (the agreement and its employer stay)."""

    effective_on: date
    from_community: str
    to_community: str


@dataclass(frozen=True)
class Worker:
    id: str
    employer_id: str
    community_id: str
    kind: Kind
    person: Person
    start_date: date
    term_end: date
    retiree: bool
    posts_history: tuple[PostChange, ...]
    certificates: tuple[Certificate, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    trainings: tuple[Training, ...] = ()
    awards: tuple[Award, ...] = ()
    separation: Separation | None = None
    renewals: tuple[Renewal, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    certificate_exception: CertificateException | None = None
    one_child: OneChildCertificate | None = None

    @property
    def active(self) -> bool:
        return self.separation is None

    @property
    def posts(self) -> tuple[Post, ...]:
        return self.posts_history[-1].posts

    def posts_on(self, day: date) -> tuple[Post, ...]:
        held = [c.posts for c in self.posts_history if c.effective_on <= day]
        return held[-1] if held else self.posts_history[0].posts

    def tier_on(self, day: date) -> Tier:
        return paid_tier(self.posts_on(day))

    def in_service_between(self, first: date, last: date) -> bool:
        return self.start_date <= last and (self.separation is None or self.separation.on >= first)


@dataclass(frozen=True)
class Hire:
    """What the street office submits when a worker signs the service agreement."""

    employer_id: str
    community_id: str
    kind: str
    name: str
    resident_id: str
    education: str
    fresh_graduate: bool
    hukou: str
    posts: tuple[str, ...]
    start_date: date
    term_end: date
    closing_date: date | None = None
    retiree: bool = False
    certificates: tuple[Certificate, ...] = ()
    certificate_exception: str | None = None  # the street office's reason to hire without a valid certificate


def hire(worker_id: str, h: Hire, max_age: int = MAX_AGE) -> tuple[Worker, list[WorkerHired]]:
    """Sign the service agreement: every broken rule (resident ID, posts, term, recruitment conditions) at once."""
    problems = ProblemCollector()
    person = _person(h, problems)
    posts = parse_posts(h.posts)
    if not posts:
        problems.add("posts", "known-posts", f"one or more of {[p.value for p in Post]}")
    kind = _choice(Kind, h.kind, "kind", problems)
    if h.term_end <= h.start_date:
        problems.add("term_end", "term-after-start", "the agreement's term must end after its start")
    if kind is Kind.RECRUITED and person is not None:
        _recruitment(person, h, max_age, problems)
    if h.retiree and kind is not Kind.ELECTED:
        problems.add("retiree", "retirees-elected-only",
                     "only party-organisation or committee members may be working retirees (离退休人员)")
    for i, cert in enumerate(h.certificates):
        if cert.kind not in CERTIFICATE_KINDS:
            problems.add(f"certificates.{i}.kind", "certificate-kind", f"one of {list(CERTIFICATE_KINDS)}")
    exception = _certificate_exception(kind, posts, h, problems)
    problems.raise_if_any("The worker cannot be hired")
    worker = Worker(worker_id, h.employer_id, h.community_id, kind, person, h.start_date, h.term_end, h.retiree,
                    (PostChange(h.start_date, posts),), certificates=tuple(h.certificates),
                    certificate_exception=exception)
    return worker, [WorkerHired(worker_id=worker_id, employer_id=h.employer_id, person_name=person.name,
                                resident_id=person.resident_id, gender=person.gender,
                                position=worker.tier_on(h.start_date).value, start_date=h.start_date)]


def _person(h: Hire, problems: ProblemCollector) -> Person | None:
    resident_id = valid_resident_id(h.resident_id.strip())
    if resident_id is None:
        problems.add("person.resident_id", "resident-id-check-digit",
                     "not a valid resident ID (18 characters, birth date, area code, GB 11643 check digit)")
    if not h.name.strip():
        problems.add("person.name", "required", "the worker's name is required")
    education = _choice(Education, h.education, "person.education", problems)
    hukou = _choice(Hukou, h.hukou, "person.hukou", problems)
    if resident_id is None or education is None or hukou is None:
        return None
    return Person(h.name.strip(), resident_id, gender_of(resident_id), birth_date_of(resident_id), education,
                  h.fresh_graduate, hukou)


def _recruitment(person: Person, h: Hire, max_age: int, problems: ProblemCollector) -> None:
    if h.closing_date is None:
        problems.add("closing_date", "required", "recruited workers are checked on the application closing date")
        return
    applicant = Applicant(person.birth_date, person.education, person.fresh_graduate, person.hukou)
    for field_path, rule, message in failed_conditions(applicant, h.closing_date, max_age):
        problems.add(field_path, rule, message)


def certificate_expected(kind: Kind | None, posts: tuple[Post, ...] | None) -> bool:
    """Who the certificate is expected of: newly recruited station staff (新招录的社区服务站工作人员 — station
    head, deputy or staff recruited by open exam); elected committee and party members are not."""
    return kind is Kind.RECRUITED and bool(posts) and any(p in STATION_POSTS for p in posts)


def _certificate_exception(kind: Kind | None, posts: tuple[Post, ...] | None, h: Hire,
                           problems: ProblemCollector) -> CertificateException | None:
    """The certificate "expected" of new station staff (一般要持有), checked on the hiring date (`start_date`).
    "Generally" is neither a bar nor a wish: the officer expects the hire refused unless the street office
    records why it hires without one; that reason stays on the worker's record and in the archive."""
    if not certificate_expected(kind, posts) or holds_valid_certificate(h.certificates, h.start_date):
        return None
    reason = (h.certificate_exception or "").strip()
    if not reason:
        problems.add("certificates", "station-staff-certificate",
                     f"new station staff are expected to hold a social-worker (社会工作师 / 助理社会工作师) "
                     f"certificate or the Beijing community-worker qualification valid on {h.start_date}; "
                     f"give certificate_exception with the reason to hire without one", ARTICLE_CERTIFICATE,
                     hiring_date=h.start_date.isoformat())
        return None
    return CertificateException(reason, h.start_date)


def _choice(enum, value: str, field_path: str, problems: ProblemCollector):
    try:
        return enum(value)
    except ValueError:
        problems.add(field_path, "one-of", f"one of {[e.value for e in enum]}")
        return None


def change_posts(worker: Worker, posts: tuple[str, ...], effective_on: date) -> Worker:
    """岗位变化: the new posts apply from `effective_on`; pay follows the new tier with the years carried."""
    require_active(worker)
    parsed = parse_posts(posts)
    if not parsed:
        raise InvalidInput.on("posts", "known-posts", f"one or more of {[p.value for p in Post]}")
    if effective_on < worker.posts_history[-1].effective_on:
        raise InvalidInput.on("effective_on", "after-last-change", "a change cannot precede the current posts")
    return replace(worker, posts_history=worker.posts_history + (PostChange(effective_on, parsed),))


def record_one_child_certificate(worker: Worker, certificate: OneChildCertificate) -> Worker:
    """独生子女父母光荣证 recorded (or corrected): the one-child fee runs from its month of issue."""
    require_active(worker)
    if certificate.child_birth_date > certificate.issued_on:
        raise InvalidInput.on("child_birth_date", "child-born-before-issue",
                              "the certificate is issued after the child's birth")
    return replace(worker, one_child=certificate)


def add_certificate(worker: Worker, certificate: Certificate) -> Worker:
    if certificate.kind not in CERTIFICATE_KINDS:
        raise InvalidInput.on("kind", "certificate-kind", f"one of {list(CERTIFICATE_KINDS)}")
    return replace(worker, certificates=worker.certificates + (certificate,))


def renew_agreement(worker: Worker, renewal: Renewal) -> Worker:
    """The next service agreement (elected members: one per term, 一届一签; recruited: the district's term),
    signed before the current one ends and running past it."""
    require_active(worker)
    if renewal.signed_on > worker.term_end:
        raise InvalidInput.on("signed_on", "before-term-end", f"the current agreement ended on {worker.term_end}")
    if renewal.term_end <= worker.term_end:
        raise InvalidInput.on("term_end", "after-current-term", f"the new term must end after {worker.term_end}")
    return replace(worker, term_end=renewal.term_end, renewals=worker.renewals + (renewal,))


def retirement_date(worker: Worker) -> date:
    """招录的社区工作者: 男年满60周岁、女年满55周岁 retire."""
    return birthday_at_age(worker.person.birth_date, RETIREMENT_AGE[worker.person.gender])


def due_separation(worker: Worker, on: date) -> Separation | None:
    """What the daily watcher ends on `on`: recruited workers at retirement age; elected workers (including
    working retirees) at the end of their term — they may finish the term past the age (至本届任职期满)."""
    if not worker.active:
        return None
    if worker.kind is Kind.RECRUITED and retirement_date(worker) <= on:
        return Separation(retirement_date(worker), "retirement")
    if worker.kind is Kind.ELECTED and worker.term_end <= on:
        return Separation(worker.term_end, "term_ended")
    return None


def separate(worker: Worker, separation: Separation) -> tuple[Worker, list[WorkerSeparated]]:
    """End the agreement (辞职, 解聘, 退休, 任期届满); insurance removes the person from the account."""
    require_active(worker)
    if separation.on < worker.start_date:
        raise InvalidInput.on("on", "after-start", "a separation cannot precede the start of service")
    separated = replace(worker, separation=separation)
    return separated, [WorkerSeparated(worker_id=worker.id, employer_id=worker.employer_id,
                                       resident_id=worker.person.resident_id, reason=separation.reason,
                                       separated_on=separation.on)]


def require_active(worker: Worker) -> None:
    if not worker.active:
        raise WorkerSeparatedAlready(f"worker {worker.id} left on {worker.separation.on}")


class WorkerSeparatedAlready(Conflict):
    code = "worker-separated"
    title = "The worker has already left"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, errors=[FieldProblem("", "worker-active", detail)])
