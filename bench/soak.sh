#!/usr/bin/env bash
# Soak: the server under a council's mix of calls for a long while, watching for errors, a rising p99
# or growing memory. 50 streams (default) of AssessFamily over 20,000 demo families (85%), deferring
# suggestions (10%), flagged-cohort pages (3%) and partner ingests (2%); every answer checked.
# Prints one line per minute (calls, errors by status, p50, p99, the server's RSS) and a JSON summary.
# Usage: bash bench/soak.sh [minutes] [streams]   (writes nothing outside bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
streams=${2:-50}
source bench/lib/server.sh
out=bench/out/soak
start_server "$out" 5281 5280

families=$(curl -sf -H 'x-api-key: dev-admin' http://127.0.0.1:5280/v1/status | python3 -c 'import json,sys; print(json.load(sys.stdin)["families"])')
load --target http://127.0.0.1:5281 --key dev-admin \
  --streams "$streams" --seconds $((minutes * 60)) --report-seconds 60 --mix soak --families "$families" --server-pid "$server" | tee "$out/soak.txt"
echo "server log warnings and errors: $(grep -cE ' (WRN|ERR|FTL) ' "$out/server.log" || true)"
