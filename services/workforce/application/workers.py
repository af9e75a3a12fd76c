"""Use cases on one worker: load → decide (domain) → save; claims keep posts and persons unique."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from services.workforce.application.employers import References, checked
from services.workforce.application.ports import Claim, Claims, Workers
from services.workforce.application.staffing import StaffingDeps, review_staffing
from services.workforce.domain import records as records_rules
from services.workforce.domain import transfer as transfer_rules
from services.workforce.domain import worker as rules
from services.workforce.domain.identity import mask
from services.workforce.domain.positions import SINGLE_HOLDER_POSTS
from services.workforce.domain.worker import Hire, Renewal, Separation, Worker, WorkerSeparatedAlready
from services.workforce.domain.refusals import conflict
from shared.errors import Conflict, NotFound
from shared.jobs.progress import NO_PROGRESS, Progress
from shared.paging import PageRequest
from shared.repository import Page
from shared.usecase import change, without_events

log = logging.getLogger(__name__)


def claim_keys(worker: Worker) -> list[tuple[str, str]]:
    posts = [(f"post:{worker.community_id}:{p.value}", "one-active-agreement-per-post")
             for p in worker.posts if p in SINGLE_HOLDER_POSTS]
    person = hashlib.sha256(worker.person.resident_id.encode()).hexdigest()  # no ID in keys or error messages
    return [(f"person:{person}", "one-active-agreement-per-person")] + posts


async def claim(claims: Claims, keys: Sequence[tuple[str, str]], worker_id: str) -> None:
    """Claim every (key, rule) or none; a key already held raises Conflict naming its rule."""
    taken: list[str] = []
    for key, rule in keys:
        try:
            await claims.add(Claim(key, worker_id))
        except Conflict:
            await claims.release(taken)
            held = await claims.get(key)
            holder = held and held.worker_id
            raise conflict(f"already held by active worker {holder}", rule, held_by=holder) from None
        taken.append(key)


async def hire_worker(cmd: Hire, worker_id: str, workers: Workers, claims: Claims, staffing: StaffingDeps,
                      max_age: int, references: References | None = None) -> Worker:
    """The employer and the community named must be known from registry (when `references` are given)."""
    await checked(references, employer_id=cmd.employer_id, community_id=cmd.community_id)
    worker, events = rules.hire(worker_id, cmd, max_age)
    keys = claim_keys(worker)
    await claim(claims, keys, worker.id)
    try:
        await workers.add(worker, events)
    except BaseException:
        await claims.release([k for k, _ in keys])
        raise
    log.info("hired worker %s (%s) for %s", worker.id, mask(worker.person.resident_id), worker.community_id)
    await review_staffing(worker.community_id, staffing)
    return worker


async def get_worker(worker_id: str, workers: Workers) -> Worker:
    worker = await workers.get(worker_id)
    if worker is None:
        raise NotFound(f"no worker {worker_id}")
    return worker


async def search_workers(page: PageRequest, community_id: str | None, employer_id: str | None, status: str | None,
                         workers: Workers) -> Page[Worker]:
    """Workers by community, employer and status (`active` / `separated`), any of them left out; a page."""
    return await workers.listing(page, community_id=community_id, employer_id=employer_id, status=status)


async def archive(worker_id: str, workers: Workers) -> tuple[Worker, list[dict]]:
    """The worker and the timeline of the work archive (工作档案)."""
    worker = await get_worker(worker_id, workers)
    return worker, records_rules.archive(worker)


async def renew_agreement(worker_id: str, renewal: Renewal, workers: Workers) -> Worker:
    return await change(workers, worker_id, without_events(lambda w: rules.renew_agreement(w, renewal)),
                        what="worker")


async def change_posts(worker_id: str, posts: tuple[str, ...], effective_on: date, workers: Workers,
                       claims: Claims, staffing: StaffingDeps) -> Worker:
    before, changed = await _change_holding_posts(
        worker_id, lambda worker: rules.change_posts(worker, posts, effective_on), workers, claims)
    await review_staffing(before.community_id, staffing)
    return changed


async def transfer_worker(worker_id: str, to_community: str, effective_on: date, posts: tuple[str, ...],
                          workers: Workers, claims: Claims, staffing: StaffingDeps,
                          references: References | None = None) -> Worker:
    """调动: both communities are recounted (each publishes its new count). The community moved to must be known
    from registry and in force (when `references` are given)."""
    await checked(references, community_id=to_community)
    before, moved = await _change_holding_posts(
        worker_id, lambda worker: transfer_rules.transfer(worker, to_community, effective_on, posts), workers,
        claims)
    for community_id in (before.community_id, moved.community_id):
        await review_staffing(community_id, staffing)
    return moved


async def _change_holding_posts(worker_id: str, decide: Callable[[Worker], Worker], workers: Workers,
                                claims: Claims) -> tuple[Worker, Worker]:
    """A change of posts or community: claim the posts newly held first, release those given up after the save."""
    seen: dict[str, Any] = {}

    async def claiming(worker: Worker):
        changed = decide(worker)
        old, new = dict(claim_keys(worker)), dict(claim_keys(changed))
        added = [(k, r) for k, r in new.items() if k not in old]
        await claim(claims, added, worker_id)
        seen.update(before=worker, added=[k for k, _ in added], given_up=[k for k in old if k not in new])
        return changed, []

    try:
        changed = await change(workers, worker_id, claiming, what="worker")
    except BaseException:
        await claims.release(seen.get("added", []))
        raise
    await claims.release(seen["given_up"])
    return seen["before"], changed


async def separate_worker(worker_id: str, separation: Separation, workers: Workers, claims: Claims,
                          staffing: StaffingDeps) -> Worker:
    separated = await change(workers, worker_id, lambda worker: rules.separate(worker, separation), what="worker")
    await claims.release([k for k, _ in claim_keys(separated)])
    log.info("worker %s (%s) separated: %s", worker_id, mask(separated.person.resident_id), separation.reason)
    await review_staffing(separated.community_id, staffing)
    return separated


async def watch_separations(on: date, workers: Workers, claims: Claims, staffing: StaffingDeps,
                            progress: Progress = NO_PROGRESS) -> list[Worker]:
    """The daily watcher, run with an explicit date: retirements at 60/55 and elected terms that ended;
    `progress` counts the active workers gone through. The separated workers, by id.

    Safe to re-run (a job resumed after an interruption): only active workers are looked at, and a worker
    separated in the meantime is skipped, so nobody is separated twice; those the interrupted run separated are
    read back from `progress`."""
    done = {}
    active = await workers.search(status="active")
    await progress.begin(len(active))
    for worker in active:
        due = rules.due_separation(worker, on)
        if due is not None:
            try:
                done[worker.id] = await separate_worker(worker.id, due, workers, claims, staffing)
                await progress.remember(worker.id, True)
            except WorkerSeparatedAlready:
                pass  # left in the meantime (a resignation, another replica's watcher)
        await progress.advance()
    for worker_id in progress.remembered():
        if worker_id not in done and (earlier := await workers.get(worker_id)) is not None:
            done[worker_id] = earlier
    return [done[k] for k in sorted(done)]
