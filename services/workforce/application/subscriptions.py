"""Catalog events workforce handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.workforce.application.employers import employer_deregistered, employer_registered
from services.workforce.application.projection import abolish_community, project_community
from shared.events.registry import EmployerDeregistered, EmployerRegistered
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated

SUBSCRIPTIONS = {
    CommunityRegistered: project_community,
    CommunityUpdated: project_community,
    CommunityAbolished: abolish_community,
    EmployerRegistered: employer_registered,
    EmployerDeregistered: employer_deregistered,
}
