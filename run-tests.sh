#!/usr/bin/env bash
# Runs every test of Skylog: unit, slice, service tests on a real Kafka broker and PostgreSQL, the devnet
# tests against the AT Protocol reference server, and the local stack. Needs PostgreSQL on 127.0.0.1:5432
# (or SKYLOG_TEST_POSTGRES_URL), Redis, Node 20+, Debian's chromium and prometheus packages (the web UI's browser
# test, the dashboards' check) and a JDK 21+ (found automatically under /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/jdk.sh
if [[ ! -d devnet/node_modules/@atproto/dev-env ]]; then
  (cd devnet && mkdir -p tmp && TMPDIR="$PWD/tmp" npm ci --no-audit --no-fund)
fi
if [[ ! -d devstack/browser/node_modules/playwright-core ]]; then
  (cd devstack/browser && npm ci --no-audit --no-fund)
fi
exec ./mvnw -B verify "$@"
