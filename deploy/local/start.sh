#!/usr/bin/env bash
# Starts FerretDB (on 127.0.0.1:27017, SQLite files under var/ferretdb) and RabbitMQ (5672) unless something already
# listens on those ports, in which case it is reused. Safe to run again; `stop.sh` stops only what this started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ferretdb_binary() {
    local built
    built="$(gobin)/ferretdb"
    [[ -x "$built" ]] && { echo "$built"; return; }
    command -v ferretdb || die "ferretdb not found; run 'make install' (deploy/local/install.sh)"
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
    mkdir -p "$VAR/ferretdb/data" "$VAR/ferretdb/state" "$VAR/log" "$VAR/run"
    nohup "$binary" --handler=sqlite --sqlite-url="file:$VAR/ferretdb/data/" \
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

start_ferretdb
start_rabbitmq
