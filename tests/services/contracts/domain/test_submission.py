"""Arrival of an application: 第三条, 第六条 (30 days), 第九条, 第十一条, 第十五条."""
from dataclasses import replace
from datetime import date

import pytest

from services.contracts.domain.contract import Flags, Kind, Party, Status
from services.contracts.domain.kinds import ContractForm, ContractType, Material, PatentSubject, RegisterAtIpOffice
from services.contracts.domain import submission
from services.contracts.domain.submission import decision_due
from shared.errors import InvalidInput
from tests.services.contracts.domain.factory import (CITY_LEVEL, FOREIGN, OLD_DISTRICT, OUT_OF_TOWN, REGISTRAR, SELLER,
                                                     TODAY, application, filing, stamp, submitted)


def rules_of(error: InvalidInput) -> set[tuple[str, str]]:
    return {(p.field, p.rule) for p in error.errors}


def test_a_valid_application_is_accepted_with_a_30_calendar_day_deadline():
    contract = submitted()
    assert contract.status is Status.UNDER_REVIEW and contract.kind is Kind.REGISTRATION
    assert contract.accepted_on == TODAY and contract.decision_due == date(2026, 12, 20)


def test_30_days_are_calendar_days_even_across_the_national_day_holiday():
    """第六条 says 30日, not 30个工作日: 1 Oct + 30 = 31 Oct although 1–7 Oct are holidays."""
    assert decision_due(date(2026, 10, 1)) == date(2026, 10, 31)


@pytest.mark.parametrize("subject", [PatentSubject.PATENT_TRANSFER, PatentSubject.PATENT_APPLICATION_RIGHT,
                                     PatentSubject.PATENT_LICENCE])
def test_patent_contracts_are_refused_with_the_ip_office_pointer(subject):
    with pytest.raises(RegisterAtIpOffice) as caught:
        submitted(form=ContractForm.TRANSFER, patent_subject=subject)
    entry = caught.value.problem()["errors"][0]
    assert "知识产权局" in entry["registry"] and caught.value.status == 422 and "registry" not in caught.value.problem()
    assert (entry["field"], entry["rule"], entry["article"]) == ("patent_subject", "register-at-ip-office", "第十一条")


def test_a_seller_outside_beijing_makes_it_a_filing_by_the_buyer():
    assert filing().kind is Kind.FILING


def test_a_beijing_sellers_contract_is_registered_at_the_registrar_of_the_sellers_district():
    assert submitted(registrar_code="110108").registrar_code == "110108"  # 海淀 seller, 海淀 registrar
    with pytest.raises(InvalidInput) as caught:
        submitted(registrar_code="110105")
    entry = caught.value.errors[0]
    assert (entry.field, entry.rule, entry.article, entry.facts) == (
        "registrar_code", "seller-locality-registrar", "第三条", {"expected": "110108"})


def test_a_seller_registered_by_the_city_goes_to_any_beijing_registrar_and_an_old_district_to_its_successor():
    assert submitted(seller=CITY_LEVEL, registrar_code="110105").kind is Kind.REGISTRATION
    assert submitted(seller=OLD_DISTRICT, registrar_code="110101").registrar_code == "110101"  # 崇文 → 东城
    with pytest.raises(InvalidInput):
        submitted(seller=OLD_DISTRICT, registrar_code="110103")


def test_the_sellers_uscc_decides_between_registration_and_filing():
    with pytest.raises(InvalidInput) as beijing:
        submitted(seller_in_beijing=False)
    with pytest.raises(InvalidInput) as shanghai:
        submitted(seller=OUT_OF_TOWN, seller_in_beijing=True)
    assert [(e.field, e.rule, e.article) for e in beijing.value.errors + shanghai.value.errors] == [
        ("seller_in_beijing", "seller-locality", "第三条"), ("seller_in_beijing", "seller-locality", "第十五条")]


def test_a_filing_goes_to_the_registrar_of_the_beijing_buyers_district():
    with pytest.raises(InvalidInput) as caught:
        filing(registrar_code="110108")
    assert [(e.rule, e.article, e.facts) for e in caught.value.errors] == [
        ("buyer-locality-registrar", "第十五条", {"expected": "110105"})]
    with pytest.raises(InvalidInput) as outside:
        filing(buyer=OUT_OF_TOWN)
    assert [(e.field, e.rule) for e in outside.value.errors] == [("buyer.uscc", "buyer-in-beijing")]


def test_a_foreign_seller_through_a_beijing_agent_goes_to_the_agents_registrar():
    assert submitted(seller=FOREIGN, flags=Flags(foreign_seller_via_agent=True), registrar_code="110105").kind \
        is Kind.REGISTRATION


def test_the_registration_key_is_the_parties_the_signing_day_and_the_name_and_a_refusal_frees_it():
    key = submission.registration_key(submitted())
    assert key == submission.registration_key(submitted(title=" 新型电池材料 技术开发合同 "))  # spaces ignored
    assert key == submission.registration_key(replace(submitted(), id="c2", status=Status.REGISTERED))
    assert key != submission.registration_key(submitted(title="另一项技术开发合同"))
    assert key != submission.registration_key(submitted(signed_on=date(2026, 10, 2), effective_on=date(2026, 10, 8)))
    assert key != submission.registration_key(submitted(buyer=CITY_LEVEL))
    refused = replace(submitted(), status=Status.REFUSED)
    assert submission.registration_key(refused) == f"{key}:refused:c1"
    assert submission.registration_key(replace(submitted(), status=Status.TERMINATED)) == key


@pytest.mark.parametrize("form,content,expected", [
    (ContractForm.TECHNOLOGY_EQUITY, None, ContractType.TRANSFER),
    (ContractForm.TECHNOLOGY_CONTRACTING, ContractType.DEVELOPMENT, ContractType.DEVELOPMENT),
    (ContractForm.PROPERTY_RIGHTS_TRADING, ContractType.CONSULTING, ContractType.CONSULTING),
])
def test_mapped_forms_are_registered_as_their_type(form, content, expected):
    assert submitted(form=form, content_type=content).contract_type is expected


def test_contracting_without_its_content_type_is_refused():
    with pytest.raises(InvalidInput) as caught:
        submitted(form=ContractForm.TECHNOLOGY_CONTRACTING)
    assert ("content_type", "required") in rules_of(caught.value)


def test_an_intermediary_contract_needs_its_registered_main_contract_and_is_a_service():
    broker = Party("北京中介服务有限公司", uscc="91110108551385082Q")
    with pytest.raises(InvalidInput) as caught:
        submitted(form=ContractForm.INTERMEDIARY, intermediary=broker, main_contract_number="2026-110108-000009")
    assert ("main_contract_number", "registered-main-contract") in rules_of(caught.value)
    contract = submitted(True, form=ContractForm.INTERMEDIARY, intermediary=broker,
                         main_contract_number="2026-110108-000009")
    assert contract.contract_type is ContractType.SERVICE
    assert Material.INTERMEDIARY_QUALIFICATION in contract.required_materials


@pytest.mark.parametrize("amount,rule", [("0", "positive"), ("-5", "positive"), ("abc", "numeric"),
                                         ("10.005", "two-decimals"), ("NaN", "numeric"),
                                         ("1e30", "below-limit")])  # 1e30 crashed quantize: a 500 (fuzzing)
def test_bad_amounts_name_the_rule(amount, rule):
    with pytest.raises(InvalidInput) as caught:
        submitted(amount=amount)
    assert ("amount", rule) in rules_of(caught.value)


def test_every_broken_rule_is_reported_at_once():
    with pytest.raises(InvalidInput) as caught:
        submitted(amount="-1", effective_on=date(2028, 1, 1), registrar_code="310101",
                  buyer=Party("x", uscc="91110108551385082X"))
    assert {("amount", "positive"), ("effective_on", "effective-before-expiry"),
            ("registrar_code", "beijing-registrar"), ("buyer.uscc", "uscc-check-character")} <= rules_of(caught.value)


def test_open_ended_contracts_need_no_expiry_others_do():
    assert submitted(expiry_on=None, flags=Flags(open_ended=True)).expiry_on is None
    with pytest.raises(InvalidInput) as caught:
        submitted(expiry_on=None)
    assert ("expiry_on", "required") in rules_of(caught.value)


def test_a_foreign_seller_applies_through_an_agent_with_a_power_of_attorney():
    with pytest.raises(InvalidInput) as caught:
        submitted(seller=FOREIGN)
    assert ("flags.foreign_seller_via_agent", "foreign-seller-agent") in rules_of(caught.value)
    contract = submitted(seller=FOREIGN, flags=Flags(foreign_seller_via_agent=True))
    assert Material.POWER_OF_ATTORNEY in contract.required_materials and contract.foreign_seller


def test_conditional_materials_follow_the_flags():
    flags = Flags(government_project=True, classified=True, needs_production_licence=True, internal_department=True)
    required = submitted(flags=flags).required_materials
    assert {Material.AUTHORITY_CONSENT, Material.CLASSIFICATION_CONSENT, Material.PRODUCTION_LICENCE,
            Material.PRINCIPAL_AUTHORISATION} <= set(required)
    assert Material.AUTHORITY_CONSENT not in submitted().required_materials


def test_the_record_keeps_the_type_specific_fields_and_requires_them():
    assert submitted().type_details == {"rd_goal": "rd_goal 说明"}
    with pytest.raises(InvalidInput) as caught:
        submitted(form=ContractForm.TRANSFER, type_details={"ip_kind": "patent licence", "rd_goal": "x"})
    assert {("type_details.ip_ownership", "required"), ("type_details.ip_kind", "ip-kind"),
            ("type_details.rd_goal", "field-of-type")} <= rules_of(caught.value)
    transfer = submitted(form=ContractForm.TECHNOLOGY_EQUITY,
                         type_details={"ip_kind": "technical_secret", "ip_ownership": "归受让方"})
    assert transfer.type_details["ip_kind"] == "technical_secret"


def test_a_rule_from_an_article_names_it_in_the_error():
    with pytest.raises(InvalidInput) as caught:
        submitted(form=ContractForm.INTERMEDIARY, intermediary=SELLER)
    entry = next(e for e in caught.value.problem()["errors"] if e["rule"] == "registered-main-contract")
    assert (entry["field"], entry["article"]) == ("main_contract_number", "第九条")


def test_an_acceptance_day_is_today_or_an_earlier_one_a_registrar_records():
    """第六条's 30 days run from formal acceptance: a paper application received on 2 Nov is due on 2 Dec."""
    assert submitted().accepted_on == TODAY
    earlier = date(2026, 11, 2)
    paper = submission.submit("c2", application(on=earlier), stamp(REGISTRAR), TODAY, False)
    assert (paper.accepted_on, paper.decision_due) == (earlier, date(2026, 12, 2))
    with pytest.raises(InvalidInput) as caught:
        submitted(on=earlier)  # a party's own filing is accepted on the day it is filed
    assert [(e.field, e.rule) for e in caught.value.errors] == [("on", "accepted-on-filing")]
