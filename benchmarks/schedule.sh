#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What the forwarding schedule shows a link observer and the hotline (docs/performance.md): a real
# relay forwarding to a measuring test intake, 1,000 reports in three patterns (steady, bursts, one
# alone). Prints requests per interval, batch sizes and body lengths per pattern, the KS p-value of
# arrival offsets within window k+1, the send/arrival offset correlation and the latency.
#   benchmarks/schedule.sh              # 10 s windows, a batch every 100 ms (about 4 minutes)
#   benchmarks/schedule.sh 10 1000      # 10 s windows, a batch every second
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B -DskipTests -pl benchmarks -am package >&2
fi
exec java -cp "$root/benchmarks/target/benchmarks.jar" org.hotlinerelay.benchmarks.ScheduleMeasurement "${1:-10}" "${2:-100}"
