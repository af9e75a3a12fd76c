import asyncio
from contextlib import asynccontextmanager
from datetime import date

import aio_pika
import httpx
import pytest

from services.workforce.bootstrap import bootstrap
from services.workforce.main import create_app
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered, EmployerRegistered
from tests.support.bus import producers
from tests.support.runtime import until

TODAY = date(2026, 11, 20)
STREET_OFFICE = "street-1"  # the workers' employer in `hire_body`
COMMUNITIES = [{"id": community_id, "name": name, "kind": "urban", "households": 900}
               for community_id, name in (("c1", "东升社区"), ("c2", "西山社区"))]


@pytest.fixture
async def api(settings_for):
    """The workforce app on the real FerretDB and RabbitMQ, in this test's namespace, with its lifespan."""
    app = create_app(bootstrap(settings_for("workforce"), today=lambda: TODAY))
    async with app.router.lifespan_context(app):
        runtime = app.state.runtime
        await until(lambda: runtime.publisher.ready, what="the workforce publisher")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://workforce/api/v1/workforce") as client:
            client.container = app.state.container
            yield client


@asynccontextmanager
async def watching(api, infra, *event_types):
    """An exclusive queue bound on the namespace's exchange: yields a function collecting what was published."""
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(exclusive=True)
        for event_type in event_types:
            await queue.bind(api.container.runtime.topology.exchange, event_type)

        async def collect(count: int, seconds: float = 10.0) -> list[Envelope]:
            found, deadline = [], asyncio.get_running_loop().time() + seconds
            while len(found) < count and asyncio.get_running_loop().time() < deadline:
                message = await queue.get(no_ack=True, fail=False)
                if message is None:
                    await asyncio.sleep(0.05)
                else:
                    found.append(Envelope.model_validate_json(message.body))
            return found

        yield collect


async def employer_registered(api, infra, namespace, employer_id: str = STREET_OFFICE) -> None:
    """Registry's `registry.employer.registered`, published as registry does (its broker user), until workforce
    has learnt of the employer from it."""
    event = EmployerRegistered(employer_id=employer_id, name="海淀街道办事处", uscc="11110108MB0000000X",
                               district_code="110108", registered_on=date(2020, 1, 2))
    async with producers(infra, namespace) as bus:
        await bus.publish(event)
    await until(lambda: api.container.employers.get(employer_id), what=f"workforce learning of {employer_id}")


async def employer_deregistered(api, infra, namespace, employer_id: str = STREET_OFFICE) -> None:
    event = EmployerDeregistered(employer_id=employer_id, uscc="11110108MB0000000X", district_code="110108",
                                 reason="merger", deregistered_on=date(2026, 6, 30))
    async with producers(infra, namespace) as bus:
        await bus.publish(event)

    async def gone():
        employer = await api.container.employers.get(employer_id)
        return employer is not None and not employer.active

    await until(gone, what=f"workforce learning that {employer_id} was deregistered")


@pytest.fixture
async def street(api, infra, namespace) -> str:
    """The street office in `hire_body`, known to workforce from registry's event."""
    await employer_registered(api, infra, namespace)
    return STREET_OFFICE


@pytest.fixture
async def known(api, street) -> None:
    """The street office and the communities c1 and c2 (urban, 900 households) known to workforce: what a hire
    in `hire_body` names."""
    response = await api.post("/communities/import", json={"communities": COMMUNITIES})
    assert response.status_code == 204, response.text
