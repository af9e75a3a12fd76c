#!/usr/bin/env bash
# Stops what `make run` / start.sh started: the supervisor (and so its services), FerretDB, PostgreSQL, RabbitMQ.
# Servers that were already running before start.sh (reused) are left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# stop_pid NAME PIDFILE CMDLINE_WORD: SIGTERM, then SIGKILL after 15 s (the supervisor gives its children 10 s).
# CMDLINE_WORD guards against a recycled pid.
stop_pid() {
    local name="$1" file="$2" word="$3" pid
    pid="$(cat "$file" 2>/dev/null || true)"
    if ! pid_alive "$file" || [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" != *"$word"* ]]; then
        say "$name: not running (nothing of ours to stop)"
        rm -f "$file"
        return
    fi
    kill -TERM "$pid"
    for _ in $(seq 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$file"
    say "$name: stopped (pid $pid)"
}

stop_rabbitmq() {
    if [[ ! -f "$RABBITMQ_MARK" ]]; then
        say "RabbitMQ: not started by us; leaving it running"
        return
    fi
    rabbitmqctl stop >/dev/null 2>&1 || say "RabbitMQ: rabbitmqctl stop failed (already stopped?)"
    rm -f "$RABBITMQ_MARK"
    say "RabbitMQ: stopped"
}

stop_postgres() {
    if [[ ! -f "$PG_MARK" ]]; then
        say "PostgreSQL: not started by us; leaving it running"
        return
    fi
    local bin data
    bin="$(pg_bin)" && data="$(cat "$PG_MARK")"
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
        say "PostgreSQL: pg_ctl stop failed (already stopped?)"
    rm -f "$PG_MARK"
    say "PostgreSQL: stopped (data kept in $data)"
}

stop_pid "Services (make run)" "$VAR/run/supervisor.pid" "deploy.local.run"
stop_pid "FerretDB" "$FERRETDB_PID" "ferretdb"
stop_postgres
stop_rabbitmq
