"""One listing shape for every service (docs/api.md, "Listings"): `?page=&size=` in, `{items, page, size,
total_count}` out, at most `MAX_PAGE_SIZE` items a page, filters only on indexed fields."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

from shared.params import MAX_PAGE

T = TypeVar("T")
A = TypeVar("A")

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200  # a portal's table shows tens of rows; a bulk reader pages, it never takes a register at once


@dataclass(frozen=True)
class PageRequest:
    page: int
    size: int

    @property
    def skip(self) -> int:
        return (self.page - 1) * self.size


def page_request(page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
                 size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="items per page")] = DEFAULT_PAGE_SIZE,
                 ) -> PageRequest:
    return PageRequest(page, size)


Paging = Annotated[PageRequest, Depends(page_request)]
"""A route's `paging: Paging` parameter: `page` and `size` validated the same way everywhere."""


class PageOut(BaseModel, Generic[T]):
    """A page of a listing: `total_count` counts every match of the filters, not only this page's items."""

    items: list[T]
    page: int
    size: int
    total_count: int

    @classmethod
    def of(cls, items: Iterable[A], total_count: int, paging: PageRequest,
           convert: Callable[[A], T] | None = None) -> PageOut[T]:
        rows = [convert(item) for item in items] if convert else list(items)
        return cls(items=rows, page=paging.page, size=paging.size, total_count=total_count)
