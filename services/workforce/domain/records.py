"""Year-end assessment (考核评议), training (集中培训), awards (表彰) and the work archive (工作档案)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.workforce.domain.worker import (Assessment, Award, Decision, Grade, Objection, Training, Worker,
                                              WorkerSeparatedAlready)
from services.workforce.domain.refusals import conflict
from shared.errors import Conflict, InvalidInput, NotFound


ARTICLE_ASSESSMENT = "北京市社区工作者管理办法 第六条(二)"  # 每年年终对社区工作者进行考核
ARTICLE_TRAINING = "北京市社区工作者管理办法 第六条(三)"  # 每年参加一次集中培训


class AssessmentClosed(Conflict):
    code = "assessment-decided"
    title = "The street has already decided on this assessment"


def parse_grade(value: str, field_path: str = "grade") -> Grade:
    """考核结果分为优秀、合格、基本合格、不合格四个等次 — nothing else."""
    try:
        return Grade(value)
    except ValueError:
        raise InvalidInput.on(field_path, "assessment-grade",
                              f"{value!r} is not one of the four grades {[g.value for g in Grade]}") from None


def record_assessment(worker: Worker, year: int, grade: str, task_completion: int, satisfaction: int,
                      notified_on: date) -> Worker:
    """The committee's year-end grade, on task completion and residents' satisfaction, notified in writing."""
    parsed = parse_grade(grade)
    if not worker.active:
        raise WorkerSeparatedAlready(f"worker {worker.id} left on {worker.separation.on}")
    if _find(worker, year) is not None:
        raise conflict(f"worker {worker.id} already has a grade for {year}", "one-assessment-a-year", field="year",
                       article=ARTICLE_ASSESSMENT)
    if notified_on.year < year:
        raise InvalidInput.on("notified_on", "after-year-end", "the written notice follows the year's assessment")
    for field_path, value in (("task_completion", task_completion), ("satisfaction", satisfaction)):
        if not 0 <= value <= 100:
            raise InvalidInput.on(field_path, "percent", "a percentage between 0 and 100")
    assessment = Assessment(year, parsed, task_completion, satisfaction, notified_on)
    return replace(worker, assessments=_sorted(worker.assessments + (assessment,)))


def file_objection(worker: Worker, year: int, filed_on: date, reason: str) -> Worker:
    """The worker may object to the street (向街道提出异议) — once, and only before the street decided."""
    assessment = _existing(worker, year)
    if assessment.decision is not None:
        raise conflict(f"the {year} assessment was decided on {assessment.decision.decided_on}",
                       "objection-before-decision", kind=AssessmentClosed)
    if assessment.objection is not None:
        raise conflict(f"an objection to the {year} assessment is already filed", "one-objection")
    if filed_on < assessment.notified_on:
        raise InvalidInput.on("on", "after-notice", "an objection follows the written notice")
    return _replace(worker, replace(assessment, objection=Objection(filed_on, reason)))


def decide_objection(worker: Worker, year: int, decided_on: date, grade: str, by: str | None) -> Worker:
    """The street decides (upholds or changes the grade); the decision is final here."""
    parsed = parse_grade(grade)
    assessment = _existing(worker, year)
    if assessment.objection is None:
        raise conflict(f"no objection to the {year} assessment to decide", "objection-required")
    if assessment.decision is not None:
        raise conflict(f"the {year} assessment was decided on {assessment.decision.decided_on}", "one-decision",
                       kind=AssessmentClosed)
    if decided_on < assessment.objection.filed_on:
        raise InvalidInput.on("on", "after-objection", "the decision follows the objection")
    return _replace(worker, replace(assessment, decision=Decision(decided_on, parsed, by)))


def record_training(worker: Worker, training: Training) -> Worker:
    """区(县)组织社区工作者每年参加一次集中培训: one central course a year, recorded in the archive."""
    if any(t.year == training.year for t in worker.trainings):
        raise conflict(f"worker {worker.id} already attended the {training.year} central course",
                       "one-central-course-a-year", field="year", article=ARTICLE_TRAINING)
    if training.completed_on.year != training.year:
        raise InvalidInput.on("completed_on", "within-year", "the course is completed within its year")
    return replace(worker, trainings=worker.trainings + (training,))


def record_award(worker: Worker, award: Award) -> Worker:
    if not award.title.strip():
        raise InvalidInput.on("title", "required", "the award's title is required")
    return replace(worker, awards=worker.awards + (award,))


def passing_years_before(worker: Worker, year: int) -> int:
    """Years graded pass or better (合格及以上) before `year`: each raises the tenure allowance once."""
    return sum(1 for a in worker.assessments if a.year < year and a.final_grade in (Grade.EXCELLENT, Grade.PASS))


def grade_for(worker: Worker, year: int) -> Grade | None:
    found = _find(worker, year)
    return found.final_grade if found else None


def archive(worker: Worker) -> list[dict]:
    """档案: start of service, position changes, assessments, training, awards and the end, in date order."""
    entries = [{"on": worker.start_date, "kind": "start", "detail": {"posts": list(worker.posts_history[0].posts)}}]
    entries += [{"on": c.effective_on, "kind": "position_change", "detail": {"posts": list(c.posts)}}
                for c in worker.posts_history[1:]]
    entries += [{"on": t.effective_on, "kind": "transfer", "detail": {"from": t.from_community, "to": t.to_community}}
                for t in worker.transfers]
    entries += [{"on": r.signed_on, "kind": "agreement_renewed", "detail": {"term_end": r.term_end}}
                for r in worker.renewals]
    entries += [{"on": c.registered_on, "kind": "certificate", "detail": {"kind": c.kind, "number": c.number}}
                for c in worker.certificates]
    if worker.certificate_exception:
        entries.append({"on": worker.certificate_exception.recorded_on, "kind": "certificate_exception",
                        "detail": {"reason": worker.certificate_exception.reason}})
    for a in worker.assessments:
        entries.append({"on": a.notified_on, "kind": "assessment",
                        "detail": {"year": a.year, "grade": a.grade, "task_completion": a.task_completion,
                                   "satisfaction": a.satisfaction}})
        if a.objection:
            entries.append({"on": a.objection.filed_on, "kind": "objection",
                            "detail": {"year": a.year, "reason": a.objection.reason}})
        if a.decision:
            entries.append({"on": a.decision.decided_on, "kind": "objection_decision",
                            "detail": {"year": a.year, "grade": a.decision.grade, "by": a.decision.by}})
    entries += [{"on": t.completed_on, "kind": "training", "detail": {"year": t.year, "course": t.course,
                                                                       "result": t.result}} for t in worker.trainings]
    entries += [{"on": w.awarded_on, "kind": "award", "detail": {"title": w.title, "by": w.awarded_by}}
                for w in worker.awards]
    if worker.separation:
        entries.append({"on": worker.separation.on, "kind": "separation",
                        "detail": {"reason": worker.separation.reason}})
    return sorted(entries, key=lambda e: e["on"])


def _find(worker: Worker, year: int) -> Assessment | None:
    return next((a for a in worker.assessments if a.year == year), None)


def _existing(worker: Worker, year: int) -> Assessment:
    found = _find(worker, year)
    if found is None:
        raise NotFound(f"worker {worker.id} has no assessment for {year}")
    return found


def _replace(worker: Worker, assessment: Assessment) -> Worker:
    others = tuple(a for a in worker.assessments if a.year != assessment.year)
    return replace(worker, assessments=_sorted(others + (assessment,)))


def _sorted(assessments: tuple[Assessment, ...]) -> tuple[Assessment, ...]:
    return tuple(sorted(assessments, key=lambda a: a.year))
