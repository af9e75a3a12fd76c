"""The rate table through the routes: an officer changes it, and it is charged from its date."""
import pytest

from tests.services.insurance.adapters.test_cycle_routes import _setup

pytestmark = pytest.mark.infra

TABLE = {"shares": {"pension": {"employer": "0.16", "individual": "0.08"},
                    "unemployment": {"employer": "0.005", "individual": "0.005"},
                    "maternity": {"employer": "0.008"}},
         "work_injury_by_class": {"1": "0.002", "2": "0.004"}}


async def test_only_an_officer_changes_rates_and_a_change_is_charged_from_the_next_month_start(api):
    cut = {**TABLE, "shares": {**TABLE["shares"], "pension": {"employer": "0.14", "individual": "0.08"}}}
    assert (await api.client.put("/api/v1/insurance/rates/2026-11-15", json=cut)).status_code == 403
    response = await api.client.put("/api/v1/insurance/rates/2026-11-15", json=cut,
                                    headers={"X-Civic-Role": "insurance-officer"})
    assert response.status_code == 204
    assert [t["effective_from"] for t in (await api.get("/rates")).json()["items"]] == ["2000-01-01", "2026-11-15"]
    await _setup(api, ("u1", "bank_debit"))
    await api.client.put("/api/v1/insurance/accounts/u1/industry-class", json={"industry_class": 2})
    await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})
    await api.job("month-statements", {"month": "2026-12", "on": "2026-12-28"})
    totals = [s["total"] for s in (await api.get("/accounts/u1/statements")).json()["items"]]
    assert totals == ["2620.00", "2420.00"]  # class-2 work injury 0.4 %; pension 16 % → 14 % from December


async def test_an_impossible_rate_is_refused_naming_the_field(api):
    bad = {**TABLE, "work_injury_by_class": {"1": "1.5"}}
    response = await api.client.put("/api/v1/insurance/rates/2027-01-01", json=bad,
                                    headers={"X-Civic-Role": "insurance-officer"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "work_injury_by_class.1"


async def test_a_table_charging_medical_insurance_is_refused_naming_article_4(api):
    """Medical insurance is collected by the medical-insurance fund (`InsuranceType`), not by this table."""
    medical = {**TABLE, "shares": {**TABLE["shares"], "medical": {"employer": "0.10", "individual": "0.02"}}}
    refused = await api.client.put("/api/v1/insurance/rates/2027-01-01", json=medical,
                                   headers={"X-Civic-Role": "insurance-officer"})
    assert refused.status_code == 422, refused.text
    assert [(e["field"], e["rule"]) for e in refused.json()["errors"]] == [("shares.medical", "insurance-type")]
    assert "第四条" in refused.json()["errors"][0]["article"]
    assert [t["effective_from"] for t in (await api.get("/rates")).json()["items"]] == ["2000-01-01"]
