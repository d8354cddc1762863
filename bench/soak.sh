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
out=bench/out/soak
mkdir -p "$out"
rm -f "$out"/store.db*

dotnet build -c Release src/RiskFlags.Server -v q >/dev/null
dotnet build -c Release bench/RiskFlags.Load -v q >/dev/null
ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__RiskFlags="Data Source=$out/store.db" \
Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:5281 \
Kestrel__Endpoints__Http__Url=http://127.0.0.1:5280 \
Serilog__MinimumLevel__Default=Warning \
  dotnet src/RiskFlags.Server/bin/Release/net10.0/RiskFlags.Server.dll > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 180); do
  kill -0 $server 2>/dev/null || break
  if curl -sf -H 'x-api-key: dev-admin' http://127.0.0.1:5280/v1/status >/dev/null 2>&1; then ready=1; break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "the server did not come up; its log ($out/server.log) ends:" >&2
  tail -20 "$out/server.log" >&2
  exit 1
fi

families=$(curl -sf -H 'x-api-key: dev-admin' http://127.0.0.1:5280/v1/status | python3 -c 'import json,sys; print(json.load(sys.stdin)["families"])')
dotnet bench/RiskFlags.Load/bin/Release/net10.0/RiskFlags.Load.dll --target http://127.0.0.1:5281 --key dev-admin \
  --streams "$streams" --seconds $((minutes * 60)) --report-seconds 60 --mix soak --families "$families" --server-pid "$server" | tee "$out/soak.txt"
echo "server log warnings and errors: $(grep -cE ' (WRN|ERR|FTL) ' "$out/server.log" || true)"
