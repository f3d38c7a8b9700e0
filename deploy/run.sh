#!/usr/bin/env bash
# The run command: installs what is missing, starts a private PostgreSQL under .data/pg (reused across runs)
# unless ENROLLMENT_DB gives a connection string, applies migrations, loads the demo data and serves the app
# on http://127.0.0.1:5000. Ctrl-C stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ROOT=$(repo_root)
cd "$ROOT"

APP_PORT="${ENROLLMENT_PORT:-5000}"
command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
ensure_node
if port_in_use "$APP_PORT"; then
  die "port $APP_PORT on 127.0.0.1 is taken (is the app already running?); stop that program or set ENROLLMENT_PORT"
fi

if [ -n "${ENROLLMENT_DB:-}" ]; then
  CONN="$ENROLLMENT_DB"
  say "using the database from ENROLLMENT_DB"
  APP_CONN="${ENROLLMENT_APP_DB:-}"
  [ -n "$APP_CONN" ] || die "with ENROLLMENT_DB, set ENROLLMENT_APP_DB to the enrollment_app role's connection string too"
else
  ensure_postgres_binaries
  PGDATA_DIR="$ROOT/.data/pg"
  PG_PORT="${ENROLLMENT_PG_PORT:-55433}"
  # Every role signs in with a password, kept under .data (mode 600), never typed.
  new_secret "$ROOT/.data/pg-superuser-password"
  new_secret "$ROOT/.data/pg-app-password"
  start_cluster "$PGDATA_DIR" "$PG_PORT" "" "$ROOT/.data/pg-superuser-password"
  trap 'stop_cluster "$PGDATA_DIR"' EXIT
  export PGPASSWORD="$(cat "$ROOT/.data/pg-superuser-password")"
  if [ "$(psql_super "$PG_PORT" "SELECT 1 FROM pg_database WHERE datname = 'enrollment'")" != "1" ]; then
    say "creating database enrollment"
    psql_super "$PG_PORT" "CREATE DATABASE enrollment"
  fi
  CONN="Host=127.0.0.1;Port=$PG_PORT;Database=enrollment;Username=postgres;Password=$PGPASSWORD"
  APP_CONN="Host=127.0.0.1;Port=$PG_PORT;Database=enrollment;Username=enrollment_app;Password=$(cat "$ROOT/.data/pg-app-password")"
fi
# The schema owner's connection is the CLI's (migrate, seed, accounts); the web process gets only the app role's.
export ConnectionStrings__Enrollment="$CONN"

KEY_FILE="$ROOT/.data/id-hash-key"
if [ ! -s "$KEY_FILE" ]; then
  mkdir -p "$ROOT/.data"
  (umask 077; head -c 32 /dev/urandom | base64 > "$KEY_FILE")
fi
export Enrollment__IdHashKey="$(cat "$KEY_FILE")"
export Enrollment__DataProtectionKeysPath="$ROOT/.data/keys"
# The demo stands inside the tengzhou-2025 collection window unless told otherwise.
export Enrollment__BusinessDate="${Enrollment__BusinessDate:-2024-11-20}"

# The CLI's settings for commands run by hand from the repository root while the app runs: the same database, key
# and business date (mode 600).
(umask 077; {
  printf 'ConnectionStrings__Enrollment=%s\n' "$CONN"
  printf 'Enrollment__IdHashKey=%s\n' "$Enrollment__IdHashKey"
  printf 'Enrollment__BusinessDate=%s\n' "$Enrollment__BusinessDate"
} > "$ROOT/.data/enrollment.env")

say "building"
dotnet build Enrollment.sln -c Debug -nologo -v quiet -clp:ErrorsOnly || die "build failed"
say "applying migrations"
dotnet run --no-build --project src/Enrollment.Cli -- migrate
if [ -z "${ENROLLMENT_DB:-}" ]; then
  # The migrations create the app role without a password; give it this cluster's.
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d enrollment \
    -c "SET password_encryption = 'scram-sha-256'; ALTER ROLE enrollment_app PASSWORD '$(cat "$ROOT/.data/pg-app-password")'" >/dev/null \
    || die "could not set the app role's password"
fi
say "loading the demo data (idempotent)"
dotnet run --no-build --project src/Enrollment.Cli -- seed --demo
say "demo accounts"
dotnet run --no-build --project src/Enrollment.Cli -- accounts demo

say "serving http://127.0.0.1:$APP_PORT (Ctrl-C stops the app and the database)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
env -u ConnectionStrings__Enrollment -u PGPASSWORD ConnectionStrings__EnrollmentApp="$APP_CONN" \
  dotnet run --no-build --no-launch-profile --project src/Enrollment.Web --urls "http://127.0.0.1:$APP_PORT"
