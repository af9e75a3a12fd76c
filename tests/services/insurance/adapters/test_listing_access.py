"""Who may read insurance's listings, with real tokens on the real database: the city-wide lists (accounts, a
month's statements) are for officers; an employer user pages only its own account's records (another unit's are a
404, no existence leak); the insurance officer's role reaches the routes under its platform name."""
from __future__ import annotations

import pytest

from shared.auth import Role
from tests.services.insurance.adapters.test_officer_steps_access import UNIT, api  # noqa: F401 (the fixture)
from tests.services.insurance.adapters.test_rate_routes import TABLE
from tests.shared.test_auth import token

pytestmark = pytest.mark.infra

OTHER = "acc-other"
OFFICER = {"Authorization": f"Bearer {token(roles=[Role.INSURANCE_OFFICER], employer_id=None)}"}
REGISTRY = {"Authorization": f"Bearer {token(roles=[Role.REGISTRY_OFFICER], employer_id=None)}"}
STAFF = {"Authorization": f"Bearer {token(roles=[Role.EMPLOYER_USER], employer_id=UNIT)}"}


async def _status(api, path: str, headers: dict) -> int:
    return (await api.client.get(f"/api/v1/insurance{path}", headers=headers)).status_code


@pytest.mark.parametrize("path", ["/accounts", "/accounts?payment_method=cash_cheque", "/cycles/2026-11/statements"])
async def test_the_city_wide_lists_are_for_officers_only(api, path):
    await api.account(UNIT)
    assert await _status(api, path, OFFICER) == 200
    assert await _status(api, path, REGISTRY) == 200
    refused = await api.client.get(f"/api/v1/insurance{path}", headers=STAFF)
    assert refused.status_code == 403 and refused.json()["type"].endswith("/access-denied")


@pytest.mark.parametrize("path", ["/statements", "/members", "/fines", "/back-payments", "/bases/2026", ""])
async def test_an_employer_user_pages_only_its_own_accounts_records(api, path):
    await api.account(UNIT)
    await api.account(OTHER)
    own = await api.client.get(f"/api/v1/insurance/accounts/{UNIT}{path}", headers=STAFF)
    assert own.status_code == 200, own.text
    assert await _status(api, f"/accounts/{OTHER}{path}", STAFF) == 404
    assert await _status(api, f"/accounts/{OTHER}{path}", OFFICER) == 200


async def test_the_rate_table_is_paged_for_everyone_and_changed_by_the_officer_under_its_platform_role(api):
    assert (await api.client.put("/api/v1/insurance/rates/2027-01-01", json=TABLE, headers=STAFF)).status_code == 403
    assert (await api.client.put("/api/v1/insurance/rates/2027-01-01", json=TABLE, headers=OFFICER)).status_code == 204
    page = (await api.client.get("/api/v1/insurance/rates", headers=STAFF)).json()
    assert page["total_count"] == 2 and page["items"][-1]["effective_from"] == "2027-01-01"
