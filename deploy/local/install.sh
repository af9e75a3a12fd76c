#!/usr/bin/env bash
# Installs what `make run` and `make test` need: PostgreSQL and RabbitMQ (apt), FerretDB (built from source), the
# Python venv, Zipkin (jar from Maven Central, run on Java 17) for the trace UI, Chromium for its browser test.
# Each step prints one line and is a quick no-op when its result is already there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_rabbitmq() {
    if command -v rabbitmq-server >/dev/null; then
        say "RabbitMQ: already installed ($(command -v rabbitmq-server))"
        return
    fi
    say "RabbitMQ: installing rabbitmq-server with apt-get (log: $VAR/log/apt.log)"
    mkdir -p "$VAR/log"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server; } >"$VAR/log/apt.log" 2>&1 ||
        die "apt-get install rabbitmq-server failed; see $VAR/log/apt.log"
}

# Debian's postgresql package also creates and starts a cluster of its own on 5432; we leave it alone and run ours
# (start.sh). postgresql-contrib brings pg_stat_statements, which the index test reads FerretDB's queries from.
install_postgresql() {
    if pg_bin >/dev/null && [[ -d "$(pg_bin)/../lib" ]] && ls "$(pg_bin)"/../lib/pg_stat_statements.so >/dev/null 2>&1 &&
        id postgres >/dev/null 2>&1; then
        say "PostgreSQL: already installed ($(pg_bin))"
        return
    fi
    say "PostgreSQL: installing postgresql with apt-get (log: $VAR/log/apt-postgresql.log)"
    mkdir -p "$VAR/log"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql postgresql-contrib; } \
        >"$VAR/log/apt-postgresql.log" 2>&1 || die "apt-get install postgresql failed; see $VAR/log/apt-postgresql.log"
}

# Debian starts the broker through `su rabbitmq`, whose pam_limits resets open files to 1024; every quorum queue
# keeps files open, so a few hundred queues exhaust that. Raise it for the rabbitmq user.
raise_rabbitmq_file_limit() {
    local conf=/etc/security/limits.d/civic-rabbitmq.conf limit want
    limit=$(ulimit -Hn)  # pam_limits cannot go above the hard limit this machine gives root
    [[ "$limit" == unlimited || "$limit" -gt 65536 ]] && limit=65536
    want=$(printf 'rabbitmq soft nofile %s\nrabbitmq hard nofile %s' "$limit" "$limit")
    [[ -f "$conf" && "$(cat "$conf")" == "$want" ]] && return
    printf '%s\n' "$want" >"$conf" || die "cannot write $conf"
    say "RabbitMQ: open-files limit raised to $limit ($conf; takes effect at the next broker start)"
}

# A stamp named after the hash of the dependency files: a changed lock or pyproject means a new install.
deps_hash() {
    cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" 2>/dev/null | sha256sum | cut -c1-16
}

venv_usable() {
    [[ -x "$VENV/bin/python" ]] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null
}

pip_install() {
    local pip=("$VENV/bin/pip" install --quiet --disable-pip-version-check)
    if [[ -f "$ROOT/requirements.lock" ]]; then
        "${pip[@]}" -r "$ROOT/requirements.lock"
        "${pip[@]}" --no-deps -e "$ROOT"
    else
        "${pip[@]}" -e "$ROOT[test]"
    fi
}

install_venv() {
    local stamp="$VENV/.installed-$(deps_hash)"
    if venv_usable && [[ -f "$stamp" ]]; then
        say "Python: .venv up to date"
        return
    fi
    if ! venv_usable; then
        local python
        python="$(python311)" || die "Python 3.11 not found (tried python3.11, python3)"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
    fi
    rm -f "$VENV"/.installed-*
    [[ -f "$ROOT/requirements.lock" ]] ||
        say "Python: requirements.lock is missing; falling back to pip install -e '.[test]' (run 'make lock')"
    pip_install >"$VENV/install.log" 2>&1 || { cat "$VENV/install.log" >&2; die "pip install failed"; }
    touch "$stamp"
    say "Python: .venv installed from $( [[ -f "$ROOT/requirements.lock" ]] && echo requirements.lock || echo pyproject.toml)"
}

# kustomize renders deploy/k8s for the manifest tests (no cluster needed); built by the Go toolchain.
KUSTOMIZE_VERSION=v5.7.1
install_kustomize() {
    local bin
    bin="$(go env GOPATH)/bin/kustomize"
    if [[ -x "$bin" ]] && [[ "$("$bin" version 2>/dev/null)" == *"$KUSTOMIZE_VERSION"* ]]; then
        say "kustomize $KUSTOMIZE_VERSION: already installed ($bin)"
        return
    fi
    say "kustomize $KUSTOMIZE_VERSION: installing with go install"
    go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" || die "go install kustomize failed"
}

# The management UI (http://127.0.0.1:15672) and the broker's Prometheus endpoint: enabled in the plugins file, so they
# load at the broker's next start (start.sh enables them at once on a broker it started itself).
enable_rabbitmq_plugins() {
    local file=/etc/rabbitmq/enabled_plugins
    if grep -q 'rabbitmq_management[],. ]' "$file" 2>/dev/null && grep -q 'rabbitmq_prometheus' "$file"; then
        say "RabbitMQ: management and prometheus plugins already enabled"
        return
    fi
    # shellcheck disable=SC2086
    rabbitmq-plugins --offline enable $RABBITMQ_PLUGINS >"$VAR/log/rabbitmq-plugins.log" 2>&1 ||
        die "rabbitmq-plugins enable failed; see $VAR/log/rabbitmq-plugins.log"
    say "RabbitMQ: management (UI on $MANAGEMENT_PORT) and prometheus plugins enabled"
}

# Java 17 runs Zipkin; Maven fetches its jar (`mvn dependency:get`) from Maven Central.
install_java_maven() {
    if command -v java >/dev/null && command -v mvn >/dev/null; then
        say "Java and Maven: already installed ($(command -v java), $(command -v mvn))"
        return
    fi
    say "Java and Maven: installing openjdk-17-jre-headless and maven with apt-get (log: $VAR/log/apt-java.log)"
    mkdir -p "$VAR/log"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless maven; } \
        >"$VAR/log/apt-java.log" 2>&1 || die "apt-get install openjdk-17-jre-headless maven failed; see $VAR/log/apt-java.log"
}

install_zipkin() {
    if [[ -s "$ZIPKIN_JAR" ]]; then
        say "Zipkin $ZIPKIN_VERSION: already downloaded ($ZIPKIN_JAR)"
        return
    fi
    say "Zipkin $ZIPKIN_VERSION: fetching io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec with mvn into $CACHE_DIR/m2"
    mkdir -p "$CACHE_DIR/m2" "$VAR/log"
    mvn -B -q dependency:get -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -Dtransitive=false \
        -Dmaven.repo.local="$CACHE_DIR/m2" >"$VAR/log/mvn-zipkin.log" 2>&1 && [[ -s "$ZIPKIN_JAR" ]] ||
        die "mvn dependency:get of zipkin-server $ZIPKIN_VERSION failed; see $VAR/log/mvn-zipkin.log"
}

# Debian's headless Chromium for the browser test of the trace UI (tests/e2e/test_trace_ui.py drives it over CDP).
# Read the whole answer before matching: with pipefail, `apt-cache policy | grep -q` fails when grep stops reading
# at the first match and apt-cache dies of SIGPIPE, and a package apt has looked absent.
chromium_candidate() {
    local policy
    policy=$(apt-cache policy chromium 2>/dev/null) || return 1
    [[ $policy =~ Candidate:\ [0-9] ]]
}

install_chromium() {
    if [[ -x /usr/bin/chromium ]]; then
        say "Chromium: already installed (/usr/bin/chromium)"
        return
    fi
    if ! chromium_candidate; then
        apt-get update >"$VAR/log/apt-chromium.log" 2>&1 || true
    fi
    if ! chromium_candidate; then
        say "Chromium: apt has no chromium package here; the browser test will skip, saying so"
        return
    fi
    say "Chromium: installing chromium with apt-get (log: $VAR/log/apt-chromium.log)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >>"$VAR/log/apt-chromium.log" 2>&1 ||
        die "apt-get install chromium failed; see $VAR/log/apt-chromium.log"
}

mkdir -p "$VAR/log"
install_postgresql
install_rabbitmq
enable_rabbitmq_plugins
install_java_maven
install_zipkin
install_chromium
raise_rabbitmq_file_limit
bash "$ROOT/deploy/local/build-ferretdb.sh"
install_kustomize
install_venv
