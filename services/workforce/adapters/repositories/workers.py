"""Workers, one document each: dates as ISO strings, posts and grades as their values (no decimals stored here);
`status` and `separated_on` are stored for the queries."""
from __future__ import annotations

from datetime import date

from services.workforce.domain.positions import Post
from services.workforce.domain.recruitment import Education, Hukou
from services.workforce.domain.worker import (Assessment, Award, Certificate, CertificateException, Decision,
                                              Grade, Kind, Objection, OneChildCertificate, Person, PostChange,
                                              Renewal, Separation, Training, Transfer, Worker)
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page
from shared.store import AggregateStore


def _d(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _s(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class WorkerRepository(AggregateRepository[Worker]):
    async def search(self, *, community_id: str | None = None, employer_id: str | None = None,
                     status: str | None = None) -> list[Worker]:
        query = {k: v for k, v in (("community_id", community_id), ("employer_id", employer_id),
                                   ("status", status)) if v is not None}
        return await self.find(query)

    async def listing(self, page: PageRequest, *, community_id: str | None = None, employer_id: str | None = None,
                      status: str | None = None) -> Page[Worker]:
        query = {k: v for k, v in (("community_id", community_id), ("employer_id", employer_id),
                                   ("status", status)) if v is not None}
        return await self.page(query, page.page, page.size)

    async def in_service_between(self, first: date, last: date, employer_id: str | None = None) -> list[Worker]:
        """Workers who started by `last` and had not left before `first`."""
        query: dict = {"start_date": {"$lte": last.isoformat()},
                       "$or": [{"separated_on": None}, {"separated_on": {"$gte": first.isoformat()}}]}
        if employer_id is not None:
            query["employer_id"] = employer_id
        return await self.find(query)


def _to_document(w: Worker) -> dict:
    p = w.person
    return {
        "id": w.id, "employer_id": w.employer_id, "community_id": w.community_id, "kind": w.kind.value,
        "start_date": _s(w.start_date), "term_end": _s(w.term_end), "retiree": w.retiree,
        "person": {"name": p.name, "resident_id": p.resident_id, "gender": p.gender, "birth_date": _s(p.birth_date),
                   "education": p.education.value, "fresh_graduate": p.fresh_graduate, "hukou": p.hukou.value},
        "posts_history": [{"effective_on": _s(c.effective_on), "posts": [x.value for x in c.posts]}
                          for c in w.posts_history],
        "certificates": [certificate_doc(c) for c in w.certificates],
        "assessments": [_assessment_doc(a) for a in w.assessments],
        "trainings": [{"year": t.year, "course": t.course, "completed_on": _s(t.completed_on), "result": t.result}
                      for t in w.trainings],
        "awards": [{"title": a.title, "awarded_on": _s(a.awarded_on), "awarded_by": a.awarded_by} for a in w.awards],
        "separation": None if w.separation is None else {"on": _s(w.separation.on), "reason": w.separation.reason},
        "renewals": [{"signed_on": _s(r.signed_on), "term_end": _s(r.term_end)} for r in w.renewals],
        "transfers": [{"effective_on": _s(t.effective_on), "from": t.from_community, "to": t.to_community}
                      for t in w.transfers],
        "certificate_exception": w.certificate_exception and {"reason": w.certificate_exception.reason,
                                                              "recorded_on": _s(w.certificate_exception.recorded_on)},
        "one_child": w.one_child and {"number": w.one_child.number, "issued_on": _s(w.one_child.issued_on),
                                      "child_birth_date": _s(w.one_child.child_birth_date)},
    }


def certificate_doc(c: Certificate) -> dict:
    return {"kind": c.kind, "number": c.number, "registered_on": _s(c.registered_on),
            "valid_until": _s(c.valid_until)}


def certificate_of(c: dict) -> Certificate:
    return Certificate(c["kind"], c["number"], _d(c["registered_on"]), _d(c.get("valid_until")))


def _query_fields(w: Worker) -> dict:
    return {"status": "active" if w.active else "separated", "posts": [x.value for x in w.posts],
            "separated_on": _s(w.separation.on) if w.separation else None}


def _assessment_doc(a: Assessment) -> dict:
    return {"year": a.year, "grade": a.grade.value, "task_completion": a.task_completion,
            "satisfaction": a.satisfaction, "notified_on": _s(a.notified_on),
            "objection": a.objection and {"filed_on": _s(a.objection.filed_on), "reason": a.objection.reason},
            "decision": a.decision and {"decided_on": _s(a.decision.decided_on), "grade": a.decision.grade.value,
                                        "by": a.decision.by}}


def _from_document(d: dict) -> Worker:
    p = d["person"]
    person = Person(p["name"], p["resident_id"], p["gender"], _d(p["birth_date"]), Education(p["education"]),
                    p["fresh_graduate"], Hukou(p["hukou"]))
    return Worker(
        d["id"], d["employer_id"], d["community_id"], Kind(d["kind"]), person, _d(d["start_date"]),
        _d(d["term_end"]), d["retiree"],
        tuple(PostChange(_d(c["effective_on"]), tuple(Post(x) for x in c["posts"])) for c in d["posts_history"]),
        certificates=tuple(certificate_of(c) for c in d["certificates"]),
        assessments=tuple(_assessment(a) for a in d["assessments"]),
        trainings=tuple(Training(t["year"], t["course"], _d(t["completed_on"]), t["result"]) for t in d["trainings"]),
        awards=tuple(Award(a["title"], _d(a["awarded_on"]), a["awarded_by"]) for a in d["awards"]),
        separation=None if d["separation"] is None else Separation(_d(d["separation"]["on"]),
                                                                   d["separation"]["reason"]),
        renewals=tuple(Renewal(_d(r["signed_on"]), _d(r["term_end"])) for r in d.get("renewals", [])),
        transfers=tuple(Transfer(_d(t["effective_on"]), t["from"], t["to"]) for t in d.get("transfers", [])),
        certificate_exception=(e := d.get("certificate_exception")) and CertificateException(
            e["reason"], _d(e["recorded_on"])) or None,
        one_child=(o := d.get("one_child")) and OneChildCertificate(
            o["number"], _d(o["issued_on"]), _d(o["child_birth_date"])) or None,
    )


def _assessment(a: dict) -> Assessment:
    objection = a["objection"] and Objection(_d(a["objection"]["filed_on"]), a["objection"]["reason"])
    decision = a["decision"] and Decision(_d(a["decision"]["decided_on"]), Grade(a["decision"]["grade"]),
                                          a["decision"]["by"])
    return Assessment(a["year"], Grade(a["grade"]), a["task_completion"], a["satisfaction"], _d(a["notified_on"]),
                      objection or None, decision or None)


CODEC = Codec(encode=_to_document, decode=_from_document, derived=_query_fields,
              derived_fields=("status", "posts", "separated_on"))
INDEXES = [(key, {"name": f"{key}_1"}) for key in ("community_id", "employer_id", "status")] + [
    (("community_id", "status"), {"name": "community_status"})]  # a community's active workers, at each recount


def worker_repository(store: AggregateStore) -> WorkerRepository:
    return WorkerRepository(store, CODEC, what="worker", indexes=INDEXES)
