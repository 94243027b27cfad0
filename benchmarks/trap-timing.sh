#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Can the answer's timing tell a bot that its filled honeypot was caught? (docs/performance.md)
# 200 honeypot and 200 real posts in turns against a fresh relay at rest; prints both medians, the
# AUC of a one-request timing classifier and the Mann-Whitney p-value.
#   benchmarks/trap-timing.sh [pairs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B -DskipTests -pl benchmarks -am package >&2
fi
exec java -cp "$root/benchmarks/target/benchmarks.jar" org.hotlinerelay.benchmarks.TrapTiming "${1:-200}"
