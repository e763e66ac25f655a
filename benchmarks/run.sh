#!/usr/bin/env bash
# Builds the benchmarks module (with the core it measures) and runs one of its commands from the repository root.
#   benchmarks/run.sh              the multi-process benchmark of issue 6 (about 15 minutes on 2 cores)
#   benchmarks/run.sh scale        the 1,000,000-object run (long; needs ~10 GB of free disk)
#   benchmarks/run.sh jmh          the JMH microbenchmarks
#   benchmarks/run.sh run --reps 1 --objects 1000 ...   any options; see benchmarks/README.md
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar "$@"
