#!/usr/bin/env bash
# Where a request's CPU goes, by thread (docs/performance.md): the benchmark build (src/bench/http.sh makes it) in
# open mode, each path loaded by wrk for WARMUP and then for DURATION, with the CPU time of each of the service's
# threads read from /proc before and after, divided by the requests answered. Unlike a Java profile, it sees the
# time a thread spends in the kernel, in the collector (the VM thread) and in the JIT compilers too.
#
#   src/bench/cpu-by-thread.sh                 # WARMUP=40s DURATION=10s CONNECTIONS=32
#   APP=target/bench-other PATHS=/cds-services/acupressure-mat-sciatica src/bench/cpu-by-thread.sh   # one build, one path
set -euo pipefail

WARMUP=${WARMUP:-40s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}

APP=${APP:-target/bench-app}
PATHS=${PATHS:-/bench/assessments /bench/assessments/decided /api/v1/assessments /bench/cds-services/acupressure-mat-sciatica /cds-services/acupressure-mat-sciatica}

if [ ! -f "$(dirname "$0")/../../$APP/quarkus-run.jar" ]; then
    echo "Build the benchmark service first: src/bench/http.sh does, or" >&2
    echo "  ./mvnw -B -q package -DskipTests -Dquarkus.profile=prod,bench -Dquarkus.package.output-directory=bench-app -Dcds.package.folder=bench-app" >&2
    exit 2
fi
command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 2; }
# shellcheck source=packaged-service.sh
. "$(dirname "$0")/packaged-service.sh"
url="http://127.0.0.1:$port"

# The bodies of http.sh: the README's assessment, and a patient-view call with a real Synthea record's prefetch.
printf '%s' '{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT","spinalSurgery":false}' \
    > "$work/assessment.json"
python3 src/bench/hook-call.py "$(ls src/test/resources/fhir-samples/synthea-r4/*.json | head -1)" > "$work/hook.json"
for name in assessment hook; do
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nlocal f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' \
        "$work/$name.json" > "$work/$name.lua"
done

cp -r rules "$work/rules"
# shellcheck disable=SC2086 # the options are words
(cd "$work" && exec env CDS_SECURITY_OPEN=true QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" \
    java $JVM_OPTIONS -jar "$repo/$APP/quarkus-run.jar" > "$work/service.log" 2>&1) &
service=$!
until curl -sf -o /dev/null -H 'Content-Type: application/json' -d @"$work/assessment.json" "$url/api/v1/assessments"; do
    kill -0 "$service" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.2
done

hz=$(getconf CLK_TCK)

for path in $PATHS; do
    script=$work/assessment.lua
    [[ $path == *cds-services* ]] && script=$work/hook.lua
    wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$url$path" > /dev/null
    ticks > "$work/before"
    rps=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$script" "$url$path" | awk '/Requests\/sec/ {print $2}')
    ticks > "$work/after"
    echo "$path: $rps requests/s; CPU a request, µs, by thread (those above 2 µs):"
    awk -v rps="$rps" -v s="${DURATION%s}" -v hz="$hz" '
        FNR == NR {before[$1] = $3; next}
        {d = $3 - before[$1]; if ($1 == "process") all = d; else {byName[$2] += d; threads += d}}
        END {
            us = 1e6 / hz / (rps * s)
            printf "  %-22s %6.0f\n", "all", all * us
            for (n in byName) if (byName[n] * us > 2) printf "  %-22s %6.0f\n", n, byName[n] * us
            if ((all - threads) * us > 2) printf "  %-22s %6.0f\n", "threads-that-ended", (all - threads) * us
        }' "$work/before" "$work/after" | sort -k2 -n -r
done
