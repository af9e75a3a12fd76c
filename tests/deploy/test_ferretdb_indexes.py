"""Every equality filter on an indexed field uses an index, on FerretDB v1.24.2 over PostgreSQL.

FerretDB pushes `{field: value}` down as `SELECT _jsonb FROM "<db>"."<table>" WHERE _jsonb->$1 @> $2`
(internal/backends/postgresql/query.go); its own btree indexes cannot serve `@>`, so deploy/local/postgres-setup.sql
gives each one a GIN twin. For every index a service declares in its `init_db`, and `_id`, this test fills the
collection with a few thousand documents through FerretDB, ANALYZEs its table, runs an equality `find` on the
index's first key, takes the SQL FerretDB sent from pg_stat_statements, and EXPLAINs that text with the same
parameters as FerretDB runs it: prepared once, executed again and again (pgx caches the statement), so the plan
shown is the sixth execution's, where PostgreSQL may switch to a generic plan.

Skipped unless MONGO_URL is a FerretDB that stores in the PostgreSQL at `tests.support.infra.postgres_url()`.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from gateway.bootstrap import bootstrap as gateway
from services.contracts.bootstrap import bootstrap as contracts
from services.insurance.bootstrap import bootstrap as insurance
from services.markets.bootstrap import bootstrap as markets
from services.registry.bootstrap import bootstrap as registry
from services.workforce.bootstrap import bootstrap as workforce
from shared import mongo
from tests.support.infra import postgres_url
from tests.support.postgres import PsqlError, literal, psql, reachable, rows

pytestmark = pytest.mark.infra

BOOTSTRAPS: dict[str, Callable] = {"contracts": contracts, "gateway": gateway, "insurance": insurance,
                                   "markets": markets, "registry": registry, "workforce": workforce}
DOCUMENTS = 3000
GROUPS = DOCUMENTS // 20  # values of a non-unique field, 20 documents each: a probe is a selective lookup
PUSHED_DOWN = ' WHERE _jsonb->$1 @> $2'
INDEX_NODES = {"Index Scan", "Index Only Scan", "Bitmap Index Scan"}
EXECUTIONS_BEFORE_EXPLAIN = 5

# Value types of indexed fields as the services store them; any other field holds strings.
INTEGER_FIELDS = {"year", "n"}
FLAG_FIELDS = {"open"}
LIST_FIELDS = {"application_ids"}

NESTED = ("FerretDB v1 pushes no dotted key down unless started with --enable-nested-pushdown "
          "(handler/msg_find.go): it reads the whole table and filters in Go")
# Known exceptions: (service, collection, key) -> why the lookup cannot use the index.
NOT_PUSHED_DOWN = {("contracts", "contracts", f"{role}.uscc"): NESTED for role in ("seller", "buyer", "intermediary")}
# The city-wide case listing filters the cases held inside each market's document (a multikey index on MongoDB);
# on FerretDB it reads the markets table, ~1 700 documents at the city's scale.
NOT_PUSHED_DOWN |= {("markets", "markets", key): NESTED for key in ("cases.kind", "cases.status")}


@pytest.fixture
async def postgres(infra) -> str:
    """The PostgreSQL under the FerretDB at MONGO_URL, or a skip saying why there is none."""
    client = mongo.connect(infra.mongo_url)
    try:
        is_ferretdb = await mongo.is_ferretdb(client)
    finally:
        await client.close()
    if not is_ferretdb:
        pytest.skip(f"{infra.mongo_url} is not FerretDB (buildInfo has no ferretdbVersion): no SQL to explain")
    url = postgres_url()
    if not reachable(url):
        pytest.skip(f"no PostgreSQL answers psql at {url} (set CIVIC_POSTGRES_URL)")
    return url


@pytest.mark.parametrize("service", sorted(BOOTSTRAPS))
async def test_equality_filters_on_indexed_fields_use_an_index(service, postgres, settings_for):
    container = BOOTSTRAPS[service](settings_for(service))
    try:
        await container.init_db()
        if hasattr(container.runtime, "relay"):  # a service's outbox markers (runtime.start creates the index)
            await container.runtime.relay.create_indexes()
        db = container.runtime.db
        _skip_unless_stored_in(postgres, db.name)
        declared = await declared_indexes(db)
        assert declared, f"{service} declares no index: nothing was checked"
        failures = []
        for collection, indexes in declared.items():
            failures += await check_collection(postgres, service, db[collection], indexes)
    finally:
        await container.runtime.stop()
    assert not failures, "\n".join(failures)


def _skip_unless_stored_in(url: str, schema: str) -> None:
    if not rows(url, f"SELECT 1 FROM pg_namespace WHERE nspname = {literal(schema)}"):
        pytest.skip(f"FerretDB does not store database {schema} in {url} (another backend or cluster)")


async def declared_indexes(db: mongo.Database) -> dict[str, list[dict]]:
    """Collection → its indexes (`_id_` included), as FerretDB lists them."""
    return {name: [index async for index in await db[name].list_indexes()]
            for name in sorted(await db.list_collection_names())}


async def check_collection(url: str, service: str, collection: mongo.Collection, indexes: list[dict]) -> list[str]:
    """Fill and analyze the collection's table, then probe each index; returns what went wrong, one line each."""
    table = table_of(url, collection.database.name, collection.name)
    await fill(collection, indexes)
    psql(url, "-c", f"ANALYZE {table}")
    failures = []
    for key in first_keys(indexes):
        known = (service, collection.name, key) in NOT_PUSHED_DOWN
        problem = await (check_known_exception if known else check_index_use)(url, table, collection, key)
        if problem:
            failures.append(f"{service}.{collection.name} {{{key}: …}} ({table}): {problem}")
    return failures


def first_keys(indexes: list[dict]) -> list[str]:
    """The key an equality lookup can use each index for (a compound index's leading key), once each."""
    return list(dict.fromkeys(next(iter(index["key"])) for index in indexes))


def table_of(url: str, schema: str, collection: str) -> str:
    """The quoted `"schema"."table"` FerretDB keeps the collection in (its `_ferretdb_database_metadata`)."""
    found = rows(url, f"SELECT _jsonb->>'table' FROM \"{schema}\"._ferretdb_database_metadata "
                      f"WHERE _jsonb->>'_id' = {literal(collection)}")
    assert len(found) == 1, f"no single table for {schema}.{collection} in FerretDB's metadata: {found}"
    return f'"{schema}"."{found[0][0]}"'


async def fill(collection: mongo.Collection, indexes: list[dict]) -> None:
    keys = {key for index in indexes for key in index["key"]} - {"_id"}
    unique = {key for index in indexes if index.get("unique") for key in index["key"]}
    docs = [document(i, {key: key in unique for key in sorted(keys)}) for i in range(DOCUMENTS)]
    await collection.insert_many(docs, ordered=False)


def document(i: int, keys: dict[str, bool]) -> dict[str, Any]:
    """Document `i`: a value for every indexed key (key → in a unique index; nested for a dotted key) and some
    bulk of its own, as a record has."""
    doc: dict[str, Any] = {"_id": document_id(i), "remarks": f"第{i}号记录，测试数据。" * 12}
    for key, unique in keys.items():
        *parents, leaf = key.split(".")
        target = doc
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = field_value(leaf, i if unique else i % GROUPS)
    return doc


def document_id(i: int) -> str:
    return f"doc-{i:06d}"


def field_value(field: str, n: int) -> Any:
    """Value number `n` of a field, of the type the services store in it (a flag is set for n = 0 only)."""
    if field in FLAG_FIELDS:
        return n == 0
    if field in INTEGER_FIELDS:
        return 1900 + n
    if field in LIST_FIELDS:
        return [f"{field}-{n:06d}", f"{field}-{n + 1:06d}"]
    return f"{field}-{n:06d}"


def probe_value(key: str) -> Any:
    """What a lookup on `key` asks for: document 0's value (an element of it, for a list)."""
    value = document_id(0) if key == "_id" else field_value(key.split(".")[-1], 0)
    return value[0] if isinstance(value, list) else value


async def check_index_use(url: str, table: str, collection: mongo.Collection, key: str) -> str | None:
    value = probe_value(key)
    sent = await statements_of_find(url, table, collection, {key: value})
    if len(sent) != 1 or not sent[0].endswith(PUSHED_DOWN):
        return f"FerretDB did not push the filter down as `…{PUSHED_DOWN}`; it sent {sent}"
    nodes = list(plan_nodes(plan_of(url, sent[0], key, value)))
    return None if uses_index(table, nodes) else f"no index used: {summary(nodes)}"


async def check_known_exception(url: str, table: str, collection: mongo.Collection, key: str) -> str | None:
    """A listed exception must still hold: FerretDB reads the whole table. If not, remove it from the list."""
    sent = await statements_of_find(url, table, collection, {key: probe_value(key)})
    if any(" WHERE " in text for text in sent):
        return f"listed in NOT_PUSHED_DOWN, but FerretDB now pushes it down ({sent}): check it like the others"
    return None


async def statements_of_find(url: str, table: str, collection: mongo.Collection, query: dict) -> list[str]:
    """The statements on `table` that FerretDB ran for this `find`, as pg_stat_statements recorded them."""
    before = statement_calls(url, table)
    found = await collection.find(query, {"_id": 1}).to_list(None)
    assert found, f"{query} matched nothing in {table}: the probe value is wrong"
    after = statement_calls(url, table)
    return sorted(text for text, calls in after.items() if calls > before.get(text, 0))


def statement_calls(url: str, table: str) -> dict[str, int]:
    """Statement text → times run, for the statements that read `table` in this database."""
    output = psql(url, "-A", "-t", "-c",
                  "SELECT coalesce(json_object_agg(query, calls), '{}') FROM pg_stat_statements "
                  "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                  f"AND query LIKE 'SELECT%' AND strpos(query, {literal('FROM ' + table)}) > 0")
    return json.loads(output)


def plan_of(url: str, sql: str, key: str, value: Any) -> dict:
    """EXPLAIN of FerretDB's statement with FerretDB's parameters (the key; the value as jsonb), after it ran
    EXECUTIONS_BEFORE_EXPLAIN times in the same session."""
    arguments = f"{literal(key)}, {literal(json.dumps(value, ensure_ascii=False))}"
    script = "\n".join(["\\o /dev/null", f"PREPARE probe(text, jsonb) AS {sql};",
                        *[f"EXECUTE probe({arguments});"] * EXECUTIONS_BEFORE_EXPLAIN, "\\o",
                        f"EXPLAIN (FORMAT JSON) EXECUTE probe({arguments});"])
    try:
        return json.loads(psql(url, "-A", "-t", script=script))[0]["Plan"]
    except PsqlError as exc:
        pytest.fail(f"cannot EXPLAIN FerretDB's statement {sql!r}: {exc}")


def plan_nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", ()):
        yield from plan_nodes(child)


def uses_index(table: str, nodes: list[dict]) -> bool:
    """An index scan somewhere, and no sequential scan of the table."""
    seq_scans = [n for n in nodes if n["Node Type"] == "Seq Scan" and table.endswith(f'."{n.get("Relation Name")}"')]
    return any(n["Node Type"] in INDEX_NODES for n in nodes) and not seq_scans


def summary(nodes: list[dict]) -> str:
    return " → ".join(f'{n["Node Type"]} {n.get("Index Name") or n.get("Relation Name") or ""}'.strip()
                      for n in nodes)
