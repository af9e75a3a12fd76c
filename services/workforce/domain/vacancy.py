"""Open recruitment of station staff (公开招考: 公开、平等、竞争、择优): a vacancy, its applications checked
against the conditions, exam scores, the ranking, and the hire of the best ranked."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from services.workforce.domain.identity import birth_date_of, valid_resident_id
from services.workforce.domain.positions import STATION_POSTS, Post
from services.workforce.domain.recruitment import MAX_AGE, Applicant, Education, Hukou, failed_conditions
from services.workforce.domain.worker import Certificate, Hire
from services.workforce.domain.refusals import conflict
from shared.errors import FieldProblem, InvalidInput, NotFound, ProblemCollector


@dataclass(frozen=True)
class Application:
    id: str
    name: str
    resident_id: str
    education: str
    fresh_graduate: bool
    hukou: str
    filed_on: date
    failed: tuple[tuple[str, str, str], ...]  # (field, rule, message) of every condition not met
    certificates: tuple[Certificate, ...] = ()
    score: Decimal | None = None
    worker_id: str | None = None

    @property
    def eligible(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class Vacancy:
    id: str
    employer_id: str
    community_id: str
    post: Post
    places: int
    closing_date: date
    term_end: date
    applications: tuple[Application, ...] = ()


def open_vacancy(vacancy_id: str, employer_id: str, community_id: str, post: str, places: int,
                 closing_date: date, term_end: date) -> Vacancy:
    problems = ProblemCollector()
    if post not in {p.value for p in STATION_POSTS}:
        problems.add("post", "station-post",
                     f"recruitment fills station posts: {sorted(p.value for p in STATION_POSTS)}")
    if places < 1:
        problems.add("places", "at-least-one", "at least one place")
    if term_end <= closing_date:
        problems.add("term_end", "term-after-closing", "the agreement's term ends after the closing date")
    problems.raise_if_any("The vacancy cannot be opened")
    return Vacancy(vacancy_id, employer_id, community_id, Post(post), places, closing_date, term_end)


def apply(vacancy: Vacancy, application_id: str, name: str, resident_id: str, education: str,
          fresh_graduate: bool, hukou: str, certificates: tuple[Certificate, ...], filed_on: date,
          max_age: int = MAX_AGE) -> tuple[Vacancy, Application]:
    """Record an application, checked against every condition on the closing date (ineligible ones are kept,
    with the conditions they fail, and never ranked)."""
    if filed_on > vacancy.closing_date:
        raise conflict(f"applications closed on {vacancy.closing_date}", "before-closing-date", field="on",
                       closing_date=vacancy.closing_date.isoformat())
    problems = ProblemCollector()
    rid = valid_resident_id(resident_id.strip())
    if rid is None:
        problems.add("resident_id", "resident-id-check-digit", "not a valid resident ID (GB 11643 check digit)")
    for field_path, enum, value in (("education", Education, education), ("hukou", Hukou, hukou)):
        if value not in {e.value for e in enum}:
            problems.add(field_path, "one-of", f"one of {[e.value for e in enum]}")
    problems.raise_if_any("The application is malformed")
    if any(a.resident_id == rid for a in vacancy.applications):
        raise conflict("this person has already applied for the vacancy", "one-application-per-person",
                       field="resident_id")
    applicant = Applicant(birth_date_of(rid), Education(education), fresh_graduate, Hukou(hukou))
    failed = tuple((f.removeprefix("person."), r, m) for f, r, m in
                   failed_conditions(applicant, vacancy.closing_date, max_age))
    application = Application(application_id, name.strip(), rid, education, fresh_graduate, hukou, filed_on, failed,
                              certificates)
    return replace(vacancy, applications=vacancy.applications + (application,)), application


def record_scores(vacancy: Vacancy, scores: dict[str, Decimal], today: date) -> Vacancy:
    """Exam scores (0–100) of eligible applications, after the closing date."""
    if today <= vacancy.closing_date:
        raise conflict(f"scores are recorded after the closing date {vacancy.closing_date}", "after-closing-date",
                       closing_date=vacancy.closing_date.isoformat())
    problems = ProblemCollector()
    known = {a.id: a for a in vacancy.applications}
    for app_id, score in scores.items():
        if app_id not in known or not known[app_id].eligible:
            problems.add(f"scores.{app_id}", "eligible-application", "no eligible application with this id")
        elif not Decimal(0) <= score <= Decimal(100):
            problems.add(f"scores.{app_id}", "score-range", "a score between 0 and 100")
    problems.raise_if_any("The scores cannot be recorded")
    apps = tuple(replace(a, score=scores[a.id]) if a.id in scores else a for a in vacancy.applications)
    return replace(vacancy, applications=apps)


def ranking(vacancy: Vacancy) -> list[Application]:
    """Eligible, scored applications, best score first; equal scores by who applied first (择优)."""
    scored = [a for a in vacancy.applications if a.eligible and a.score is not None]
    return sorted(scored, key=lambda a: (-a.score, a.filed_on, a.id))


def hire_from(vacancy: Vacancy, application_id: str, start_date: date,
              certificate_exception: str | None = None) -> Hire:
    """The hire of a ranked applicant within the places still open (best first); the certificate expected of new
    station staff is checked by the hire itself, on `start_date` (`worker.hire`)."""
    application = next((a for a in vacancy.applications if a.id == application_id), None)
    if application is None:
        raise NotFound(f"no application {application_id} for vacancy {vacancy.id}")
    if application.worker_id is not None:
        raise conflict("this applicant is already hired", "hired-once")
    if not application.eligible:
        raise InvalidInput("The applicant fails the recruitment conditions",
                           errors=[FieldProblem(*f) for f in application.failed])
    open_places = vacancy.places - sum(1 for a in vacancy.applications if a.worker_id)
    best = [a.id for a in ranking(vacancy) if a.worker_id is None][:max(open_places, 0)]
    if application_id not in best:
        raise conflict("only the best-ranked applicants fill the open places", "hire-by-ranking",
                       open_places=open_places)
    return Hire(vacancy.employer_id, vacancy.community_id, "recruited", application.name, application.resident_id,
                application.education, application.fresh_graduate, application.hukou, (vacancy.post.value,),
                start_date, vacancy.term_end, vacancy.closing_date, False, application.certificates,
                certificate_exception)


def mark_hired(vacancy: Vacancy, application_id: str, worker_id: str) -> Vacancy:
    apps = tuple(replace(a, worker_id=worker_id) if a.id == application_id else a for a in vacancy.applications)
    return replace(vacancy, applications=apps)

