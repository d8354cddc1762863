# Sourced by the bench scripts: a Release server on a fresh demo store, and the load client, built.
# start_server OUT GRPC_PORT HTTP_PORT [families]: starts it (log in OUT/server.log), waits until it
# answers, sets $server to its pid and stops it when the script exits.
start_server() {
  local out=$1 grpc=$2 http=$3 families=${4:-20000}
  if curl -s -o /dev/null "http://127.0.0.1:$http/" || curl -s -o /dev/null "http://127.0.0.1:$grpc/"; then
    echo "port $http or $grpc is in use: another server (a bench run left behind?) is listening there" >&2
    exit 1
  fi
  mkdir -p "$out"
  rm -f "$out"/store.db*
  dotnet build -c Release src/RiskFlags.Server -v q >/dev/null
  dotnet build -c Release bench/RiskFlags.Load -v q >/dev/null
  ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__RiskFlags="Data Source=$out/store.db" \
  RiskFlags__DemoFamilies="$families" \
  Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc" \
  Kestrel__Endpoints__Http__Url="http://127.0.0.1:$http" \
  Serilog__MinimumLevel__Default=Warning \
    dotnet src/RiskFlags.Server/bin/Release/net10.0/RiskFlags.Server.dll > "$out/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    kill -0 "$server" 2>/dev/null || break
    if curl -sf -H 'x-api-key: dev-admin' "http://127.0.0.1:$http/v1/status" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "the server did not come up; its log ($out/server.log) ends:" >&2
  tail -20 "$out/server.log" >&2
  exit 1
}

# load ARGS...: the bench's own gRPC load client.
load() { dotnet bench/RiskFlags.Load/bin/Release/net10.0/RiskFlags.Load.dll "$@"; }
