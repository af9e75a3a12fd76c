"""A public page (a market's food-safety sampling results, 抽检结果公示) is forwarded without a token even when the
gateway requires tokens; a write to it, or any other path, still needs one."""
MARKETS = "/api/v1/markets"


async def test_a_public_read_is_forwarded_without_a_token_and_nothing_else_is(make_gateway):
    gateway = await make_gateway(auth_required=True)
    public = await gateway.client.get(f"{MARKETS}/m1/food-safety")
    assert public.status_code == 200 and [r.url.path for r in gateway.upstreams.seen] == [f"{MARKETS}/m1/food-safety"]
    assert (await gateway.client.post(f"{MARKETS}/m1/food-safety", json={})).status_code == 401
    assert (await gateway.client.get(f"{MARKETS}/m1")).status_code == 401
    assert (await gateway.client.get(f"{MARKETS}/m1/food-safety/x")).status_code == 401
    assert len(gateway.upstreams.seen) == 1
