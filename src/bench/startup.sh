#!/usr/bin/env bash
# The time from `java -jar` to the first successful assessment, as the image runs the jar (docs/performance.md,
# Startup): the container's memory limit, the image's JVM options, a fresh data folder and a copy of the bundled rules
# each run, open mode. Prints each run's time and how long the rules' load and checks took, then the median.
#
#   src/bench/startup.sh                                   # RUNS=5, the jar in target/quarkus-app
#   CDS=1 src/bench/startup.sh                             # with a class-data sharing archive made as the image does
#   CDS=1 THREADS=1 src/bench/startup.sh                   # and the CPU each thread had used by the first answer
#   CDS=1 FLOOR=1 src/bench/startup.sh                     # the start with no rules to load (below)
#   APP=target/other-app EXTRA="-Xshare:off" RUNS=3 src/bench/startup.sh
#
# FLOOR=1 starts on an empty rules folder. The service then refuses to start, at the point where it would otherwise
# serve its first rules, just before it opens its port: the time to that refusal is what the JVM, Quarkus and the
# record store take with no rules to load, a floor that no work on the rules can take the first answer below.
set -euo pipefail

RUNS=${RUNS:-5}
EXTRA=${EXTRA:-}
THREADS=${THREADS:-}
FLOOR=${FLOOR:-}
# shellcheck source=src/bench/packaged-service.sh
. "$(dirname "$0")/packaged-service.sh"
body='{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5}'
no_rules=

# start: the service on the bundled rules (none if no_rules is set), fresh data, open mode, its extra JVM options given
start() {
    rm -rf "$work/data" "$work/rules"
    if [ -n "$no_rules" ]; then mkdir "$work/rules"; else cp -r rules "$work/rules"; fi
    (cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" CDS_SECURITY_OPEN=true \
        java $JVM_OPTIONS "$@" -jar "$repo/$APP/quarkus-run.jar" > "$work/service.log" 2>&1) &
    service=$!
}

# logged_at TEXT: milliseconds from this run's start to the first log line with TEXT, by the line's own timestamp
logged_at() {
    local at
    at=$(grep -m1 -o "\"timestamp\":\"[^\"]*\"[^}]*$1" "$work/service.log" | cut -d'"' -f4) || return 1
    echo $(( ($(date -d "$at" +%s%N) - started) / 1000000 ))
}

if [ -n "${CDS:-}" ]; then
    # As the Dockerfile makes it: one start to readiness on the bundled rules, stopped, its classes archived at exit.
    start -XX:ArchiveClassesAtExit="$work/app-cds.jsa"
    until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.2; done
    kill "$service"
    wait "$service" 2>/dev/null || true
    service=
    echo "class-data sharing archive: $(( $(stat -c %s "$work/app-cds.jsa") / 1048576 )) MB"
    EXTRA="$EXTRA -XX:SharedArchiveFile=$work/app-cds.jsa"
fi
no_rules=$FLOOR

times=()
for run in $(seq "$RUNS"); do
    started=$(date +%s%N)
    # shellcheck disable=SC2086 # EXTRA is options, word-split on purpose
    start $EXTRA
    if [ -n "$FLOOR" ]; then
        wait "$service" 2>/dev/null || true
        service=
        first=$(logged_at 'cannot be served, so the service will not start') || { cat "$work/service.log" >&2; exit 1; }
        echo "run $run: with no rules, the start refused ${first} ms after java -jar, where it would serve them"
        times+=("$first")
        continue
    fi
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
    opened=$(logged_at 'Listening on') || opened='?'
    echo "run $run: first assessment ${first} ms after java -jar, the port open at ${opened} ms;" \
        "the rules' load and checks ${loaded}"
    if [ -n "$THREADS" ]; then
        hz=$(getconf CLK_TCK)
        ticks | awk -v ms="$((1000 / hz))" '
            $1 == "process" {all = $3; next}
            {name = $2 == "java" ? "main" : $2 == "CN_CompilerThre" ? "JIT-compilers" : $2 == "VM_Thread" ? "VM-thread" : $2
             byName[name] += $3; threads += $3}
            END {
                line = sprintf("  CPU by then, ms: all %d", all * ms)
                for (n in byName) if (byName[n] * ms >= 50) line = line sprintf(", %s %d", n, byName[n] * ms)
                print line sprintf(", threads-that-ended %d", (all - threads) * ms)
            }'
    fi
    times+=("$first")
    kill "$service"
    wait "$service" 2>/dev/null || true
    service=
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $RUNS: ${median} ms"
