"""A month of collection and insurance's side of the deregistration saga, through the gateway and real processes.

Registry's deregistration events are published onto the namespace's exchange by the test itself (registry's
own side is another service's work); insurance's answers are watched on an exclusive queue.
"""
from datetime import date
from decimal import Decimal

import aio_pika
import pytest

from shared.bus.topology import Topology
from shared.events import Envelope
from shared.events.insurance import ArrearsAssessed, ArrearsSettled, CollectionEscalated, MonthClosed
from shared.events.registry import DeregistrationRequested, EmployerDeregistered
from tests.e2e.flows import account_of, register_employer
from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id
from tests.support.bus import producers
from tests.support.jobs import run_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/insurance"
MONTH = "1560.00"  # one person on the floor: 60 % of a 10 000.00 city average wage, × 26 %


async def _unit(client, method="bank_debit") -> dict:
    employer = await register_employer(client)
    await account_of(client, employer["id"])
    if method != "bank_debit":
        await client.put(f"{API}/accounts/{employer['id']}/payment-method", json={"payment_method": method})
    body = {"resident_id": resident_id(), "name": "赵六", "on": "2026-10-12", **NEW_PERSON}
    assert (await client.post(f"{API}/accounts/{employer['id']}/members", json=body)).status_code == 201
    return employer


async def _post(client, path, **kw):
    response = await client.post(API + path, **kw)
    assert response.status_code in (200, 201), response.text
    return response


async def _job(client, kind, body):
    finished = await run_job(client, API, kind, body)
    assert finished.status_code == 200, finished.text
    return finished


async def _watch(secured_stack, infra, *event_types):
    connection = await aio_pika.connect(infra.amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    queue = await channel.declare_queue(exclusive=True)
    topology = Topology(secured_stack.env["CIVIC_NAMESPACE"])
    for event_type in event_types:
        await queue.bind(topology.exchange, event_type)
    return connection, channel, queue, await channel.get_exchange(topology.exchange)


async def _events(queue, found, until_count, timeout=30):
    async def enough():
        message = await queue.get(no_ack=True, fail=False)
        if message is not None:
            found.append(Envelope.model_validate_json(message.body))
        return len(found) >= until_count
    await until(enough, timeout=timeout, interval=0.05, what=f"{until_count} events")
    return found


async def test_a_month_where_one_pays_one_pays_short_one_fails_and_one_pays_cash(secured_stack, officer_client, infra):
    c = officer_client
    connection, _, queue, _ = await _watch(secured_stack, infra, MonthClosed.type, CollectionEscalated.type)
    async with connection:
        assert (await c.put(f"{API}/average-wages/2025", json={"wage": "10000.00"})).status_code == 204
        paid, short, failed, cash = [await _unit(c) for _ in range(3)] + [await _unit(c, "cash_cheque")]
        await _job(c, "month-statements", {"month": "2026-11", "on": "2026-11-28"})
        debit = (await _post(c, "/cycles/2026-11/debit-file", json={"on": "2026-12-01"})).text.splitlines()[1:]
        assert sorted(debit) == sorted(f"{u['id']},{MONTH}" for u in (paid, short, failed))
        bank = [{"employer_id": paid["id"], "amount": MONTH}, {"employer_id": short["id"], "amount": "1000.00"},
                {"employer_id": failed["id"], "amount": "0"}]
        await _post(c, "/cycles/2026-11/debit-results", json={"on": "2026-12-04", "rows": bank})
        receipts = {"on": "2026-12-18", "batch": "counter-1",
                    "payments": [{"employer_id": cash["id"], "amount": MONTH}]}
        await _post(c, "/cycles/2026-11/payments", json=receipts)
        closed = (await _job(c, "month-close", {"month": "2026-11", "on": "2026-12-31"})).json()
        assert closed["arrears"] == "2120.00"  # 560.00 short + 1560.00 failed

        arrears = (await c.get(f"{API}/accounts/{failed['id']}/arrears", params={"on": "2027-01-19"})).json()
        assert (arrears["contributions"], arrears["late_fees"]) == ("1560.00", "23.40")  # 0.05 % × 30 days
        short_arrears = (await c.get(f"{API}/accounts/{short['id']}/arrears", params={"on": "2027-01-19"})).json()
        assert (short_arrears["contributions"], short_arrears["late_fees"]) == ("560.00", "8.40")
        await _job(c, "escalations", {"on": "2027-03-20"})  # 90 days after the 20 Dec due date

        found = await _events(queue, [], until_count=4 + 4)
        closed_events = {e.subject: e.data for e in found if e.type == MonthClosed.type}
        assert {k: v["arrears"] for k, v in closed_events.items()} == {
            paid["id"]: "0.00", short["id"]: "560.00", failed["id"]: "1560.00", cash["id"]: "0.00"}
        stages = sorted((e.subject, e.data["stage"]) for e in found if e.type == CollectionEscalated.type)
        assert stages == sorted([(short["id"], "dunning"), (short["id"], "audit"),
                                 (failed["id"], "dunning"), (failed["id"], "audit")])


async def test_the_saga_clean_unit_is_assessed_at_zero_and_an_owing_one_is_settled_after_repaying(
        secured_stack, officer_client, infra):
    c = officer_client
    connection, _, queue, exchange = await _watch(secured_stack, infra, ArrearsAssessed.type, ArrearsSettled.type,
                                                  CollectionEscalated.type)
    async with connection:
        clean, owing, revoked = [await _unit(c) for _ in range(3)]
        await _job(c, "month-statements", {"month": "2026-11", "on": "2026-11-28"})
        bank = [{"employer_id": clean["id"], "amount": await _month_total(c, clean)}]
        await _post(c, "/cycles/2026-11/debit-results", json={"on": "2026-12-04", "rows": bank})
        await _job(c, "month-close", {"month": "2026-11", "on": "2026-12-31"})
        for unit in (clean, owing):
            await _publish(infra, secured_stack, DeregistrationRequested(
                employer_id=unit["id"], request_id=f"req-{unit['id']}", uscc=unit["uscc"], reason="dissolution",
                event_date=date(2027, 1, 19), requested_on=date(2027, 1, 19)))
        found = await _events(queue, [], until_count=2)
        answers = {e.subject: e.data for e in found}
        assert answers[clean["id"]]["total"] == "0.00"
        owed = answers[owing["id"]]
        assert Decimal(owed["contributions"]) > 0 and Decimal(owed["late_fees"]) > 0
        assert owed["request_id"] == f"req-{owing['id']}"

        form = {"periods": ["2026-11"], "amount": owed["total"], "paid_on": "2027-01-19", "channel": "cash"}
        filed = (await _post(c, f"/accounts/{owing['id']}/repayments", json=form)).json()
        await _post(c, f"/accounts/{owing['id']}/repayments/{filed['id']}/result", json={"arrived": True})
        found = await _events(queue, found, until_count=3)
        assert [(e.type, e.subject) for e in found[2:]] == [(ArrearsSettled.type, owing["id"])]

        await _publish(infra, secured_stack, EmployerDeregistered(
            employer_id=revoked["id"], uscc=revoked["uscc"], district_code="110108", reason="licence_revoked",
            forced=True, deregistered_on=date(2027, 1, 20)))
        found = await _events(queue, found, until_count=5)
        assert [(e.data["stage"], e.data["recovery"]) for e in found[3:]] == [("dunning", True), ("audit", True)]
        account = (await c.get(f"{API}/accounts/{revoked['id']}")).json()
        assert account["status"] == "deregistered" and account["recovery_opened_on"]


async def _month_total(client, unit) -> str:
    return (await client.get(f"{API}/accounts/{unit['id']}/statements")).json()["items"][0]["total"]


async def _publish(infra, stack, event) -> None:
    """As registry publishes it: its own broker user."""
    async with producers(infra, stack.env["CIVIC_NAMESPACE"]) as bus:
        await bus.publish(event)
