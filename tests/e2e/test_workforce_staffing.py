"""Registry's community record → workforce's projection → a hire is counted, through real processes.

The `registry.community.registered` event is published onto the namespace's exchange by the test itself (registry's
community endpoint is another piece of work); `workforce.staffing.counted` is watched on an exclusive queue."""
from datetime import date

import aio_pika
import pytest

from shared.bus.topology import Topology
from shared.events.registry import EmployerRegistered
from shared.events.registry_places import CommunityRegistered
from shared.events.workforce import StaffingCounted
from tests.services.workforce.payloads import hire_body
from tests.e2e.flows import next_event
from tests.support.bus import producers
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/workforce"


async def test_a_registered_community_shows_its_required_staff_and_a_hire_is_counted(
        secured_stack, officer_client, infra):
    c = officer_client
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        topology = Topology(secured_stack.env["CIVIC_NAMESPACE"])
        watch = await channel.declare_queue(exclusive=True)
        await watch.bind(topology.exchange, StaffingCounted.type)
        community = CommunityRegistered(
            community_id="e2e-c1", name="东升社区", district_code="110108", street="东升镇", rural=False,
            households=1501, resident_population=4200, registered_population=3900, migrant_population=600,
            effective_on=date(2026, 3, 1))
        street = EmployerRegistered(employer_id="street-1", name="东升镇人民政府", uscc="11110108MB0000000X",
                                    district_code="110108", registered_on=date(2020, 1, 2))
        async with producers(infra, topology.namespace) as bus:
            await bus.publish(community)
            await bus.publish(street)  # the employer `hire_body` names, known to workforce from registry's event

        row = await until(lambda: _staffing_row(c, "e2e-c1"), timeout=30, interval=0.2,
                          what="the community in workforce's staffing overview")
        assert (row["required"], row["actual"], row["shortfall"]) == (4, 0, 4)  # urban, 1 per 500 started

        hired = await until(lambda: _hire(c), timeout=30, interval=0.2,
                            what="workforce learning of the street office from registry's event")
        assert hired.status_code == 201, hired.text
        counted = await next_event(watch, StaffingCounted.type, 20.0)
    assert counted.subject == "e2e-c1" and counted.data["actual"] == 1
    row = await _staffing_row(c, "e2e-c1")
    assert (row["required"], row["actual"], row["shortfall"]) == (4, 1, 3)


async def _staffing_row(client, community_id):
    response = await client.get(f"{API}/staffing", params={"size": 200})
    assert response.status_code == 200, response.text
    return next((r for r in response.json()["items"] if r["community_id"] == community_id), None)


async def _hire(client):
    """The hire, once workforce knows the employer (a 422 `unknown-employer` until registry's event arrived)."""
    response = await client.post(f"{API}/workers", json=hire_body(community_id="e2e-c1"))
    unknown = response.status_code == 422 and "unknown-employer" in response.text
    return None if unknown else response

