# Shared helpers for the deploy/local scripts. Source it; it does nothing by itself.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VAR="$ROOT/var"
VENV="$ROOT/.venv"
FERRETDB_VERSION="v1.24.2"
MONGO_PORT=27017
# PostgreSQL under FerretDB: a cluster of the project's own on its own port (any system cluster is left alone).
PG_PORT="${CIVIC_PG_PORT:-55432}"
PG_USER=ferretdb
PG_DATABASE=ferretdb
PG_LOG="$VAR/log/postgres.log"
PG_MARK="$VAR/run/postgres.started-by-us"
AMQP_PORT=5672
FERRETDB_LOG="$VAR/log/ferretdb.log"
FERRETDB_PID="$VAR/run/ferretdb.pid"
RABBITMQ_MARK="$VAR/run/rabbitmq.started-by-us"
RABBITMQ_LOG_DIR="/var/log/rabbitmq"
RABBITMQ_PLUGINS="rabbitmq_management rabbitmq_prometheus"  # the UI on 15672, broker metrics on 15692
MANAGEMENT_PORT=15672
# Zipkin: the trace UI of `make run` (http://127.0.0.1:9411/zipkin/), the executable jar from Maven Central, kept in a
# cache outside the checkout so a fresh clone does not download it again.
ZIPKIN_VERSION=3.5.1
CACHE_DIR="${CIVIC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/civic-mesh}"
ZIPKIN_JAR="$CACHE_DIR/m2/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"

# Go lives in /usr/local/go on our machines; rabbitmq-server in /usr/sbin.
export PATH="/usr/local/go/bin:/usr/sbin:/sbin:$PATH"

say() { printf '[civic] %s\n' "$*"; }
die() { printf '[civic] ERROR: %s\n' "$*" >&2; exit 1; }

# port_open PORT -> true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { timeout 1 bash -c ": >/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# wait_port PORT SECONDS -> true once the port accepts connections, false after SECONDS.
wait_port() {
    local port="$1" deadline=$((SECONDS + $2))
    until port_open "$port"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# pg_bin -> the newest Debian PostgreSQL's bin directory (initdb, pg_ctl, psql), or fails.
pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$dir" && -x "$dir/initdb" ]] || return 1
    echo "$dir"
}

# pg_data -> where our cluster lives: var/postgres, unless the postgres user (which PostgreSQL must run as: it
# refuses root) cannot reach this checkout, as under a private home directory; then a folder named after it.
pg_data() {
    if runuser -u postgres -- test -x "$VAR" 2>/dev/null || { mkdir -p "$VAR" && runuser -u postgres -- test -x "$VAR"; }; then
        echo "$VAR/postgres"
    else
        echo "/var/lib/postgresql/civic-$(echo "$ROOT" | sha256sum | cut -c1-12)"
    fi
}

# The URL FerretDB connects with, and tests use for the query plans (`CIVIC_POSTGRES_URL` overrides).
postgres_url() { echo "${CIVIC_POSTGRES_URL:-postgres://$PG_USER@127.0.0.1:$PG_PORT/$PG_DATABASE}"; }

gobin() { echo "$(go env GOPATH)/bin"; }

# pid_alive FILE -> true when FILE holds the pid of a running process.
pid_alive() { [[ -s "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# python311 -> the path of a Python 3.11 interpreter, or fails.
python311() {
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}
