#!/usr/bin/env bash
# Where a request's CPU goes, by thread (docs/performance.md): the benchmark build (src/bench/http.sh makes it) in
# open mode, each path loaded by wrk for WARMUP and then for DURATION, with the CPU time of each of the service's
# threads read from /proc before and after, divided by the requests answered. Unlike a Java profile, it sees the
# time a thread spends in the kernel, in the collector (the VM thread) and in the JIT compilers too.
#
#   src/bench/cpu-by-thread.sh                 # WARMUP=40s DURATION=10s CONNECTIONS=32
#   APP=target/bench-other PATHS=/cds-services/acupressure-mat-sciatica src/bench/cpu-by-thread.sh   # one build, one path
#   AUTH=1 PATHS=/cds-services/acupressure-mat-sciatica src/bench/cpu-by-thread.sh   # signed in, as http.sh's auth phase
#   PERF=1 PATHS=/cds-services/acupressure-mat-sciatica src/bench/cpu-by-thread.sh   # and where each thread's CPU goes
#
# PERF=1 samples the service with perf (apt-get install -y linux-perf) during the measured run and prints the
# functions that took the most of its CPU, by thread: Java methods by name (the JIT's map, jcmd Compiler.perfmap),
# the JVM's own (libjvm) and the kernel's. Unlike JFR it does not slow a loaded JVM down; perf's own sampling (499 a
# second a thread) is in the figures, a little.
#
# AUTH=1 signs in as http.sh's auth phase does: the API and the baselines with a clinician's bearer token (OpenID
# Connect, checked against its public key), each CDS Hooks call with an EHR's JWT of its own (RS384, a new jti), made
# by src/bench/Tokens.java before each run of wrk for RATE calls a second (a token reused is refused, as a replay),
# living 60 s: the warm-up runs 30 s at a time, each with tokens of its own, and DURATION must stay under 30 s.
set -euo pipefail

WARMUP=${WARMUP:-40s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
AUTH=${AUTH:-0}
RATE=${RATE:-2000}
PERF=${PERF:-0}
TOP=${TOP:-25}

APP=${APP:-target/bench-app}
PATHS=${PATHS:-/bench/assessments /bench/assessments/decided /api/v1/assessments /bench/cds-services/acupressure-mat-sciatica /cds-services/acupressure-mat-sciatica}

if [ ! -f "$(dirname "$0")/../../$APP/quarkus-run.jar" ]; then
    echo "Build the benchmark service first: src/bench/http.sh does, or" >&2
    echo "  ./mvnw -B -q package -DskipTests -Dquarkus.profile=prod,bench -Dquarkus.package.output-directory=bench-app -Dcds.package.folder=bench-app" >&2
    exit 2
fi
command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 2; }
[ "$PERF" = 0 ] || command -v perf >/dev/null || { echo "PERF=1 needs perf: sudo apt-get install -y linux-perf" >&2; exit 2; }
# shellcheck source=packaged-service.sh
. "$(dirname "$0")/packaged-service.sh"
url="http://127.0.0.1:$port"

# The bodies of http.sh: the README's assessment, and a patient-view call with a real Synthea record's prefetch.
printf '%s' '{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT","spinalSurgery":false}' \
    > "$work/assessment.json"
python3 src/bench/hook-call.py "$(ls src/test/resources/fhir-samples/synthea-r4/*.json | head -1)" > "$work/hook.json"
signed=() service_env=(CDS_SECURITY_OPEN=true)
if [ "$AUTH" = 1 ]; then
    java src/bench/Tokens.java keys "$work"
    signed=(-H "Authorization: Bearer $(cat "$work/clinician.token")")
    service_env=(CDS_SECURITY_OPEN=false QUARKUS_OIDC_TENANT_ENABLED=true QUARKUS_OIDC_APPLICATION_TYPE=service
        QUARKUS_OIDC_PUBLIC_KEY="$(cat "$work/oidc-public-key.txt")" QUARKUS_OIDC_TOKEN_ISSUER=https://idp.bench.example
        QUARKUS_OIDC_TOKEN_AUDIENCE=acupressure-cds CDS_PUBLIC_URL="$url"
        JAVA_TOOL_OPTIONS="-Dcds.hooks.clients.bench.issuer=https://ehr.bench.example -Dcds.hooks.clients.bench.jwks=$work/ehr-jwks.json")
fi
for name in assessment hook; do
    {
        printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
        printf 'local f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' "$work/$name.json"
        if [ "$AUTH" = 1 ]; then
            printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$(cat "$work/clinician.token")"
        fi
    } > "$work/$name.lua"
done
# An EHR's call: a fresh token each (src/bench/ehr-tokens.lua).
cat "$work/hook.lua" src/bench/ehr-tokens.lua > "$work/hook-ehr.lua"

cp -r rules "$work/rules"
# shellcheck disable=SC2086 # the options are words
(cd "$work" && exec env "${service_env[@]}" QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" \
    java $JVM_OPTIONS -jar "$repo/$APP/quarkus-run.jar" > "$work/service.log" 2>&1) &
service=$!
until curl -sf -o /dev/null "${signed[@]}" -H 'Content-Type: application/json' -d @"$work/assessment.json" "$url/api/v1/assessments"; do
    kill -0 "$service" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.2
done

# With AUTH=1 an EHR's calls carry tokens made just before their run, living 60 s: the service remembers a jti for its
# token's life and the clock skew (60 s), at most 100,000 of one client, which 5-minute tokens at this rate would
# reach. A longer run is made of runs of 30 s, each with its tokens. The measured run's are made before its window.
signed_hook() {
    [ "$AUTH" = 1 ] && [[ $1 == /cds-services* ]]
}

# path seconds: the EHR's tokens for one run of wrk on a hook path.
tokens() {
    java -Dlifetime=60 src/bench/Tokens.java ehr "$work" "$url$1" $(( RATE * $2 / 2 + 200 )) run-1.txt run-2.txt
}

# path seconds [made]: wrk's run on one path, its output on stdout; made: its tokens are made already.
run() {
    local seconds=$2 script=$work/assessment.lua args=()
    [[ $1 == *cds-services* ]] && script=$work/hook.lua
    if signed_hook "$1"; then
        while [ "$seconds" -gt 30 ]; do
            run "$1" 30 > /dev/null
            seconds=$(( seconds - 30 ))
        done
        [ "${3:-}" = made ] || tokens "$1" "$seconds"
        script=$work/hook-ehr.lua args=(-- "$work/run")
    fi
    wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" -s "$script" "$url$1" "${args[@]}"
}

hz=$(getconf CLK_TCK)

for path in $PATHS; do
    run "$path" "${WARMUP%s}" > /dev/null
    ! signed_hook "$path" || tokens "$path" "${DURATION%s}"
    ticks > "$work/before"
    sampling=
    if [ "$PERF" != 0 ]; then
        perf record -q -F 499 -p "$service" -o "$work/perf.data" -- sleep "${DURATION%s}" 2>/dev/null &
        sampling=$!
    fi
    read -r rps errors < <(run "$path" "${DURATION%s}" made | awk '/Requests\/sec/ {r = $2} /Non-2xx/ {e = $NF} END {print r, e + 0}')
    ticks > "$work/after"
    [ -z "$sampling" ] || wait "$sampling"
    [ "$errors" = 0 ] || echo "$path: $errors answers other than 2xx (a token used up, or refused): the figures below count them"
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
    if [ -n "$sampling" ]; then
        # The JIT's map names the compiled Java methods (/tmp/perf-PID.map, where perf looks for it).
        jcmd "$service" Compiler.perfmap > /dev/null
        echo "  where the CPU went (perf; % of the service's samples, by thread and function, the top $TOP):"
        perf report -i "$work/perf.data" --no-children --sort comm,dso,sym --stdio 2>/dev/null \
            | awk -v top="$TOP" '/%/ && ++n <= top' | cut -c1-160  # awk reads it all: no broken pipe
        rm -f "/tmp/perf-$service.map"
    fi
done
