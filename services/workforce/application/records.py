"""A worker's records that announce nothing: certificates, year-end assessments (考核评议) and objections, central
training (集中培训) and awards (表彰). Each is one rule of the domain, applied under the worker's lock."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services.workforce.application.ports import Workers
from services.workforce.domain import records as rules
from services.workforce.domain import worker as worker_rules
from services.workforce.domain.worker import Award, Certificate, OneChildCertificate, Training, Worker
from shared.usecase import change, without_events


async def _record(worker_id: str, rule: Callable[[Worker], Worker], workers: Workers) -> Worker:
    return await change(workers, worker_id, without_events(rule), what="worker")


async def add_certificate(worker_id: str, certificate: Certificate, workers: Workers) -> Worker:
    """A social-work certificate registered (登记注册): the professional allowance runs from its month."""
    return await _record(worker_id, lambda w: worker_rules.add_certificate(w, certificate), workers)


async def record_one_child_certificate(worker_id: str, certificate: OneChildCertificate, workers: Workers) -> Worker:
    """独生子女父母光荣证 recorded: the one-child fee is in the payroll from its month of issue."""
    return await _record(worker_id, lambda w: worker_rules.record_one_child_certificate(w, certificate), workers)


async def record_assessment(worker_id: str, year: int, grade: str, task_completion: int, satisfaction: int,
                            notified_on: date, workers: Workers) -> Worker:
    return await _record(worker_id, lambda w: rules.record_assessment(w, year, grade, task_completion,
                                                                      satisfaction, notified_on), workers)


async def file_objection(worker_id: str, year: int, filed_on: date, reason: str, workers: Workers) -> Worker:
    return await _record(worker_id, lambda w: rules.file_objection(w, year, filed_on, reason), workers)


async def decide_objection(worker_id: str, year: int, decided_on: date, grade: str, by: str | None,
                           workers: Workers) -> Worker:
    """The street's decision on an objection, by the officer acting."""
    return await _record(worker_id, lambda w: rules.decide_objection(w, year, decided_on, grade, by), workers)


async def record_training(worker_id: str, training: Training, workers: Workers) -> Worker:
    return await _record(worker_id, lambda w: rules.record_training(w, training), workers)


async def record_award(worker_id: str, award: Award, workers: Workers) -> Worker:
    return await _record(worker_id, lambda w: rules.record_award(w, award), workers)
