# Shared by run.sh and faults.sh (sourced): the load cluster, the published app and the generator's settings.
# Every setting can be overridden from the environment.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/deploy/lib/common.sh"
ROOT=$(repo_root)
LOADGEN_DIR="$ROOT/tests/Enrollment.LoadGen"

LOAD_PG_DIR="${LOAD_PG_DIR:-$ROOT/.data/load-pg}"
LOAD_PG_PORT="${LOAD_PG_PORT:-55464}"
# A county server's settings: fsync and synchronous commit on (the defaults), 512 MB of shared buffers, room for the
# app's pool and the generator's checks, checkpoints spaced for a bulk load, pg_stat_statements to see where time goes.
LOAD_PG_OPTIONS="${LOAD_PG_OPTIONS:--c shared_buffers=512MB -c max_connections=200 -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements}"
LOAD_DB="${LOAD_DB:-enrollment}"
LOAD_APP_PORT="${LOAD_APP_PORT:-5090}"
LOAD_APP_DIR="${LOAD_APP_DIR:-$ROOT/.data/load-app}"
LOAD_BUSINESS_DATE="${LOAD_BUSINESS_DATE:-2024-11-20}"
LOAD_RESULTS="${LOAD_RESULTS:-$ROOT/.data/load-results}"
APP_PID_FILE="$ROOT/.data/load-app.pid"
KEY_FILE="$ROOT/.data/load-key-$LOAD_DB"
HASH_KEY_FILE="$ROOT/.data/load-id-hash-key"

OWNER_CONN="Host=127.0.0.1;Port=$LOAD_PG_PORT;Username=postgres;Database=$LOAD_DB"
APP_CONN="Host=127.0.0.1;Port=$LOAD_PG_PORT;Username=enrollment_app;Database=$LOAD_DB"
CLI="dotnet $ROOT/src/Enrollment.Cli/bin/Release/net10.0/enrollment.dll"
LOADGEN="dotnet $LOADGEN_DIR/bin/Release/net10.0/loadgen.dll"

load_pg_start() { start_cluster "$LOAD_PG_DIR" "$LOAD_PG_PORT" "$LOAD_PG_OPTIONS"; }

# Stop (fast: sessions are cut) and start again with the options of the last start (postmaster.opts).
load_pg_restart() { pg_user_run "$(pg_bindir)/pg_ctl" -D "$LOAD_PG_DIR" -l "$LOAD_PG_DIR/server.log" -m fast -w restart >/dev/null; }

app_running() { [ -f "$APP_PID_FILE" ] && kill -0 "$(cat "$APP_PID_FILE")" 2>/dev/null; }

# The published Release app in the background (its own session, so it outlives a fault script), answering on
# 127.0.0.1:LOAD_APP_PORT before this returns.
app_start() {
  app_running && return 0
  [ -f "$LOAD_APP_DIR/Enrollment.Web.dll" ] || die "no published app in $LOAD_APP_DIR (run.sh publishes it)"
  # Only the app goes to the background (so $! is its pid), with no descriptor of the caller's: a generator's pipe
  # held open by it would never end.
  (cd "$LOAD_APP_DIR" || exit 1
   ConnectionStrings__EnrollmentApp="$APP_CONN" Enrollment__IdHashKey="$(cat "$HASH_KEY_FILE")" \
     Enrollment__BusinessDate="$LOAD_BUSINESS_DATE" Enrollment__DataProtectionKeysPath="$ROOT/.data/load-keys" \
     ASPNETCORE_ENVIRONMENT=Production setsid nohup dotnet Enrollment.Web.dll --urls "http://127.0.0.1:$LOAD_APP_PORT" \
     </dev/null >>"$ROOT/.data/load-app.log" 2>&1 &
   echo $! >"$APP_PID_FILE")
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$LOAD_APP_PORT/healthz" && return 0
    sleep 0.5
  done
  die "the app did not answer on port $LOAD_APP_PORT within 60 s (see .data/load-app.log)"
}

app_stop() {
  app_running || return 0
  kill "$(cat "$APP_PID_FILE")"
  for _ in $(seq 1 40); do app_running || break; sleep 0.25; done
  rm -f "$APP_PID_FILE"
}

app_kill() { app_running && kill -9 "$(cat "$APP_PID_FILE")"; rm -f "$APP_PID_FILE"; }

# A key with both scopes (progress:read lets the generator compare the progress API with its recount), made once per database.
ensure_key() {
  [ -s "$KEY_FILE" ] && return 0
  (umask 077; $CLI api-key create --tenant tengzhou --name 压力测试 --scopes payments:write,progress:read --connection "$OWNER_CONN" \
    | tail -n 1 >"$KEY_FILE")
}

# run_loadgen NAME ARGS…: the generator with the key and the database from the environment, its report kept under
# .data/load-results/ (and shown).
run_loadgen() {
  local name="$1"; shift
  mkdir -p "$LOAD_RESULTS"
  local out
  out="$LOAD_RESULTS/$(date -u +%Y%m%dT%H%M%SZ)-$name.txt"
  say "load generator ($name): $* — report in $out"
  ENROLLMENT_LOADGEN_KEY="$(cat "$KEY_FILE")" ENROLLMENT_LOADGEN_DB="$OWNER_CONN" \
    $LOADGEN --base "http://127.0.0.1:$LOAD_APP_PORT" --paid-on "$LOAD_BUSINESS_DATE" "$@" 2>&1 | tee "$out"
  return "${PIPESTATUS[0]}"
}
