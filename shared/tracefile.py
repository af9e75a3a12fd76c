"""Reading the JSON-lines span files back: one trace as a tree, for `civic trace` and for tests."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SpanNode:
    record: dict
    children: list["SpanNode"] = field(default_factory=list)

    @property
    def duration_ms(self) -> float:
        return (self.record["end"] - self.record["start"]) / 1e6

    def walk(self, depth: int = 0) -> Iterator[tuple[int, "SpanNode"]]:
        yield depth, self
        for child in sorted(self.children, key=lambda n: n.record["start"]):
            yield from child.walk(depth + 1)


def read_spans(directory: Path, trace_id: str | None = None) -> list[dict]:
    spans = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in _finished_lines(path):
            if line.strip():
                record = json.loads(line)
                if trace_id is None or record["trace_id"] == trace_id:
                    spans.append(record)
    return spans


def _finished_lines(path: Path) -> list[str]:
    """Lines ending in a newline: a running service may be appending the last one while it is read."""
    written = path.read_bytes()
    return written[: written.rfind(b"\n") + 1].decode("utf-8").splitlines()


def build_tree(spans: Iterable[dict]) -> list[SpanNode]:
    """Roots of the trace (more than one root means a broken chain: a parent span is missing)."""
    nodes = {s["span_id"]: SpanNode(s) for s in spans}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.record["parent_id"] or "")
        (parent.children if parent else roots).append(node)
    return sorted(roots, key=lambda n: n.record["start"])


def render(roots: list[SpanNode]) -> str:
    lines = []
    for root in roots:
        for depth, node in root.walk():
            r = node.record
            lines.append(f"{'  ' * depth}{r['service']:<10} {r['name']:<55} {node.duration_ms:9.2f} ms  {r['status']}")
    return "\n".join(lines)
