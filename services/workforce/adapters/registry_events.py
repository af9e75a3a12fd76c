"""Translators from registry's community events (catalog) to workforce's domain values."""
from __future__ import annotations

from services.workforce.domain.projection import profile_for
from services.workforce.domain.staffing import Community
from shared.events.registry_places import CommunityRegistered, CommunityUpdated


def community_of(event: CommunityRegistered | CommunityUpdated) -> Community:
    """Households are 实有户数; migrants the 流动人口 (新居民) the Wenzhou norm adds staff for."""
    return Community(event.community_id, event.name, event.rural, event.households, event.migrant_population,
                     profile_for(event.district_code), event.district_code, event.effective_on)
