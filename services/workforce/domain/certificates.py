"""Certificates a community worker holds: the social-worker certificates and the community-worker qualification
(职业水平证书 / 执业资格证书, 社区服务站建设管理办法 第二十一条), the exception recorded when new station staff are
hired without one, and the one-child parents' certificate the one-child fee follows (管理办法 第五条(一)4)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CERTIFICATE_KINDS = ("social_worker", "assistant_social_worker", "community_worker_qualification")
# 新招录的社区服务站工作人员一般要持有 … 职业水平证书或北京市社区专职工作者执业资格证书(有效期内)
ARTICLE_CERTIFICATE = "社区服务站建设管理办法 第二十一条; 北京市社区工作者管理办法 第六条(六)"


@dataclass(frozen=True)
class Certificate:
    kind: str
    number: str
    registered_on: date  # 登记注册: the professional allowance runs from this month
    valid_until: date | None = None  # 有效期: the last day it is valid (None: no expiry stated)

    def valid_on(self, day: date) -> bool:
        return self.registered_on <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class CertificateException:
    """A recruited station worker hired without a valid certificate: the street office's recorded reason
    (一般要持有: "generally", so an exception is possible, never silent); the worker is to obtain one through
    training (尚未取得的, 应通过岗位培训、学历教育等方式取得)."""

    reason: str
    recorded_on: date


@dataclass(frozen=True)
class OneChildCertificate:
    """独生子女父母光荣证: the one-child fee is paid from the month of issue until the child turns 18."""

    number: str
    issued_on: date
    child_birth_date: date


def holds_valid_certificate(certificates: tuple[Certificate, ...], on: date) -> bool:
    """社会工作师 / 助理社会工作师 职业水平证书 or 北京市社区专职工作者执业资格证书, valid (有效期内) on `on`."""
    return any(c.kind in CERTIFICATE_KINDS and c.valid_on(on) for c in certificates)
