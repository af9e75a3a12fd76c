from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from services.insurance.adapters.schemas import AccountOut
from services.insurance.bootstrap import Container
from shared.errors import NotFound
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.get("/accounts/{employer_id}", response_model=AccountOut)
async def get_account(employer_id: str, c: ContainerDep) -> AccountOut:
    account = await c.accounts.get(employer_id)
    if account is None:
        raise NotFound(f"no contribution account for employer {employer_id}")
    return AccountOut.of(account)
