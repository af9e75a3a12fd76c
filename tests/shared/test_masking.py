"""Logs and spans never contain a full resident ID or USCC; ordinary numbers stay readable."""
import io
import logging

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pythonjsonlogger.json import JsonFormatter
from stdnum.cn import ric, uscc

from shared.masking import MaskingFilter, MaskingSpanProcessor, mask

RESIDENT_ID = "11010519491231002X"   # check digit X confirmed by stdnum.cn.ric
USCC = "91350100M000100Y43"          # check character 3 confirmed by stdnum.cn.uscc
JWT = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ"


def test_the_fixtures_are_valid_identifiers_and_their_altered_twins_are_not():
    assert ric.is_valid(RESIDENT_ID) and uscc.is_valid(USCC)
    assert not ric.is_valid(RESIDENT_ID[:-1] + "5") and not uscc.is_valid(USCC[:-1] + "4")


def test_a_confirmed_resident_id_and_uscc_are_masked_keeping_only_3_plus_4_characters():
    text = mask(f"employer {USCC} registered by {RESIDENT_ID}.")
    assert RESIDENT_ID not in text and USCC not in text
    assert "110***********002X" in text and "913***********0Y43" in text


def test_numbers_whose_check_digit_fails_are_left_alone():
    assert not (ric.is_valid("202611211725001234") or uscc.is_valid("202611211725001234"))
    ordinary = "order 202611211725001234 and 11010519491231002Y and 91350100M000100Y44"
    assert mask(ordinary) == ordinary


def test_longer_digit_runs_are_not_cut_into_an_identifier():
    run = "x" + RESIDENT_ID + "9"
    assert mask(run) == run


def test_a_lowercase_x_check_digit_is_still_masked():
    assert RESIDENT_ID.lower() not in mask(f"id={RESIDENT_ID.lower()}")


def test_bearer_tokens_are_masked_by_shape():
    assert JWT not in mask(f"Authorization: Bearer {JWT}")


def _json_log(record_call) -> str:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter("%(levelname)s %(message)s"))
    handler.addFilter(MaskingFilter())
    logger = logging.getLogger("test.masking")
    logger.handlers[:] = [handler]
    logger.propagate = False
    record_call(logger)
    return out.getvalue()


def test_the_logging_filter_masks_arguments_extra_fields_and_secrets():
    line = _json_log(lambda log: log.warning("registered %s", USCC, extra={
        "resident": RESIDENT_ID, "password": "hunter2", "count": 3}))
    assert USCC not in line and RESIDENT_ID not in line and "hunter2" not in line
    assert '"count": 3' in line and "913***********0Y43" in line


def test_the_logging_filter_masks_exception_text():
    def boom(log):
        try:
            raise ValueError(f"bad id {RESIDENT_ID}")
        except ValueError:
            log.exception("failed")
    line = _json_log(boom)
    assert "ValueError" in line and RESIDENT_ID not in line


def test_the_span_processor_masks_name_attributes_and_events_before_export():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(MaskingSpanProcessor(SimpleSpanProcessor(exporter)))
    with provider.get_tracer("t").start_as_current_span(f"GET /employers/{USCC}") as span:
        span.set_attribute("http.target", f"/api/v1/registry/employers/by-uscc/{USCC}")
        span.set_attribute("http.request.header.authorization", f"Bearer {JWT}")
        span.set_attribute("rows", 7)
        span.add_event("resident", {"id": RESIDENT_ID})
    (done,) = exporter.get_finished_spans()
    dumped = done.to_json()
    assert USCC not in dumped and RESIDENT_ID not in dumped and JWT not in dumped
    assert done.attributes["rows"] == 7 and done.name.startswith("GET /employers/913")


def _exported(name: str, attributes: dict):
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(MaskingSpanProcessor(SimpleSpanProcessor(exporter)))
    with provider.get_tracer("t").start_as_current_span(name, attributes=attributes):
        pass
    (done,) = exporter.get_finished_spans()
    return done


def test_a_span_without_events_is_still_masked_when_one_attribute_holds_an_identifier_or_a_secret():
    done = _exported("GET /api/v1/registry/employers", {"url.query": f"uscc={USCC}", "db.password": "x"})
    assert done.attributes["url.query"] == "uscc=913***********0Y43" and done.attributes["db.password"] == "***"


def test_a_span_with_nothing_to_mask_is_exported_as_it_was_recorded():
    attributes = {"http.route": "/api/v1/registry/employers/{employer_id}", "http.response.status_code": 200,
                  "url.path": "/api/v1/registry/employers/0b7e3c1a-5f43-4f8e-9d0a-2b1c3d4e5f60"}
    done = _exported("GET /api/v1/registry/employers/{employer_id}", attributes)
    assert dict(done.attributes) == attributes and done.name == "GET /api/v1/registry/employers/{employer_id}"
