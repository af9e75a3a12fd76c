"""An application through the gateway: apply → review → bank receipt → registered with a 12-digit certificate,
and insurance opens the account from `registry.employer.registered`."""
import pytest

from services.registry.domain.units import REQUIRED_DOCUMENTS, UnitType
from tests.e2e.flows import account_of, new_uscc

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

APPLICATIONS = "/api/v1/registry/employers/applications"


async def test_an_approved_application_with_a_bank_receipt_is_registered_and_insured(secured_stack, officer_client):
    body = {"name": "丰台区申请有限公司", "uscc": new_uscc(), "district_code": "110106", "unit_type": "branch",
            "licence_date": "2020-01-01", "documents": ["form_1"]}
    refused = await officer_client.post(APPLICATIONS, json=body)
    assert refused.status_code == 422 and {e["field"] for e in refused.json()["errors"]} == {"unit_type"}
    body |= {"unit_type": "non_legal_person_branch", "documents": sorted(REQUIRED_DOCUMENTS[UnitType.BRANCH])}
    applied = await officer_client.post(APPLICATIONS, json=body)
    assert applied.status_code == 201 and applied.json()["application"]["days_late"] > 0
    employer_id = applied.json()["id"]
    approved = await officer_client.post(f"{APPLICATIONS}/{employer_id}/review", json={"decision": "approve"})
    receipt = {"bank_name": "北京银行", "account_number": "01090001",
               "receipt_date": approved.json()["application"]["account_notice_issued_on"]}
    registered = await officer_client.post(f"{APPLICATIONS}/{employer_id}/bank-account", json=receipt)
    assert registered.status_code == 200, registered.text
    assert registered.json()["certificate_number"] == "110106000001"
    account = await account_of(officer_client, employer_id)
    assert account["uscc"] == body["uscc"]
