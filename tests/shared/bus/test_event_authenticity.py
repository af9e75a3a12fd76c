"""Events only from the service that owns them (issue 20, item 2), on the real RabbitMQ: a forged
`registry.employer.deregistered` sent with workforce's credentials is refused by the broker (a borrowed `user_id`,
a routing key outside its topic permission) or, reaching insurance's queue another way, parked by the consumer
with the reason; registry's own event is handled."""
import aio_pika
import pytest
from aiormq.exceptions import ChannelAccessRefused, ChannelPreconditionFailed

from shared.bus import parked
from shared.bus.grants import grants
from shared.bus.publisher import envelope_message
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from shared.runtime import ServiceRuntime
from tests.support.runtime import running, until

pytestmark = pytest.mark.infra
FORGER = "workforce"


def deregistered(employer_id: str) -> EmployerDeregistered:
    return EmployerDeregistered(employer_id=employer_id, uscc="91110108551385082Q", district_code="110108",
                                reason="dissolution", forced=False, deregistered_on="2026-11-20")


def forged(employer_id: str, *, user_id: str) -> aio_pika.Message:
    return envelope_message(Envelope.wrap(deregistered(employer_id), source="/civic/registry"), user=user_id)


@pytest.fixture
async def insurance(settings_for):
    """Insurance consuming `registry.employer.deregistered` with a handler that records what it is given."""
    handled: list[str] = []

    async def handler(envelope: Envelope) -> None:
        handled.append(envelope.subject)

    runtime = ServiceRuntime(settings_for("insurance"))
    runtime.subscribe({EmployerDeregistered.type: handler})
    runtime.handled = handled
    return runtime


@pytest.fixture
async def forger(infra, namespace):
    connection = await aio_pika.connect(infra.amqp_url_for(FORGER))
    async with connection:
        yield connection


async def test_a_borrowed_user_id_is_refused_by_the_broker(forger, namespace):
    channel = await forger.channel(publisher_confirms=True)
    exchange = await channel.get_exchange(f"{namespace}.events", ensure=True)
    with pytest.raises(ChannelPreconditionFailed, match="user_id"):
        await exchange.publish(forged("e1", user_id="registry"), routing_key=EmployerDeregistered.type, timeout=10)


async def test_another_services_event_type_is_outside_the_topic_permission(infra, forger, namespace):
    workforce = next(g for g in grants() if g.user == FORGER)
    exchange_name = f"{namespace}.events"  # topic permissions name one exchange: the setup sets them per namespace
    infra.broker_ctl(f"set_topic_permissions -p / {FORGER} {exchange_name} {workforce.publishes} {workforce.binds}")
    try:
        channel = await forger.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(exchange_name, ensure=True)
        with pytest.raises(ChannelAccessRefused, match="topic"):
            await exchange.publish(forged("e1", user_id=FORGER), routing_key=EmployerDeregistered.type, timeout=10)
    finally:
        infra.broker_ctl(f"clear_topic_permissions -p / {FORGER} {exchange_name}")


async def test_a_forged_event_that_reaches_the_queue_is_parked_with_the_reason_and_changes_nothing(
        settings_for, insurance, forger):
    registry = ServiceRuntime(settings_for("registry"))
    async with running(registry, insurance):
        channel = await forger.channel(publisher_confirms=True)
        # the default exchange (which a service uses for its own retries) reaches any queue by name
        await channel.default_exchange.publish(forged("forged-1", user_id=FORGER),
                                               routing_key=insurance.topology.queue("insurance"), timeout=10)
        await registry.store("employers").save("real-1", {"name": "Unit"}, [deregistered("real-1")], loaded=None)
        await until(lambda: insurance.handled == ["real-1"], what="registry's own event handled")
        listed = await until(lambda: parked.list_parked(insurance.settings, "insurance"), what="the parked forgery")
    assert [m.event_type for m in listed] == [EmployerDeregistered.type]
    assert "not authentic" in listed[0].error and "'registry' only" in listed[0].error
    assert "'workforce'" in listed[0].error
    assert insurance.handled == ["real-1"], "the forged event was never handled"


async def test_an_event_without_a_user_id_is_parked(settings_for, insurance, infra):
    async with running(insurance):
        connection = await aio_pika.connect(infra.amqp_url_for("registry"))
        async with connection:
            channel = await connection.channel(publisher_confirms=True)
            message = forged("anonymous-1", user_id="registry")
            message.user_id = None
            exchange = await channel.get_exchange(insurance.topology.exchange, ensure=True)
            await exchange.publish(message, routing_key=EmployerDeregistered.type, timeout=10)
        listed = await until(lambda: parked.list_parked(insurance.settings, "insurance"), what="the parked event")
    assert "without a user_id" in listed[0].error and insurance.handled == []


async def test_a_service_refuses_to_start_as_another_broker_user(settings_for, infra):
    runtime = ServiceRuntime(settings_for("insurance", amqp_url=infra.amqp_url_for("registry")))
    with pytest.raises(ValueError, match="must connect as 'insurance'"):
        await runtime.start()
