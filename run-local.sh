#!/usr/bin/env bash
# Starts the whole of Skylog locally: Kafka, the six services and (with --devnet) a Bluesky devnet.
# Usage: ./run-local.sh [--devnet] [--kafka-port=9092] [--health-timeout=90]
set -euo pipefail
cd "$(dirname "$0")"
source .ci/jdk.sh
if [[ " $* " == *" --devnet "* && ! -d devnet/node_modules ]]; then
  (cd devnet && mkdir -p tmp && TMPDIR="$PWD/tmp" npm ci --no-audit --no-fund)
fi
./mvnw -B -q -DskipTests package
exec java -jar devstack/target/devstack.jar "$@"
