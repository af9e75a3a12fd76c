# Shared helpers for the deploy/local scripts. Source it; it does nothing by itself.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VAR="$ROOT/var"
VENV="$ROOT/.venv"
FERRETDB_VERSION="v1.24.2"
MONGO_PORT=27017
AMQP_PORT=5672
FERRETDB_LOG="$VAR/log/ferretdb.log"
FERRETDB_PID="$VAR/run/ferretdb.pid"
RABBITMQ_MARK="$VAR/run/rabbitmq.started-by-us"
RABBITMQ_LOG_DIR="/var/log/rabbitmq"

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
