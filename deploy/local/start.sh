#!/usr/bin/env bash
# Starts PostgreSQL (our own cluster under var/postgres, on 127.0.0.1:$PG_PORT), FerretDB on it (127.0.0.1:27017) and
# RabbitMQ (5672) unless something already listens on those ports, in which case it is reused. Safe to run again;
# `stop.sh` stops only what this started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ferretdb_binary() {
    local built
    built="$(gobin)/ferretdb"
    [[ -x "$built" ]] && { echo "$built"; return; }
    command -v ferretdb || die "ferretdb not found; run 'make install' (deploy/local/install.sh)"
}

# Settings of our cluster, rewritten at every start (postgresql.conf includes this file).
# synchronous_commit = off: a commit does not wait for its WAL flush, like MongoDB's default write concern, whose
# journal is flushed every 100 ms; a crash of PostgreSQL itself may lose the last moments of writes, never corrupt.
write_postgres_conf() {
    local data="$1"
    cat >"$data/civic.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 400
shared_buffers = 512MB
plan_cache_mode = force_custom_plan
synchronous_commit = off
shared_preload_libraries = 'pg_stat_statements'
CONF
    chown postgres: "$data/civic.conf"
    grep -q "^include_if_exists = 'civic.conf'" "$data/postgresql.conf" ||
        echo "include_if_exists = 'civic.conf'" >>"$data/postgresql.conf"
}

start_postgres() {
    if port_open "$PG_PORT"; then
        [[ -f "$PG_MARK" ]] && say "PostgreSQL: already running (ours, port $PG_PORT)" ||
            say "PostgreSQL: reusing the server already listening on 127.0.0.1:$PG_PORT"
        return
    fi
    local bin data
    bin="$(pg_bin)" || die "PostgreSQL not found under /usr/lib/postgresql; run 'make install'"
    data="$(pg_data)"
    if [[ ! -s "$data/PG_VERSION" ]]; then
        mkdir -p "$data" && chown postgres: "$data" && chmod 700 "$data"
        runuser -u postgres -- "$bin/initdb" -D "$data" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
            >"$data.initdb.log" 2>&1 || { cat "$data.initdb.log" >&2; die "initdb $data failed"; }
        say "PostgreSQL: new cluster in $data"
    fi
    write_postgres_conf "$data"
    mkdir -p "$VAR/run" "$VAR/log"
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null ||
        { tail -n 20 "$data/server.log" >&2; die "PostgreSQL did not start; log: $data/server.log"; }
    echo "$data" >"$PG_MARK"
    say "PostgreSQL: started (port $PG_PORT, data and log: $data)"
}

# The `ferretdb` database, and the index twins and planner setting on it and on template1 (postgres-setup.sql).
prepare_postgres() {
    local psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER")
    "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" | grep -q 1 ||
        "${psql[@]}" -d postgres -c "CREATE DATABASE $PG_DATABASE" || die "cannot create database $PG_DATABASE"
    for db in template1 "$PG_DATABASE"; do
        "${psql[@]}" -d "$db" -f "$ROOT/deploy/local/postgres-setup.sql" >/dev/null ||
            die "postgres-setup.sql failed on database $db"
    done
}

start_ferretdb() {
    if port_open "$MONGO_PORT" && pid_alive "$FERRETDB_PID"; then
        say "FerretDB: already running (pid $(cat "$FERRETDB_PID"), log: $FERRETDB_LOG)"
        return
    fi
    if port_open "$MONGO_PORT"; then
        say "FerretDB: reusing the server already listening on 127.0.0.1:$MONGO_PORT"
        return
    fi
    local binary
    binary="$(ferretdb_binary)"
    mkdir -p "$VAR/ferretdb/state" "$VAR/log" "$VAR/run"
    nohup "$binary" --handler=postgresql --postgresql-url="$(postgres_url)" \
        --state-dir="$VAR/ferretdb/state" --listen-addr="127.0.0.1:$MONGO_PORT" \
        --telemetry=disable --debug-addr=127.0.0.1:0 >>"$FERRETDB_LOG" 2>&1 </dev/null &
    echo $! >"$FERRETDB_PID"
    wait_port "$MONGO_PORT" 15 || {
        tail -n 20 "$FERRETDB_LOG" >&2
        die "FerretDB did not open 127.0.0.1:$MONGO_PORT within 15 s; log: $FERRETDB_LOG"
    }
    say "FerretDB: started (pid $(cat "$FERRETDB_PID"), log: $FERRETDB_LOG)"
}

start_rabbitmq() {
    if port_open "$AMQP_PORT" && [[ -f "$RABBITMQ_MARK" ]]; then
        say "RabbitMQ: already running (started by start.sh; logs: $RABBITMQ_LOG_DIR/)"
        return
    fi
    if port_open "$AMQP_PORT"; then
        say "RabbitMQ: reusing the server already listening on 127.0.0.1:$AMQP_PORT"
        return
    fi
    command -v rabbitmq-server >/dev/null || die "rabbitmq-server not found; run 'make install'"
    mkdir -p "$VAR/run"
    rabbitmq-server -detached >/dev/null 2>&1 || die "rabbitmq-server -detached failed; logs: $RABBITMQ_LOG_DIR/"
    touch "$RABBITMQ_MARK"
    say "RabbitMQ: starting in the background (logs: $RABBITMQ_LOG_DIR/)"
}

# The management UI: on a broker this script started, the plugins (enabled by install.sh) are enabled at once if
# it is not up yet; a reused broker is left alone and only told about.
management_ui() {
    wait_port "$AMQP_PORT" 60 || return 0
    if port_open "$MANAGEMENT_PORT"; then
        say "RabbitMQ: management UI on http://127.0.0.1:$MANAGEMENT_PORT (user civic-admin, password in var/secrets/broker.json)"
    elif [[ -f "$RABBITMQ_MARK" ]]; then
        # shellcheck disable=SC2086
        rabbitmq-plugins enable $RABBITMQ_PLUGINS >/dev/null 2>&1 ||
            say "RabbitMQ: could not enable $RABBITMQ_PLUGINS (see rabbitmq-plugins list)"
        say "RabbitMQ: management UI on http://127.0.0.1:$MANAGEMENT_PORT (user civic-admin, password in var/secrets/broker.json)"
    else
        say "RabbitMQ: the reused broker has no management UI; 'rabbitmq-plugins enable $RABBITMQ_PLUGINS' adds it"
    fi
}

start_postgres
prepare_postgres
start_ferretdb
start_rabbitmq
management_ui
