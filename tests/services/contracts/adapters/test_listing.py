"""docs/api.md in contracts on the real servers: one read path and a paged, filtered listing (an employer user only
its unit's contracts), business dates in the body (`on`, today in Beijing by default), decimal strings, rules named
inside `errors[]`, bounded path parameters."""
from datetime import date, timedelta

import pytest

from services.contracts.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry import EmployerRegistered
from shared.wiring import dependencies_of, event_handlers
from tests.services.contracts.adapters.payloads import (BUYER_USCC, DIRECTOR, HEAD, REGISTRAR, SELLER_USCC,
                                                        application, refuse_review, register_review)

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"
OTHER_USCC = "91110105MA01EFGH1R"


def unit_user(employer_id: str, user: str) -> dict:
    return {"X-Civic-Role": "employer-user", "X-Civic-User": user, "X-Civic-Employer": employer_id}


async def registered(container, employer_id: str, uscc: str) -> None:
    event = EmployerRegistered(employer_id=employer_id, name="Unit", uscc=uscc, district_code="110108",
                               registered_on=date(2026, 11, 2))
    handle = event_handlers(SUBSCRIPTIONS, dependencies_of(container))[EmployerRegistered.type]
    await handle(Envelope.wrap(event, source="/civic/registry"))


async def submit(client, body, headers=REGISTRAR) -> dict:
    response = await client.post(f"{API}/applications", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_registrars_page_and_filter_every_contract_an_employer_user_only_its_units(app_container):
    client, container = app_container
    await registered(container, "seller-unit", SELLER_USCC)
    ours = [await submit(client, application()) for _ in range(3)]
    classified = await submit(client, application(flags={"classified": True}))
    theirs = await submit(client, application(seller={"name": "别家公司", "uscc": OTHER_USCC}, registrar_code="110105",
                                              buyer={"name": "北京海淀科技有限公司", "uscc": SELLER_USCC}))
    await client.post(f"{API}/applications/{ours[0]['id']}/review", json=register_review(), headers=REGISTRAR)

    everything = (await client.get(f"{API}/contracts", headers=REGISTRAR, params={"size": 2})).json()
    assert everything["total_count"] == 5 and everything["size"] == 2 and len(everything["items"]) == 2
    second = (await client.get(f"{API}/contracts", headers=REGISTRAR, params={"size": 2, "page": 2})).json()
    third = (await client.get(f"{API}/contracts", headers=REGISTRAR, params={"size": 2, "page": 3})).json()
    listed = [c["id"] for page in (everything, second, third) for c in page["items"]]
    assert sorted(listed) == sorted(c["id"] for c in [*ours, classified, theirs])  # no overlap, nothing missed

    async def ids(headers=REGISTRAR, **params) -> set[str]:
        response = await client.get(f"{API}/contracts", headers=headers, params=params)
        assert response.status_code == 200, response.text
        return {c["id"] for c in response.json()["items"]}

    assert await ids(status="registered") == {ours[0]["id"]}
    assert await ids(seller_uscc=OTHER_USCC) == {theirs["id"]}
    assert await ids(registrar_code="110105") == {theirs["id"]}
    assert await ids(seller_uscc=SELLER_USCC.lower(), status="under_review") == {
        ours[1]["id"], ours[2]["id"], classified["id"]}

    seller_user = unit_user("seller-unit", "s-1")  # a party to every one of them, but classified is not its to see
    assert await ids(seller_user) == {c["id"] for c in [*ours, theirs]}
    outsider = unit_user("other-unit", "o-1")  # not known from registry: nothing, whatever it asks
    assert await ids(outsider) == set() and await ids(outsider, buyer_uscc=OTHER_USCC) == set()
    await registered(container, "other-unit", OTHER_USCC)
    assert await ids(outsider) == {theirs["id"]} and await ids(outsider, buyer_uscc=SELLER_USCC) == {theirs["id"]}
    assert await ids(outsider, status="registered") == set()


@pytest.mark.parametrize("params,field", [({"size": 201}, "size"), ({"page": 0}, "page"),
                                          ({"seller_uscc": "x" * 19}, "seller_uscc"),
                                          ({"registrar_code": "11010"}, "registrar_code"),
                                          ({"status": "lost"}, "status")])
async def test_bad_listing_parameters_are_422_naming_the_parameter(client, params, field):
    response = await client.get(f"{API}/contracts", headers=REGISTRAR, params=params)
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert field in str(response.json()["errors"])


async def test_an_application_has_one_read_path(client):
    contract = await submit(client, application())
    assert (await client.get(f"{API}/contracts/{contract['id']}", headers=REGISTRAR)).json()["id"] == contract["id"]
    assert (await client.get(f"{API}/applications/{contract['id']}", headers=REGISTRAR)).status_code in (404, 405)


@pytest.mark.parametrize("contract_id", ["x" * 65, "a%20b", "a.b"])
async def test_a_contract_id_no_contract_can_have_is_422_naming_it(client, contract_id):
    response = await client.get(f"{API}/contracts/{contract_id}", headers=REGISTRAR)
    assert response.status_code == 422 and "contract_id" in str(response.json()["errors"])


async def test_a_paper_application_is_accepted_on_the_day_the_registrar_records(client, clock):
    yesterday = clock.today - timedelta(days=1)
    contract = await submit(client, application(on=yesterday.isoformat()))
    assert contract["accepted_on"] == yesterday.isoformat()
    assert contract["decision_due"] == (yesterday + timedelta(days=30)).isoformat()
    assert (await submit(client, application()))["accepted_on"] == clock.today.isoformat()  # today in Beijing


@pytest.mark.parametrize("on,headers,rule", [
    ("2026-11-21", REGISTRAR, "not-in-future"),                        # the clock says 2026-11-20
    ("2026-09-30", REGISTRAR, "not-before"),                           # the contract was signed on 2026-10-01
    ("2026-11-19", {"X-Civic-Role": "employer-user", "X-Civic-User": "p"}, "accepted-on-filing"),
])
async def test_an_acceptance_day_that_cannot_be_is_422_naming_on(app_container, on, headers, rule):
    client, container = app_container
    response = await client.post(f"{API}/applications", json=application(on=on), headers=headers)
    assert response.status_code == 422, response.text
    assert [(e["field"], e["rule"]) for e in response.json()["errors"]] == [("on", rule)]
    assert await container.contracts.collection.count_documents({}) == 0


async def test_decisions_and_records_are_dated_on_the_day_given(client, clock):
    refused, contract = await submit(client, application()), await submit(client, application())
    clock.today += timedelta(days=5)
    day = (clock.today - timedelta(days=2)).isoformat()
    answer = await client.post(f"{API}/applications/{refused['id']}/review", headers=REGISTRAR,
                               json=refuse_review("terms-unclear") | {"on": day})
    assert answer.json()["refusal"]["on"] == day

    signed = await client.post(f"{API}/applications/{contract['id']}/review", headers=REGISTRAR,
                               json=register_review() | {"on": day})
    assert signed.json()["registered_on"] == day and signed.json()["registration_number"].startswith("2026-")
    url = f"{API}/contracts/{contract['id']}"
    before = await client.post(f"{url}/income-verifications", headers=REGISTRAR,
                               json={"total": "500000", "costs": "80000", "on": "2026-11-01",
                                     "performed_on": "2026-11-01"})
    assert before.status_code == 422 and before.json()["errors"][0]["rule"] == "not-before"
    verified = await client.post(f"{url}/income-verifications", headers=REGISTRAR,
                                 json={"total": 500000, "costs": "80000", "performed_on": "2026-11-01"})
    assert verified.json()["verified_on"] == clock.today.isoformat() and verified.json()["total"] == "500000.00"
    slip = await client.post(f"{url}/rewards", headers=REGISTRAR, json={
        "party": "seller", "ratio": 0.25, "verification_id": verified.json()["id"], "on": day})
    assert slip.status_code == 201, slip.text
    assert slip.json()["issued_on"] == day and slip.json()["ratio"] == "0.25" and slip.json()["base"] == "420000.00"


async def test_a_sign_off_out_of_turn_names_the_rule_and_article_inside_the_error(client, clock):
    contract = await submit(client, application("25000000.00"))
    clock.today += timedelta(days=3)
    await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(), headers=REGISTRAR)
    early = await client.post(f"{API}/applications/{contract['id']}/sign-off", headers=DIRECTOR)
    problem = early.json()
    assert early.status_code == 403 and "roles" not in problem and "rule" not in problem
    assert problem["errors"] == [{"field": "X-Civic-Role", "rule": "sign-off-order", "article": "第六条",
                                  "message": problem["errors"][0]["message"], "roles": ["registrar-head"]}]
    day = "2026-11-21"
    headed = await client.post(f"{API}/applications/{contract['id']}/sign-off", headers=HEAD, json={"on": day})
    signed = await client.post(f"{API}/applications/{contract['id']}/sign-off", headers=DIRECTOR, json={"on": day})
    assert headed.status_code == 200 and signed.json()["registered_on"] == day, signed.text


async def test_an_appeal_decision_names_the_deciding_user(client):
    contract = await submit(client, application(), headers={"X-Civic-Role": "employer-user", "X-Civic-User": "p"})
    await client.post(f"{API}/applications/{contract['id']}/review", headers=REGISTRAR,
                      json=refuse_review("terms-unclear"))
    await client.post(f"{API}/applications/{contract['id']}/appeal", json={"grounds": "价款明确"},
                      headers={"X-Civic-Role": "employer-user", "X-Civic-User": "p"})
    decided = await client.post(f"{API}/applications/{contract['id']}/appeal/decision", headers=DIRECTOR,
                                json={"outcome": "overturned", "on": "2026-11-20"})
    appeal = decided.json()["appeals"][0]
    assert (appeal["decided_by"], appeal["decided_by_role"]) == ("zhao", "management-office-director")
    assert appeal["decided_at"] and decided.json()["decision_due"] == "2026-12-20"


async def test_a_contract_stored_before_the_query_fields_is_listed_once_they_are_filled(app_container):
    client, container = app_container
    contract = await submit(client, application())
    collection = container.contracts.collection
    await collection.update_one({"_id": contract["id"]}, {"$unset": {"party_usccs": "", "seller_uscc": "",
                                                                      "submitted_by_user": "", "classified": ""}})
    listed = (await client.get(f"{API}/contracts", headers=REGISTRAR, params={"seller_uscc": SELLER_USCC})).json()
    assert listed["items"] == []  # the filter reads the query field only
    assert await container.contracts.backfill_query_fields() == 1
    assert await container.contracts.backfill_query_fields() == 0
    listed = (await client.get(f"{API}/contracts", headers=REGISTRAR, params={"seller_uscc": SELLER_USCC})).json()
    assert [c["id"] for c in listed["items"]] == [contract["id"]]
    doc = await collection.find_one({"_id": contract["id"]})
    assert (doc["party_usccs"], doc["classified"]) == (sorted([SELLER_USCC, BUYER_USCC]), False)
