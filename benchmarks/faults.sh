#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Faults under load: the real relay and intake (the CLI jar, loopback only) take reports from a
# load generator while this script kills them with SIGKILL at random moments and fills the disk
# under each side's store. Every report the relay acknowledged (303) carries a unique marker;
# at the end the inbox is decrypted and the markers counted: acknowledged vs delivered vs
# duplicated. It passes (exit 0) only when every acknowledged report was delivered exactly once.
#
#   benchmarks/faults.sh                           # 90 s of load, a fault every 6-15 s
#   DURATION=30 WORKERS=2 benchmarks/faults.sh     # shorter
#   DELIVERY_TIMEOUT=900 benchmarks/faults.sh      # wait longer for the forwarder after the load
#   SEED=7 benchmarks/faults.sh                    # the same sequence of faults again
#   RELEASE_WINDOW=1m benchmarks/faults.sh         # the relay's release window (default 5s; interval 1s)
#
# Full disks need a tmpfs under each store (DISK_MB each, large enough for every report of the
# run: an envelope takes about 35 KB in the inbox), so root; otherwise that fault is skipped with a
# message. The script waits for delivery (inbox count = acknowledged) up to DELIVERY_TIMEOUT
# seconds, polling, not for a fixed time: the forwarder may hold reports back to a later window.
# Exit codes: 0 all delivered once, 1 a report lost or duplicated, 2 the script could not run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
DURATION="${DURATION:-90}"
WORKERS="${WORKERS:-4}"
DELIVERY_TIMEOUT="${DELIVERY_TIMEOUT:-600}"
SEED="${SEED:-$$}"
DISK_MB="${DISK_MB:-512}"
# The forwarding schedule: short, so that a run is not an hour's wait for the release window; the
# schedule's own properties are tested elsewhere (ForwarderTest, benchmarks/schedule.sh).
FORWARD_INTERVAL="${FORWARD_INTERVAL:-1s}" RELEASE_WINDOW="${RELEASE_WINDOW:-5s}"
RELAY_PORT="${RELAY_PORT:-18180}" ADMIN_PORT="${ADMIN_PORT:-18190}"
INTAKE_PORT="${INTAKE_PORT:-18181}" INTAKE_ADMIN_PORT="${INTAKE_ADMIN_PORT:-18191}"
RANDOM="$SEED"

command -v curl >/dev/null || { echo "Error: curl is not installed (apt-get install curl)" >&2; exit 2; }
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./hotline-relay -V >/dev/null
fi
jar="$root/cli/target/hotline-relay.jar"
JAVA_OPTS=(-Xmx128m -XX:+UseSerialGC)
cli() { java "${JAVA_OPTS[@]}" -jar "$jar" "$@"; }

work="$(mktemp -d)"
relay_pid="" intake_pid="" mounts=()
stop_all() { # $1 the script's exit status: the work folder is kept when it failed, or with KEEP=1
  touch "$work/stop"
  for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
  [ -n "$relay_pid" ] && kill -9 "$relay_pid" 2>/dev/null || true
  [ -n "$intake_pid" ] && kill -9 "$intake_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ] || [ "$1" != 0 ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}
trap 'stop_all $?' EXIT
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
wait_port() { for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "Error: port $1 never opened" >&2; exit 2; }

# Stores on their own small file systems, when we may mount them.
mkdir -p "$work/spool" "$work/inbox"
disk_faults=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o "size=${DISK_MB}m" tmpfs "$work/spool" 2>/dev/null; then
  mounts+=("$work/spool")
  mount -t tmpfs -o "size=${DISK_MB}m" tmpfs "$work/inbox"
  mounts+=("$work/inbox")
  disk_faults=1
else
  log "full-disk faults SKIPPED: they need root to mount a small tmpfs under each store"
fi

# Keys: the hotline's keyset (passphrase file), the relay's signing key, known to the intake.
printf 'faults-passphrase-%s\n' "$SEED" >"$work/passphrase"
chmod 600 "$work/passphrase"
cli keys generate --dir "$work/hotline-keys" --passphrase-file "$work/passphrase" >"$work/keys.out"
fingerprint="$(cli keys fingerprint --dir "$work/hotline-keys" | tail -1 | awk '{print $NF}')"
cli keys relay-signing --relay-id faults --dir "$work/relay-keys" >/dev/null
mkdir -p "$work/known-relays"
cp "$work/relay-keys/relay-faults.public.json" "$work/known-relays/"
private_key="$(ls "$work/hotline-keys"/*private* | head -1)"

# java itself is started in the background (not a shell function), so that $! is its pid and
# kill -9 hits the server, not a subshell.
start_intake() {
  java "${JAVA_OPTS[@]}" -jar "$jar" intake --listen "127.0.0.1:$INTAKE_PORT" --admin "127.0.0.1:$INTAKE_ADMIN_PORT" \
    --inbox "$work/inbox/envelopes" --known-relays "$work/known-relays" >>"$work/intake.log" 2>&1 &
  intake_pid=$!
  wait_port "$INTAKE_PORT"
}
start_relay() {
  java "${JAVA_OPTS[@]}" -jar "$jar" relay --listen "127.0.0.1:$RELAY_PORT" --admin "127.0.0.1:$ADMIN_PORT" \
    --hotline-url "http://127.0.0.1:$INTAKE_PORT" \
    --hotline-keyset "$work/hotline-keys/hotline-public.json" --hotline-fingerprint "$fingerprint" \
    --signing-key "$work/relay-keys/relay-signing.json" --relay-id faults \
    --spool "$work/spool/spool" --forward-interval "$FORWARD_INTERVAL" --release-window "$RELEASE_WINDOW" \
    >>"$work/relay.log" 2>&1 &
  relay_pid=$!
  wait_port "$RELAY_PORT"
}
start_intake
start_relay

# Load: each worker posts reports with a unique marker and records the marker of each 303.
worker() { # $1 worker number
  local i=0 marker code
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    marker="m-$1-$i"
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 \
      --data "portal=default&lang=en&url=https%3A%2F%2Fexample.com%2F$marker&kind=images&details=$marker" \
      "http://127.0.0.1:$RELAY_PORT/report" 2>/dev/null || true)"
    case "$code" in
      303) echo "$marker" >>"$work/acked-$1" ;;
      503|000) sleep 0.2 ;;  # refused or relay down: not acknowledged, nothing promised
      *) echo "$code" >>"$work/unexpected-$1" ;;
    esac
  done
}
workers=()
for w in $(seq 1 "$WORKERS"); do worker "$w" & workers+=($!); done

fill() { # $1 mount: fill it to the last byte for a few seconds, then free it
  dd if=/dev/zero of="$1/filler" bs=1M status=none 2>/dev/null || true
  sleep "$((3 + RANDOM % 5))"
  rm -f "$1/filler"
}

faults=()
# A server that exits by itself (not killed here) is restarted and counted: it is a finding.
check_alive() {
  if ! kill -0 "$relay_pid" 2>/dev/null; then log "relay EXITED BY ITSELF"; faults+=("relay-exited-by-itself"); start_relay; fi
  if ! kill -0 "$intake_pid" 2>/dev/null; then log "intake EXITED BY ITSELF"; faults+=("intake-exited-by-itself"); start_intake; fi
}
end=$((SECONDS + DURATION))
while [ "$SECONDS" -lt "$end" ]; do
  sleep "$((6 + RANDOM % 10))"
  check_alive
  [ "$SECONDS" -ge "$end" ] && break
  choice=$((RANDOM % (disk_faults ? 5 : 3)))
  case "$choice" in
    0) log "kill -9 relay"; kill -9 "$relay_pid" 2>/dev/null || true; wait "$relay_pid" 2>/dev/null || true; start_relay; faults+=("kill-relay") ;;
    1) log "kill -9 intake"; kill -9 "$intake_pid" 2>/dev/null || true; wait "$intake_pid" 2>/dev/null || true; start_intake; faults+=("kill-intake") ;;
    2) log "kill -9 relay and intake"; kill -9 "$relay_pid" "$intake_pid" 2>/dev/null || true
       wait "$relay_pid" "$intake_pid" 2>/dev/null || true; start_intake; start_relay; faults+=("kill-both") ;;
    3) log "relay disk full"; fill "$work/spool"; faults+=("full-spool") ;;
    4) log "intake disk full"; fill "$work/inbox"; faults+=("full-inbox") ;;
  esac
done
check_alive
touch "$work/stop"
for p in "${workers[@]}"; do wait "$p" 2>/dev/null || true; done
cat "$work"/acked-* 2>/dev/null | sort >"$work/acked" || true
acked=$(wc -l <"$work/acked")
log "load stopped: $acked acknowledged; waiting up to ${DELIVERY_TIMEOUT}s for delivery"

inbox_count() { ls "$work/inbox/envelopes" 2>/dev/null | grep -cE '^[0-9a-f]{32}$' || true; }
deadline=$((SECONDS + DELIVERY_TIMEOUT))
while [ "$(inbox_count)" -lt "$acked" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 2; done
waited=$((DELIVERY_TIMEOUT - (deadline - SECONDS)))
sleep 2  # anything still in flight lands, so that a duplicate is seen too

cli inbox export --inbox "$work/inbox/envelopes" --key "$private_key" --passphrase-file "$work/passphrase" \
  --format jsonl --out "$work/export.jsonl" >"$work/export.out" 2>&1 || { cat "$work/export.out" >&2; exit 2; }
grep -o '"details":"m-[0-9]*-[0-9]*"' "$work/export.jsonl" | cut -d'"' -f4 | sort >"$work/delivered-all" || true
sort -u "$work/delivered-all" >"$work/delivered"
delivered=$(wc -l <"$work/delivered")
duplicated=$(( $(wc -l <"$work/delivered-all") - delivered ))
lost=$(comm -23 "$work/acked" "$work/delivered" | wc -l)
unacked_delivered=$(comm -13 "$work/acked" "$work/delivered" | wc -l)
unexpected=$(cat "$work"/unexpected-* 2>/dev/null | sort | uniq -c | tr '\n' ' ' || true)
kills=$(printf '%s\n' "${faults[@]}" | sort | uniq -c | tr '\n' ' ')

echo "seed=$SEED duration=${DURATION}s workers=$WORKERS faults: ${kills:-none}"
echo "acknowledged=$acked delivered=$delivered duplicated=$duplicated lost=$lost" \
  "delivered-but-not-acknowledged=$unacked_delivered delivery-wait=${waited}s"
[ -n "$unexpected" ] && echo "unexpected answers (count status): $unexpected"
if [ "$lost" -ne 0 ] || [ "$duplicated" -ne 0 ] || [ "$acked" -eq 0 ]; then
  KEEP=1
  exit 1
fi
