"""What every workforce route is given: the container bootstrap built, and bounded path and query values."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Path, Query

from services.workforce.bootstrap import Container
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
PREFIX = "/api/v1/workforce"

MAX_ID = 100  # uuids here; registry's ids for communities and employers; a longer value is a 422 naming it

WorkerId = Annotated[str, Path(min_length=1, max_length=MAX_ID, description="a worker's id")]
VacancyId = Annotated[str, Path(min_length=1, max_length=MAX_ID, description="a vacancy's id")]
ApplicationId = Annotated[str, Path(min_length=1, max_length=MAX_ID, description="an application's id")]
CommunityId = Annotated[str, Path(min_length=1, max_length=MAX_ID, description="a community's id (registry's)")]
CommunityFilter = Annotated[str | None, Query(min_length=1, max_length=MAX_ID, description="a community's id")]
EmployerFilter = Annotated[str | None, Query(min_length=1, max_length=MAX_ID, description="an employer's id")]
EmployerQuery = Annotated[str, Query(min_length=1, max_length=MAX_ID, description="the street office's employer id")]
StatusFilter = Annotated[Literal["active", "separated"] | None, Query(description="active | separated")]
DistrictFilter = Annotated[str | None, Query(pattern=r"^\d{6}$", description="6-digit district code")]
