"""Beijing district codes (行政区划代码) that prefix certificate numbers."""
from __future__ import annotations

ISSUABLE_DISTRICTS: dict[str, str] = {
    "110101": "东城区", "110102": "西城区", "110105": "朝阳区", "110106": "丰台区", "110107": "石景山区",
    "110108": "海淀区", "110109": "门头沟区", "110111": "房山区", "110112": "通州区", "110113": "顺义区",
    "110114": "昌平区", "110115": "大兴区", "110116": "怀柔区", "110117": "平谷区", "110118": "密云区",
    "110119": "延庆区",
}
# 崇文 and 宣武 merged into 东城/西城 in 2010: valid on imported old certificates, never issued again.
RETIRED_DISTRICTS: dict[str, str] = {"110103": "崇文区", "110104": "宣武区"}


def is_issuable_district(code: str) -> bool:
    return code in ISSUABLE_DISTRICTS


def is_known_district(code: str) -> bool:
    return code in ISSUABLE_DISTRICTS or code in RETIRED_DISTRICTS


def is_retired_district(code: str) -> bool:
    return code in RETIRED_DISTRICTS
