"""Use cases on one worker: load → decide (domain) → save; claims keep posts and persons unique."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date

from services.workforce.adapters.workers import Claims, WorkerRepository
from services.workforce.application.staffing import StaffingDeps, review_staffing
from services.workforce.domain import transfer as transfer_rules
from services.workforce.domain import worker as rules
from services.workforce.domain.identity import mask
from services.workforce.domain.positions import SINGLE_HOLDER_POSTS
from services.workforce.domain.worker import Hire, Separation, Worker, WorkerSeparatedAlready
from shared.errors import NotFound

log = logging.getLogger(__name__)


def claim_keys(worker: Worker) -> list[tuple[str, str]]:
    posts = [(f"post:{worker.community_id}:{p.value}", "one-active-agreement-per-post")
             for p in worker.posts if p in SINGLE_HOLDER_POSTS]
    person = hashlib.sha256(worker.person.resident_id.encode()).hexdigest()  # no ID in keys or error messages
    return [(f"person:{person}", "one-active-agreement-per-person")] + posts


async def hire_worker(cmd: Hire, worker_id: str, workers: WorkerRepository, claims: Claims,
                      staffing: StaffingDeps, max_age: int) -> Worker:
    worker, events = rules.hire(worker_id, cmd, max_age)
    keys = claim_keys(worker)
    await claims.claim(keys, worker.id)
    try:
        async with workers.lock(worker.id):
            await workers.save(worker, events, loaded=None)
    except BaseException:
        await claims.release([k for k, _ in keys])
        raise
    log.info("hired worker %s (%s) for %s", worker.id, mask(worker.person.resident_id), worker.community_id)
    await review_staffing(worker.community_id, staffing)
    return worker


async def change_worker(worker_id: str, decide: Callable[[Worker], Worker], workers: WorkerRepository) -> Worker:
    """Any change that records no event: assessments, objections, training, awards, certificates."""
    async with workers.lock(worker_id):
        worker, loaded = await _existing(worker_id, workers)
        changed = decide(worker)
        await workers.save(changed, loaded=loaded)
    return changed


async def change_posts(worker_id: str, posts: tuple[str, ...], effective_on: date, workers: WorkerRepository,
                       claims: Claims, staffing: StaffingDeps) -> Worker:
    def decide(worker):
        return rules.change_posts(worker, posts, effective_on)

    before, changed = await _change_holding_posts(worker_id, decide, workers, claims)
    await review_staffing(before.community_id, staffing)
    return changed


async def transfer_worker(worker_id: str, to_community: str, effective_on: date, posts: tuple[str, ...],
                          workers: WorkerRepository, claims: Claims, staffing: StaffingDeps) -> Worker:
    """调动: both communities are recounted (each publishes its new count)."""
    def decide(worker):
        return transfer_rules.transfer(worker, to_community, effective_on, posts)

    before, moved = await _change_holding_posts(worker_id, decide, workers, claims)
    for community_id in (before.community_id, moved.community_id):
        await review_staffing(community_id, staffing)
    return moved


async def _change_holding_posts(worker_id: str, decide: Callable[[Worker], Worker], workers: WorkerRepository,
                                claims: Claims) -> tuple[Worker, Worker]:
    """A change of posts or community: claim the posts newly held first, release those given up after the save."""
    async with workers.lock(worker_id):
        worker, loaded = await _existing(worker_id, workers)
        changed = decide(worker)
        old, new = dict(claim_keys(worker)), dict(claim_keys(changed))
        added = [(k, r) for k, r in new.items() if k not in old]
        await claims.claim(added, worker_id)
        try:
            await workers.save(changed, loaded=loaded)
        except BaseException:
            await claims.release([k for k, _ in added])
            raise
        await claims.release([k for k in old if k not in new])
    return worker, changed


async def separate_worker(worker_id: str, separation: Separation, workers: WorkerRepository, claims: Claims,
                          staffing: StaffingDeps) -> Worker:
    async with workers.lock(worker_id):
        worker, loaded = await _existing(worker_id, workers)
        separated, events = rules.separate(worker, separation)
        await workers.save(separated, events, loaded=loaded)
    await claims.release([k for k, _ in claim_keys(worker)])
    log.info("worker %s (%s) separated: %s", worker.id, mask(worker.person.resident_id), separation.reason)
    await review_staffing(worker.community_id, staffing)
    return separated


async def watch_separations(on: date, workers: WorkerRepository, claims: Claims, staffing: StaffingDeps
                            ) -> list[Worker]:
    """The daily watcher, run with an explicit date: retirements at 60/55 and elected terms that ended."""
    done = []
    for worker in await workers.find(status="active"):
        due = rules.due_separation(worker, on)
        if due is None:
            continue
        try:
            done.append(await separate_worker(worker.id, due, workers, claims, staffing))
        except WorkerSeparatedAlready:
            continue  # left in the meantime (a resignation, another replica's watcher)
    return done


async def _existing(worker_id: str, workers: WorkerRepository):
    return await existing(workers, worker_id, "worker")


async def existing(repository, aggregate_id: str, what: str):
    """The aggregate and its loaded revision, or NotFound (404)."""
    found, loaded = await repository.load(aggregate_id)
    if found is None:
        raise NotFound(f"no {what} {aggregate_id}")
    return found, loaded
