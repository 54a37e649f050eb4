#!/usr/bin/env bash
# The packaged service under load on loopback (docs/performance.md): startup to the first answer, then wrk against
# POST /api/v1/assessments and the CDS Hooks service with a real record's prefetch, each with its baseline (the same
# request read and answered without deciding, in a build for benchmarks only), alternating, in rounds; the resident
# memory under load; p99 while the rules are reloaded every 3 s, against p99 without. Bounded in time: about
# 4 x WARMUP + (4 x ROUNDS + 2) x DURATION, plus a build.
#
#   src/bench/http.sh                      # ROUNDS=3 DURATION=15s WARMUP=20s CONNECTIONS=32 THREADS=2 by default
#   ROUNDS=1 DURATION=5s src/bench/http.sh # a quick look
#
# It runs as the container does: -XX:MaxRAM=896m (the Kubernetes limit) with -XX:MaxRAMPercentage=60 (the image's),
# open mode, the bundled rules/, the embedded decision record in a temporary folder.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
JVM_OPTIONS=${JVM_OPTIONS:--XX:MaxRAM=896m -XX:MaxRAMPercentage=60}

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -q wrk >/dev/null
    else
        echo "wrk is needed: sudo apt-get install -y wrk" >&2
        exit 2
    fi
fi

app=target/bench-app
if [ ! -f "$app/quarkus-run.jar" ] || [ -n "$(find src/main pom.xml -newer "$app/quarkus-run.jar" -print -quit)" ]; then
    echo "Building the service with the benchmark baselines (profile bench) into $app ..."
    ./mvnw -B -q package -DskipTests -Dquarkus.profile=prod,bench -Dquarkus.package.output-directory=bench-app
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
cp -r rules "$work/rules" # a copy: the reload round edits it

# The bodies: the README's assessment, and a patient-view call whose prefetch is a real Synthea record (its patient,
# conditions, pain scores and procedures) with a lumbar disc disorder added, as an EHR would send it.
body='{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT","spinalSurgery":false}'
printf '%s' "$body" > "$work/assessment.json"
python3 src/bench/hook-call.py "$(ls src/test/resources/fhir-samples/synthea-r4/*.json | head -1)" > "$work/hook.json"
for name in assessment hook; do
    cat > "$work/$name.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/$name.json")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
    io.write(string.format("RESULT %d %.0f %.3f %.3f %.3f %d\n", summary.requests,
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
done

started=$(date +%s%N)
(cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_SECURITY_OPEN=true CDS_RULES_DIR="$work/rules" \
    java $JVM_OPTIONS -jar "$repo/$app/quarkus-run.jar" > "$work/service.log" 2>&1) &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true; rm -rf "$work"' EXIT

until curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" "$url/api/v1/assessments"; do
    if ! kill -0 $service 2>/dev/null; then
        cat "$work/service.log" >&2
        exit 1
    fi
    sleep 0.02
done
first=$(( ($(date +%s%N) - started) / 1000000 ))
loaded=$(grep -o 'Rule reload SERVED: nothing -> [0-9a-f]* ([0-9]* ms)' "$work/service.log" | grep -o '([0-9]* ms)' || true)
echo "Startup: first successful assessment ${first} ms after java -jar; the rules' load and checks took ${loaded:-?}"
if [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$work/hook.json" \
        "$url/cds-services/acupressure-mat-sciatica")" != 200 ]; then
    echo "The CDS Hooks call was refused:" >&2
    curl -s -H 'Content-Type: application/json' --data-binary @"$work/hook.json" "$url/cds-services/acupressure-mat-sciatica" >&2
    exit 1
fi
echo "CDS Hooks body: $(wc -c < "$work/hook.json") bytes of prefetch from a Synthea record"

pid=$(pgrep -f "$repo/$app/quarkus-run.jar" | head -1)
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status"; }
echo "RSS after startup: $(rss) MB"

declare -A target=([api]=/api/v1/assessments [baseline]=/bench/assessments
    [hook]=/cds-services/acupressure-mat-sciatica [hookbase]=/bench/cds-services/acupressure-mat-sciatica)
declare -A script=([api]=assessment [baseline]=assessment [hook]=hook [hookbase]=hook)
declare -A sum_rps
# name duration label: one wrk run, printed; its requests/s added up by name
load() {
    read -r _ requests rps p50 p99 p999 errors < <(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" \
        -s "$work/${script[$1]}.lua" "$url${target[$1]}" | grep '^RESULT')
    printf '%-9s %-40s %8s req/s  p50 %7s ms  p99 %7s ms  p99.9 %7s ms  errors %s\n' \
        "$3" "${target[$1]}" "$rps" "$p50" "$p99" "$p999" "$errors"
    sum_rps[$1]=$(( ${sum_rps[$1]:-0} + rps ))
}

# A warm-up of each (the JIT takes a while: shorter ones leave the first round far behind), then the rounds,
# alternating so that drift hits all alike.
for name in api baseline hook hookbase; do
    load "$name" "$WARMUP" warm-up > /dev/null
done
sum_rps=()
for round in $(seq 1 "$ROUNDS"); do
    for name in api baseline hook hookbase; do
        load "$name" "$DURATION" "round $round"
    done
done
echo "RSS under load: $(rss) MB now, $(hwm) MB at most"
awk -v a="${sum_rps[api]}" -v b="${sum_rps[baseline]}" -v h="${sum_rps[hook]}" -v hb="${sum_rps[hookbase]}" \
    -v n="$ROUNDS" 'BEGIN {
    printf "Mean: assessments %.0f req/s, %.2f x their baseline (%.0f req/s)\n", a / n, a / b, b / n
    printf "      CDS Hooks %.0f req/s, %.2f x its baseline (%.0f req/s), %.2f x the assessments baseline\n",
        h / n, h / hb, hb / n, h / b }'

# Reloads under load: the rules change every 3 s (a comment, so each is a new version: checked and swapped).
before=$(grep -c 'Rule reload SERVED' "$work/service.log")
(while sleep 3; do printf '\n// benchmark reload %s\n' "$(date +%s%N)" >> "$work/rules/mats.drl"; done) &
editor=$!
load api "$DURATION" reloading
kill $editor
sleep 5 # a reload under way finishes (each is a whole check: about 2-3 s here)
echo "Reloads served during that run: $(( $(grep -c 'Rule reload SERVED' "$work/service.log") - before ))"
load api "$DURATION" "no reload"
