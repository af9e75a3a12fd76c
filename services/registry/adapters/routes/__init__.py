"""Registry's HTTP routes, one module per resource."""
from __future__ import annotations

from services.registry.adapters.routes import (applications, communities, deregistration, employers, inspections, jobs,
                                               overdue, residential_areas, star_communities, technology_centres)

# applications first: GET /employers/applications must not be read as GET /employers/{employer_id}
ROUTERS = [applications.router, employers.router, inspections.router, deregistration.router,
           star_communities.router, technology_centres.router, communities.router, residential_areas.router,
           jobs.router, overdue.router]
