#!/usr/bin/env bash
# The packaged service under load on loopback (docs/performance.md): startup to the first answer, then wrk against
# POST /api/v1/assessments and its baseline (the same request read and answered without deciding, in a build for
# benchmarks only), alternating, in rounds; the resident memory under load. Bounded in time: about
# 2 x WARMUP + ROUNDS x 2 x DURATION, plus a build.
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
if [ ! -f "$app/quarkus-run.jar" ] || [ -n "$(find src/main rules pom.xml -newer "$app/quarkus-run.jar" -print -quit)" ]; then
    echo "Building the service with the benchmark baseline (profile bench) into $app ..."
    ./mvnw -B -q package -DskipTests -Dquarkus.profile=prod,bench -Dquarkus.package.output-directory=bench-app
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
body='{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT","spinalSurgery":false}'
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' "'$body'" > "$work/post.lua"
cat >> "$work/post.lua" <<'LUA'
done = function(summary, latency, requests)
    io.write(string.format("RESULT %d %.0f %.3f %.3f %.3f %d\n", summary.requests,
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA

started=$(date +%s%N)
(cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_SECURITY_OPEN=true CDS_RULES_DIR="$repo/rules" \
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

pid=$(pgrep -f "$repo/$app/quarkus-run.jar" | head -1)
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status"; }
echo "RSS after startup: $(rss) MB"

# A warm-up of each (the JIT takes a while: shorter ones leave the first round far behind), then the rounds,
# alternating so that drift hits both alike.
for path in /api/v1/assessments /bench/assessments; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$work/post.lua" "$url$path" > /dev/null
done
declare -A sum_rps
for round in $(seq 1 "$ROUNDS"); do
    for path in /api/v1/assessments /bench/assessments; do
        read -r _ requests rps p50 p99 p999 errors < <(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
            --latency -s "$work/post.lua" "$url$path" | grep '^RESULT')
        printf 'round %d %-22s %8s req/s  p50 %7s ms  p99 %7s ms  p99.9 %7s ms  errors %s\n' \
            "$round" "$path" "$rps" "$p50" "$p99" "$p999" "$errors"
        sum_rps[$path]=$(( ${sum_rps[$path]:-0} + rps ))
    done
done
echo "RSS under load: $(rss) MB now, $(hwm) MB at most"
awk -v a="${sum_rps[/api/v1/assessments]}" -v b="${sum_rps[/bench/assessments]}" -v n="$ROUNDS" 'BEGIN {
    printf "Mean: assessments %.0f req/s, baseline %.0f req/s: %.2f x the baseline\n", a / n, b / n, a / b }'
