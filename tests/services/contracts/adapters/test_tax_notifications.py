"""The tax authority's outbox on the real servers: each contract event, handled through contracts' own wiring (as
the consumer does), is one notification, however often it is delivered; the tax authority's system pages through
what it has not read and acknowledges it; a classified contract is told by id, type and act family only."""
import pytest

from services.contracts.application.subscriptions import SUBSCRIPTIONS
from shared.events import BY_TYPE, Envelope, decode
from shared.wiring import dependencies_of, event_handlers
from tests.services.contracts.adapters.payloads import REGISTRAR, TAX, application, register_review

pytestmark = pytest.mark.infra
API = "/api/v1/contracts/tax-notifications"


async def relay(container, contract_id: str) -> int:
    """Deliver the contract's pending events to contracts' own handler twice (a redelivery), as the bus would."""
    doc = await container.contracts.collection.find_one({"_id": contract_id})
    handlers = event_handlers(SUBSCRIPTIONS, dependencies_of(container))
    for raw in doc["_outbox"]:
        envelope = Envelope.model_validate(raw)
        assert envelope.type in BY_TYPE and decode(envelope) is not None
        for _ in range(2):
            await handlers[envelope.type](envelope)
    return len(doc["_outbox"])


async def registered_and_ended(client, **changes) -> str:
    contract = (await client.post(f"{API.rsplit('/', 1)[0]}/applications", json=application(**changes),
                                  headers=REGISTRAR)).json()
    review = register_review() | {"materials_checked": contract["required_materials"]}
    reviewed = await client.post(f"/api/v1/contracts/applications/{contract['id']}/review", json=review,
                                 headers=REGISTRAR)
    assert reviewed.json()["status"] == "registered", reviewed.text
    ended = await client.post(f"/api/v1/contracts/contracts/{contract['id']}/changes", headers=REGISTRAR,
                              json={"kind": "invalidation", "effective_on": "2026-11-18", "description": "被宣布无效"})
    assert ended.status_code == 200, ended.text
    return contract["id"]


async def test_the_tax_authority_reads_each_notification_once_and_acknowledges_it(app_container):
    client, container = app_container
    contract_id = await registered_and_ended(client)
    assert await relay(container, contract_id) == 2
    page = (await client.get(API, headers=TAX, params={"acknowledged": "false"})).json()
    assert page["total_count"] == 2, "a redelivered event makes no second notification"
    assert [(n["act"], n["occurred_on"]) for n in page["items"]] == [("registration", "2026-11-20"),
                                                                     ("invalidation", "2026-11-18")]
    first = page["items"][0]
    read = await client.post(f"{API}/{first['id']}/acknowledgement", headers=TAX)
    assert read.status_code == 200 and read.json()["acknowledged_by"] == "tax-authority", read.text
    unread = (await client.get(API, headers=TAX, params={"acknowledged": "false"})).json()
    assert [n["act"] for n in unread["items"]] == ["invalidation"]
    other = await client.post(f"{API}/{first['id']}/acknowledgement", headers=TAX | {"X-Civic-User": "other-system"})
    assert other.status_code == 409 and other.json()["errors"][0]["rule"] == "acknowledged-once"
    assert (await client.post(f"{API}/nope/acknowledgement", headers=TAX)).status_code == 404
    assert (await client.post(f"{API}/{first['id']}/acknowledgement", headers=REGISTRAR)).status_code == 403
    since = (await client.get(API, headers=REGISTRAR, params={"since": "2026-01-01"})).json()
    assert since["total_count"] == 2 and (await client.get(API, headers=TAX, params={"since": "2100-01-01"})
                                          ).json()["total_count"] == 0


async def test_a_classified_contract_is_notified_by_id_type_and_act_family_only(app_container):
    client, container = app_container
    materials = [*application()["materials"], "classification_consent"]
    contract_id = await registered_and_ended(client, flags={"classified": True}, materials=materials)
    await relay(container, contract_id)
    page = (await client.get(API, headers=TAX, params={"contract_id": contract_id})).json()
    assert [(n["act"], n["classified"], n["registration_number"], n["data"], n["occurred_on"])
            for n in page["items"]] == [("registration", True, None, None, None),
                                        ("termination", True, None, None, None)]


async def test_an_employer_user_does_not_read_the_tax_notifications(client):
    staff = {"X-Civic-Role": "employer-user", "X-Civic-User": "p"}
    assert (await client.get(API, headers=staff)).status_code == 403
