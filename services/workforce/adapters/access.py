"""Who may call workforce (checked by `shared.access.AccessGate` before routing).

Street officers (the street office employs community workers) and ops act; registry and insurance officers read.
Personal data stays here: department systems get only what the `workforce:read` scope grants."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="workforce",
    writers=frozenset({Role.STREET_OFFICER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER}),
)
