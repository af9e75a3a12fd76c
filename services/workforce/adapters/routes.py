"""REST under /api/v1/workforce: translate DTO → command → handler. The acting officer comes from the
`X-Civic-User` header for now (identity and roles are a later issue)."""
from __future__ import annotations

import uuid
from datetime import date
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Header

from services.workforce.adapters.schemas import (AssessmentIn, AwardIn, BonusIn, CertificateIn, CommunitiesIn,
                                                 DecisionIn, HireIn, ObjectionIn, PostsIn, RenewalIn, RosterIn,
                                                 SeparationIn, TrainingIn, TransferIn, WorkerOut)
from services.workforce.application import pay, staffing, workers as handlers
from services.workforce.bootstrap import Container
from services.workforce.domain import records as rules
from services.workforce.domain.pay import parse_period
from services.workforce.domain.roster import Opening
from services.workforce.domain.worker import (Award, Renewal, Separation, Training, add_certificate,
                                              renew_agreement)
from shared.errors import InvalidInput, NotFound
from shared.params import Year
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/workforce", tags=["workforce"])
ContainerDep = Annotated[Container, Depends(container_of)]
ActingUser = Annotated[str | None, Header(alias="X-Civic-User")]


@router.post("/workers", status_code=201, response_model=WorkerOut)
async def hire(body: HireIn, c: ContainerDep) -> WorkerOut:
    worker = await handlers.hire_worker(body.command(), str(uuid.uuid4()), c.workers, c.claims, c.staffing,
                                        c.policy.max_recruit_age)
    return WorkerOut.of(worker)


@router.get("/workers", response_model=list[WorkerOut])
async def list_workers(c: ContainerDep, community_id: str | None = None, employer_id: str | None = None,
                       status: str | None = None) -> list[WorkerOut]:
    found = await c.workers.find(community_id=community_id, employer_id=employer_id, status=status)
    return [WorkerOut.of(w) for w in found]


@router.get("/workers/{worker_id}", response_model=WorkerOut)
async def get_worker(worker_id: str, c: ContainerDep) -> WorkerOut:
    worker, _ = await handlers.existing(c.workers, worker_id, "worker")
    return WorkerOut.of(worker)


@router.post("/workers/{worker_id}/posts", response_model=WorkerOut)
async def change_posts(worker_id: str, body: PostsIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await handlers.change_posts(worker_id, tuple(body.posts), body.effective_on, c.workers,
                                                    c.claims, c.staffing))


@router.post("/workers/{worker_id}/transfer", response_model=WorkerOut)
async def transfer(worker_id: str, body: TransferIn, c: ContainerDep) -> WorkerOut:
    """调动 to another community of the same street office (e.g. out of an abolished community)."""
    return WorkerOut.of(await handlers.transfer_worker(worker_id, body.community_id, body.effective_on,
                                                      tuple(body.posts), c.workers, c.claims, c.staffing))


@router.post("/workers/{worker_id}/certificates", response_model=WorkerOut)
async def add_cert(worker_id: str, body: CertificateIn, c: ContainerDep) -> WorkerOut:
    decide = partial(_flip(add_certificate), body.domain())
    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/agreements", status_code=201, response_model=WorkerOut)
async def renew(worker_id: str, body: RenewalIn, c: ContainerDep) -> WorkerOut:
    decide = partial(_flip(renew_agreement), Renewal(body.signed_on, body.term_end))
    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/assessments", status_code=201, response_model=WorkerOut)
async def assess(worker_id: str, body: AssessmentIn, c: ContainerDep) -> WorkerOut:
    def decide(w):
        return rules.record_assessment(w, body.year, body.grade, body.task_completion, body.satisfaction,
                                       body.notified_on)

    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/assessments/{year}/objection", status_code=201, response_model=WorkerOut)
async def object_to(worker_id: str, year: Year, body: ObjectionIn, c: ContainerDep) -> WorkerOut:
    def decide(w):
        return rules.file_objection(w, year, body.filed_on, body.reason)

    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/assessments/{year}/decision", status_code=201, response_model=WorkerOut)
async def decide_objection(worker_id: str, year: Year, body: DecisionIn, c: ContainerDep,
                           user: ActingUser = None) -> WorkerOut:
    def decide(w):
        return rules.decide_objection(w, year, body.decided_on, body.grade, user)

    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/trainings", status_code=201, response_model=WorkerOut)
async def train(worker_id: str, body: TrainingIn, c: ContainerDep) -> WorkerOut:
    decide = partial(_flip(rules.record_training), Training(body.year, body.course, body.completed_on, body.result))
    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/awards", status_code=201, response_model=WorkerOut)
async def award(worker_id: str, body: AwardIn, c: ContainerDep) -> WorkerOut:
    decide = partial(_flip(rules.record_award), Award(body.title, body.awarded_on, body.awarded_by))
    return WorkerOut.of(await handlers.change_worker(worker_id, decide, c.workers))


@router.post("/workers/{worker_id}/separation", response_model=WorkerOut)
async def separate(worker_id: str, body: SeparationIn, c: ContainerDep) -> WorkerOut:
    worker = await handlers.separate_worker(worker_id, Separation(body.on, body.reason), c.workers, c.claims,
                                            c.staffing)
    return WorkerOut.of(worker)


@router.get("/workers/{worker_id}/archive")
async def archive(worker_id: str, c: ContainerDep) -> dict:
    worker, _ = await handlers.existing(c.workers, worker_id, "worker")
    p = worker.person
    person = {"name": p.name, "resident_id": p.resident_id, "gender": p.gender, "birth_date": p.birth_date,
              "education": p.education.value, "hukou": p.hukou.value}
    return {"worker_id": worker.id, "person": person, "start_date": worker.start_date,
            "timeline": rules.archive(worker)}


@router.post("/separation-watch/{on}")
async def watch(on: date, c: ContainerDep) -> dict:
    """The daily watcher: call once a day with the day's date (a scheduler's job)."""
    done = await handlers.watch_separations(on, c.workers, c.claims, c.staffing)
    return {"on": on, "separated": [WorkerOut.of(w) for w in done]}


@router.post("/payroll/{period}", status_code=201)
async def run_payroll(period: str, c: ContainerDep) -> dict:
    return await pay.run_payroll(_period(period), c.workers, c.payroll, c.policy)


@router.get("/payroll/{period}")
async def get_payroll(period: str, c: ContainerDep) -> dict:
    return await _run(c.payroll, str(_period(period)), "payroll")


@router.post("/bonus/{year}", status_code=201)
async def run_bonus(year: Year, body: BonusIn, c: ContainerDep) -> dict:
    return await pay.run_bonus(body.employer_id, year, c.workers, c.bonuses, c.policy)


@router.get("/bonus/{year}")
async def get_bonus(year: Year, employer_id: str, c: ContainerDep) -> dict:
    return await _run(c.bonuses, f"{employer_id}:{year}", "bonus run")


@router.post("/communities/import", status_code=204)
async def import_communities(body: CommunitiesIn, c: ContainerDep) -> None:
    for community in body.communities:
        await staffing.import_community(community.domain(), c.staffing)


@router.get("/staffing")
async def staffing_overview(c: ContainerDep) -> list[dict]:
    rows = await staffing.staffing_overview(c.staffing)
    return [{"community_id": r["community"].id, "name": r["community"].name, "profile": r["community"].profile,
             "households": r["community"].households, "rural": r["community"].rural,
             "migrants": r["community"].migrants, "required": r["required"], "actual": r["actual"],
             "shortfall": r["shortfall"], "police_assistants_required": r["police_assistants_required"]}
            for r in rows]


@router.get("/staffing/reassignments")
async def reassignments(c: ContainerDep) -> list[dict]:
    """Abolished communities (撤销, or merged into another) whose active workers still await reassignment."""
    return [{"community_id": r["community"].id, "name": r["community"].name,
             "abolished_on": r["community"].abolished_on, "merged_into": r["community"].merged_into,
             "workers": [{"worker_id": w.id, "name": w.person.name, "posts": [p.value for p in w.posts]}
                         for w in r["workers"]]}
            for r in await staffing.needing_reassignment(c.staffing)]


@router.put("/stations/{community_id}/roster")
async def put_roster(community_id: str, body: RosterIn, c: ContainerDep) -> dict:
    openings = [Opening(o.day, o.opens, o.closes, o.staff_on_duty) for o in body.openings]
    return await staffing.set_roster(community_id, openings, c.rosters, c.communities, c.policy)


@router.get("/stations/{community_id}/roster")
async def get_roster(community_id: str, c: ContainerDep) -> dict:
    roster = await c.rosters.get(community_id)
    if roster is None:
        raise NotFound(f"no roster for station {community_id}")
    return {k: v for k, v in roster.items() if k != "_id"}


def _period(value: str):
    period = parse_period(value)
    if period is None:
        raise InvalidInput.on("period", "yyyy-mm", f"{value!r} is not a month written yyyy-mm")
    return period


async def _run(runs, key: str, what: str) -> dict:
    run = await runs.get(key)
    if run is None:
        raise NotFound(f"no {what} for {key}")
    return {k: v for k, v in run.items() if k != "_id"}


def _flip(rule):
    """`rule(worker, value)` as `f(value, worker)`, so `partial(_flip(rule), value)` decides on a worker."""
    return lambda value, worker: rule(worker, value)
