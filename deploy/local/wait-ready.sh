#!/usr/bin/env bash
# Waits until FerretDB answers a MongoDB ping and RabbitMQ accepts an AMQP connection.
# Usage: wait-ready.sh [TIMEOUT_SECONDS]   (default: $CIVIC_READY_TIMEOUT or 60)
# Honours MONGO_URL and AMQP_URL, like the services do.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

timeout_s="${1:-${CIVIC_READY_TIMEOUT:-60}}"
export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:$MONGO_PORT/}"
export AMQP_URL="${AMQP_URL:-amqp://127.0.0.1:$AMQP_PORT/}"
[[ -x "$VENV/bin/python" ]] || die "no $VENV; run 'make install' first"

mongo_ping() {
    "$VENV/bin/python" - <<'PY' >/dev/null 2>&1
import os, pymongo
client = pymongo.MongoClient(os.environ["MONGO_URL"], serverSelectionTimeoutMS=2000)
client.admin.command("ping")
PY
}

amqp_connect() {
    "$VENV/bin/python" - <<'PY' >/dev/null 2>&1
import asyncio, os, aio_pika
from aiormq.exceptions import ProbableAuthenticationError
async def main():
    # Ready means the broker speaks AMQP: a refused login is an answer too (no guest once the broker's users are
    # set up by deploy/broker_users.py, which runs next and needs the node up).
    try:
        connection = await aio_pika.connect(os.environ["AMQP_URL"], timeout=3)
    except ProbableAuthenticationError:
        return
    await connection.close()
asyncio.run(main())
PY
}

# wait_for NAME CHECK LOG_HINT: retries CHECK until it passes or the shared deadline is reached (then tries once).
wait_for() {
    local name="$1" check="$2" hint="$3"
    until "$check"; do
        if ((SECONDS >= deadline)); then
            failures+=("$name is not ready after ${timeout_s} s. $hint")
            return
        fi
        sleep 1
    done
    say "$name: ready"
}

ferretdb_hint() {
    if [[ -f "$FERRETDB_PID" ]]; then
        echo "Log: $FERRETDB_LOG"
    else
        echo "It was not started by start.sh (reused or absent): check whoever runs it on ${MONGO_URL}."
    fi
}

failures=()
deadline=$((SECONDS + timeout_s))
wait_for "FerretDB ($MONGO_URL, MongoDB ping)" mongo_ping "$(ferretdb_hint)"
wait_for "RabbitMQ ($(sed 's#//[^@]*@#//***@#' <<<"$AMQP_URL"), AMQP connect)" amqp_connect \
    "Logs: $RABBITMQ_LOG_DIR/ ; status: rabbitmqctl status"
for failure in "${failures[@]}"; do
    printf '[civic] ERROR: %s\n' "$failure" >&2
done
((${#failures[@]} == 0))
