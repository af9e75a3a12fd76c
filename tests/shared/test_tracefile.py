import json

from shared.tracefile import build_tree, read_spans, render


def span(span_id, parent, name, start):
    return {"trace_id": "t", "span_id": span_id, "parent_id": parent, "name": name, "service": "s",
            "kind": "INTERNAL", "start": start, "end": start + 1_000_000, "status": "UNSET", "attributes": {}}


def test_spans_form_a_tree_and_a_missing_parent_shows_as_a_second_root():
    spans = [span("a", None, "root", 0), span("b", "a", "child", 1), span("c", "gone", "orphan", 2)]
    roots = build_tree(spans)
    assert [r.record["name"] for r in roots] == ["root", "orphan"]
    assert [n.record["name"] for _, n in roots[0].walk()] == ["root", "child"]
    assert "  s" in render(roots)


def test_a_line_still_being_appended_is_left_for_the_next_read(tmp_path):
    whole = json.dumps(span("a", None, "root", 0))
    half = json.dumps(span("b", "a", "child", 1))[:40]
    (tmp_path / "s.1.jsonl").write_text(whole + "\n" + half, encoding="utf-8")
    assert [s["span_id"] for s in read_spans(tmp_path)] == ["a"]
    (tmp_path / "s.1.jsonl").write_text(whole + "\n" + json.dumps(span("b", "a", "child", 1)) + "\n")
    assert [s["span_id"] for s in read_spans(tmp_path)] == ["a", "b"]
