"""A city-wide operation as a job, through the gateway with real tokens: the POST answers 202 at once, the job is
polled to its end, and its work is in the same trace as the request that started it."""
import secrets

import pytest

from shared.tracefile import read_spans
from tests.e2e.flows import account_of, register_employer
from tests.support.jobs import poll_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/insurance"


async def test_a_month_statements_job_runs_to_its_end_in_the_trace_of_the_post(secured_stack, officer_client):
    c = officer_client
    employer = await register_employer(c)
    await account_of(c, employer["id"])
    trace_id = secrets.token_hex(16)
    headers = {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}
    started = await c.post(f"{API}/jobs/month-statements", json={"month": "2026-11", "on": "2026-11-28"},
                           headers=headers)
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued" and started.headers["location"].startswith(f"{API}/jobs/")
    job = await poll_job(c, started.headers["location"])
    assert job["status"] == "succeeded", job
    assert job["result"] == {"period": "2026-11", "statements": job["progress"]["total_count"]}
    assert job["requested_by"]["user"] and job["finished_at"] >= job["started_at"] >= job["created_at"]

    def with_the_job():
        spans = read_spans(secured_stack.var_dir / "traces", trace_id)
        return spans if any(s["name"] == "job month-statements" for s in spans) else None

    spans = await until(with_the_job, timeout=30, what="the job's span in the POST's trace")
    job_span = next(s for s in spans if s["name"] == "job month-statements")
    assert job_span["service"] == "insurance" and job_span["attributes"]["civic.job.id"] == job["job_id"]
    by_id = {s["span_id"]: s for s in spans}
    assert job_span["parent_id"] in by_id, "the job continues the request's span"
    assert by_id[job_span["parent_id"]]["service"] == "insurance"
    assert "gateway" in {s["service"] for s in spans}
