"""A station's approved posts and its check (社区服务站建设管理办法 第十一条, 第十九条), and the staffing profile a
community registered through registry follows (the Wenzhou profile, compared like for like), on the real servers."""
from datetime import date

import pytest

from shared.events import Envelope
from shared.events.registry_places import CommunityRegistered, CommunityUpdated
from shared.events.workforce import StaffingCounted
from tests.services.workforce.adapters.conftest import watching
from tests.services.workforce.factory import resident_id
from tests.services.workforce.payloads import hire_body, rules_of

pytestmark = [pytest.mark.infra]

STANDING = ["employment_labour_rights", "welfare_social_security", "population_family_planning_health",
            "public_security_governance", "mass_organisations", "general_affairs"]


def rules_and_articles(check):
    return [(f["rule"], f["article"]) for f in check["unmet"]]


async def hire(api, posts, born, **overrides):
    body = hire_body(posts=posts, **overrides)
    body["person"]["resident_id"] = resident_id(born)
    response = await api.post("/workers", json=body)
    assert response.status_code == 201, response.text


@pytest.mark.usefixtures("known")
async def test_the_check_reports_a_missing_head_deputy_and_special_posts_until_the_station_has_them(api):
    empty = (await api.get("/stations/c1/check")).json()
    assert not empty["compliant"] and empty["approved_posts"] is None
    assert rules_and_articles(empty) == [("station-head", "社区服务站建设管理办法 第十九条"),
                                         ("station-deputy-head", "社区服务站建设管理办法 第十九条"),
                                         ("station-posts-approved", "社区服务站建设管理办法 第十一条")]
    three = {"standing": STANDING, "special": ["养老服务", "流动人口服务", "物业协调"], "approved_on": "2026-01-05"}
    recorded = await api.put("/stations/c1/posts", json=three)
    assert recorded.status_code == 200, recorded.text
    assert ("special-posts-1-to-2", "社区服务站建设管理办法 第十一条") in rules_and_articles(recorded.json())
    await hire(api, ["station_head"], date(1985, 1, 1))
    await hire(api, ["station_deputy_head"], date(1986, 1, 1))
    assert [f["rule"] for f in (await api.get("/stations/c1/check")).json()["unmet"]] == ["special-posts-1-to-2"]
    fixed = await api.put("/stations/c1/posts", json=three | {"special": ["养老服务"]})
    assert fixed.json()["compliant"] and fixed.json()["approved_posts"]["special"] == ["养老服务"]
    none = await api.put("/stations/c1/posts", json=three | {"special": []})
    assert [f["rule"] for f in none.json()["unmet"]] == ["special-posts-1-to-2"]
    bad = await api.put("/stations/c1/posts", json=three | {"standing": ["cooking"]})
    assert bad.status_code == 422 and rules_of(bad) == {("standing.0", "standing-post")}
    assert (await api.get("/stations/c9/check")).status_code == 404


async def test_a_registry_community_takes_the_wenzhou_profile_and_is_compared_like_for_like(api, infra, street):
    handle = api.container.runtime.handlers
    record = dict(community_id="r1", name="西山社区", district_code="110108", street="香山街道", rural=False,
                  households=2401, resident_population=6000, registered_population=4000, migrant_population=4100,
                  effective_on=date(2026, 3, 1))
    await handle[CommunityRegistered.type](Envelope.wrap(CommunityRegistered(**record), source="/civic/registry"))
    await hire(api, ["station_staff"], date(1990, 2, 2), community_id="r1")
    await hire(api, ["committee_member"], date(1991, 2, 2), community_id="r1")
    before = (await api.get("/staffing")).json()["items"][0]
    assert (before["profile"], before["required"], before["actual"]) == ("beijing", 5, 1)
    assert {(p["profile"], p["required"], p["actual"]) for p in before["profiles"]} == {
        ("beijing", 5, 1), ("wenzhou", 9, 2)}
    async with watching(api, infra, StaffingCounted.type) as published:
        chosen = await api.put("/communities/r1/profile", json={"profile": "wenzhou"})
        assert chosen.status_code == 200, chosen.text
        [counted] = await published(1)
    row = chosen.json()
    assert (row["profile"], row["required"], row["actual"], row["shortfall"]) == ("wenzhou", 9, 2, 7)
    assert row["police_assistants_required"] == 8
    assert {(p["profile"], p["actual"]) for p in row["profiles"]} == {("beijing", 1), ("wenzhou", 2)}
    assert (counted.subject, counted.data["actual"]) == ("r1", 2)
    resized = CommunityUpdated(**record | {"households": 3000, "effective_on": date(2026, 6, 1), "change": "resized"})
    await handle[CommunityUpdated.type](Envelope.wrap(resized, source="/civic/registry"))
    after = (await api.get("/staffing")).json()["items"][0]
    assert (after["profile"], after["households"], after["required"]) == ("wenzhou", 3000, 10)  # 3000/400 → 8, +2
    assert (await api.put("/communities/c9/profile", json={"profile": "wenzhou"})).status_code == 404
    assert (await api.put("/communities/r1/profile", json={"profile": "shanghai"})).status_code == 422
