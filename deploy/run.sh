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
else
  ensure_postgres_binaries
  PGDATA_DIR="$ROOT/.data/pg"
  PG_PORT="${ENROLLMENT_PG_PORT:-55433}"
  start_cluster "$PGDATA_DIR" "$PG_PORT"
  trap 'stop_cluster "$PGDATA_DIR"' EXIT
  if [ "$(psql_super "$PG_PORT" "SELECT 1 FROM pg_database WHERE datname = 'enrollment'")" != "1" ]; then
    say "creating database enrollment"
    psql_super "$PG_PORT" "CREATE DATABASE enrollment"
  fi
  CONN="Host=127.0.0.1;Port=$PG_PORT;Database=enrollment;Username=postgres"
fi
export ConnectionStrings__Enrollment="$CONN"
# Requests run as enrollment_app (row-level security applies); by default its connection string is derived
# from the owner's. Give ENROLLMENT_APP_DB when the server needs a password for it.
[ -z "${ENROLLMENT_APP_DB:-}" ] || export ConnectionStrings__EnrollmentApp="$ENROLLMENT_APP_DB"

# The duplicate registry's HMAC key: generated once per machine, kept out of git, the same on every run.
KEY_FILE="$ROOT/.data/id-hash-key"
if [ ! -s "$KEY_FILE" ]; then
  mkdir -p "$ROOT/.data"
  (umask 077; head -c 32 /dev/urandom | base64 > "$KEY_FILE")
fi
export Enrollment__IdHashKey="$(cat "$KEY_FILE")"
export Enrollment__DataProtectionKeysPath="$ROOT/.data/keys"
# The demo stands inside the tengzhou-2025 collection window unless told otherwise.
export Enrollment__BusinessDate="${Enrollment__BusinessDate:-2024-11-20}"

say "building"
dotnet build Enrollment.sln -c Debug -nologo -v quiet -clp:ErrorsOnly || die "build failed"
say "applying migrations"
dotnet run --no-build --project src/Enrollment.Cli -- migrate
say "loading the demo data (idempotent)"
dotnet run --no-build --project src/Enrollment.Cli -- seed --demo
say "demo accounts"
dotnet run --no-build --project src/Enrollment.Cli -- accounts demo

say "serving http://127.0.0.1:$APP_PORT (Ctrl-C stops the app and the database)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --no-build --no-launch-profile --project src/Enrollment.Web --urls "http://127.0.0.1:$APP_PORT"
