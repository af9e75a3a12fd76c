"""Who may call workforce (checked by `shared.access.AccessGate` before routing; each route then declares its own
operation's callers with `shared.access.allow`, published as `x-civic-access`).

Street officers (the street office employs community workers) act: hiring, posts, transfers, agreements, separations,
records (certificates, the one-child certificate, assessments, objections and the street's decision on them,
training, awards), rosters, a station's approved posts and open recruitment. Ops runs the scheduled steps: the daily
separation watch, the monthly payroll, the yearly bonus and the community projection loaded by hand; ops and street
officers choose the staffing profile a community follows. Registry officers read the staffing overview, the
communities awaiting reassignment, the rosters and the station checks (the communities are theirs) and the workers; insurance officers read the workers and
the pay runs (enrolment, contribution base). The personal archive and recruitment (vacancies, their listing and
ranking) stay with the street office (and the auditor, who reads everything). Employer users reach nothing here, no
listing either: a worker's employer is the street office, run by its officers, so no listing needs an own-unit scope.
Every route checks the platform's role names (`shared.auth.Role`); workforce has no local aliases. Personal data stays here:
department systems get only what the `workforce:read` scope grants."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="workforce",
    writers=frozenset({Role.STREET_OFFICER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER}),
)
