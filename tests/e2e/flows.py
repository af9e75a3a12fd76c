"""Steps the e2e tests share: registering an employer through the gateway and waiting for its account."""
from __future__ import annotations

import itertools
import random

import httpx
from stdnum.cn import uscc

from shared.events import Envelope
from shared.tracefile import read_spans
from tests.support.runtime import until

_serial = itertools.count(1)


def new_uscc() -> str:
    """A fresh, valid unified social credit code (check character computed by python-stdnum)."""
    body = f"91110108MA{random.randrange(16**5):05X}{next(_serial) % 100:02d}"[:17]
    body = body.replace("I", "1").replace("O", "0").replace("S", "5").replace("V", "7").replace("Z", "2")
    return body + uscc.calc_check_digit(body)


async def register_employer(client: httpx.AsyncClient, **headers: str) -> dict:
    body = {"name": "海淀区测试科技有限公司", "uscc": new_uscc(), "district_code": "110108"}
    response = await client.post("/api/v1/registry/employers", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def account_of(client: httpx.AsyncClient, employer_id: str, timeout: float = 30) -> dict:
    async def fetch():
        response = await client.get(f"/api/v1/insurance/accounts/{employer_id}")
        return response.json() if response.status_code == 200 else None

    return await until(fetch, timeout=timeout, interval=0.2, what=f"the account of {employer_id}")


async def next_event(queue, event_type: str, seconds: float = 30.0):
    """The next envelope on a test's own watch queue, or fail naming the event type that did not come."""
    async def one():
        message = await queue.get(no_ack=True, fail=False)
        return Envelope.model_validate_json(message.body) if message is not None else None

    return await until(one, timeout=seconds, interval=0.1, what=f"{event_type} to be published")


async def unit_user(stack, client: httpx.AsyncClient, uscc_code: str, username: str = "unit-user") -> dict[str, str]:
    """Headers of an employer user of a registered unit holding `uscc_code`: the unit is registered through the
    gateway (registry tells the other services), and a gateway account is bound to its employer id and signed in."""
    from gateway.identity import Accounts, NewUser
    from shared.auth import Role
    from tests.e2e.tokens import sign_in

    body = {"name": "北京海淀科技有限公司", "uscc": uscc_code, "district_code": "110108"}
    registered = await client.post("/api/v1/registry/employers", json=body)
    assert registered.status_code == 201, registered.text
    db = stack.db("gateway")
    try:
        await Accounts(db["users"], db["clients"]).add_user(
            NewUser(username, "unit-password-1", [Role.EMPLOYER_USER], registered.json()["id"]))
    finally:
        await db.client.close()
    token = await sign_in(client, username, "unit-password-1")
    return {"Authorization": f"Bearer {token}", "X-Civic-Role": "employer-user", "X-Civic-User": username}


async def submitted_by_unit(client: httpx.AsyncClient, body: dict, headers: dict[str, str]) -> httpx.Response:
    """Submit a contract application as a unit's user, once contracts has learnt the unit from registry's event
    (until then the filing is refused with 403, and nothing is stored)."""
    async def submit():
        response = await client.post("/api/v1/contracts/applications", json=body, headers=headers)
        return response if response.status_code != 403 else None

    return await until(submit, timeout=30, interval=0.3, what="contracts to know the applicant's unit")


def spans_once(stack, trace_id: str, *wanted: tuple[str, str]) -> list[dict] | None:
    """The trace's spans once every `(service, span name)` in `wanted` and the gateway's SERVER span are on file;
    None until then (for `until`). The gateway ends its span after the answer is sent, so a test that saw the answer
    (or a job's later span) can still be ahead of the gateway's export."""
    spans = read_spans(stack.var_dir / "traces", trace_id)
    names = {(s["service"], s["name"]) for s in spans}
    gateway_request = any(s["service"] == "gateway" and s["kind"] == "SERVER" for s in spans)
    return spans if set(wanted) <= names and gateway_request else None


def requests_connected(stack, trace_id: str, service: str, names: set[str], requests: int) -> list[dict] | None:
    """The trace once `service` has every span in `names`, the gateway's SERVER span of each of the `requests`
    requests is on file, and every other span's parent is on file; None until then (for `until`). Each process
    exports its spans in batches of its own: a child can be on file before its parent, and a request can have none
    of its spans on file yet, which leaves no orphan to wait for."""
    spans = read_spans(stack.var_dir / "traces", trace_id)
    ran = names <= {s["name"] for s in spans if s["service"] == service}
    requests_here = sum(s["service"] == "gateway" and s["kind"] == "SERVER" for s in spans) >= requests
    known = {s["span_id"] for s in spans}
    parents_here = all(s["parent_id"] in known for s in spans if s["service"] != "gateway" or s["kind"] != "SERVER")
    return spans if ran and requests_here and parents_here else None
