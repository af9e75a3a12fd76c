"""Issue 23's contract rules reachable through the API on the real servers, each refusal naming its rule and
article: registered once (a unique index, 第三条), at the seller's locality (第三条 / 第十五条), income verified
after performance (第十七条), the seller's reward from 20 % (第二十二条), the fee on the realised turnover (第二十三条)."""
import asyncio

import pytest

from tests.services.contracts.adapters.payloads import (APPLICANT, BUYER_USCC, PERFORMED_ON, REGISTRAR,
                                                        application, refuse_review, register_review)

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"
SHANGHAI_SELLER = {"name": "上海浦东科技有限公司", "uscc": "91310115MA1FL0AB0P"}


def entry(response) -> tuple:
    first = response.json()["errors"][0]
    return response.status_code, first["field"], first["rule"], first.get("article")


async def test_a_contract_is_applied_for_once_even_by_two_filers_at_once(client):
    body = application()
    first, second = await asyncio.gather(*(client.post(f"{API}/applications", json=body, headers=headers)
                                           for headers in (APPLICANT, REGISTRAR)))
    assert sorted([first.status_code, second.status_code]) == [201, 409], (first.text, second.text)
    created, refused = (first, second) if first.status_code == 201 else (second, first)
    assert entry(refused) == (409, "title", "registered-once", "第三条")
    assert refused.json()["errors"][0]["contract_id"] == created.json()["id"]
    spaced = body | {"title": " " + body["title"].replace("技术", "技术 ") + " "}
    assert (await client.post(f"{API}/applications", json=spaced, headers=APPLICANT)).status_code == 409

    contract_id = created.json()["id"]
    refusal = await client.post(f"{API}/applications/{contract_id}/review", json=refuse_review("seals-incomplete-"
                                                                                                "or-mismatched"),
                                headers=REGISTRAR)
    assert refusal.json()["status"] == "refused", refusal.text
    again = await client.post(f"{API}/applications", json=body, headers=APPLICANT)
    assert again.status_code == 201, "a refused application frees the contract for a corrected one"


async def test_the_registrar_is_the_sellers_district_and_a_shanghai_sellers_contract_is_filed_by_the_buyer(client):
    wrong = await client.post(f"{API}/applications", json=application(registrar_code="110105"), headers=APPLICANT)
    assert entry(wrong) == (422, "registrar_code", "seller-locality-registrar", "第三条")
    assert wrong.json()["errors"][0]["expected"] == "110108"
    claimed = await client.post(f"{API}/applications", json=application(seller=SHANGHAI_SELLER), headers=APPLICANT)
    assert entry(claimed) == (422, "seller_in_beijing", "seller-locality", "第十五条")
    filing = application(seller=SHANGHAI_SELLER, seller_in_beijing=False, registrar_code="110105")
    filed = await client.post(f"{API}/applications", json=filing, headers=REGISTRAR)
    assert filed.status_code == 201 and filed.json()["kind"] == "filing", filed.text
    assert filed.json()["buyer"]["uscc"] == BUYER_USCC


async def test_income_after_performance_the_reward_floor_and_the_fee_on_the_realised_turnover(client):
    contract = (await client.post(f"{API}/applications", json=application("800000.00"), headers=APPLICANT)).json()
    await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(), headers=REGISTRAR)
    url = f"{API}/contracts/{contract['id']}"
    unrealised = (await client.get(f"{url}/invoice", headers=REGISTRAR)).json()
    assert unrealised["lines"][0]["amount"] == "0.00" and unrealised["total"] == "0.00"

    form = {"total": "600000.00", "costs": "100000.00"}
    not_performed = await client.post(f"{url}/income-verifications", json=form, headers=REGISTRAR)
    assert entry(not_performed) == (422, "performed_on", "after-performance", "第十七条")
    before_effect = await client.post(f"{url}/income-verifications", headers=REGISTRAR,
                                      json=form | {"performed_on": "2026-10-07"})
    assert entry(before_effect) == (422, "performed_on", "performed-after-effect", "第十七条")
    verified = await client.post(f"{url}/income-verifications", json=form | {"performed_on": PERFORMED_ON},
                                 headers=REGISTRAR)
    assert verified.status_code == 201 and verified.json()["performed_on"] == PERFORMED_ON, verified.text

    slip = {"party": "seller", "verification_id": verified.json()["id"]}
    low = await client.post(f"{url}/rewards", json=slip | {"ratio": "0.19"}, headers=REGISTRAR)
    assert entry(low) == (422, "ratio", "reward-floor", "第二十二条") and low.json()["errors"][0]["floor"] == "0.20"
    issued = await client.post(f"{url}/rewards", json=slip | {"ratio": "0.20"}, headers=REGISTRAR)
    assert issued.status_code == 201 and issued.json()["amount"] == "100000.00", issued.text

    invoice = (await client.get(f"{url}/invoice", headers=REGISTRAR)).json()
    assert [line["amount"] for line in invoice["lines"]] == ["600.00", "30.00"]  # 0.1 % of 600 000, not 800 000
