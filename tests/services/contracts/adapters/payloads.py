"""Request bodies and headers shared by the adapter and e2e tests."""
from __future__ import annotations

import itertools

from services.contracts.domain.kinds import CRITERIA, ALWAYS, ContractType

SELLER_USCC = "91110108551385082Q"
BUYER_USCC = "91110105MA01ABCD13"
APPLICANT = {"X-Civic-Role": "employer-user", "X-Civic-User": "party-1"}
REGISTRAR = {"X-Civic-Role": "contracts-registrar", "X-Civic-User": "wang"}
HEAD = {"X-Civic-Role": "registrar-head", "X-Civic-User": "li"}
DIRECTOR = {"X-Civic-Role": "management-office-director", "X-Civic-User": "zhao"}
TAX = {"X-Civic-Role": "department-system", "X-Civic-User": "tax-authority"}
PERFORMED_ON = "2026-11-01"  # after the contract took effect (8 Oct 2026)
_numbers = itertools.count(1)


def application(amount="500000.00", **changes) -> dict:
    """A contract of its own each call (its name numbered): a contract is registered once (第三条), so the same body
    twice is one contract applied for twice."""
    title = f"新型电池材料技术开发合同（第{next(_numbers)}期）"
    body = {"form": "development", "title": title, "seller_in_beijing": True,
            "seller": {"name": "北京海淀科技有限公司", "uscc": SELLER_USCC},
            "buyer": {"name": "北京朝阳制造有限公司", "uscc": BUYER_USCC},
            "amount": amount, "signed_on": "2026-10-01", "effective_on": "2026-10-08", "expiry_on": "2027-10-07",
            "registrar_code": "110108", "materials": [m.value for m in ALWAYS],
            "type_details": {"rd_goal": "能量密度提高20%的正极材料"}}
    return body | changes


def register_review(contract_type: str = "development") -> dict:
    checks = [{"criterion": c, "passed": True} for c in CRITERIA[ContractType(contract_type)]]
    return {"decision": "register", "checklist": checks, "materials_checked": [m.value for m in ALWAYS]}


def refuse_review(*reasons: str, contract_type: str = "development") -> dict:
    return register_review(contract_type) | {"decision": "refuse", "reasons": list(reasons)}
