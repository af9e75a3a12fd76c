"""Who may do what on the broker, derived from the event catalog: one RabbitMQ user per producer, each limited to
the events it publishes and the queues it consumes.

An event type's first segment is its producer (`registry.employer.deregistered` → `registry`), and that
producer's broker user is the only one that may publish it:
- the AMQP `user_id` property of every publish names the connection's user, and RabbitMQ refuses a publish whose
  `user_id` is another user's (so the property cannot be forged);
- the topic permission on `<ns>.events` lets a user publish only routing keys under its own prefix and bind only
  the event types it subscribes to;
- the consumer accepts an event only from its producer's user (`Consumer`, the last line: a copy that reached a
  queue another way, e.g. through the default exchange, is parked with the reason).

Resource permissions are regular expressions over every namespace (`<ns>.<service>…`), because tests run each
in a namespace of its own; topic permissions name one exchange, so they are set per namespace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from shared.config import SERVICES
from shared.events import BY_TYPE, CATALOG

OPERATOR = "civic-admin"
"""The administrator: declares the shared exchange and every consumer's queue, replays parked messages."""
GATEWAY = "gateway"
"""Reads queue depths for `civic status` and health (passive declares need no permission)."""
NOTHING = "^$"
NAMESPACE = r"[a-z][a-z0-9_]*"  # CommonSettings.namespace's pattern


@dataclass(frozen=True)
class Grant:
    """One broker user's permissions in the vhost (configure / write / read regexes) and its topic permission
    on the namespace's events exchange (the routing keys it may publish and bind)."""

    user: str
    configure: str = NOTHING
    write: str = NOTHING
    read: str = NOTHING
    publishes: str = NOTHING
    binds: str = NOTHING
    tags: tuple[str, ...] = ()


def producers() -> tuple[str, ...]:
    """Every producer in the catalog: the five services and the external departments that publish in."""
    return tuple(sorted({event.producer for event in CATALOG}))


def producer_of(event_type: str) -> str | None:
    """The one user allowed to publish `event_type`, or None for a type the catalog does not know."""
    event = BY_TYPE.get(event_type)
    return event.producer if event is not None else None


def grants() -> tuple[Grant, ...]:
    return (Grant(OPERATOR, ".*", ".*", ".*", ".*", ".*", tags=("administrator",)), Grant(GATEWAY),
            *(_producer_grant(name) for name in producers()))


def _producer_grant(name: str) -> Grant:
    own = rf"{NAMESPACE}\.{re.escape(name)}(\..+)?"
    events = rf"{NAMESPACE}\.events"
    if name not in SERVICES:  # an external department: it publishes its own events and consumes nothing
        return Grant(name, write=rf"^{events}$", publishes=rf"^{re.escape(name)}\.")
    subscribed = [event.type for event in CATALOG if name in event.consumers]
    # Retries and parking go straight to the service's own queues through the default exchange (`amq.default`);
    # a copy sent that way to another service's queue is still refused by that consumer (see the module doc).
    return Grant(name, configure=f"^{own}$", write=f"^({events}|{own}|amq\\.default)$", read=f"^({events}|{own})$",
                 publishes=rf"^{re.escape(name)}\.",
                 binds=("^(" + "|".join(map(re.escape, subscribed)) + ")$") if subscribed else NOTHING)


def broker_user(amqp_url: str) -> str:
    """The user an AMQP URL connects as (RabbitMQ checks every `user_id` against it)."""
    return unquote(urlsplit(amqp_url).username or "guest")


def check_own_broker_user(service: str, amqp_url: str) -> None:
    """A service connects as its own broker user: its events are accepted only from that user, so one started as
    another user stops here rather than having every event it publishes parked by its consumers."""
    user = broker_user(amqp_url)
    if user != service:
        raise ValueError(f"AMQP_URL connects as the broker user {user!r}; the {service} service must "
                         f"connect as {service!r} (one broker user per service)")


def with_user(amqp_url: str, user: str, password: str) -> str:
    """The same broker, vhost and options, connecting as `user`."""
    parts = urlsplit(amqp_url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
