"""The job runner on the real FerretDB: a job runs to its result and reports progress; a job interrupted mid-way
is finished by another runner with the result of an uninterrupted run; two runners never run one job at once."""
import asyncio
import collections
from datetime import datetime, timezone

import pytest

from shared import mongo
from shared.errors import Conflict
from shared.jobs import model, runner as runner_module
from shared.jobs.model import JobStatus
from shared.jobs.runner import JobRunner
from shared.jobs.store import JobStore
from shared.mongo import BulkWriteError
from tests.support.runtime import until

pytestmark = pytest.mark.infra
UNITS = [f"u{i}" for i in range(6)]


@pytest.fixture
async def db(infra, namespace):
    client = mongo.connect(infra.mongo_url)
    yield client[f"{namespace}_jobs"]
    await client.close()


@pytest.fixture(autouse=True)
def every_progress_is_written(monkeypatch):
    monkeypatch.setattr(runner_module, "PROGRESS_EVERY_SECONDS", 0)


def runner(db, holder, work, *, lease_seconds=2.0):
    jobs = JobRunner(JobStore(db["jobs"]), db["leases"], holder, lease_seconds=lease_seconds, poll_seconds=0.1)
    jobs.register(work)
    return jobs


def job(job_id, kind="units", params=None):
    return model.new_job(job_id, kind, params or {}, {"user": "tester", "role": "ops"}, {},
                         datetime.now(timezone.utc))


class Units:
    """A use case over UNITS, idempotent per unit as the real ones are: each unit's record is keyed by the unit and
    inserted once; every third unit has an outcome to report. It can be held after `hold_after` units."""

    def __init__(self, db, hold_after=None):
        self.records, self.hold_after = db["unit_records"], hold_after
        self.reached, self.calls = asyncio.Event(), collections.Counter()
        self.active, self.most_active = collections.Counter(), 0

    async def __call__(self, params, progress, job_id):
        self.calls[job_id] += 1
        self.active[job_id] += 1
        self.most_active = max(self.most_active, self.active[job_id])
        try:
            return await self._run(params, progress, job_id)
        finally:
            self.active[job_id] -= 1

    async def _run(self, params, progress, job_id):
        flagged = list(progress.remembered())
        await progress.begin(len(UNITS))
        for n, unit in enumerate(UNITS):
            if n == self.hold_after:
                self.reached.set()
                await asyncio.Event().wait()  # held until the runner is stopped
            if await self._insert(f"{job_id}:{unit}") and n % 3 == 0:
                flagged.append(unit)
                await progress.remember(unit, True)
            await asyncio.sleep(params.get("pause", 0))
            await progress.advance()
        return {"flagged": sorted(flagged), "units": len(UNITS)}

    async def _insert(self, key):
        try:
            await self.records.insert_many([{"_id": key}], ordered=False)
            return True
        except BulkWriteError:
            return False  # written by an earlier, interrupted attempt


async def finished(store, job_id, timeout=20):
    async def ended():
        found = await store.get(job_id)
        return found if found and found.finished else None
    return await until(ended, timeout=timeout, what=f"job {job_id} to end")


async def test_a_job_runs_to_its_result_and_reports_its_progress_on_the_way(db):
    work = Units(db, hold_after=2)
    jobs = runner(db, "a", {"units": work})
    await jobs.submit(job("j1"))
    jobs.start()
    try:
        await asyncio.wait_for(work.reached.wait(), 10)
        running = await jobs.store.get("j1")
        assert (running.status, running.done, running.total, running.runner) == (JobStatus.RUNNING, 2, 6, "a")
        assert running.outcomes == {"u0": True}
    finally:
        await jobs.stop()
    work.hold_after = None
    again = runner(db, "a", {"units": work})
    again.start()
    try:
        done = await finished(again.store, "j1")
    finally:
        await again.stop()
    assert (done.status, done.result, done.done, done.total) == (
        JobStatus.SUCCEEDED, {"flagged": ["u0", "u3"], "units": 6}, 6, 6)
    assert done.finished_at >= done.started_at >= done.created_at


async def test_a_job_interrupted_mid_way_is_finished_by_another_runner_with_an_uninterrupted_runs_result(db):
    held = Units(db, hold_after=4)
    first = runner(db, "first", {"units": held})
    await first.submit(job("interrupted"))
    first.start()
    await asyncio.wait_for(held.reached.wait(), 10)
    await first.stop()  # the process stops mid-way: its job stays running, its lease is given up
    assert (await first.store.get("interrupted")).status is JobStatus.RUNNING

    whole = Units(db)
    second = runner(db, "second", {"units": whole})
    second.start()
    try:
        resumed = await finished(second.store, "interrupted")
        await second.submit(job("uninterrupted"))
        straight = await finished(second.store, "uninterrupted")
    finally:
        await second.stop()
    assert resumed.status is JobStatus.SUCCEEDED and resumed.result == straight.result
    assert (resumed.attempts, resumed.runner, straight.attempts) == (2, "second", 1)
    assert await db["unit_records"].count_documents({"_id": {"$regex": "^interrupted:"}}) == len(UNITS)


async def test_a_runner_that_died_holding_the_lease_is_replaced_once_its_lease_runs_out(db):
    held = Units(db, hold_after=1)
    dead = runner(db, "dead", {"units": held}, lease_seconds=1.0)
    await dead.submit(job("orphan"))
    dead.start()
    await asyncio.wait_for(held.reached.wait(), 10)
    for task in [dead._loop, *dead._running.values()]:  # killed: no clean stop, the lease is not given up
        task.cancel()
    await asyncio.gather(dead._loop, *dead._running.values(), return_exceptions=True)

    heir = runner(db, "heir", {"units": Units(db)}, lease_seconds=1.0)
    heir.start()
    try:
        done = await finished(heir.store, "orphan", timeout=15)
    finally:
        await heir.stop()
    assert (done.status, done.runner, done.result["flagged"]) == (JobStatus.SUCCEEDED, "heir", ["u0", "u3"])


async def test_two_runners_never_run_one_job_twice_at_once(db):
    work = Units(db)
    runners = [runner(db, name, {"units": work}) for name in ("left", "right")]
    ids = [f"j{i}" for i in range(4)]
    for job_id in ids:
        await runners[0].store.add(job(job_id, params={"pause": 0.05}))
    for jobs in runners:
        jobs.start()
    try:
        ended = [await finished(runners[0].store, job_id) for job_id in ids]
    finally:
        for jobs in runners:
            await jobs.stop()
    assert all(e.status is JobStatus.SUCCEEDED and e.attempts == 1 for e in ended)
    assert work.calls == {job_id: 1 for job_id in ids} and work.most_active == 1


async def test_a_refusal_fails_the_job_with_its_problem_and_an_unexpected_error_without_internals(db):
    async def refused(params, progress, job_id):
        raise Conflict("2026-11:statements has already run")

    async def broken(params, progress, job_id):
        raise RuntimeError("secret internals")

    jobs = runner(db, "a", {"refused": refused, "broken": broken})
    await jobs.submit(job("r", "refused"))
    await jobs.submit(job("b", "broken"))
    jobs.start()
    try:
        failed, crashed = await finished(jobs.store, "r"), await finished(jobs.store, "b")
    finally:
        await jobs.stop()
    assert failed.status is JobStatus.FAILED and failed.error["status"] == 409
    assert failed.error["detail"] == "2026-11:statements has already run" and failed.result is None
    assert crashed.status is JobStatus.FAILED and crashed.error["type"].endswith("/job-error")
    assert "secret" not in str(crashed.error)


async def test_a_runner_leaves_alone_the_kinds_it_does_not_know(db):
    jobs = runner(db, "a", {"units": Units(db)})
    await jobs.store.add(job("other", "someone-elses"))
    assert await jobs.poll() == []
    assert (await jobs.store.get("other")).status is JobStatus.QUEUED


async def test_a_job_that_ended_after_it_was_listed_is_not_run_again(db):
    """A runner lists a job, another runner finishes it and gives its lease up, then the first wins the lease."""
    work = Units(db)
    jobs = runner(db, "late", {"units": work})
    listed = job("ended")
    await jobs.store.add(listed)
    now = datetime.now(timezone.utc)
    await jobs.store.save(model.succeed(model.start(listed, "quick", now), {"flagged": []}, now))
    lease = jobs._lease("ended")
    assert await lease.is_leader()
    await jobs._attempt(listed, lease)
    ended = await jobs.store.get("ended")
    assert work.calls == {} and (ended.status, ended.runner, ended.result) == (
        JobStatus.SUCCEEDED, "quick", {"flagged": []})
    assert await db["leases"].count_documents({"job": "job:ended"}) == 0
