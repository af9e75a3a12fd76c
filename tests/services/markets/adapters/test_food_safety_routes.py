"""Food-safety inspections through the routes on FerretDB (第二十四、二十五条): the record with its findings, the
listings by result and duty, the refusals naming rule and article, and the public sampling results."""
import pytest

from tests.services.markets.adapters.conftest import OFFICER

pytestmark = pytest.mark.infra

ALL_MET = {"incoming_inspection": True, "certificate_retention": True, "purchase_sales_ledger": True,
           "withdrawal": True, "results_displayed": True}
LAB = {"means": "accredited_lab", "lab": "北京市食品检测中心", "accreditation": "CMA 2019001"}


def inspection(on="2026-11-18", testing=None, **duties):
    return {"on": on, "duties": ALL_MET | duties, "testing": testing or {"means": "own_equipment"}}


async def test_an_inspection_records_each_duty_and_names_the_ones_not_met(api):
    market_id = await api.existing()
    sample = {"sampled_on": "2026-11-10", "product": "韭菜", "passed": False, "tested_by": "北京市食品检测中心"}
    assert (await api.post(f"/{market_id}/samples", sample, **OFFICER)).status_code == 201
    deficient = await api.post(f"/{market_id}/food-safety-inspections",
                               inspection(testing={"means": "none"}, withdrawal=False, purchase_sales_ledger=False),
                               **OFFICER)
    assert deficient.status_code == 201, deficient.text
    body = deficient.json()
    assert (body["outcome"], body["inspector"], body["failed_products"]) == ("deficient", "officer-7", ["韭菜"])
    assert [(f["duty"], f["rule"], f["article"]) for f in body["duty_findings"]] == [
        ("purchase_sales_ledger", "purchase-sales-ledger", "第二十四条"),
        ("withdrawal", "withdrawal-of-non-compliant-food", "第二十四条"),
        ("testing", "testing-equipment-or-accredited-lab", "第二十五条")]
    compliant = await api.post(f"/{market_id}/food-safety-inspections", inspection("2026-11-20", LAB), **OFFICER)
    assert compliant.json()["outcome"] == "compliant", compliant.text

    listed = (await api.get("/food-safety-inspections", market_id=market_id)).json()
    assert [i["inspected_on"] for i in listed["items"]] == ["2026-11-18", "2026-11-20"]
    by_duty = (await api.get("/food-safety-inspections", duty="withdrawal")).json()["items"]
    assert [i["id"] for i in by_duty] == [body["id"]]
    assert (await api.get("/food-safety-inspections", outcome="compliant")).json()["total_count"] == 1
    assert (await api.get(f"/food-safety-inspections/{body['id']}")).json() == body

    public = await api.client.get(f"/api/v1/markets/{market_id}/food-safety")  # no role, no token: 抽检结果公示
    assert public.status_code == 200 and public.json()["samples"][0]["product"] == "韭菜"


async def test_refusals_name_the_rule_and_article(api):
    market_id = await api.existing()
    early = await api.post(f"/{market_id}/food-safety-inspections", inspection("2019-12-31"), **OFFICER)
    assert early.status_code == 422
    assert [(e["rule"], e["article"]) for e in early.json()["errors"]] == [("not-before-opening", "第二十四条")]
    incomplete = {"on": "2026-11-18", "duties": {"incoming_inspection": True}, "testing": {"means": "none"}}
    missing = await api.post(f"/{market_id}/food-safety-inspections", incomplete, **OFFICER)
    assert missing.status_code == 422 and "duties.withdrawal" in {e["field"] for e in missing.json()["errors"]}
    unknown = await api.post("/nope/food-safety-inspections", inspection(), **OFFICER)
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["rule"] == "unknown-market"
    assert (await api.get("/food-safety-inspections/fsi-nope")).json()["errors"][0]["rule"] == "unknown-inspection"
    street = await api.post(f"/{market_id}/food-safety-inspections", inspection(),
                            **{"X-Civic-Role": "street-officer", "X-Civic-User": "s1"})
    assert street.status_code == 403
