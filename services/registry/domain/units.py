"""Unit types (参保单位) and the documents each must show (北京市社会保险登记管理办法 第六条)."""
from __future__ import annotations

from enum import StrEnum


class UnitType(StrEnum):
    ENTERPRISE = "enterprise"                                # 企业
    PUBLIC_INSTITUTION = "public_institution"                # 事业单位
    SOCIAL_ORGANISATION = "social_organisation"              # 社会团体
    STATE_ORGAN = "state_organ"                              # 国家机关
    FOREIGN_INVESTED = "foreign_invested_enterprise"         # 外商投资企业
    REPRESENTATIVE_OFFICE = "representative_office"          # 外国、港澳台和外商机构在京办事处
    BRANCH = "non_legal_person_branch"                       # 国内驻京非法人资格的分支机构


class Document(StrEnum):
    FORM_1 = "form_1"                                        # 《北京市社会保险单位信息登记表》(表一)
    FORM_1_1 = "form_1_1"                                    # 《登记变更表》(表一—1)
    ORGANISATION_CODE = "organisation_code_certificate"      # 组织机构统一代码证书 (today the USCC)
    BUSINESS_LICENCE = "business_licence"                    # 《企业法人营业执照》(副本)
    INSTITUTION_CERTIFICATE = "institution_legal_person_certificate"  # 《事业单位法人证书》(副本)
    SOCIAL_ORGANISATION_CERTIFICATE = "social_organisation_registration_certificate"  # 《社会团体法人登记证》
    INTRODUCTION_LETTER = "administrative_introduction_letter"  # 单位行政介绍信
    APPROVAL_CERTIFICATE = "foreign_investment_approval_certificate"  # 《外商投资企业批准证书》
    REPRESENTATIVE_OFFICE_CERTIFICATE = "representative_office_registration_certificate"  # 常驻代表机构登记证
    PARENT_AUTHORISATION = "parent_authorisation"            # 上级法人单位全权委托授权书
    CERTIFICATE = "registration_certificate"                 # 《社会保险登记证》
    CHANGE_PROOF = "change_proof"                            # 工商执照或有关机关批准变更证明
    INSPECTION_FORM = "inspection_form"                      # 《登记证年检表》
    PAYROLL_LIST = "payroll_list"                            # 职工工资名册


_FOR_ALL = frozenset({Document.FORM_1, Document.ORGANISATION_CODE})

REQUIRED_DOCUMENTS: dict[UnitType, frozenset[Document]] = {
    UnitType.ENTERPRISE: _FOR_ALL | {Document.BUSINESS_LICENCE},
    UnitType.PUBLIC_INSTITUTION: _FOR_ALL | {Document.INSTITUTION_CERTIFICATE},
    UnitType.SOCIAL_ORGANISATION: _FOR_ALL | {Document.SOCIAL_ORGANISATION_CERTIFICATE},
    UnitType.STATE_ORGAN: _FOR_ALL | {Document.INTRODUCTION_LETTER},
    UnitType.FOREIGN_INVESTED: _FOR_ALL | {Document.BUSINESS_LICENCE, Document.APPROVAL_CERTIFICATE},
    UnitType.REPRESENTATIVE_OFFICE: _FOR_ALL | {Document.REPRESENTATIVE_OFFICE_CERTIFICATE},
    UnitType.BRANCH: _FOR_ALL | {Document.BUSINESS_LICENCE, Document.PARENT_AUTHORISATION},
}
"""第六条: what each unit type shows when it applies; 表一 and the code certificate for all."""

CHANGE_DOCUMENTS = frozenset({Document.FORM_1_1, Document.CERTIFICATE, Document.CHANGE_PROOF})
"""第八条: 表一—1, the certificate, and the proof of the change."""

INSPECTION_DOCUMENTS = frozenset({Document.INSPECTION_FORM, Document.CERTIFICATE, Document.BUSINESS_LICENCE,
                                  Document.ORGANISATION_CODE, Document.PAYROLL_LIST})
"""第十八条: the inspection form, certificate, licence, code certificate and payroll list."""


def missing_documents(required: frozenset[Document], provided: list[str]) -> list[Document]:
    """The required documents not provided, in a stable order."""
    return sorted(required - set(provided))
