"""Rate limits per IP and per client → 429 problem+json with Retry-After; one noisy client does not starve another."""
import asyncio

import pytest

from shared.auth import Role

pytestmark = pytest.mark.infra
PATH = "/api/v1/registry/employers/E1"


async def test_a_burst_of_twice_the_ip_limit_serves_exactly_the_limit(make_gateway):
    gateway = await make_gateway(rate_limit_per_ip="10/minute")
    responses = await asyncio.gather(*(gateway.client.get(PATH) for _ in range(20)))
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) == 10 and statuses.count(429) == 10
    refused = next(r for r in responses if r.status_code == 429)
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert len(gateway.upstreams.seen) == 10


async def test_a_noisy_client_uses_up_only_its_own_budget(make_gateway):
    gateway = await make_gateway(rate_limit_per_client="5/minute", rate_limit_per_ip="1000/minute")
    noisy = {"Authorization": f"Bearer {await gateway.user('noisy', Role.OPS)}"}
    quiet = {"Authorization": f"Bearer {await gateway.user('quiet', Role.OPS)}"}
    noisy_statuses = [(await gateway.client.get(PATH, headers=noisy)).status_code for _ in range(10)]
    assert noisy_statuses.count(200) == 5 and noisy_statuses.count(429) == 5
    assert [(await gateway.client.get(PATH, headers=quiet)).status_code for _ in range(5)] == [200] * 5
