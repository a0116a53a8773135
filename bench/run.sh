#!/usr/bin/env bash
# Runs a benchmark against the real services, broker and PostgreSQL; prints a Markdown table for README.md.
# Usage: bench/run.sh all|archive|stats|sync|startup [--posts=N] [--accounts=100] [--queries=N] [--likes=2000] [--runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
./mvnw -B -q -DskipTests package -pl bench,auth-service,sync-scheduler,fetcher-service,archive-service,stats-service,gateway -am
exec java -Xmx2g -jar bench/target/skylog-bench.jar "$@"
