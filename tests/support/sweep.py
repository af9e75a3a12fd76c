"""Remove RabbitMQ queues left by test runs that never reached their cleanup (killed, timed out).

Quorum queues hold files open; hundreds of leftovers exhaust the broker's file descriptors. A test namespace
(`t` + 10 hex, `bench` + 8 hex) is stale when none of its queues has a consumer: a live run always has one.
Databases are left alone (an in-process test may use one without any queue).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict

TEST_NAMESPACE = re.compile(r"^(t[0-9a-f]{10}|bench[0-9a-f]{8})\.")


def stale_queues() -> list[str]:
    if shutil.which("rabbitmqctl") is None:
        return []
    listing = subprocess.run(["rabbitmqctl", "list_queues", "name", "consumers", "--quiet", "--no-table-headers"],
                             capture_output=True, text=True, timeout=60).stdout
    by_namespace: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and (match := TEST_NAMESPACE.match(parts[0])):
            by_namespace[match.group(1)].append((parts[0], int(parts[1])))
    return [name for queues in by_namespace.values() if not any(c for _, c in queues) for name, _ in queues]


def sweep() -> int:
    names = stale_queues()
    for name in names:
        subprocess.run(["rabbitmqctl", "delete_queue", name], capture_output=True, timeout=60)
    return len(names)


if __name__ == "__main__":
    print(f"deleted {sweep()} stale test queue(s)")
