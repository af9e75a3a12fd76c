"""The deregistration saga in the registry process: officer steps through the routes, insurance's answers as
raw envelopes on the namespace's exchange (consumed by the app's real consumer, inbox and store)."""
from datetime import date, timedelta

import pytest

from services.registry.domain.units import INSPECTION_DOCUMENTS
from shared.events.insurance import ArrearsAssessed, ArrearsSettled, MonthClosed
from shared.events.market_regulator import LicenceRevoked
from shared.events.registry import DeregistrationBlocked, DeregistrationRequested, EmployerDeregistered
from tests.services.registry.adapters.bus import bus_of
from tests.support.runtime import until

pytestmark = pytest.mark.infra

WATCHED = (DeregistrationRequested.type, DeregistrationBlocked.type, EmployerDeregistered.type)


@pytest.fixture
async def bus(api, infra):
    runtime = api.container.runtime
    await until(lambda: runtime.publisher.ready and runtime.consumer.consuming, what="registry's consumer")
    async with bus_of(runtime.settings.namespace, infra, WATCHED) as bus:
        yield bus


async def requested(api, bus, reason="dissolution", event_date="2026-11-01"):
    employer = await api.registered()
    response = await api.post(f"/employers/{employer['id']}/deregistration",
                              {"reason": reason, "event_date": event_date})
    assert response.status_code == 202 and response.json()["status"] == "deregistration_pending"
    sent = await bus.wait_for(DeregistrationRequested.type)
    assert sent and sent[-1].subject == employer["id"]
    return employer, sent[-1].data["request_id"]


def assessed(employer_id, request_id, total):
    return ArrearsAssessed(employer_id=employer_id, request_id=request_id, contributions=total,
                           late_fees="0.00", fines="0.00", total=total, as_of="2026-11-20")


async def status_of(api, employer_id, wanted):
    async def check():
        body = (await api.get(f"/employers/{employer_id}")).json()
        return body if body["status"] == wanted else None
    return await until(check, timeout=15, what=f"{employer_id} {wanted}")


async def test_nothing_due_deregisters_once_however_often_the_answer_arrives(api, bus):
    employer, request_id = await requested(api, bus)
    await bus.publish(assessed(employer["id"], request_id, "0.00"), times=3)
    done = await status_of(api, employer["id"], "deregistered")
    assert done["certificate_status"] == "recalled" and done["deregistration"]["forced"] is False
    await bus.publish(assessed(employer["id"], request_id, "0.00"))  # a re-sent answer, new envelope id
    deregistered = await bus.wait_for(EmployerDeregistered.type, count=2, timeout=3)
    assert len(deregistered) == 1 and deregistered[0].data["certificate_number"] == employer["certificate_number"]


async def test_arrears_block_with_the_breakdown_then_settlement_completes_by_itself(api, bus):
    employer, request_id = await requested(api, bus)
    await bus.publish(assessed(employer["id"], request_id, "1530.25"))
    blocked = await status_of(api, employer["id"], "deregistration_blocked")
    assert blocked["arrears_check"]["total"] == "1530.25" and blocked["arrears_check"]["contributions"] == "1530.25"
    assert (await bus.wait_for(DeregistrationBlocked.type))[0].data["total_due"] == "1530.25"
    settled = ArrearsSettled(employer_id=employer["id"], settled_on="2026-11-20")
    await bus.publish(settled, times=2)
    await bus.publish(settled)
    await status_of(api, employer["id"], "deregistered")
    assert len(await bus.wait_for(EmployerDeregistered.type, count=2, timeout=3)) == 1


async def test_settlement_arriving_before_the_owing_assessment_still_completes(api, bus):
    employer, request_id = await requested(api, bus)
    await bus.publish(ArrearsSettled(employer_id=employer["id"], settled_on="2026-11-20"))
    await until(lambda: _settled_seen(api, employer["id"]), timeout=15, what="the settlement in the projection")
    await bus.publish(assessed(employer["id"], request_id, "80.00"))
    await status_of(api, employer["id"], "deregistered")


async def _settled_seen(api, employer_id):
    employer = await api.container.employers.get(employer_id)
    return employer.insurance.settled_on is not None


async def test_a_second_request_while_pending_is_409_and_ops_can_retry_when_insurance_is_silent(api, bus):
    employer, request_id = await requested(api, bus)
    again = await api.post(f"/employers/{employer['id']}/deregistration", {"reason": "merger",
                                                                           "event_date": "2026-11-01"})
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
    assert (await api.get(f"/employers/{employer['id']}")).json()["awaiting_insurance"] is False
    api.clock.now += timedelta(hours=25)
    assert (await api.get(f"/employers/{employer['id']}")).json()["awaiting_insurance"] is True
    retried = await api.post(f"/employers/{employer['id']}/deregistration/retry")
    assert retried.status_code == 202 and retried.json()["awaiting_insurance"] is False
    resent = await bus.wait_for(DeregistrationRequested.type, count=2)
    assert [e.data["request_id"] for e in resent] == [request_id, request_id]


async def test_forced_deregistration_ignores_arrears_and_says_forced(api, bus):
    employer, request_id = await requested(api, bus)
    await bus.publish(assessed(employer["id"], request_id, "999.00"))
    await status_of(api, employer["id"], "deregistration_blocked")
    forced = await api.post(f"/employers/{employer['id']}/deregistration/forced", {"event_date": "2026-11-18"})
    assert forced.status_code == 200 and forced.json()["status"] == "deregistered"
    event = (await bus.wait_for(EmployerDeregistered.type))[0]
    assert event.data["forced"] is True and event.data["reason"] == "licence_revoked"


async def test_bad_deregistration_input_is_422_and_nothing_is_stored(api, bus):
    employer = await api.registered()
    response = await api.post(f"/employers/{employer['id']}/deregistration",
                              {"reason": "boredom", "event_date": "2026-12-01"})
    assert response.status_code == 422
    assert {e["rule"] for e in response.json()["errors"]} == {"deregistration-reason", "not-in-future"}
    assert (await api.get(f"/employers/{employer['id']}")).json()["status"] == "registered"


async def test_the_regulators_licence_revocation_force_deregisters_once(api, bus):
    employer, request_id = await requested(api, bus)
    await bus.publish(assessed(employer["id"], request_id, "420.00"))
    await status_of(api, employer["id"], "deregistration_blocked")
    revoked = LicenceRevoked(uscc=employer["uscc"], revoked_on="2026-11-19", decision_number="京市监罚〔2026〕88号")
    await bus.publish(revoked, times=2)
    done = await status_of(api, employer["id"], "deregistered")
    assert done["deregistration"]["forced"] is True and done["deregistration"]["reason"] == "licence_revoked"
    events = await bus.wait_for(EmployerDeregistered.type, count=2, timeout=3)
    assert len(events) == 1 and events[0].data["forced"] is True
    timeline = (await api.get(f"/employers/{employer['id']}/events")).json()
    assert [e["data"].get("decision") for e in timeline["items"] if "market regulator" in e["what"]] == [
        "京市监罚〔2026〕88号"]


async def test_an_unknown_uscc_from_the_regulator_is_consumed_and_changes_nothing(api, bus):
    employer = await api.registered()
    await bus.publish(LicenceRevoked(uscc="91110108MA0000001X", revoked_on="2026-11-19", decision_number="d"))
    await bus.publish(LicenceRevoked(uscc=employer["uscc"], revoked_on="2026-11-19", decision_number="d2"))
    await status_of(api, employer["id"], "deregistered")  # the queue moved past the unknown one


async def test_the_closed_months_headcount_is_what_the_inspection_checks(api, bus):
    api.clock.today = date(2025, 3, 1)
    employer = await api.registered(licence_date="2025-02-20")
    api.clock.today = date(2026, 11, 20)
    await bus.publish(MonthClosed(employer_id=employer["id"], period="2026-10", headcount=7, due="5000.00",
                                  paid="5000.00", arrears="0.00", closed_on="2026-10-31"))
    await until(lambda: _headcount(api, employer["id"]), timeout=15, what="the headcount in the projection")
    form = {"insurance_types": ["pension"], "insured_headcount": 8, "wage_base_total": "64000.00",
            "documents": sorted(INSPECTION_DOCUMENTS)}
    refused = await api.post(f"/employers/{employer['id']}/inspections/2026", form)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "insured_headcount"
    assert "month 2026-10" in refused.json()["errors"][0]["message"]
    assert refused.json()["errors"][0]["article"] == "第十九条第2项"
    passed = await api.post(f"/employers/{employer['id']}/inspections/2026",
                            form | {"insured_headcount": 7, "contributions_paid": "5000.00"})
    assert passed.status_code == 200 and passed.json()["inspected_years"] == [2026]


async def _headcount(api, employer_id):
    employer = await api.container.employers.get(employer_id)
    return employer.insurance.insured_headcount
