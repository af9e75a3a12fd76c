"""A station's approved posts (岗位设置), one document per station keyed by its community."""
from __future__ import annotations

from datetime import date

from services.workforce.domain.station import StationPosts
from shared.errors import Conflict
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore


def _to_document(posts: StationPosts) -> dict:
    return {"id": posts.id, "standing": list(posts.standing), "special": list(posts.special),
            "approved_on": posts.approved_on.isoformat()}


def _from_document(d: dict) -> StationPosts:
    return StationPosts(d["id"], tuple(d["standing"]), tuple(d["special"]), date.fromisoformat(d["approved_on"]))


CODEC = Codec(encode=_to_document, decode=_from_document)


def station_posts_repository(store: AggregateStore) -> AggregateRepository[StationPosts]:
    return AggregateRepository(store, CODEC, what="station posts",
                               duplicate=lambda posts: Conflict(f"station {posts.id} has approved posts"))
