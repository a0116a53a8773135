#!/usr/bin/env bash
# Runs a benchmark against the real services, broker and PostgreSQL; prints a Markdown table for README.md.
# Usage: bench/run.sh archive|stats [--posts=1000000] [--accounts=100] [--queries=N]
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
./mvnw -B -q -DskipTests package -pl bench,archive-service,stats-service -am
exec java -Xmx2g -jar bench/target/skylog-bench.jar "$@"
