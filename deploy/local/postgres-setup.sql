-- Makes FerretDB v1.24.2's pushed-down equality filters use an index. Applied by start.sh to the `ferretdb`
-- database and to template1 (so the databases the fault tests create for their private FerretDB inherit it);
-- idempotent. Run as the cluster's superuser with psql (`:DBNAME` is psql's variable).
--
-- Why: FerretDB pushes `{field: value}` down as `WHERE _jsonb->$1 @> $2` (internal/backends/postgresql/query.go),
-- while the indexes it creates are btrees on `(_jsonb -> 'field')`, which serve `=` and not `@>`: every lookup,
-- `_id` included, was a sequential scan. A GIN index on the same expression serves `@>`.
-- FerretDB prepares and caches its statements (pgx QueryExecModeCacheStatement); after five executions PostgreSQL
-- may switch to a generic plan in which `_jsonb->$1` is not the indexed expression `_jsonb->'field'`, so the
-- database plans every execution with its parameters (`plan_cache_mode = force_custom_plan`).

SET client_min_messages = warning;

ALTER DATABASE :"DBNAME" SET plan_cache_mode = force_custom_plan;

-- For every btree index FerretDB creates on `_jsonb` expressions, a GIN twin on the same expressions. A dropped
-- FerretDB index leaves its twin until the collection goes (dropIndexes is not used by the services).
-- fastupdate = off: with it on, new entries wait in a pending list that every lookup reads through until a vacuum
-- merges it, so lookups grew with the number of recent inserts (3.4x slower at 50 000 documents than at 500).
CREATE OR REPLACE FUNCTION civic_gin_twin() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    created record;
    keys text;
BEGIN
    FOR created IN
        SELECT c.objid, i.indrelid::regclass AS tab, ix.relname AS name, am.amname AS method
        FROM pg_event_trigger_ddl_commands() c
        JOIN pg_index i ON i.indexrelid = c.objid
        JOIN pg_class ix ON ix.oid = c.objid
        JOIN pg_am am ON am.oid = ix.relam
        WHERE c.command_tag = 'CREATE INDEX' AND c.object_type = 'index'
    LOOP
        CONTINUE WHEN created.method <> 'btree';
        SELECT string_agg('(' || pg_get_indexdef(created.objid, k, true) || ')', ', ' ORDER BY k) INTO keys
        FROM generate_series(1, (SELECT indnkeyatts FROM pg_index WHERE indexrelid = created.objid)) AS k;
        CONTINUE WHEN keys IS NULL OR position('_jsonb' in keys) = 0;
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s) WITH (fastupdate = off)',
                       left(created.name, 59) || '_gin', created.tab, keys);
    END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS civic_gin_twin;
CREATE EVENT TRIGGER civic_gin_twin ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
    EXECUTE FUNCTION civic_gin_twin();

-- FerretDB's statements as it sends them, for tests/deploy/test_ferretdb_indexes.py (only where preloaded).
DO $$
BEGIN
    IF current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' THEN
        CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
    END IF;
END
$$;
