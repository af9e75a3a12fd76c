"""Bulk imports of communities and residential areas: each row goes through the same domain rule as a single
registration; the valid ones are written in bulk, each with its own event; errors come back per line."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from services.registry.application.ports import Communities, ResidentialAreas, Today
from services.registry.domain import community as community_rules
from services.registry.domain import residential_area as area_rules
from services.registry.domain.community import Figures
from services.registry.domain.residential_area import AreaFacts
from shared.errors import InvalidInput


@dataclass
class ImportResult:
    received: int
    ids: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


async def import_communities(rows: list[tuple[int, Figures, date]], received: int, errors: list[dict],
                             communities: Communities, today: Today) -> ImportResult:
    on = today()
    return await _import(rows, received, errors, communities,
                         lambda figures, effective_on: community_rules.register(str(uuid.uuid4()), figures,
                                                                                effective_on, on))


async def import_areas(rows: list[tuple[int, AreaFacts, date]], received: int, errors: list[dict],
                       residential_areas: ResidentialAreas, communities: Communities) -> ImportResult:
    """A row naming a community registry does not keep (or abolished) is that line's 422 `unknown-community`."""
    known = await communities.active_among({facts.community_id for _, facts, _ in rows if facts.community_id})

    def decide(facts: AreaFacts, effective_on: date):
        area_rules.check_community(facts.community_id, facts.community_id in known)
        return area_rules.register(str(uuid.uuid4()), facts, effective_on)

    return await _import(rows, received, errors, residential_areas, decide)


async def _import(rows: list, received: int, errors: list[dict], repo, decide: Callable) -> ImportResult:
    result = ImportResult(received, errors=list(errors))
    decided, lines = [], []
    for line, value, effective_on in rows:
        try:
            record, events = decide(value, effective_on)
        except InvalidInput as exc:
            result.errors += [{"line": line, **p.as_dict()} for p in exc.errors]
            continue
        decided.append((record, events[0]))
        lines.append(line)
    refused = await repo.add_many(decided)
    for n, ((record, _), line) in enumerate(zip(decided, lines)):
        if n in refused:
            result.errors.append({"line": line, "field": "name", "rule": "unique-name",
                                  "message": f"a {repo.what} of this name already exists here"})
        else:
            result.ids.append(record.id)
    result.errors.sort(key=lambda e: e["line"])
    return result
