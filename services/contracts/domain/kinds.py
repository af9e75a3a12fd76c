"""Contract types, their criteria, the materials and the refusal reasons of 《北京市技术合同认定登记管理办法》."""
from __future__ import annotations

from enum import StrEnum

from shared.errors import DomainError


class ContractType(StrEnum):
    """The four types a contract is registered as (第九条)."""

    DEVELOPMENT = "development"  # 技术开发合同
    TRANSFER = "transfer"        # 技术转让合同
    CONSULTING = "consulting"    # 技术咨询合同
    SERVICE = "service"          # 技术服务合同


class ContractForm(StrEnum):
    """What the parties signed: one of the four types, or a form mapped onto one (第九条)."""

    DEVELOPMENT = "development"
    TRANSFER = "transfer"
    CONSULTING = "consulting"
    SERVICE = "service"
    TECHNOLOGY_EQUITY = "technology_equity"              # 技术入股 → transfer
    TECHNOLOGY_CONTRACTING = "technology_contracting"    # 技术承包 → by content
    PROPERTY_RIGHTS_TRADING = "property_rights_trading"  # 技术产权交易 → by content
    INTERMEDIARY = "intermediary"                        # 技术中介 → service


BY_CONTENT = {ContractForm.TECHNOLOGY_CONTRACTING, ContractForm.PROPERTY_RIGHTS_TRADING}


class PatentSubject(StrEnum):
    """Contracts registered at the IP office's registry, not here (第十一条)."""

    NONE = "none"
    PATENT_TRANSFER = "patent_transfer"                      # 专利权转让合同
    PATENT_APPLICATION_RIGHT = "patent_application_right"    # 专利申请权转让合同
    PATENT_LICENCE = "patent_licence"                        # 专利实施许可合同


IP_OFFICE_REGISTRY = "市知识产权局设立的登记机构 (the registrar set up by the Beijing Intellectual Property Office)"


class RegisterAtIpOffice(DomainError):
    status = 422
    code = "register-at-ip-office"
    title = "Patent contracts are registered at the IP office's registry (第十一条)"


def registered_type(form: ContractForm, content_type: ContractType | None) -> ContractType | None:
    """技术入股 → transfer; 技术中介 → service; 技术承包 / 技术产权交易 → the type of their content (第九条)."""
    if form is ContractForm.TECHNOLOGY_EQUITY:
        return ContractType.TRANSFER
    if form is ContractForm.INTERMEDIARY:
        return ContractType.SERVICE
    if form in BY_CONTENT:
        return content_type
    return ContractType(form.value)


CRITERIA: dict[ContractType, tuple[str, ...]] = {
    # 第四条 — the conditions a registrar checks, per type
    ContractType.DEVELOPMENT: ("clear-rd-goal",                # 有明确、具体的科学研究和技术开发目标
                               "subject-not-yet-mastered",     # 标的为订立合同时尚未掌握的技术方案
                               "innovative-content"),          # 有相应的技术创新内容
    ContractType.TRANSFER: ("subject-already-mastered",        # 标的为订立合同时已经掌握的技术成果
                            "complete-and-practical",          # 具有完整性和实用性
                            "ip-ownership-agreed"),            # 有明确的知识产权权属约定
    ContractType.CONSULTING: ("specific-technical-question",   # 特定技术项目的咨询课题
                              "scientific-analysis",           # 分析、论证、评价和预测
                              "report-as-output"),             # 科技咨询报告和意见
    ContractType.SERVICE: ("specific-technical-problem",       # 解决特定技术问题的服务性项目
                           "professional-technical-work",      # 改进产品结构、改良工艺流程…
                           "quantified-results",               # 具体的质量和数量指标
                           "no-ip-ownership-transfer"),        # 不涉及知识产权的权属
}


class RefusalReason(StrEnum):
    """第十三条 — exactly these reasons, no others."""

    INVALID_OR_NOT_EFFECTIVE = "invalid-or-not-effective"          # 1. 无效合同或未生效合同
    NOT_A_TECHNOLOGY_CONTRACT = "not-a-technology-contract"        # 2. 非技术合同
    TERMS_UNCLEAR = "terms-unclear"                                # 3. 主体、标的、价款、报酬、使用费约定不明确
    APPROVAL_MISSING = "approval-missing"                          # 4. 需审批而未办理审批手续
    NAME_INCONSISTENT_NOT_CORRECTED = "name-inconsistent-not-corrected"  # 5. 名称与权利义务不一致且未补正
    CERTIFICATES_MISSING_OR_NONCOMPLIANT = "certificates-missing-or-noncompliant"  # 6. 证明文件不出具或不符合要求
    SEALS_INCOMPLETE_OR_MISMATCHED = "seals-incomplete-or-mismatched"  # 7. 印章不齐全或与名称不一致
    OTHER = "other"                                                # 8. 其他不应认定登记的


class Material(StrEnum):
    """第五条, 第九条, 第十条, 第十二条 — what an application must bring."""

    CONTRACT_AND_ANNEXES = "contract_and_annexes"                # 依法生效的合同及附件 (一式两份)
    USER_REGISTRATION_FORM = "user_registration_form"            # 《技术合同登记用户注册表》
    CONTRACT_REGISTRATION_FORM = "contract_registration_form"    # 《技术合同登记表》
    PRINCIPAL_AUTHORISATION = "principal_authorisation"          # 法定代表人或组织负责人的书面授权证明
    AUTHORITY_CONSENT = "authority_consent"                      # 项目主管部门同意的证明
    PRODUCTION_LICENCE = "production_licence"                    # 生产许可证或有关批准文件
    POWER_OF_ATTORNEY = "power_of_attorney"                      # 中文书面委托授权书 (第二十条)
    CLASSIFICATION_CONSENT = "classification_consent"            # 确定密级的单位同意的证明
    INTERMEDIARY_QUALIFICATION = "intermediary_qualification"    # 技术中介资格


ALWAYS = (Material.CONTRACT_AND_ANNEXES, Material.USER_REGISTRATION_FORM, Material.CONTRACT_REGISTRATION_FORM)


def required_materials(form: ContractForm, *, internal_department: bool, government_project: bool,
                       needs_production_licence: bool, foreign_seller_via_agent: bool, classified: bool
                       ) -> tuple[Material, ...]:
    """The materials this application must provide (第五条 plus the conditional proofs)."""
    conditional = ((internal_department, Material.PRINCIPAL_AUTHORISATION),
                   (government_project, Material.AUTHORITY_CONSENT),
                   (needs_production_licence, Material.PRODUCTION_LICENCE),
                   (foreign_seller_via_agent, Material.POWER_OF_ATTORNEY),
                   (classified, Material.CLASSIFICATION_CONSENT),
                   (form is ContractForm.INTERMEDIARY, Material.INTERMEDIARY_QUALIFICATION))
    return ALWAYS + tuple(material for needed, material in conditional if needed)


TYPE_DETAILS: dict[ContractType, tuple[str, ...]] = {
    # the type-specific fields of the registered record (第四条's subject matter, 第八条 "详实、具体")
    ContractType.DEVELOPMENT: ("rd_goal",),                               # 研究开发目标
    ContractType.TRANSFER: ("ip_kind", "ip_ownership"),                   # 知识产权类别 / 权属约定
    ContractType.CONSULTING: ("consulting_question",),                    # 咨询课题
    ContractType.SERVICE: ("technical_problem", "quality_indicators"),    # 技术问题 / 质量和数量指标
}
IP_KINDS = ("patent", "technical_secret", "other_ip")  # 发明创造专利、技术秘密及其他知识产权成果
