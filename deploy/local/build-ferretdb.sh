#!/usr/bin/env bash
# Builds FerretDB v1.24.2 into $(go env GOPATH)/bin/ferretdb; a no-op when that binary already reports the version.
#
# Why not simply `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`:
#  1. `go install pkg@version` asks the module proxy for the `@v/list` deprecation lookup, and the proxy we can
#     reach answers 403 to it, so the command fails before building anything.
#  2. Even when it builds, the binary panics at start: FerretDB embeds the generated file build/version/version.txt,
#     which is not in the published module zip.
# So we let `go mod tidy` in a throw-away module fetch the exact module, copy it somewhere writable, write
# version.txt ourselves and build from that copy.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v go >/dev/null || die "Go is not installed (expected /usr/local/go/bin/go); install Go >= 1.22 first"
target="$(gobin)/ferretdb"

# Not `ferretdb --version | grep -q`: with pipefail, grep closing the pipe early can fail the check at random.
has_version() {
    [[ -x "$target" ]] || return 1
    local lines=$'\n'"$("$target" --version 2>/dev/null)"$'\n'
    [[ "$lines" == *$'\n'"version: $FERRETDB_VERSION"$'\n'* ]]
}

if has_version; then
    say "FerretDB $FERRETDB_VERSION: already built ($target)"
    exit 0
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
cat >go.mod <<GOMOD
module civicmesh/ferretdb-build

go 1.22

require github.com/FerretDB/FerretDB $FERRETDB_VERSION
GOMOD
printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/FerretDB/FerretDB/cmd/ferretdb"\n' >tools.go
go mod tidy >"$work/tidy.log" 2>&1 || { cat "$work/tidy.log" >&2; die "go mod tidy failed for FerretDB $FERRETDB_VERSION"; }

cp -r "$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$FERRETDB_VERSION" "$work/src"
chmod -R u+w "$work/src"
echo "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
mkdir -p "$(gobin)"
(cd "$work/src" && go build -o "$target" ./cmd/ferretdb)
has_version || die "built $target but it does not report $FERRETDB_VERSION"
say "FerretDB $FERRETDB_VERSION: built ($target)"
