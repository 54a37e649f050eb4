#!/usr/bin/env bash
# The packaged service under load on loopback (docs/performance.md). In each phase the service starts afresh, the
# first successful assessment is timed, then wrk loads POST /api/v1/assessments and the CDS Hooks service with a real
# record's prefetch, each next to its baseline (the same request read and answered without deciding, in a build for
# benchmarks only), alternating, in rounds, and the assessment decided at every request without its record (what the
# rules leave of the baseline, apart from what the record takes) and answered from memory with its whole record kept
# (what the record leaves of it, apart from the rules); then the resident memory.
#
#   open        no caller authenticated, the embedded decision record; and p99 while the rules reload every 3 s,
#               against p99 without, in RELOAD_PAIRS (4) pairs of runs
#   auth        the production setup: OpenID Connect bearer tokens for the API (a clinician's, reused as a client
#               does), an EHR's signed JWT for every CDS Hooks call (each with its own jti, made just before its run
#               by src/bench/Tokens.java, living 90 s), the embedded decision record
#   postgresql  the same, with the decision record in a PostgreSQL started on this machine
#   reloads     (only when named) open, the assessments alone warmed up, then the reload pairs alone
#   sustained   (only when named) open, assessments alone for SUSTAIN (3m): how the embedded store's file grows past
#               H2's RETENTION_TIME (45 s), after which it may reuse a place in the file that commits freed
#
#   src/bench/http.sh                                   # ROUNDS=3 DURATION=15s WARMUP=30s CONNECTIONS=32 THREADS=2
#   PHASES=open ROUNDS=1 DURATION=5s src/bench/http.sh  # a quick look
#   CDS=0 src/bench/http.sh                             # without the image's class-data sharing archive
#   JVM_OPTIONS="-XX:MaxRAM=896m -XX:+UseSerialGC" src/bench/http.sh   # other JVM options than the image's
#
#   WARMUPS=1 src/bench/http.sh                         # one turn of warm-up, settled or not (as before 2026-12-06)
#
# Bounded in time: each phase about 6 x WARMUP for each turn of warm-up (until the JIT has settled: 4-5 turns here,
# at most WARMUPS) + 6 x ROUNDS x DURATION, the open one 2 x RELOAD_PAIRS x DURATION more, the others the making of
# their tokens (about 30 s a run); plus a build: about an hour in all. It runs as the container does:
# -XX:MaxRAM=896m (the Kubernetes limit) with the image's JAVA_TOOL_OPTIONS and, as the image makes it, a class-data
# sharing archive (one start of the build to readiness, archived at exit), on a copy of the bundled rules/.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}
WARMUPS=${WARMUPS:-6}     # at most this many turns of warm-up,
JIT_QUIET=${JIT_QUIET:-2} # until the JIT compiles for at most this % of a turn
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PHASES=${PHASES:-open auth postgresql}
SUSTAIN=${SUSTAIN:-3m}
CDS=${CDS:-1}
RELOAD_PAIRS=${RELOAD_PAIRS:-4}
RELOAD_PATH=${RELOAD_PATH:-api} # what the reload pairs load: api, or decided (the same, without its record)

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
# shellcheck source=src/bench/image-settings.sh
. src/bench/image-settings.sh

# name package: a Debian package this needs, installed when run as root
need() {
    if ! command -v "$1" >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -q "$2" >/dev/null
        else
            echo "$1 is needed: sudo apt-get install -y $2" >&2
            exit 2
        fi
    fi
}
need wrk wrk
if [[ " $PHASES " == *" postgresql "* ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need /usr/lib/postgresql/15/bin/initdb postgresql
fi

app=target/bench-app
if [ ! -f "$app/quarkus-run.jar" ] || [ -n "$(find src/main pom.xml -newer "$app/quarkus-run.jar" -print -quit)" ]; then
    echo "Building the service with the benchmark baselines (profile bench) into $app ..."
    ./mvnw -B -q package -DskipTests -Dquarkus.profile=prod,bench -Dquarkus.package.output-directory=bench-app -Dcds.package.folder=bench-app
fi

work=$(mktemp -d)
chmod 755 "$work" # PostgreSQL runs as its own user, and needs to reach its folder
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
url="http://127.0.0.1:$port"
service=
sampler=
postgres=
cleanup() {
    [ -n "$sampler" ] && { kill "$sampler" 2>/dev/null || true; }
    [ -n "$service" ] && { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
    [ -n "$postgres" ] && runuser_pg "$postgres/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
runuser_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$CDS" = 1 ]; then
    # As the Dockerfile makes it: one start to readiness on fresh data, stopped, its classes archived at exit.
    cp -r rules "$work/rules"
    # shellcheck disable=SC2086 # the options are words
    (cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" CDS_SECURITY_OPEN=true \
        java $JVM_OPTIONS -XX:ArchiveClassesAtExit="$work/app-cds.jsa" -jar "$repo/$app/quarkus-run.jar" \
        > "$work/service.log" 2>&1) &
    service=$!
    until curl -sf -o /dev/null "$url/q/health/ready"; do
        kill -0 "$service" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
        sleep 0.2
    done
    kill "$service"
    wait "$service" 2>/dev/null || true
    service=
    rm -rf "$work/data" "$work/rules"
    JVM_OPTIONS="$JVM_OPTIONS -XX:SharedArchiveFile=$work/app-cds.jsa"
    echo "Class-data sharing archive, as the image makes it: $(( $(stat -c %s "$work/app-cds.jsa") / 1048576 )) MB"
fi

# The bodies: the README's assessment, and a patient-view call whose prefetch is a real Synthea record (its patient,
# conditions, pain scores and procedures) with a lumbar disc disorder added, as an EHR would send it.
body='{"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT","spinalSurgery":false}'
printf '%s' "$body" > "$work/assessment.json"
python3 src/bench/hook-call.py "$(ls src/test/resources/fhir-samples/synthea-r4/*.json | head -1)" > "$work/hook.json"
java src/bench/Tokens.java keys "$work"
clinician=$(cat "$work/clinician.token")

# One script per body and way of signing in: none; the clinician's bearer token; a fresh EHR token per call, read
# from the files named by the run (wrk ... -- PREFIX: PREFIX-1.txt for its first thread, and so on).
for name in assessment hook; do
    for auth in open clinician ehr; do
        {
            echo 'wrk.method = "POST"'
            echo 'wrk.headers["Content-Type"] = "application/json"'
            echo "local f = io.open(\"$work/$name.json\")"
            echo 'wrk.body = f:read("*a")'
            echo 'f:close()'
            [ "$auth" = clinician ] && echo "wrk.headers[\"Authorization\"] = \"Bearer $clinician\""
            [ "$auth" = ehr ] && cat src/bench/ehr-tokens.lua
            cat <<'LUA'
done = function(summary, latency, requests)
    io.write(string.format("RESULT %d %.0f %.3f %.3f %.3f %d\n", summary.requests,
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
        } > "$work/$name-$auth.lua"
    done
done

declare -A target=([api]=/api/v1/assessments [baseline]=/bench/assessments [decided]=/bench/assessments/decided
    [recorded]=/bench/assessments/recorded [hook]=/cds-services/acupressure-mat-sciatica
    [hookbase]=/bench/cds-services/acupressure-mat-sciatica)
declare -A body_of=([api]=assessment [baseline]=assessment [decided]=assessment [recorded]=assessment [hook]=hook
    [hookbase]=hook)
declare -A sum_rps
hook_rate=3000 # CDS Hooks calls a second, for the number of tokens a run needs; measured by the open phase
runs=0

# phase env...: starts the service for a phase, and waits for its first successful assessment
start_service() {
    local phase=$1
    shift
    rm -rf "$work/data" "$work/rules"
    cp -r rules "$work/rules" # a copy: the reload round edits it
    local started
    started=$(date +%s%N)
    (cd "$work" && exec env QUARKUS_HTTP_PORT="$port" CDS_RULES_DIR="$work/rules" "$@" \
        java $JVM_OPTIONS -jar "$repo/$app/quarkus-run.jar" > "$work/service.log" 2>&1) &
    service=$!
    local signed=()
    case $phase in open | reloads | sustained) ;; *) signed=(-H "Authorization: Bearer $clinician") ;; esac
    until curl -sf -o /dev/null "${signed[@]}" -H 'Content-Type: application/json' -d "$body" "$url/api/v1/assessments"; do
        if ! kill -0 "$service" 2>/dev/null; then
            cat "$work/service.log" >&2
            exit 1
        fi
        sleep 0.02
    done
    local first loaded
    first=$(( ($(date +%s%N) - started) / 1000000 ))
    loaded=$(grep -o 'Rule reload SERVED: nothing -> [0-9a-f]* ([0-9]* ms)' "$work/service.log" | grep -o '([0-9]* ms)' || true)
    echo
    echo "== $phase: first successful assessment ${first} ms after java -jar; the rules' load and checks took ${loaded:-?}"
    pid=$(pgrep -f "$repo/$app/quarkus-run.jar" | head -1)
    echo "RSS after startup: $(rss) MB"
    # Every 10 s: the decisions kept in the store so far (the service's own counter) and the embedded store's file;
    # a sample whose counter could not be read is left out, not counted as none.
    : > "$work/store-samples.txt"
    (while sleep 10; do
        kept=$(curl -s -m 5 "$url/q/metrics" | awk '/^cds_records_kept_total\{.*where="store"/ {print int($NF)}' || true)
        [ -z "$kept" ] || echo "$kept $(stat -c %s "$work/data/records.mv.db" 2>/dev/null || echo 0)" >> "$work/store-samples.txt"
    done) &
    sampler=$!
}

stop_service() {
    kill "$sampler" 2>/dev/null || true
    sampler=
    kill "$service"
    wait "$service" 2>/dev/null || true
    service=
}

# phase: what the decision record keeps per decision (record-size.sql), and the embedded store's file per decision
store_report() {
    local sql result closed
    closed=$(stat -c %s "$work/data/records.mv.db" 2>/dev/null || echo 0) # once the service has closed it
    sql=$(grep -v '^--' src/bench/record-size.sql | tr '\n' ' ')
    if [ "$1" = postgresql ]; then
        result=$(runuser_pg "$postgres/psql" -h 127.0.0.1 -p "$pg_port" -U cds -d postgres -At -F ' ' -c "$sql")
    else
        result=$(java -cp "$(ls "$app"/lib/main/com.h2database.h2-*.jar)" org.h2.tools.Shell \
            -url "jdbc:h2:file:$work/data/records" -user cds -password '' -sql "$sql" | sed -n 2p | tr -d '|')
    fi
    read -r decisions own shared lists <<< "$result"
    echo "Record: $decisions decisions, $own bytes of their own each, $shared bytes each of the $lists shared lists of fired rules"
    if [ "$1" != postgresql ] && [ "$decisions" -gt 0 ]; then
        echo "Embedded store under load: $(( store_file / 1024 / 1024 )) MB, $(( store_file / decisions )) bytes per decision;" \
            "closed: $(( closed / 1024 / 1024 )) MB, $(( closed / decisions )) bytes per decision"
        # Past H2's RETENTION_TIME (45 s) a place that commits freed may be reused: this is the growth that stays.
        awk '{ kept[NR] = $1; size[NR] = $2 } END {
            if (NR < 8) { print "Embedded store, sustained: the phase was too short to tell (under 80 s)"; exit }
            max = 0; for (i = 1; i <= NR; i++) if (size[i] > max) max = size[i]
            decided = kept[NR] - kept[NR - 6]
            if (decided == 0) { printf "Embedded store, sustained: at most %d MB; no decision in the last 60 s\n", max / 1048576; exit }
            printf "Embedded store, sustained: at most %d MB; over the last 60 s of the phase, %d bytes of file per decision kept (%d decisions)\n",
                max / 1048576, (size[NR] - size[NR - 6]) / decided, decided }' \
            "$work/store-samples.txt"
        echo "Embedded store, every 10 s (decisions kept, MB): $(awk '{ printf "%d %d, ", $1, $2 / 1048576 }' "$work/store-samples.txt")"
    fi
}

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status"; }
# the JIT's compilation time since the start, in seconds (all its threads, those that ended too)
jit_seconds() { jstat -compiler "$pid" | awk 'NR == 2 { print $4 }'; }
seconds() { local d=$1; case $d in *m) echo $(( ${d%m} * 60 ));; *s) echo "${d%s}";; *) echo "$d";; esac; }

# phase name duration label: one wrk run, printed; its requests/s added up by name
load() {
    local phase=$1 name=$2 duration=$3 label=$4 auth=open args=()
    if [ "$phase" != open ]; then
        auth=clinician
        if [ "$name" = hook ]; then
            # Fresh EHR tokens for this run alone: a third more than the open phase's rate would use. They live 90 s:
            # the service remembers a jti for its token's life and the clock skew, at most 100,000 of one client, and
            # at this rate 5-minute tokens would reach that bound (about 270 calls a second, sustained)
            auth=ehr
            runs=$(( runs + 1 ))
            local files=() count=$(( hook_rate * $(seconds "$duration") * 4 / 3 / THREADS + 200 ))
            for t in $(seq 1 "$THREADS"); do files+=("run$runs-$t.txt"); done
            java -Dlifetime=90 src/bench/Tokens.java ehr "$work" "$url${target[hook]}" "$count" "${files[@]}"
            args=(-- "$work/run$runs")
        fi
    fi
    read -r _ requests rps p50 p99 p999 errors < <(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" \
        -s "$work/${body_of[$name]}-$auth.lua" "$url${target[$name]}" "${args[@]}" | grep '^RESULT')
    printf '%-9s %-46s %6s req/s  p50 %7s ms  p99 %7s ms  p99.9 %7s ms  errors %s\n' \
        "$label" "${target[$name]}" "$rps" "$p50" "$p99" "$p999" "$errors"
    sum_rps[$name]=$(( ${sum_rps[$name]:-0} + rps ))
    rm -f "$work"/run*.txt
}

# phase name...: every path named in turn for WARMUP, and again until the JIT has settled: runs measured while the
# compilers still take a share of the two cores measure the compilers (docs/performance.md, "The JIT's share")
warm_up() {
    local phase=$1 turn before compiled turn_seconds
    shift
    turn_seconds=$(( $# * $(seconds "$WARMUP") ))
    for turn in $(seq 1 "$WARMUPS"); do
        before=$(jit_seconds)
        for name in "$@"; do
            load "$phase" "$name" "$WARMUP" warm-up > /dev/null
        done
        compiled=$(awk -v a="$before" -v b="$(jit_seconds)" 'BEGIN { printf "%.1f", b - a }')
        awk -v c="$compiled" -v t="$turn_seconds" -v q="$JIT_QUIET" 'BEGIN { exit !(c * 100 <= q * t) }' && break
    done
    echo "Warm-up: $turn turn(s) of $*, $WARMUP each; the JIT compiled for $compiled s of the last turn's" \
        "$turn_seconds s$(awk -v c="$compiled" -v t="$turn_seconds" -v q="$JIT_QUIET" 'BEGIN {
        if (c * 100 > q * t) printf ": NOT SETTLED (above %s%%); the runs below measure the compilers too", q }')"
}

# phase: a warm-up of each path (the JIT takes a while: shorter ones leave the first round far behind), then the
# rounds, alternating so that drift hits all alike; the means and their ratios to the baselines
rounds() {
    local phase=$1
    if [ "$phase" != open ]; then
        local code
        java src/bench/Tokens.java ehr "$work" "$url${target[hook]}" 1 check.txt
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $(cat "$work/check.txt")" --data-binary @"$work/hook.json" "$url${target[hook]}")
    else
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
            --data-binary @"$work/hook.json" "$url${target[hook]}")
    fi
    if [ "$code" != 200 ]; then
        echo "The CDS Hooks call was refused ($code):" >&2
        tail -5 "$work/service.log" >&2
        exit 1
    fi
    warm_up "$phase" api baseline decided recorded hook hookbase
    sum_rps=()
    # RSS sampled each second over the rounds: one reading at their end could fall anywhere in the heap's and the
    # C library's ups and downs
    (while sleep 1; do rss; done > "$work/rss-$phase.txt") &
    local sampler=$!
    for round in $(seq 1 "$ROUNDS"); do
        for name in api baseline decided recorded hook hookbase; do
            load "$phase" "$name" "$DURATION" "round $round"
        done
    done
    kill "$sampler"
    echo "RSS under load: $(sort -n "$work/rss-$phase.txt" | awk '{ v[NR] = $1 } END {
        printf "median %d MB, at most %d MB (%d readings, one a second over the rounds)", v[int((NR + 1) / 2)], v[NR], NR }'); $(hwm) MB the process's peak since its start"
    awk -v a="${sum_rps[api]}" -v b="${sum_rps[baseline]}" -v d="${sum_rps[decided]}" -v r="${sum_rps[recorded]}" \
        -v h="${sum_rps[hook]}" -v hb="${sum_rps[hookbase]}" -v n="$ROUNDS" -v phase="$phase" 'BEGIN {
        printf "Mean (%s): assessments %.0f req/s, %.2f x their baseline (%.0f req/s)\n", phase, a / n, a / b, b / n
        printf "      decided without a record %.0f req/s, %.2f x the baseline (what the rules leave)\n", d / n, d / b
        printf "      from memory with the record %.0f req/s, %.2f x the baseline (what the record leaves)\n", r / n, r / b
        printf "      CDS Hooks %.0f req/s, %.2f x its baseline (%.0f req/s), %.2f x the assessments baseline\n",
            h / n, h / hb, hb / n, h / b }'
    if [ "$phase" = open ]; then
        hook_rate=$(( sum_rps[hook] / ROUNDS ))
    fi
}

# the p99 in file $1, which holds one line of load's output
p99_of() { awk '{ for (i = 1; i < NF; i++) if ($i == "p99") print $(i + 1) }' "$1"; }

# p99 while the rules reload every 3 s (a comment added, so each is a new version: checked and swapped), against
# p99 without, in RELOAD_PAIRS pairs of runs, their order alternating (with, without; without, with; ...) so that
# drift and the collector's rhythm hit both alike: one pair is within the machine's spread (docs/performance.md)
reload_pairs() {
    # One reload first, unloaded, as a running service has had: it starts the check's own process (a cold JVM).
    local before _ pair run served
    before=$(grep -c 'Rule reload SERVED' "$work/service.log")
    printf '\n// benchmark reload, the first\n' >> "$work/rules/mats.drl"
    for _ in $(seq 120); do
        [ "$(grep -c 'Rule reload SERVED' "$work/service.log")" -gt "$before" ] && break
        sleep 0.5
    done
    : > "$work/reload-p99.txt"
    for pair in $(seq 1 "$RELOAD_PAIRS"); do
        for run in 1 2; do
            if [ $(( (pair + run) % 2 )) = 0 ]; then
                before=$(grep -c 'Rule reload SERVED' "$work/service.log")
                (while sleep 3; do printf '\n// benchmark reload %s\n' "$(date +%s%N)" >> "$work/rules/mats.drl"; done) &
                local editor=$!
                load open "$RELOAD_PATH" "$DURATION" "reloading" | tee "$work/window.txt"
                kill $editor
                sleep 5 # a reload under way finishes (a whole check: 4-12 s under load, 2-3 s once it stops)
                served=$(( $(grep -c 'Rule reload SERVED' "$work/service.log") - before ))
                echo "          reloads served during that run: $served"
                [ "$served" -gt 0 ] || echo "No reload was served under load: the reloading line above measured no reload"
                echo "with $pair $(p99_of "$work/window.txt")" >> "$work/reload-p99.txt"
            else
                load open "$RELOAD_PATH" "$DURATION" "no reload" | tee "$work/window.txt"
                echo "without $pair $(p99_of "$work/window.txt")" >> "$work/reload-p99.txt"
            fi
        done
    done
    awk '{ v[$1, $2] = $3; if ($1 == "with") w[++n] = $3; else o[++m] = $3 }
        function median(a, k,   i, j, t) {
            for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
        END {
            for (p = 1; p <= n; p++) { r[p] = v["with", p] / v["without", p]; line = line sprintf(" %.2f", r[p]) }
            printf "p99 while reloading, %d pairs: median %.1f ms against %.1f ms without, %.2f x; the ratio in each pair:%s; their median %.2f x\n",
                n, median(w, n), median(o, m), median(w, n) / median(o, m), line, median(r, n) }' "$work/reload-p99.txt"
}

echo "CDS Hooks body: $(wc -c < "$work/hook.json") bytes of prefetch from a Synthea record"
secured=(CDS_SECURITY_OPEN=false QUARKUS_OIDC_TENANT_ENABLED=true QUARKUS_OIDC_APPLICATION_TYPE=service
    QUARKUS_OIDC_PUBLIC_KEY="$(cat "$work/oidc-public-key.txt")" QUARKUS_OIDC_TOKEN_ISSUER=https://idp.bench.example
    QUARKUS_OIDC_TOKEN_AUDIENCE=acupressure-cds CDS_PUBLIC_URL="$url"
    JAVA_TOOL_OPTIONS="-Dcds.hooks.clients.bench.issuer=https://ehr.bench.example -Dcds.hooks.clients.bench.jwks=$work/ehr-jwks.json")
for phase in $PHASES; do
    case $phase in
    open)
        start_service open CDS_SECURITY_OPEN=true
        rounds open
        reload_pairs
        ;;
    auth)
        start_service auth "${secured[@]}"
        rounds auth
        ;;
    reloads)
        start_service reloads CDS_SECURITY_OPEN=true
        warm_up open "$RELOAD_PATH"
        reload_pairs
        ;;
    sustained)
        start_service sustained CDS_SECURITY_OPEN=true
        load open api "$SUSTAIN" sustained
        ;;
    postgresql)
        postgres=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
        mkdir -p "$work/pg"
        [ "$(id -u)" = 0 ] && chown postgres: "$work/pg"
        pg_port=$(free_port)
        runuser_pg "$postgres/initdb" -D "$work/pg/data" -U cds --auth=trust -E UTF8 >/dev/null
        runuser_pg "$postgres/pg_ctl" -D "$work/pg/data" -w -l "$work/pg/server.log" \
            -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
        echo
        echo "PostgreSQL $(basename "$(dirname "$postgres")") on port $pg_port, default settings (fsync, synchronous commit)"
        start_service postgresql "${secured[@]}" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
            QUARKUS_DATASOURCE_USERNAME=cds QUARKUS_DATASOURCE_PASSWORD=unused-trust-auth
        rounds postgresql
        ;;
    *)
        echo "Unknown phase '$phase': open, auth, postgresql, reloads or sustained" >&2
        exit 2
        ;;
    esac
    store_file=$(stat -c %s "$work/data/records.mv.db" 2>/dev/null || echo 0) # the embedded store, under load
    stop_service
    store_report "$phase"
done
