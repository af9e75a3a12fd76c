"""Spans never carry a full USCC or a token: a search by USCC with a bearer header, read back from the span files."""
import json
import secrets

import pytest

from shared.masking import mask_identifier
from tests.e2e.flows import register_employer, spans_once
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]


async def test_a_search_by_uscc_leaves_only_the_masked_code_in_every_span(secured_stack, officer_client):
    employer = await register_employer(officer_client)
    trace_id = secrets.token_hex(16)
    headers = {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}
    found = await officer_client.get("/api/v1/registry/employers", params={"uscc": employer["uscc"]}, headers=headers)
    assert found.status_code == 200 and found.json()["items"][0]["id"] == employer["id"]

    def both_sides():
        return spans_once(secured_stack, trace_id, ("registry", "GET /api/v1/registry/employers"))

    written = json.dumps(await until(both_sides, what="the search's spans from the gateway and registry"),
                         ensure_ascii=False)
    assert employer["uscc"] not in written
    assert mask_identifier(employer["uscc"]) in written, "the query string is in the spans, masked"
