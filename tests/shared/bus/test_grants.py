"""The broker permissions derived from the catalog: each producer publishes only its own event types, binds only
what it subscribes to, and configures and reads only its own queues (pure: regexes as RabbitMQ matches them)."""
import re

import pytest

from shared.bus.grants import GATEWAY, OPERATOR, broker_user, check_own_broker_user, grants, producer_of, with_user
from shared.bus.topology import Topology
from shared.config import SERVICES
from shared.events import CATALOG
from shared.events.routing import routing_keys

GRANTS = {g.user: g for g in grants()}


def allows(pattern: str, name: str) -> bool:
    return re.search(pattern, name) is not None


@pytest.mark.parametrize("event", CATALOG, ids=lambda e: e.type)
def test_only_the_producer_may_publish_an_event_type(event):
    publishers = [user for user, g in GRANTS.items() if user != OPERATOR and allows(g.publishes, event.type)]
    assert publishers == [event.producer] == [producer_of(event.type)]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_binds_exactly_the_events_it_subscribes_to(service):
    bindable = {e.type for e in CATALOG if allows(GRANTS[service].binds, e.type)}
    assert bindable == set(routing_keys(service))


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_configures_and_reads_only_its_own_queues_in_any_namespace(service):
    grant = GRANTS[service]
    for namespace in ("civic", "t0123456789"):
        topology = Topology(namespace)
        own = [topology.queue(service), topology.parked(service), topology.retry(service, 0.2)]
        assert all(allows(grant.configure, q) and allows(grant.read, q) for q in own)
        for other in set(SERVICES) - {service}:
            assert not allows(grant.configure, topology.queue(other))
            assert not allows(grant.read, topology.queue(other))
            assert not allows(grant.write, topology.queue(other))
        assert not allows(grant.configure, topology.exchange), "the shared exchange is the setup's to declare"
        assert allows(grant.write, topology.exchange) and allows(grant.read, topology.exchange)


def test_the_gateway_and_an_external_department_get_nothing_else():
    gateway, regulator = GRANTS[GATEWAY], GRANTS["market_regulator"]
    assert (gateway.configure, gateway.write, gateway.read, gateway.publishes) == ("^$",) * 4
    assert (regulator.configure, regulator.read, regulator.binds) == ("^$",) * 3
    assert allows(regulator.write, "civic.events") and not allows(regulator.write, "civic.registry")
    assert "guest" not in GRANTS


def test_a_url_names_its_user_and_can_be_given_another():
    url = with_user("amqp://guest:guest@mq:5673/vh?heartbeat=5", "registry", "s3cr:t@")
    assert url == "amqp://registry:s3cr%3At%40@mq:5673/vh?heartbeat=5"
    assert broker_user(url) == "registry" and broker_user("amqp://mq/") == "guest"


def test_a_service_started_as_another_broker_user_is_stopped_before_it_publishes():
    check_own_broker_user("insurance", "amqp://insurance:pw@127.0.0.1:5672/")
    with pytest.raises(ValueError, match="must connect as 'insurance'"):
        check_own_broker_user("insurance", "amqp://registry:pw@127.0.0.1:5672/")
