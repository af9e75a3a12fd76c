"""`Idempotency-Key` in a service app built by `shared.runtime.create_app`, on the real FerretDB: routes of a probe
that count how often they ran (a record each), plus insurance's own fine route."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from fastapi import APIRouter, Request, Response

from services.insurance.adapters.access import ACCESS
from shared.access import allow
from shared.auth import Role, Verifier
from shared.errors import Unavailable
from shared.runtime import ServiceRuntime, create_app
from tests.shared.test_auth import JWK, FakeJwks, token

pytestmark = pytest.mark.infra
API = "/api/v1/insurance/probe"
OFFICER = {"X-Civic-User": "officer-1", "X-Civic-Role": "insurance-officer"}


@dataclass
class Probe:
    runtime: ServiceRuntime
    gate: asyncio.Event  # the slow route waits for it
    fail_next: list[str]  # "503" / "crash" for the next calls of the flaky route

    async def init_db(self) -> None:
        pass

    async def ran(self, route: str | None = None) -> int:
        return await self.runtime.db["probe_runs"].count_documents({"route": route} if route else {})

    async def keys(self) -> int:
        return await self.runtime.db["idempotency_keys"].count_documents({})


def probe_router(probe: Probe) -> APIRouter:
    api = APIRouter(prefix=API)

    async def run(route: str, request: Request) -> dict:
        body = await request.body()
        done = await probe.runtime.db["probe_runs"].insert_one({"route": route, "body": body})
        return {"id": str(done.inserted_id), "route": route}

    @api.post("/things", status_code=201, **allow(Role.INSURANCE_OFFICER))
    async def make(request: Request, response: Response) -> dict:
        made = await run("things", request)
        response.headers["Location"] = f"{API}/things/{made['id']}"
        return made

    @api.post("/slow", status_code=201, **allow(Role.INSURANCE_OFFICER))
    async def slow(request: Request) -> dict:
        await asyncio.wait_for(probe.gate.wait(), 10)
        return await run("slow", request)

    @api.post("/flaky", status_code=201, **allow(Role.INSURANCE_OFFICER))
    async def flaky(request: Request) -> dict:
        made = await run("flaky", request)
        failure = probe.fail_next.pop(0) if probe.fail_next else None
        if failure == "503":
            raise Unavailable("the bank did not answer")
        if failure == "crash":
            raise RuntimeError("the process broke down")
        return made

    @api.post("/big", status_code=201, **allow(Role.INSURANCE_OFFICER))
    async def big(request: Request) -> dict:
        return await run("big", request) | {"padding": "x" * (1024 * 1024 + 1)}

    @api.post("/ops-only", status_code=201, **allow(Role.OPS))
    async def ops_only(request: Request) -> dict:
        return await run("ops-only", request)

    return api


@pytest.fixture
def make_app(settings_for):
    """An app of the probe (as `insurance`, whose broker user it connects as), over one database for all apps
    made in one test: two apps are two replicas."""
    gate = asyncio.Event()

    def make(**settings):
        probe = Probe(ServiceRuntime(settings_for("insurance", **settings)), gate, [])
        app = create_app(probe, title="probe", routers=[probe_router(probe)], access=ACCESS)
        app.state.verifier = Verifier(FakeJwks(JWK))
        return app, probe

    return make


@pytest.fixture
async def client(make_app):
    app, probe = make_app()
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as http:
            http.probe = probe
            yield http


def keyed(key: str, **headers) -> dict:
    return OFFICER | {"Idempotency-Key": key} | headers


async def test_a_retry_with_the_key_answers_the_first_answer_and_the_route_ran_once(client):
    first = await client.post(f"{API}/things", json={"amount": "1000.00"}, headers=keyed("k-1"))
    again = await client.post(f"{API}/things", json={"amount": "1000.00"}, headers=keyed('"k-1"'))
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"] == f"{API}/things/{first.json()['id']}"
    assert again.headers["content-type"] == first.headers["content-type"] == "application/json"
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert await client.probe.ran("things") == 1


async def test_without_a_key_every_request_runs_as_before(client):
    for _ in range(2):
        assert (await client.post(f"{API}/things", json={"amount": "1000.00"}, headers=OFFICER)).status_code == 201
    assert await client.probe.ran("things") == 2 and await client.probe.keys() == 0


async def test_the_key_with_another_body_or_path_is_a_422_naming_the_header(client):
    assert (await client.post(f"{API}/things", json={"amount": "1000.00"}, headers=keyed("k-2"))).status_code == 201
    for path, body in ((f"{API}/things", {"amount": "1000.01"}), (f"{API}/flaky", {"amount": "1000.00"})):
        reused = await client.post(path, json=body, headers=keyed("k-2"))
        assert reused.status_code == 422 and reused.headers["content-type"] == "application/problem+json"
        assert [(e["field"], e["rule"]) for e in reused.json()["errors"]] == [("Idempotency-Key",
                                                                              "idempotency-key-reused")]
    assert await client.probe.ran() == 1


async def test_a_malformed_key_is_a_422_naming_the_header_and_nothing_runs(client):
    for bad in ("", "x" * 256, '"unclosed'):
        refused = await client.post(f"{API}/things", json={}, headers=keyed(bad))
        assert refused.status_code == 422, bad
        assert refused.json()["errors"][0]["field"] == "Idempotency-Key"
    assert await client.probe.ran() == 0


async def test_two_concurrent_requests_with_one_key_run_the_route_once(client):
    client.probe.gate.clear()
    first = asyncio.create_task(client.post(f"{API}/slow", json={"n": 1}, headers=keyed("k-3")))
    for _ in range(100):  # until the first holds the key
        if await client.probe.keys():
            break
        await asyncio.sleep(0.05)
    busy = await client.post(f"{API}/slow", json={"n": 1}, headers=keyed("k-3"))
    assert busy.status_code == 409 and busy.headers["retry-after"]
    assert busy.json()["errors"][0]["rule"] == "idempotency-key-in-progress"
    client.probe.gate.set()
    assert (await first).status_code == 201
    replayed = await client.post(f"{API}/slow", json={"n": 1}, headers=keyed("k-3"))
    assert replayed.json() == (await first).json() and replayed.headers["idempotent-replayed"] == "true"
    assert await client.probe.ran("slow") == 1


async def test_two_replicas_racing_with_one_key_run_the_route_once(make_app):
    """Two apps (two runtimes, two database clients) on one database, ten requests each at once."""
    (one, probe), (two, _) = make_app(), make_app()
    probe.gate.set()
    async with one.router.lifespan_context(one), two.router.lifespan_context(two):
        clients = [httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance")
                   for app in (one, two)]
        answers = await asyncio.gather(*(clients[i % 2].post(f"{API}/things", json={"n": 1}, headers=keyed("k-4"))
                                         for i in range(20)))
        for http in clients:
            await http.aclose()
        assert await probe.ran("things") == 1
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) <= {201, 409} and statuses.count(201) >= 1
    made = {a.json()["id"] for a in answers if a.status_code == 201}
    assert len(made) == 1  # every 201 is the one answer, first or replayed


async def test_a_5xx_or_a_crash_is_not_stored_and_the_retry_runs_again(client):
    client.probe.fail_next[:] = ["503", "crash"]
    unavailable = await client.post(f"{API}/flaky", json={"n": 1}, headers=keyed("k-5"))
    assert unavailable.status_code == 503 and await client.probe.keys() == 0
    with pytest.raises(RuntimeError):  # the ASGI transport raises what the server would answer as a 500
        await client.post(f"{API}/flaky", json={"n": 1}, headers=keyed("k-5"))
    assert await client.probe.keys() == 0
    retried = await client.post(f"{API}/flaky", json={"n": 1}, headers=keyed("k-5"))
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    assert await client.probe.ran("flaky") == 3
    assert (await client.post(f"{API}/flaky", json={"n": 1}, headers=keyed("k-5"))).json() == retried.json()
    assert await client.probe.ran("flaky") == 3


async def test_an_answer_over_1_mib_is_not_kept_and_the_retry_runs_again(client, caplog):
    for _ in range(2):
        with caplog.at_level(logging.INFO, logger="shared.idempotency.middleware"):
            answer = await client.post(f"{API}/big", json={"n": 1}, headers=keyed("k-6"))
        assert answer.status_code == 201 and len(answer.content) > 1024 * 1024
        assert "idempotent-replayed" not in answer.headers
    assert await client.probe.ran("big") == 2 and await client.probe.keys() == 0
    assert "exceed the 1048576 kept for replay" in caplog.text


async def test_an_expired_key_is_a_new_request_and_the_purge_deletes_it(client):
    assert (await client.post(f"{API}/things", json={"n": 1}, headers=keyed("k-7"))).status_code == 201
    keys = client.probe.runtime.db["idempotency_keys"]
    past = datetime.now(timezone.utc) - timedelta(seconds=1)
    await keys.update_many({}, {"$set": {"expires_at": past}})
    again = await client.post(f"{API}/things", json={"n": 2}, headers=keyed("k-7"))  # other body: no 422 now
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
    assert await client.probe.ran("things") == 2
    assert await client.probe.runtime.idempotency.purge(datetime.now(timezone.utc)) == 0  # the new one is fresh
    await keys.update_many({}, {"$set": {"expires_at": past}})
    assert await client.probe.runtime.idempotency.purge(datetime.now(timezone.utc)) >= 1
    assert await client.probe.keys() == 0


async def test_a_claim_whose_holder_died_is_taken_over_after_the_claim_window(make_app):
    app, probe = make_app(idempotency_claim_seconds=0.5)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as http:
            now = datetime.now(timezone.utc)
            begun = await probe.runtime.idempotency.begin(
                _record_id("officer-1", "k-8"), "dead", _fingerprint(f"{API}/things", b'{"n":1}'), now)
            assert begun.token  # a claim, as a process that died mid-request leaves it
            busy = await http.post(f"{API}/things", json={"n": 1}, headers=keyed("k-8"))
            assert busy.status_code == 409
            await asyncio.sleep(0.6)
            taken = await http.post(f"{API}/things", json={"n": 1}, headers=keyed("k-8"))
            assert taken.status_code == 201 and await probe.ran("things") == 1
            replay = await http.post(f"{API}/things", json={"n": 1}, headers=keyed("k-8"))
            assert replay.headers["idempotent-replayed"] == "true"


async def test_a_request_running_longer_than_the_claim_window_keeps_its_claim(make_app):
    """Its claim is renewed while it runs: a retry after the window is still a 409, not a second run."""
    app, probe = make_app(idempotency_claim_seconds=0.6)
    probe.gate.clear()
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as http:
            first = asyncio.create_task(http.post(f"{API}/slow", json={"n": 1}, headers=keyed("k-10")))
            await asyncio.sleep(1.5)  # well past the window
            busy = await http.post(f"{API}/slow", json={"n": 1}, headers=keyed("k-10"))
            assert busy.status_code == 409
            probe.gate.set()
            assert (await first).status_code == 201
            replay = await http.post(f"{API}/slow", json={"n": 1}, headers=keyed("k-10"))
            assert replay.headers["idempotent-replayed"] == "true"
            assert await probe.ran("slow") == 1


async def test_two_callers_with_one_key_never_see_each_others_answers(client):
    one = await client.post(f"{API}/things", json={"n": 1}, headers=keyed("shared", **{"X-Civic-User": "a"}))
    two = await client.post(f"{API}/things", json={"n": 2}, headers=keyed("shared", **{"X-Civic-User": "b"}))
    assert one.status_code == two.status_code == 201 and one.json() != two.json()
    again = await client.post(f"{API}/things", json={"n": 2}, headers=keyed("shared", **{"X-Civic-User": "b"}))
    assert again.json() == two.json() and again.headers["idempotent-replayed"] == "true"
    assert await client.probe.ran("things") == 2


async def test_a_caller_the_gate_or_the_route_refuses_neither_stores_nor_replays(make_app):
    app, probe = make_app(auth_required=True)
    probe.gate.set()
    officer = token(sub="ann", roles=[Role.INSURANCE_OFFICER], employer_id=None)
    auditor = token(sub="ann", roles=[Role.AUDITOR], employer_id=None)  # the same subject, now an auditor
    ann_ops = token(sub="ann", roles=[Role.OPS], employer_id=None)  # passes the gate, not /things' declaration
    ops = token(sub="ops", roles=[Role.OPS], employer_id=None)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as http:
            def post(path, bearer):
                return http.post(path, json={"n": 1}, headers={"Authorization": f"Bearer {bearer}",
                                                               "Idempotency-Key": "k-9"})

            assert (await post(f"{API}/things", officer)).status_code == 201
            refused = await post(f"{API}/things", auditor)  # the gate refuses: no replay of ann's answer
            assert refused.status_code == 403 and "idempotent-replayed" not in refused.headers
            refused = await post(f"{API}/things", ann_ops)  # the route's declaration refuses: no replay either
            assert refused.status_code == 403 and "idempotent-replayed" not in refused.headers
            assert (await post(f"{API}/things", ops)).status_code == 403
            assert await probe.keys() == 1  # ann's only
            assert (await post(f"{API}/ops-only", ops)).status_code == 201  # ops' refused claim was released
            assert await probe.ran() == 2


async def test_two_posts_of_one_fine_with_one_key_make_one_fine(settings_for):
    from services.insurance.bootstrap import bootstrap
    from services.insurance.main import create_app as create_insurance_app
    from tests.services.insurance.adapters.conftest import Api, Clock

    clock = Clock()
    container = bootstrap(settings_for("insurance"), today=lambda: clock.today)
    app = create_insurance_app(container)
    fine = {"offence": "declaration", "severity": "serious", "amount": "1000.00", "imposed_on": "2026-12-01",
            "reason": "wage bases not declared"}
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as http:
            api = Api(http, container, clock)
            unit = await api.account("idem-fined")
            answers = [await api.post(f"/accounts/{unit}/fines", fine, headers=keyed("fine-1")) for _ in range(2)]
            assert [a.status_code for a in answers] == [201, 201] and answers[1].json() == answers[0].json()
            assert await container.runtime.db["fines"].count_documents({}) == 1
            other = await api.post(f"/accounts/{unit}/fines", fine | {"amount": "1500.00"}, headers=keyed("fine-1"))
            assert other.status_code == 422 and other.json()["errors"][0]["rule"] == "idempotency-key-reused"
            assert await container.runtime.db["fines"].count_documents({}) == 1


def _record_id(user: str, key: str) -> str:
    from shared.idempotency.rules import caller_of, record_id
    return record_id(caller_of(user, None, ["insurance-officer"]), key)


def _fingerprint(path: str, body: bytes) -> str:
    from shared.idempotency.rules import fingerprint
    return fingerprint("POST", path, "", "application/json", body)
