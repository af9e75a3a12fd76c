"""What every route module takes from the request: the container bootstrap built for this app."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from services.registry.bootstrap import Container
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
PageSize = Annotated[int, Query(ge=1, le=100)]
