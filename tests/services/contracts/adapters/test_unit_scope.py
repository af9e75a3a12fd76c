"""An employer user reads only contracts its unit is a party to: the unit's USCC comes from registry's events
(through the service's own wiring on the real FerretDB); any other contract answers 404, as if it did not exist."""
from datetime import date

import pytest

from services.contracts.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry import EmployerRegistered
from shared.wiring import dependencies_of, event_handlers
from tests.services.contracts.adapters.payloads import APPLICANT, BUYER_USCC, SELLER_USCC, application

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"


def unit_user(employer_id: str, user: str) -> dict:
    return {"X-Civic-Role": "employer-user", "X-Civic-User": user, "X-Civic-Employer": employer_id}


async def _registered(container, employer_id: str, uscc: str) -> None:
    event = EmployerRegistered(employer_id=employer_id, name="Unit", uscc=uscc, district_code="110108",
                               registered_on=date(2026, 11, 2))
    handle = event_handlers(SUBSCRIPTIONS, dependencies_of(container))[EmployerRegistered.type]
    await handle(Envelope.wrap(event, source="/civic/registry"))


async def test_a_party_reads_its_contract_and_another_unit_gets_404(app_container):
    client, container = app_container
    await _registered(container, "buyer-unit", BUYER_USCC)
    await _registered(container, "other-unit", "91110108MA01XYZ018")
    contract = (await client.post(f"{API}/applications", json=application(), headers=APPLICANT)).json()

    as_buyer = await client.get(f"{API}/contracts/{contract['id']}", headers=unit_user("buyer-unit", "b-1"))
    assert as_buyer.status_code == 200 and as_buyer.json()["buyer"]["uscc"] == BUYER_USCC
    for path in (f"/contracts/{contract['id']}", f"/contracts/{contract['id']}/tax-relief"):
        outsider = await client.get(API + path, headers=unit_user("other-unit", "o-1"))
        assert outsider.status_code == 404, path
    appeal = await client.post(f"{API}/applications/{contract['id']}/appeal", json={"grounds": "不服"},
                               headers=unit_user("other-unit", "o-1"))
    assert appeal.status_code == 404


async def test_an_employer_files_only_where_its_unit_is_a_party_and_a_refused_filing_stores_nothing(app_container):
    client, container = app_container
    await _registered(container, "seller-unit", SELLER_USCC)
    await _registered(container, "other-unit", "91110108MA01XYZ018")
    for outsider in (unit_user("other-unit", "o-1"), unit_user("unknown-unit", "u-1")):  # not a party; not known
        refused = await client.post(f"{API}/applications", json=application(), headers=outsider)
        assert refused.status_code == 403 and refused.json()["errors"][0]["rule"] == "own-unit-is-a-party"
        assert "rule" not in refused.json()  # the rule is named inside the error entry, not at the top level
    assert await container.contracts.collection.count_documents({}) == 0
    mine = unit_user("seller-unit", "s-1")
    contract = (await client.post(f"{API}/applications", json=application(), headers=mine)).json()
    assert contract["seller"]["uscc"] == SELLER_USCC
    assert (await client.get(f"{API}/contracts/{contract['id']}", headers=mine)).status_code == 200
