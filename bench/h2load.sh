#!/usr/bin/env bash
# The service against the framework's floor, on one server in one run:
#  1. AssessFamily against the gRPC health check at 1 and 50 streams, with the bench's own load client
#     (bench/RiskFlags.Load): a random family per call from the whole store, every answer checked
#     (grpc-status and the family asked for).
#  2. The JSON route GET /v1/families/{id}/assessment against the page's static app.css, over HTTP/1.1
#     at 50 connections, with h2load (Debian nghttp2-client) cycling through thousands of family URIs.
# Usage: bash bench/h2load.sh [seconds per run] [families in the store] [families asked about]
# (writes nothing outside bench/out/). The first answer for a family records its suggestions, a write;
# the warm-up asks about every family many times over, so the rows measure the steady state.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
families=${2:-20000}
asked=${3:-5000}
source bench/lib/server.sh
out=bench/out/h2load
start_server "$out" 5181 5180 "$families"
grpc=http://127.0.0.1:5181
http=http://127.0.0.1:5180

run() { # mix streams seconds: one load-client run; its last line is the JSON summary
  load --target "$grpc" --key dev-mash-worker --mix "$1" --streams "$2" --seconds "$3" --report-seconds "$3" --families "$asked" --seed "$RANDOM" | tail -1
}

# Tiered compilation goes on recompiling hot methods for about 20 s under load: warm up for a fixed
# time, not a count, or the first rows would measure the JIT.
run assess 50 30 >/dev/null
run health 50 10 >/dev/null

# Three rounds, health and AssessFamily interleaved so drift on a shared machine hits both alike;
# each row reports the round with the median calls per second.
rm -f "$out/http.txt"
: > "$out/grpc.jsonl"
for _ in 1 2 3; do
  for streams in 1 50; do
    run health "$streams" "$seconds" >> "$out/grpc.jsonl"
    run assess "$streams" "$seconds" >> "$out/grpc.jsonl"
  done
done

# HTTP/1.1 (skipped with GRPC_ONLY=1): the same families in a seeded random order, then the static file on the same server.
if [ -z "${GRPC_ONLY:-}" ]; then
seq 1 "$asked" | shuf --random-source=<(yes 42) | awk -v h="$http" '{printf "%s/v1/families/F%06d/assessment\n", h, $1}' > "$out/uris.txt"
sample=$(head -1 "$out/uris.txt")
answer=$(curl -sf -H 'x-api-key: dev-mash-worker' "$sample")
case "$answer" in *"\"familyId\":\"$(basename "$(dirname "$sample")")\""*) ;; *) echo "the JSON route answered the wrong family: $answer" >&2; exit 1 ;; esac
h1() { # name requests args...: one h2load run over HTTP/1.1 at 50 connections
  local name=$1 requests=$2
  shift 2
  h2load --h1 -c 50 -n "$requests" -H 'x-api-key: dev-mash-worker' "$@" > "$out/$name.txt"
  local rps ok
  rps=$(sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p' "$out/$name.txt")
  ok=$(sed -nE 's/^status codes: ([0-9]+) 2xx.*/\1/p' "$out/$name.txt")
  echo "$name $rps $ok $requests"
}
h1 warm-json 20000 -i "$out/uris.txt" >/dev/null
h1 warm-css 20000 "$http/app.css" >/dev/null
: > "$out/http.txt"
for _ in 1 2 3; do
  h1 css 50000 "$http/app.css" >> "$out/http.txt"
  h1 json 50000 -i "$out/uris.txt" >> "$out/http.txt"
done
fi

python3 - "$out" "$families" "$asked" <<'PY'
import json, os, sys, statistics
out, families, asked = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = [json.loads(l) for l in open(f"{out}/grpc.jsonl")]
print(f"gRPC, {len(runs)//4} rounds, median round per row; {asked:,} of the store's {families:,} families asked about at random")
print()
print("| call | streams | calls/s | p50 ms | p99 ms | answered correctly | errors | AssessFamily / health |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for streams in (1, 50):
    floor = None
    for mix in ("Health", "Assess"):
        rows = sorted((r for r in runs if r["Mix"] == mix and r["Streams"] == streams), key=lambda r: r["CallsPerSecond"])
        r = rows[len(rows)//2]
        ratio = "" if mix == "Health" else f"{r['CallsPerSecond']/floor:.2f}"
        floor = r["CallsPerSecond"] if mix == "Health" else floor
        name = "health (the floor)" if mix == "Health" else "AssessFamily"
        print(f"| {name} | {streams} | {r['CallsPerSecond']:,.0f} | {r['P50Ms']:.2f} | {r['P99Ms']:.2f} | {r['Ok']:,} | {r['Errors']} | {ratio} |")
if not os.path.exists(f"{out}/http.txt"): sys.exit()
print()
http = [l.split() for l in open(f"{out}/http.txt")]
def median(name):
    rows = sorted((r for r in http if r[0] == name), key=lambda r: float(r[1]))
    return rows[len(rows)//2]
css, js = median("css"), median("json")
print("HTTP/1.1, 50 connections, h2load, median of 3 runs")
print()
print("| route | requests/s | 2xx of requests | JSON / app.css |")
print("|---|---:|---:|---:|")
print(f"| GET /app.css (the floor) | {float(css[1]):,.0f} | {int(css[2]):,} of {int(css[3]):,} | |")
print(f"| GET /v1/families/{{id}}/assessment ({asked:,} families) | {float(js[1]):,.0f} | {int(js[2]):,} of {int(js[3]):,} | {float(js[1])/float(css[1]):.2f} |")
PY
