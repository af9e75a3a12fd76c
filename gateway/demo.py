"""The demo accounts `make run` seeds when `CIVIC_SEED_DEMO=true` (never in production). Password of every demo
user: `demo-password`; demo client `demo-department` has secret `demo-secret`."""
from __future__ import annotations

from gateway.identity import Accounts, NewClient, NewUser
from shared.auth import Role
from shared.errors import Conflict

DEMO_PASSWORD = "demo-password"
DEMO_EMPLOYER_ID = "demo-employer"
DEMO_USERS = [
    ("registry", [Role.REGISTRY_OFFICER], None),
    ("insurance", [Role.INSURANCE_OFFICER], None),
    ("contracts", [Role.CONTRACTS_REGISTRAR], None),
    ("registrar-head", [Role.REGISTRAR_HEAD], None),
    ("director", [Role.MANAGEMENT_OFFICE_DIRECTOR], None),
    ("commerce", [Role.COMMERCE_OFFICER], None),
    ("street", [Role.STREET_OFFICER], None),
    ("employer", [Role.EMPLOYER_USER], DEMO_EMPLOYER_ID),
    ("auditor", [Role.AUDITOR], None),
    ("ops", [Role.OPS], None),
]
DEMO_CLIENT = NewClient("demo-department", "demo-secret", ["events:read", "registry:read"], "demo department")


async def seed(accounts: Accounts) -> None:
    """Add the demo accounts that are missing (idempotent across restarts and replicas)."""
    for username, roles, employer_id in DEMO_USERS:
        try:
            await accounts.add_user(NewUser(username, DEMO_PASSWORD, roles, employer_id))
        except Conflict:
            pass
    try:
        await accounts.add_client(DEMO_CLIENT)
    except Conflict:
        pass
