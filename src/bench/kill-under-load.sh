#!/usr/bin/env bash
# No answer without its record, under load (docs/performance.md, the embedded store's file): the packaged service on
# the embedded store takes assessments from wrk, is killed with kill -9 in the middle, and is started again on the
# same data. Every decision answered before the kill must be in the store; a few more may be (recorded, killed
# before their answer left). Exits 1 if any answered decision is missing.
#
#   src/bench/kill-under-load.sh                     # LOAD=90s KILL_AT=75, the jar in target/quarkus-app
set -euo pipefail

LOAD=${LOAD:-90s}
KILL_AT=${KILL_AT:-75}
command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 2; }
# shellcheck source=src/bench/packaged-service.sh
. "$(dirname "$0")/packaged-service.sh"
cp -r rules "$work/rules"
url="http://127.0.0.1:$port"
body='{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT"}'
cat > "$work/load.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
done = function(summary, latency, requests)
    io.write(string.format("ANSWERED %d\n", summary.requests - summary.errors.status))
end
LUA

# start: the service on the same data folder as before, open mode; one assessment to know it answers
start() {
    (cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" CDS_SECURITY_OPEN=true \
        java $JVM_OPTIONS -jar "$repo/$APP/quarkus-run.jar" >> "$work/service.log" 2>&1) &
    service=$!
    until curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" "$url/api/v1/assessments"; do
        kill -0 "$service" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
        sleep 0.05
    done
}
kept() {
    curl -sf "$url/api/v1/decisions?channel=API" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}

start
wrk -t2 -c32 -d"$LOAD" -s "$work/load.lua" "$url/api/v1/assessments" > "$work/wrk.txt" 2>&1 &
load=$!
sleep "$KILL_AT"
kill -9 "$service"
wait "$service" 2>/dev/null || true
service=
echo "killed after ${KILL_AT} s of load; the store's file: $(( $(stat -c %s "$work/data/records.mv.db") / 1048576 )) MB"
wait "$load" || true
answered=$(( $(grep -o 'ANSWERED [0-9]*' "$work/wrk.txt" | cut -d' ' -f2) + 1 )) # and the first start's own
start
found=$(( $(kept) - 1 )) # less the restart's own
echo "answered before the kill: $answered; in the store after the restart: $found"
if [ "$found" -lt "$answered" ]; then
    echo "MISSING: $(( answered - found )) answered decision(s) are not in the store" >&2
    exit 1
fi
