"""Regenerate the JSON Schema snapshots of the catalog: `python -m tests.shared.events.snapshot`.

Do this only for additive changes; the compatibility test tells you when a change is breaking.
"""
from __future__ import annotations

import json
from pathlib import Path

from shared.events import CATALOG

SNAPSHOTS = Path(__file__).parent / "snapshots"


def snapshot_path(event) -> Path:
    return SNAPSHOTS / f"{event.type}.v{event.version}.json"


def schema_text(event) -> str:
    return json.dumps(event.model_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SNAPSHOTS.mkdir(exist_ok=True)
    for event in CATALOG:
        snapshot_path(event).write_text(schema_text(event), encoding="utf-8")
        print("wrote", snapshot_path(event))
