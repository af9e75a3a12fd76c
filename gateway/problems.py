"""OpenAPI `responses` for the gateway's own routes: errors are RFC 9457 problem+json, documented as such."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


PROBLEM_CONTENT = {"application/problem+json": {"schema": Problem.model_json_schema()}}


def problem_responses(*statuses: int) -> dict[int, dict]:
    return {status: {"description": "problem+json (RFC 9457)", "content": PROBLEM_CONTENT} for status in statuses}
