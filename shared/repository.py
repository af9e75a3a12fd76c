"""One repository for every aggregate: a codec in, the typed aggregate out.

A service's repository is `AggregateRepository[Employer]` built with the aggregate's `Codec` (how it becomes a
document and back) plus the queries that aggregate needs, written as small methods on a subclass — the only place
with queries. Lock, load, get, save, add and the page helper are written once here.

The store underneath (`shared.store.AggregateStore`) keeps the aggregate's pending events in its own document and
checks the revision on every write; see it for why (FerretDB v1 has no multi-document transactions).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter

from shared.errors import DomainError
from shared.events import Event
from shared.mongo import ASCENDING, Collection, DuplicateKeyError
from shared.store import STATE_ONLY, AggregateStore, Loaded

A = TypeVar("A")
T = TypeVar("T")
Document = dict[str, Any]


@dataclass(frozen=True)
class Codec(Generic[A]):
    """How one aggregate type is stored: `encode` → the document's own fields, `decode` ← them (reserved `_…`
    fields removed), `key` → its id. `derived` adds query-only fields to the document (kept out of `decode`)."""

    encode: Callable[[A], Document]
    decode: Callable[[Document], A]
    key: Callable[[A], str] = lambda aggregate: aggregate.id  # type: ignore[attr-defined]
    derived: Callable[[A], Document] = lambda aggregate: {}
    derived_fields: tuple[str, ...] = ()

    @classmethod
    def of(cls, model: type[A], *, key: Callable[[A], str] | None = None,
           derived: Callable[[A], Document] | None = None, derived_fields: Sequence[str] = ()) -> "Codec[A]":
        """A codec for a pydantic model or a (frozen) dataclass, through pydantic's `TypeAdapter` (JSON mode:
        dates as ISO strings, Decimals as strings, enums as values)."""
        adapter = TypeAdapter(model)
        return cls(encode=lambda aggregate: adapter.dump_python(aggregate, mode="json"),
                   decode=adapter.validate_python,
                   key=key or (lambda aggregate: aggregate.id),  # type: ignore[attr-defined]
                   derived=derived or (lambda aggregate: {}), derived_fields=tuple(derived_fields))

    def to_document(self, aggregate: A) -> Document:
        return self.encode(aggregate) | self.derived(aggregate)

    def from_document(self, document: Mapping[str, Any]) -> A:
        skip = set(self.derived_fields)
        return self.decode({k: v for k, v in document.items() if k not in skip and not k.startswith("_")})


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int


@dataclass
class AggregateRepository(Generic[A]):
    """lock → load → save for one aggregate type; `what` names it in a 404 ("no employer e1")."""

    store: AggregateStore
    codec: Codec[A]
    what: str = "record"
    duplicate: Callable[[A], DomainError] | None = None
    """The 409 a unique index's refusal becomes (None: the `DuplicateKeyError` is raised as is)."""
    indexes: Sequence[str | tuple[str | tuple[str, ...], dict[str, Any]]] = field(default=())
    """Fields to index: a name, or (name or names of a compound key, create_index options), such as
    `("uscc_key", {"unique": True})` or `(("status", "decision_due"), {"name": "status_due"})`."""

    @property
    def collection(self) -> Collection:
        return self.store.collection

    async def ensure_indexes(self) -> None:
        for index in self.indexes:
            keys, options = (index, {}) if isinstance(index, str) else index
            fields = (keys,) if isinstance(keys, str) else tuple(keys)
            await self.collection.create_index([(f, ASCENDING) for f in fields],
                                               **({"name": "_".join(fields)} | options))

    def lock(self, aggregate_id: str) -> AbstractAsyncContextManager[None]:
        return self.store.lock(aggregate_id)

    async def load(self, aggregate_id: str) -> tuple[A | None, Loaded | None]:
        """For writers, under `lock`: the aggregate and what `save` needs to write it back at its revision."""
        loaded = await self.store.load(aggregate_id)
        return (None, None) if loaded is None else (self.codec.from_document(loaded.state), loaded)

    async def get(self, aggregate_id: str) -> A | None:
        """For reads: the state only, one round trip."""
        state = await self.store.state(aggregate_id)
        return None if state is None else self.codec.from_document(state)

    async def save(self, aggregate: A, events: Sequence[Event] = (), *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        """Insert (`loaded` None) or replace at the loaded revision, state and events in one write."""
        try:
            await self.store.save(self.codec.key(aggregate), self.codec.to_document(aggregate), events,
                                  loaded=loaded, caused_by=caused_by)
        except DuplicateKeyError:
            if self.duplicate is None:
                raise
            raise self.duplicate(aggregate) from None

    async def add(self, aggregate: A, events: Sequence[Event] = (), *, caused_by: str | None = None) -> None:
        """A new aggregate (a unique index refuses a second one with the same key)."""
        async with self.lock(self.codec.key(aggregate)):
            await self.save(aggregate, events, loaded=None, caused_by=caused_by)

    async def find(self, query: Mapping[str, Any], *, sort: str = "_id", limit: int = 0,
                   skip: int = 0) -> list[A]:
        """For reads: the aggregates' own fields (`STATE_ONLY`), as `get` reads one."""
        cursor = self.collection.find(dict(query), STATE_ONLY).sort(sort, ASCENDING).skip(skip).limit(limit)
        return [self.codec.from_document(doc) async for doc in cursor]

    async def page(self, query: Mapping[str, Any], page: int = 1, size: int = 20, *, sort: str = "_id") -> Page[A]:
        items = await self.find(query, sort=sort, skip=(page - 1) * size, limit=size)
        return Page(items, await self.collection.count_documents(dict(query)))
