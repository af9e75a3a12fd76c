"""Issue 20, finding 1 in registry (function-level authorisation), with real tokens on the real database: an
employer user files in its own unit's name (a deregistration request, a technology centre's application) but never
performs an officer's step on its own records (forcing its own deregistration, reviewing its own application,
recording the bank's receipt, deciding, evaluating or revoking its own centre). A refused call is 403
`access-denied` and changes nothing (read back as an officer); the officer's same call is served."""
from __future__ import annotations

import httpx
import pytest

from services.registry.bootstrap import bootstrap
from services.registry.main import create_app
from shared.auth import Role, Verifier
from tests.e2e.flows import new_uscc
from tests.services.registry.adapters.conftest import Api, Clock
from tests.services.registry.adapters.test_centres_routes import application
from tests.shared.test_auth import JWK, FakeJwks, token

pytestmark = pytest.mark.infra


def bearer(*roles: str, employer_id: str | None = None, **claims) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(roles=list(roles), employer_id=employer_id, **claims)}"}


OFFICER = bearer(Role.REGISTRY_OFFICER)
OPS = bearer(Role.OPS)


@pytest.fixture
async def api(settings_for):
    """The registry app with tokens required; its client acts as a registry officer unless a call says otherwise."""
    clock = Clock()
    container = bootstrap(settings_for("registry", auth_required=True), today=lambda: clock.today,
                          now=lambda: clock.now)
    app = create_app(container)
    app.state.verifier = Verifier(FakeJwks(JWK))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://registry",
                                     headers=OFFICER) as client:
            yield Api(client, container, clock)


async def call(api: Api, method: str, path: str, headers: dict[str, str], body: dict | None = None
               ) -> httpx.Response:
    return await api.client.request(method, f"/api/v1/registry{path}", headers=headers, json=body or {})


def refused(response: httpx.Response) -> bool:
    return response.status_code == 403 and response.json()["type"].endswith("/access-denied")


async def test_an_employer_user_cannot_force_its_own_deregistration_the_officer_can(api):
    unit = await api.registered()
    staff = bearer(Role.EMPLOYER_USER, employer_id=unit["id"])
    before = (await api.get(f"/employers/{unit['id']}")).json()

    forced = await call(api, "POST", f"/employers/{unit['id']}/deregistration/forced", staff,
                        {"event_date": "2026-11-19"})
    assert refused(forced), forced.text
    assert (await api.get(f"/employers/{unit['id']}")).json() == before

    by_officer = await call(api, "POST", f"/employers/{unit['id']}/deregistration/forced", OFFICER,
                            {"event_date": "2026-11-19"})
    assert by_officer.status_code == 200, by_officer.text
    assert by_officer.json()["status"] == "deregistered" and by_officer.json()["deregistration"]["forced"] is True


async def test_an_employer_user_requests_its_own_deregistration_but_never_re_sends_it(api):
    unit = await api.registered()
    staff = bearer(Role.EMPLOYER_USER, employer_id=unit["id"])
    requested = await call(api, "POST", f"/employers/{unit['id']}/deregistration", staff,
                           {"reason": "dissolution", "event_date": "2026-11-01"})
    assert requested.status_code == 202 and requested.json()["status"] == "deregistration_pending", requested.text
    before = (await api.get(f"/employers/{unit['id']}")).json()

    assert refused(await call(api, "POST", f"/employers/{unit['id']}/deregistration/retry", staff))
    assert (await api.get(f"/employers/{unit['id']}")).json() == before
    other = await api.registered()
    hidden = await call(api, "POST", f"/employers/{other['id']}/deregistration", staff,
                        {"reason": "dissolution", "event_date": "2026-11-01"})
    assert hidden.status_code == 404 and hidden.json()["detail"] == f"no employer {other['id']}"

    retried = await call(api, "POST", f"/employers/{unit['id']}/deregistration/retry", OPS)
    assert not refused(retried) and retried.status_code != 401, retried.text


async def test_an_employer_user_cannot_review_its_own_application_nor_record_the_banks_receipt(api):
    pending = await api.apply()
    staff = bearer(Role.EMPLOYER_USER, employer_id=pending["id"])
    before = (await api.get(f"/employers/{pending['id']}")).json()

    review = await call(api, "POST", f"/employers/applications/{pending['id']}/review", staff,
                        {"decision": "approve"})
    assert refused(review), review.text
    receipt = await call(api, "POST", f"/employers/applications/{pending['id']}/bank-account", staff,
                         {"bank_name": "工商银行", "account_number": "0200", "receipt_date": "2026-11-20"})
    assert refused(receipt), receipt.text
    applying = await call(api, "POST", "/employers/applications", staff,
                          {"name": "冒名申请有限公司", "uscc": new_uscc(), "district_code": "110108"})
    assert refused(applying), applying.text
    assert (await api.get(f"/employers/{pending['id']}")).json() == before

    approved = await call(api, "POST", f"/employers/applications/{pending['id']}/review", OFFICER,
                          {"decision": "approve"})
    assert approved.status_code == 200, approved.text
    registered = await call(api, "POST", f"/employers/applications/{pending['id']}/bank-account", OFFICER,
                            {"bank_name": "工商银行", "account_number": "0200", "receipt_date": "2026-11-20"})
    assert registered.status_code == 200 and registered.json()["certificate_number"], registered.text


async def test_an_employer_user_applies_for_its_own_centre_and_reads_it_but_never_decides_on_it(api):
    own, other = (await api.registered())["id"], (await api.registered())["id"]
    staff = bearer(Role.EMPLOYER_USER, employer_id=own)

    for_another = await call(api, "POST", "/technology-centres/applications", staff, application(other))
    assert for_another.status_code == 404 and for_another.json()["detail"] == f"no employer {other}"
    assert (await api.get(f"/technology-centres/{other}")).status_code == 404  # nothing was filed for it
    filed = await call(api, "POST", "/technology-centres/applications", staff, application(own))
    assert filed.status_code == 201, filed.text
    assert (await call(api, "GET", f"/technology-centres/{own}", staff)).status_code == 200
    before = (await api.get(f"/technology-centres/{own}")).json()

    steps = [("decision", {"certified": True, "decided_on": "2026-07-01"}),
             ("evaluations", {"year": 2027, "score": "95", "materials_submitted_on": "2027-04-20",
                              "evaluated_on": "2027-06-15"}),
             ("revocation", {"cause": "own_request", "revoked_on": "2026-08-01"})]
    for step, body in steps:
        answer = await call(api, "POST", f"/technology-centres/{own}/{step}", staff, body)
        assert refused(answer), (step, answer.text)
    assert (await api.get(f"/technology-centres/{own}")).json() == before

    decided = await call(api, "POST", f"/technology-centres/{own}/decision", OFFICER, steps[0][1])
    assert decided.status_code == 200 and decided.json()["status"] == "certified", decided.text


async def test_an_employer_user_pages_its_own_records_only_and_never_the_registers(api):
    own, other = (await api.registered())["id"], (await api.registered())["id"]
    for unit in (own, other):
        filed = await call(api, "POST", "/technology-centres/applications", OFFICER, application(unit))
        assert filed.status_code == 201, filed.text
    staff = bearer(Role.EMPLOYER_USER, employer_id=own)

    timeline = await call(api, "GET", f"/employers/{own}/events", staff)
    assert timeline.status_code == 200 and timeline.json()["total_count"] >= 1, timeline.text
    evaluations = await call(api, "GET", f"/technology-centres/{own}/evaluations", staff)
    assert evaluations.status_code == 200 and evaluations.json()["items"] == [], evaluations.text
    for path in (f"/employers/{other}/events", f"/technology-centres/{other}/evaluations"):
        assert (await call(api, "GET", path, staff)).status_code == 404, path
    for register in ("/employers", "/technology-centres", "/star-applications", "/star-communities",
                     "/communities"):
        assert refused(await call(api, "GET", register, staff)), register
    listed = await call(api, "GET", "/technology-centres", bearer(Role.INSURANCE_OFFICER))
    assert listed.status_code == 200 and listed.json()["total_count"] == 2, listed.text


async def test_other_services_officers_read_registry_but_change_nothing_and_the_catalogue_is_for_everyone(api):
    insurance = bearer(Role.INSURANCE_OFFICER)
    unit = await api.registered()
    assert (await call(api, "GET", f"/employers/{unit['id']}", insurance)).status_code == 200
    changed = await call(api, "POST", f"/employers/{unit['id']}/changes", insurance,
                         {"new_values": {"address": "别处"}, "change_date": "2026-11-19"})
    assert refused(changed), changed.text
    staff = bearer(Role.EMPLOYER_USER, employer_id=unit["id"])
    assert (await call(api, "GET", "/service-catalogue", staff)).status_code == 200
    assert refused(await call(api, "POST", "/jobs/certificate-lapse", staff, {"year": 2026, "on": "2027-01-05"}))
