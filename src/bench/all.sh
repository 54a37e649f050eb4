#!/usr/bin/env bash
# Every figure of docs/performance.md, one after the other (about 80 minutes on 2 cores): the in-process benchmarks
# (JMH: assessments, a CDS Hooks call's reading, the compile), the decision record's, the service over HTTP in its
# three phases, where a request's CPU goes by thread, then the packaged jar's start and the floor under it. Run it
# on an otherwise idle machine: the figures are only as quiet as the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -Pbench test
./mvnw -q -B -Pbench-records test-compile
src/bench/http.sh
src/bench/cpu-by-thread.sh
./mvnw -q -B package -DskipTests
CDS=1 THREADS=1 src/bench/startup.sh
CDS=1 FLOOR=1 src/bench/startup.sh
