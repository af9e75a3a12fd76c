"""A city-wide operation as a job, through the gateway with real tokens: the POST answers 202 at once, the job is
polled to its end, and its work is in the same trace as the request that started it."""
import pytest

from shared.tracefile import read_spans
from tests.e2e.flows import account_of, register_employer, spans_once
from tests.support.jobs import poll_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/insurance"


async def test_a_month_statements_job_runs_to_its_end_in_the_trace_of_the_post(secured_stack, officer_client):
    c = officer_client
    employer = await register_employer(c)
    await account_of(c, employer["id"])
    started = await c.post(f"{API}/jobs/month-statements", json={"month": "2026-11", "on": "2026-11-28"})
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued" and started.headers["location"].startswith(f"{API}/jobs/")
    job = await poll_job(c, started.headers["location"])
    assert job["status"] == "succeeded", job
    assert job["result"] == {"period": "2026-11", "statements": job["progress"]["total_count"]}
    assert job["requested_by"] == {"user": "insurance", "role": "insurance-officer"}
    assert job["finished_at"] >= job["started_at"] >= job["created_at"]

    def the_jobs_span():
        return next((s for s in read_spans(secured_stack.var_dir / "traces") if s["name"] == "job month-statements"
                     and s["attributes"].get("civic.job.id") == job["job_id"]), None)

    job_span = await until(the_jobs_span, timeout=30, what="the job's span")
    # Found by the job's id, not by a trace id the test sent: this process's own httpx instrumentation (set up by
    # any in-process test before) would replace a traceparent header with its own.
    spans = await until(lambda: spans_once(secured_stack, job_span["trace_id"], ("insurance", "POST /api/v1/insurance/jobs/month-statements")),
                        timeout=30, what="the request's spans")
    trace = {s["span_id"]: s for s in spans}
    assert job_span["service"] == "insurance" and job_span["parent_id"] in trace, "it continues the request's span"
    servers = {(s["service"], s["name"]) for s in trace.values() if s["kind"] == "SERVER"}
    assert ("insurance", "POST /api/v1/insurance/jobs/month-statements") in servers, servers
    assert any(service == "gateway" and name.startswith("POST ") for service, name in servers), servers
    assert trace[job_span["parent_id"]]["service"] == "insurance"
