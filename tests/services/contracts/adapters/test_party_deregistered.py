"""registry.employer.deregistered through the service's own wiring on the real FerretDB: the seller's open
application is held, its registered contract noted, a redelivery changes nothing."""
from datetime import date

import pytest

from services.contracts.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from shared.wiring import dependencies_of, event_handlers
from tests.services.contracts.adapters.payloads import (APPLICANT, REGISTRAR, SELLER_USCC, application,
                                                        refuse_review, register_review)

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
    not_yet = await client.post(f"{API}/applications/{open_one['id']}/review", json=register_review(),
                                headers=REGISTRAR)
    assert not_yet.status_code == 409 and not_yet.json()["errors"][0]["rule"] == "resume-before-registering"


async def test_a_held_application_stays_overdue_and_is_resumed_or_refused(app_container):
    client, container = app_container
    kept, dropped = [(await client.post(f"{API}/applications", json=application(), headers=APPLICANT)).json()
                     for _ in range(2)]
    envelope = Envelope.wrap(EmployerDeregistered(
        employer_id="e-1", uscc=SELLER_USCC, district_code="110108", reason="merger", forced=False,
        deregistered_on=date(2026, 11, 19)), source="/civic/registry")
    await event_handlers(SUBSCRIPTIONS, dependencies_of(container))[EmployerDeregistered.type](envelope)

    async def overdue(on: str) -> set[str]:
        page = (await client.get(f"{API}/applications/overdue", headers=REGISTRAR, params={"on": on})).json()
        return {c["id"] for c in page["items"]}

    assert await overdue("2026-12-20") == set()  # the 30th day (第六条)
    assert await overdue("2026-12-21") == {kept["id"], dropped["id"]}  # held, and still undecided

    staff = await client.post(f"{API}/applications/{kept['id']}/resumption", json={"note": "法人仍存续"},
                              headers=APPLICANT)
    assert staff.status_code == 403
    no_note = await client.post(f"{API}/applications/{kept['id']}/resumption", json={"note": ""}, headers=REGISTRAR)
    assert no_note.status_code == 422 and no_note.json()["errors"][0]["field"] == "note"
    resumed = await client.post(f"{API}/applications/{kept['id']}/resumption", headers=REGISTRAR,
                                json={"note": "法人仍存续, 仅注销社会保险登记"})
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["status"] == "under_review" and resumed.json()["decision_due"] == kept["decision_due"]
    assert resumed.json()["hold"]["resumed_by"]["user"] == "wang"
    again = await client.post(f"{API}/applications/{kept['id']}/resumption", json={"note": "x"}, headers=REGISTRAR)
    assert again.status_code == 409 and again.json()["errors"][0]["rule"] == "resume-on-hold"
    refused = await client.post(f"{API}/applications/{dropped['id']}/review", headers=REGISTRAR,
                                json=refuse_review("invalid-or-not-effective"))
    assert refused.json()["status"] == "refused", refused.text
    assert await overdue("2026-12-21") == {kept["id"]}
    registered = await client.post(f"{API}/applications/{kept['id']}/review", json=register_review(),
                                   headers=REGISTRAR)
    assert registered.json()["status"] == "registered" and await overdue("2026-12-21") == set()
