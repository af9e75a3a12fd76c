"""registry.employer.deregistered through the service's own wiring on the real FerretDB: the seller's open
application is held, its registered contract noted, a redelivery changes nothing."""
from datetime import date

import pytest

from services.contracts.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from shared.wiring import dependencies_of, event_handlers
from tests.services.contracts.adapters.payloads import APPLICANT, REGISTRAR, SELLER_USCC, application, register_review

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"


async def test_open_application_held_registered_contract_noted_once(app_container):
    client, container = app_container
    open_one, on_record = [(await client.post(f"{API}/applications", json=application(), headers=APPLICANT)).json()
                           for _ in range(2)]
    await client.post(f"{API}/applications/{on_record['id']}/review", json=register_review(), headers=REGISTRAR)
    envelope = Envelope.wrap(EmployerDeregistered(
        employer_id="e-1", uscc=SELLER_USCC, district_code="110108", reason="licence_revoked", forced=True,
        deregistered_on=date(2026, 11, 19)), source="/civic/registry")
    handle = event_handlers(SUBSCRIPTIONS, dependencies_of(container))[EmployerDeregistered.type]
    for _ in range(2):
        await handle(envelope)

    held = (await client.get(f"{API}/contracts/{open_one['id']}", headers=REGISTRAR)).json()
    assert held["status"] == "on_hold" and SELLER_USCC in held["hold"]["reason"]
    assert held["hold"]["from_status"] == "under_review" and len(held["party_notes"]) == 1
    noted = (await client.get(f"{API}/contracts/{on_record['id']}", headers=REGISTRAR)).json()
    assert noted["status"] == "registered" and [n["role"] for n in noted["party_notes"]] == ["seller"]
    refused = await client.post(f"{API}/applications/{open_one['id']}/review", json=register_review(),
                                headers=REGISTRAR)
    assert refused.status_code == 409 and "on_hold" in refused.json()["detail"]
