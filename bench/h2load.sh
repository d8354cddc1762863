#!/usr/bin/env bash
# gRPC throughput and latency of AssessFamily beside the health check (the framework's floor), measured
# in the same run with h2load (Debian nghttp2-client) at 1 and 50 concurrent streams.
# Usage: bash bench/h2load.sh [requests]   (needs h2load; writes nothing outside bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-20000}
out=bench/out/h2load
mkdir -p "$out"
rm -f "$out"/store.db*

dotnet build -c Release src/RiskFlags.Server -v q >/dev/null
ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__RiskFlags="Data Source=$out/store.db" \
Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:5181 \
Kestrel__Endpoints__Http__Url=http://127.0.0.1:5180 \
Serilog__MinimumLevel__Default=Warning \
  dotnet src/RiskFlags.Server/bin/Release/net10.0/RiskFlags.Server.dll > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 120); do
  kill -0 $server 2>/dev/null || break
  if curl -sf -H 'x-api-key: dev-admin' http://127.0.0.1:5180/v1/status >/dev/null 2>&1; then ready=1; break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "the server did not come up; its log ($out/server.log) ends:" >&2
  tail -20 "$out/server.log" >&2
  exit 1
fi

# A gRPC message on the wire: a compression flag (0), the length (4 bytes, big-endian), the protobuf bytes.
frame() { local hex=$1; printf '%02x%08x%s' 0 $(( ${#hex} / 2 )) "$hex" | xxd -r -p; }
frame "" > "$out/health.bin"
family=F000123
frame "0a$(printf '%02x' ${#family})$(printf '%s' "$family" | xxd -p)" > "$out/assess.bin"

run() { # name path payload connections streams
  local log="$out/$1-$4x$5.log"
  h2load -n "$requests" -c "$4" -m "$5" --log-file="$log" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H 'x-api-key: dev-mash-worker' \
    -d "$3" "http://127.0.0.1:5181$2" > "$out/$1-$4x$5.txt"
  local rps ok
  rps=$(grep -E '^finished in' "$out/$1-$4x$5.txt" | sed -E 's/.* ([0-9.]+) req\/s.*/\1/')
  ok=$(grep -E '^status codes:' "$out/$1-$4x$5.txt" | sed -E 's/status codes: ([0-9]+) 2xx.*/\1/')
  # The log's third column is each request's time in microseconds.
  read -r p50 p99 < <(cut -f3 "$log" | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
  echo "$1 $(( $4 * $5 )) $rps $p50 $p99 $ok"
}

# Warm both paths (JIT, connection pools, the family's suggestions) before measuring. The runtime
# goes on recompiling hot methods (tiered compilation) for about 20 seconds under load, so the
# warm-up runs for a fixed time rather than a count, or the first rows would measure the JIT.
warm() { h2load -D "$1" -c 10 -m 5 -H 'content-type: application/grpc' -H 'te: trailers' -H 'x-api-key: dev-mash-worker' -d "$2" "http://127.0.0.1:5181$3" >/dev/null; }
warm 30 "$out/assess.bin" /riskflags.v1.Assessments/AssessFamily
warm 10 "$out/health.bin" /grpc.health.v1.Health/Check

# Three rounds, health and AssessFamily interleaved so drift on a shared machine hits both alike;
# each row reports the round with the median requests/s.
rounds=3
: > "$out/runs.txt"
for round in $(seq 1 $rounds); do
  for streams in "1 1" "10 5"; do
    set -- $streams
    run health /grpc.health.v1.Health/Check "$out/health.bin" "$1" "$2" >> "$out/runs.txt"
    run assess /riskflags.v1.Assessments/AssessFamily "$out/assess.bin" "$1" "$2" >> "$out/runs.txt"
  done
done

grpc_status=$(curl -s --http2-prior-knowledge -o /dev/null -w '%{http_code}' -H 'content-type: application/grpc' -H 'te: trailers' -H 'x-api-key: dev-mash-worker' --data-binary @"$out/assess.bin" http://127.0.0.1:5181/riskflags.v1.Assessments/AssessFamily)
echo "# h2load, $requests requests a run, median of $rounds rounds, $(date -u +%F), $(nproc) cores; AssessFamily answers HTTP $grpc_status"
echo
echo "| call | concurrent streams | requests/s (median) | p50 ms | p99 ms | 2xx | AssessFamily / health |"
echo "|---|---:|---:|---:|---:|---:|---:|"
declare -A floor
for streams in 1 50; do
  for name in health assess; do
    set -- $(awk -v n="$name" -v s="$streams" '$1 == n && $2 == s' "$out/runs.txt" | sort -k3,3 -g | sed -n "$(( (rounds + 1) / 2 ))p")
    if [ "$1" = health ]; then floor[$2]=$3; ratio=""; else ratio=$(awk -v a="$3" -v b="${floor[$2]}" 'BEGIN {printf "%.2f", a/b}'); fi
    echo "| $1 | $2 | $3 | $4 | $5 | $6 | $ratio |"
  done
done
