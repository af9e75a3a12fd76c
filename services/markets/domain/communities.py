"""Communities (社区) as registry decides them, seen from markets: which community an area, a market or a station
belongs to after registry abolished (撤销) or merged (合并) the one it named.

The coverage norm counts residents of residential areas (第八条第二款: ≥ 100 m² per 1000 residents within 1000 m),
not communities: a community is the residents' committee's jurisdiction (社区管理办法), so abolishing one moves no
resident and changes no area's A_i. Markets therefore never takes an area out of coverage for its community's sake
(registry removes an area that no longer exists with its own event): a merged community's areas, markets and
stations move to the absorbing community; an outright abolition leaves them without a community, marked with the
one abolished, until registry names their new community in the area's next record. No I/O here.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def successor(community_id: str | None, merged_into: Mapping[str, str | None]) -> str | None:
    """The community `community_id` stands for now: itself while not abolished; after a merger, the absorbing
    community (followed along a chain of mergers, A → B → C gives C, whatever order the events came in); None once
    abolished outright. `merged_into` maps abolished communities to their absorbing one (None: abolished outright)."""
    seen: set[str] = set()
    current = community_id
    while current is not None and current in merged_into and current not in seen:
        seen.add(current)
        current = merged_into[current]
    return current


def moved(record: T, community_id: str | None) -> T:
    """A market or station now serving `community_id` (the absorbing community after a merger)."""
    return dataclasses.replace(record, community_id=community_id)  # type: ignore[type-var]
