"""A job's state transitions (pure): queued → running → succeeded | failed; a stopped run is taken over."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.jobs import model
from shared.jobs.model import JobFinished, JobStatus

T0 = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)


def queued():
    return model.new_job("j1", "month-statements", {"month": "2026-11"}, {"user": "u", "role": "ops"},
                         {"traceparent": "00-" + "1" * 32 + "-" + "2" * 16 + "-01"}, T0)


def test_a_new_job_is_queued_with_no_progress_and_no_times_but_its_creation():
    job = queued()
    assert (job.status, job.done, job.total, job.started_at, job.finished_at, job.attempts) == (
        JobStatus.QUEUED, 0, None, None, None, 0)
    assert not job.finished


def test_a_job_runs_reports_progress_and_succeeds_with_its_result():
    job = model.start(queued(), "host:1", T0 + timedelta(seconds=1))
    assert (job.status, job.runner, job.attempts) == (JobStatus.RUNNING, "host:1", 1)
    assert job.started_at == T0 + timedelta(seconds=1)
    job = model.advance(job, 2, 5)
    assert (job.done, job.total) == (2, 5)
    done = model.succeed(job, {"statements": 5}, T0 + timedelta(seconds=3))
    assert (done.status, done.result, done.done, done.total, done.finished_at) == (
        JobStatus.SUCCEEDED, {"statements": 5}, 5, 5, T0 + timedelta(seconds=3))
    assert done.finished


def test_a_failed_job_keeps_its_problem():
    job = model.fail(model.start(queued(), "h", T0), {"type": "x", "title": "no", "status": 409}, T0)
    assert job.status is JobStatus.FAILED and job.error["status"] == 409 and job.finished


def test_a_job_taken_over_counts_its_attempt_keeps_its_first_start_and_outcomes_and_starts_its_count_again():
    first = model.remember(model.advance(model.start(queued(), "a", T0), 3, 9), "e1", ["dunning"])
    second = model.start(first, "b", T0 + timedelta(minutes=1))
    assert (second.runner, second.attempts, second.started_at, second.done) == ("b", 2, T0, 0)
    assert second.outcomes == {"e1": ["dunning"]}


@pytest.mark.parametrize("end", [lambda j: model.succeed(j, {}, T0), lambda j: model.fail(j, {}, T0)])
def test_a_finished_job_never_changes_again(end):
    finished = end(model.start(queued(), "a", T0))
    for change in (lambda j: model.start(j, "b", T0), lambda j: model.advance(j, 1, 1),
                   lambda j: model.succeed(j, {}, T0), lambda j: model.fail(j, {}, T0),
                   lambda j: model.remember(j, "u", 1)):
        with pytest.raises(JobFinished):
            change(finished)


def test_a_queued_job_reports_no_progress_and_has_no_result_until_it_runs():
    with pytest.raises(JobFinished):
        model.advance(queued(), 1, 2)
    with pytest.raises(JobFinished):
        model.succeed(queued(), {}, T0)
    assert model.fail(queued(), {"title": "refused"}, T0).status is JobStatus.FAILED


@pytest.mark.parametrize(("done", "total"), [(-1, 3), (4, 3), (-1, None)])
def test_progress_is_a_count_of_units(done, total):
    with pytest.raises(ValueError):
        model.advance(model.start(queued(), "a", T0), done, total)
