#!/usr/bin/env bash
# The time from `java -jar` to the first successful assessment, as the image runs the jar (docs/performance.md,
# Startup): the container's memory limit, the image's JVM options, a fresh data folder and a copy of the bundled rules
# each run, open mode. Prints each run's time and how long the rules' load and checks took, then the median.
#
#   src/bench/startup.sh                                   # RUNS=5, the jar in target/quarkus-app
#   CDS=1 src/bench/startup.sh                             # with a class-data sharing archive made as the image does
#   APP=target/other-app EXTRA="-Xshare:off" RUNS=3 src/bench/startup.sh
set -euo pipefail

RUNS=${RUNS:-5}
EXTRA=${EXTRA:-}
# shellcheck source=src/bench/packaged-service.sh
. "$(dirname "$0")/packaged-service.sh"
body='{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5}'

# start: the service on the bundled rules, fresh data, open mode, its extra JVM options given
start() {
    rm -rf "$work/data" "$work/rules"
    cp -r rules "$work/rules"
    (cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" CDS_SECURITY_OPEN=true \
        java $JVM_OPTIONS "$@" -jar "$repo/$APP/quarkus-run.jar" > "$work/service.log" 2>&1) &
    service=$!
}

if [ -n "${CDS:-}" ]; then
    # As the Dockerfile makes it: one start to readiness, stopped, its classes archived at exit.
    start -XX:ArchiveClassesAtExit="$work/app-cds.jsa"
    until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.2; done
    kill "$service"
    wait "$service" 2>/dev/null || true
    service=
    echo "class-data sharing archive: $(( $(stat -c %s "$work/app-cds.jsa") / 1048576 )) MB"
    EXTRA="$EXTRA -XX:SharedArchiveFile=$work/app-cds.jsa"
fi

times=()
for run in $(seq "$RUNS"); do
    started=$(date +%s%N)
    # shellcheck disable=SC2086 # EXTRA is options, word-split on purpose
    start $EXTRA
    until curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" \
            "http://127.0.0.1:$port/api/v1/assessments"; do
        if ! kill -0 "$service" 2>/dev/null; then
            cat "$work/service.log" >&2
            exit 1
        fi
        sleep 0.02
    done
    first=$(( ($(date +%s%N) - started) / 1000000 ))
    loaded=$(grep -o 'Rule reload SERVED: nothing -> [0-9a-f]* ([0-9]* ms)' "$work/service.log" | grep -o '[0-9]* ms' \
        || echo '?')
    echo "run $run: first assessment ${first} ms after java -jar; the rules' load and checks ${loaded}"
    times+=("$first")
    kill "$service"
    wait "$service" 2>/dev/null || true
    service=
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $RUNS: ${median} ms"
