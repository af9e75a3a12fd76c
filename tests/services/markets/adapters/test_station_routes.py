"""Convenience service stations against the real FerretDB: siting, zero credit, reconciliation, exit."""
import pytest

from tests.services.markets.adapters.conftest import OFFICER
from tests.support.jobs import run_job, start_job

pytestmark = pytest.mark.infra

OPERATOR = {"name": "王师傅", "resident_id": "110105199003070017", "local_household_registration": True,
            "education": "high_school"}


def station(lon=116.4100, lat=39.9500, **overrides):
    return {"name": "和平里便民站", "lon": lon, "lat": lat, "applicant": OPERATOR, "agreement_start": "2026-01-01",
            "deposit": "2000.00"} | overrides


async def test_a_second_station_within_500_m_is_refused(api):
    outlets = [{"id": "p1", "name": "和平里邮局", "lon": 116.4300, "lat": 39.9500}]
    assert (await api.post("/stations/postal-outlets/import", outlets)).json()["imported"] == 1
    first = await api.post("/stations", station())
    assert first.status_code == 201, first.text
    near = await api.post("/stations", station(lat=39.9540))  # ≈ 444 m north of the first
    assert near.status_code == 422 and near.json()["errors"][0]["rule"] == "500-m-from-postal-network"
    by_post = await api.post("/stations", station(lon=116.4260, lat=39.9500))  # ≈ 340 m from the post office
    assert by_post.status_code == 422
    assert (await api.post("/stations", station(lat=39.9550))).status_code == 201  # ≈ 555 m


async def test_zero_credit_and_daily_reconciliation(api):
    sid = (await api.post("/stations", station())).json()["id"]
    assert (await api.post(f"/stations/{sid}/deposits", {"amount": "100", "on": "2026-11-20"})).status_code == 200
    refused = await api.post(f"/stations/{sid}/transactions", {"amount": "100.01", "on": "2026-11-20"})
    assert refused.status_code == 409
    assert [(e["field"], e["rule"], e["balance"]) for e in refused.json()["errors"]] == [
        ("amount", "zero-credit", "100.00")]
    paid = await api.post(f"/stations/{sid}/transactions", {"amount": "60", "on": "2026-11-20"})
    assert paid.json()["balance"] == "40.00" and paid.json()["monthly_counts"] == {"2026-11": 1}
    closed = await api.post(f"/stations/{sid}/reconciliation", {"reported_balance": "40.00"})  # on: today
    assert closed.json()["reconciliations"] == [{
        "on": "2026-11-20", "opening": "0.00", "deposits": "100.00", "spent": "60.00", "count": 1, "closing": "40.00",
        "reported": "40.00", "difference": "0.00", "ledger_consistent": True}]


async def test_the_monthly_exit_review_retires_a_silent_station_with_an_event(api):
    sid = (await api.post("/stations", station())).json()["id"]
    review = {"month": "2026-10", "on": "2026-11-01"}
    bad = await start_job(api.client, "/api/v1/markets", "station-exit-review", review | {"month": "2026-13"})
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["month"]
    reviewed = await run_job(api.client, "/api/v1/markets", "station-exit-review", review, headers=OFFICER)
    assert reviewed.json()["exited"] == [sid]
    assert (await api.get(f"/stations/{sid}")).json()["status"] == "exited"
