import asyncio
from contextlib import asynccontextmanager
from datetime import date

import aio_pika
import httpx
import pytest

from services.workforce.bootstrap import bootstrap
from services.workforce.main import create_app
from shared.events import Envelope
from tests.support.runtime import until

TODAY = date(2026, 11, 20)


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
