#!/usr/bin/env bash
# The whole payments-API measurement in one go (docs/performance.md, "Payments API under load"):
#   1. builds the CLI and the generator and publishes the app, all in Release;
#   2. starts the load cluster (.data/load-pg, port 55464, fsync on; see lib.sh for its settings);
#   3. when the database does not exist yet: creates it, migrates, and generates 滕州 (1.4 million residents, half of
#      them paid, so that enough are unpaid);
#   4. starts the app (Release, port 5090, the business date 2024-11-20) and makes an API key;
#   5. runs the generator (32 clients, 60 s) and its checks, then the two fault runs (faults.sh);
#   6. stops the app and the cluster (LOAD_KEEP=1 leaves them running).
# Reports are kept under .data/load-results/. Exit code 1 when a run's check failed.
# Smaller: LOAD_DB=medium LOAD_RESIDENTS=100000 LOAD_CLIENTS=8 LOAD_DURATION=10 bash tests/Enrollment.LoadGen/run.sh
# Other settings: LOAD_FRESH=1 (drop and generate the database again), LOAD_SKIP_BUILD=1, LOAD_SKIP_FAULTS=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
RESIDENTS="${LOAD_RESIDENTS:-1400000}"
CLIENTS="${LOAD_CLIENTS:-32}"
DURATION="${LOAD_DURATION:-60}"

command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
ensure_postgres_binaries
if [ "${LOAD_SKIP_BUILD:-0}" != 1 ]; then
  say "building (Release)"
  dotnet build src/Enrollment.Cli -c Release -nologo -v quiet -clp:ErrorsOnly || die "CLI build failed"
  dotnet build tests/Enrollment.LoadGen -c Release -nologo -v quiet -clp:ErrorsOnly || die "generator build failed"
  dotnet publish src/Enrollment.Web -c Release -o "$LOAD_APP_DIR" -nologo -v quiet -clp:ErrorsOnly || die "app publish failed"
fi

load_pg_start
[ "${LOAD_KEEP:-0}" = 1 ] || trap 'app_stop; stop_cluster "$LOAD_PG_DIR"' EXIT
[ -s "$HASH_KEY_FILE" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$HASH_KEY_FILE")
if [ "${LOAD_FRESH:-0}" = 1 ]; then
  app_stop
  psql_super "$LOAD_PG_PORT" "DROP DATABASE IF EXISTS \"$LOAD_DB\""
  rm -f "$KEY_FILE"
fi
if [ "$(psql_super "$LOAD_PG_PORT" "SELECT 1 FROM pg_database WHERE datname = '$LOAD_DB'")" != 1 ]; then
  say "creating $LOAD_DB and generating 滕州 with $RESIDENTS residents"
  psql_super "$LOAD_PG_PORT" "CREATE DATABASE \"$LOAD_DB\""
  $CLI migrate --connection "$OWNER_CONN"
  Enrollment__IdHashKey="$(cat "$HASH_KEY_FILE")" \
    $CLI generate --tenant tengzhou --residents "$RESIDENTS" --paid-fraction 0.5 --seed 1 --connection "$OWNER_CONN"
  rm -f "$KEY_FILE"
fi
psql -X -q -h 127.0.0.1 -p "$LOAD_PG_PORT" -U postgres -d "$LOAD_DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" 2>/dev/null || true

app_stop
app_start
ensure_key
status=0
run_loadgen main --clients "$CLIENTS" --duration "$DURATION" --app-pid "$(cat "$APP_PID_FILE")" || status=1
if [ "${LOAD_SKIP_FAULTS:-0}" != 1 ]; then
  bash "$LOADGEN_DIR/faults.sh" restart-db || status=1
  bash "$LOADGEN_DIR/faults.sh" kill-app || status=1
fi
exit "$status"
