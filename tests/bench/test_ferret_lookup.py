"""Why FerretDB v1.24.2 scans by `_id`: SQLite does not use an index built on another spelling of the expression."""
from bench.ferret_lookup import query_plans


def test_the_pushed_down_id_filter_scans_while_the_index_expression_searches():
    plans = query_plans()
    assert plans["pushed down ->'$._id'"].startswith("SCAN")
    assert plans["index's ->'_id'"].startswith("SEARCH") and "USING INDEX" in plans["index's ->'_id'"]
