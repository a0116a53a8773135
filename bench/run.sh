#!/usr/bin/env bash
# Runs a benchmark against the real services, broker and PostgreSQL; prints a Markdown table for README.md.
# Usage: bench/run.sh all|archive|stats|sync|startup [--posts=N] [--accounts=100] [--queries=N] [--likes=2000] [--runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
./mvnw -B -q -DskipTests package -pl bench,auth-service,sync-scheduler,fetcher-service,archive-service,stats-service,gateway -am
if [[ "${1:-}" == all ]]; then
  # One JVM each: every benchmark starts from an empty in-process broker, as when it runs alone.
  shift
  for benchmark in archive stats sync startup; do
    java -Xmx2g -jar bench/target/skylog-bench.jar "$benchmark" "$@"
  done
else
  exec java -Xmx2g -jar bench/target/skylog-bench.jar "$@"
fi
