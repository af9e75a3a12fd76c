"""`registry.community.abolished` through the real wiring: the community's star title is withdrawn once, however
often the event arrives; a community that never applied has nothing to withdraw."""
from datetime import date

from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished
from tests.services.registry.application.wiring import registry_handlers
from tests.services.registry.domain import test_stars
from tests.support.fakes import InMemoryRepository


def abolished(community_id="c1", merged_into=None):
    return Envelope.wrap(CommunityAbolished(community_id=community_id, district_code="110108",
                                            effective_on=date(2027, 3, 1), merged_into=merged_into),
                         source="/civic/registry")


def handler(stars):
    return registry_handlers(star_communities=stars)[CommunityAbolished.type]


async def test_the_title_is_withdrawn_once_and_the_merger_named():
    named = test_stars.sc.name(test_stars.on_notice(), "a1", date(2026, 12, 8), False)
    stars = InMemoryRepository(named)
    first = abolished(merged_into="c9")
    for envelope in (first, first, abolished(merged_into="c9")):
        await handler(stars)(envelope)
    record = stars.docs["c1"][0]
    assert stars.saves == 1 and record.stars == 0 and record.merged_into == "c9"
    assert record.history[-1].detail == "community merged into c9"


async def test_a_community_without_a_star_record_changes_nothing():
    stars = InMemoryRepository()
    await handler(stars)(abolished("ghost"))
    assert stars.saves == 0
