"""docs/api.md's naming rules over every service's OpenAPI document: one name, one type; every listing a page."""
from __future__ import annotations

import pytest

from tests.support.api_vocabulary import bare_lists, conflicts, semantic_type, specs


@pytest.fixture(scope="module")
def all_specs() -> dict[str, dict]:
    return specs()


def test_a_field_name_has_one_type_in_every_service(all_specs):
    assert conflicts(all_specs) == {}


def test_every_listing_is_a_page(all_specs):
    assert bare_lists(all_specs) == []


@pytest.mark.parametrize(("schema", "expected"), [
    ({"type": "string", "pattern": r"^\d+\.\d{2}$"}, "decimal"),
    ({"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}]}, "decimal"),
    ({"type": "string", "pattern": r"^(20\d\d|2100)-(0[1-9]|1[0-2])$"}, "text"),
    ({"type": "string", "format": "date"}, "date"),
    ({"type": "array", "items": {"type": "integer"}}, "array<integer>"),
])
def test_a_decimal_is_a_decimal_whichever_way_it_travels(schema, expected):
    assert semantic_type(schema, {}) == expected


def test_a_reference_to_an_enum_is_text_and_to_a_model_an_object():
    components = {"Status": {"enum": ["a"]}, "Thing": {"properties": {}}}
    assert semantic_type({"$ref": "#/components/schemas/Status"}, components) == "text"
    assert semantic_type({"$ref": "#/components/schemas/Thing"}, components) == "object"
