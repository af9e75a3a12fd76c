"""What every route module takes from the request: the container bootstrap built for this app, the paging, and the
bounds of path parameters and filters (no input reaches a query or the domain unbounded: 422 naming it, never 500)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query

from services.registry.bootstrap import Container
from shared.paging import Paging
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
Paged = Paging

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"
"""Registry's ids are UUIDs; a caller's own ids (a community id in a star application) are short printable tokens."""

EmployerId = Annotated[str, Path(pattern=ID_PATTERN, description="the employer's id in registry")]
CommunityId = Annotated[str, Path(pattern=ID_PATTERN, description="the community's id in registry")]
ApplicationId = Annotated[str, Path(pattern=ID_PATTERN, description="the application's id")]
AreaId = Annotated[str, Path(pattern=ID_PATTERN, description="the residential area's id")]
DistrictCode = Annotated[str | None, Query(pattern=r"^\d{6}$", description="6-digit district code, e.g. 110108")]
