"""An enterprise with a certified technology centre is force-deregistered (licence revoked, 吊销) through the gateway
on real processes: registry publishes `registry.employer.deregistered`, consumes it itself, and the centre shows
revoked (第十五条第4项, enterprise terminated) with the reason."""
import pytest

from tests.e2e.flows import register_employer
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

REGISTRY = "/api/v1/registry"
FIGURES = {"main_revenue": "180000000.00", "st_spending": "6000000.00", "rd_staff": 60,
           "equipment_value": "5500000.00"}


async def test_forced_deregistration_revokes_the_certified_centre(secured_stack, officer_client):
    employer = await register_employer(officer_client)
    applied = await officer_client.post(f"{REGISTRY}/technology-centres/applications", json={
        "employer_id": employer["id"], "enterprise_name": employer["name"], "applied_on": "2026-04-28",
        "centre_established_on": "2024-03-01", "figures": FIGURES})
    assert applied.status_code == 201, applied.text
    decided = await officer_client.post(f"{REGISTRY}/technology-centres/{employer['id']}/decision",
                                        json={"certified": True, "decided_on": "2026-07-15"})
    assert decided.status_code == 200 and decided.json()["status"] == "certified", decided.text

    forced = await officer_client.post(f"{REGISTRY}/employers/{employer['id']}/deregistration/forced",
                                       json={"event_date": employer["registered_on"]})
    assert forced.status_code == 200 and forced.json()["status"] == "deregistered", forced.text

    async def revoked():
        centre = (await officer_client.get(f"{REGISTRY}/technology-centres/{employer['id']}")).json()
        return centre if centre["status"] == "revoked" else None

    centre = await until(revoked, timeout=30, interval=0.2, what="the technology centre revoked")
    [revocation] = centre["revocations"]
    assert revocation["cause"] == "enterprise_terminated"
    assert "licence_revoked" in revocation["detail"] and "forced=True" in revocation["detail"]
    assert revocation["on"] == forced.json()["deregistration"]["deregistered_on"]
