"""Looking at and replaying a service's parked messages."""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

from aio_pika import DeliveryMode, Message
from aio_pika.abc import AbstractIncomingMessage

from shared.bus.connection import connect
from shared.bus.consumer import ATTEMPT, ERROR, PUBLISHED_BY
from shared.bus.grants import broker_user
from shared.bus.topology import Topology
from shared.config import Settings


@dataclass(frozen=True)
class ParkedMessage:
    event_id: str | None
    event_type: str | None
    attempts: int
    error: str
    parked_at: str


def _describe(message: AbstractIncomingMessage) -> ParkedMessage:
    headers = message.headers or {}
    try:
        body = json.loads(message.body)
    except ValueError:
        body = {}
    return ParkedMessage(body.get("id"), body.get("type"), int(headers.get(ATTEMPT, 0)),
                         str(headers.get(ERROR, "")), str(headers.get("x-civic-parked-at", "")))


async def list_parked(settings: Settings, service: str) -> list[ParkedMessage]:
    """Reads without acking, then closes the channel so every message goes back where it was."""
    connection = await connect(settings.amqp_url, name="civic-cli")
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(Topology(settings.namespace).parked(service), passive=True)
        found = []
        for _ in range(queue.declaration_result.message_count):
            message = await queue.get(no_ack=False, fail=False)
            if message is None:
                break
            found.append(_describe(message))
        await channel.close()
        return found
    finally:
        await connection.close()


async def replay_parked(settings: Settings, service: str) -> int:
    """Republish each parked message to the service's main queue (confirmed), then ack it out of parking."""
    topology = Topology(settings.namespace)
    connection = await connect(settings.amqp_url, name="civic-cli")
    try:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        queue = await channel.declare_queue(topology.parked(service), passive=True)
        replayed = 0
        replayer = broker_user(settings.amqp_url)
        while (message := await queue.get(no_ack=False, fail=False)) is not None:
            await channel.default_exchange.publish(_fresh_copy(message, replayer), routing_key=topology.queue(service),
                                                   mandatory=True, timeout=10)
            await message.ack()
            replayed += 1
        return replayed
    finally:
        await asyncio.shield(connection.close())


def _fresh_copy(message: AbstractIncomingMessage, user: str) -> Message:
    """Attempts and errors start afresh; the first publisher stays recorded, and the replay goes out as the
    operator (`user_id`), one of the two relays a consumer believes that record from (shared/bus/consumer.py)."""
    kept = {PUBLISHED_BY}
    headers = {k: v for k, v in (message.headers or {}).items()
               if (k in kept or not k.startswith("x-civic-")) and k != "x-death"}
    return Message(message.body, headers=headers, content_type=message.content_type,
                   message_id=message.message_id, type=message.type, correlation_id=message.correlation_id,
                   delivery_mode=DeliveryMode.PERSISTENT, user_id=user)
