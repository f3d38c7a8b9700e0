#!/usr/bin/env bash
# The test command: installs what the tests need, starts a private PostgreSQL for them, builds once, runs every
# test project (unit, integration on the real database, end-to-end in Chromium) and ends with the line
# "N passed, N failed" summed over all projects. .ci/run calls exactly this.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ROOT=$(repo_root)
cd "$ROOT"

# 1. Machine prerequisites (a fresh Debian/Ubuntu with the .NET SDK and Node).
command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
ensure_node
ensure_postgres_binaries
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)  # not -q: with pipefail, an early exit fails the pipe
command -v fc-list >/dev/null || missing+=(fontconfig)
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

# 2. A private cluster for this run only, on a free port; removed afterwards.
PGDATA_DIR="$ROOT/.data/test-pg"
PORT="${ENROLLMENT_TEST_PG_PORT:-55432}"
while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
stop_cluster "$PGDATA_DIR"
rm -rf "$PGDATA_DIR"
start_cluster "$PGDATA_DIR" "$PORT" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
trap 'stop_cluster "$PGDATA_DIR"' EXIT
export ENROLLMENT_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Pooling=true;Maximum Pool Size=20"

# 3. Build once, then run each test project and read its TRX counters.
say "building"
dotnet build Enrollment.sln -c Debug -nologo -v quiet -clp:ErrorsOnly || die "build failed"

RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
passed=0
failed=0
skipped=0
status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q '<IsTestProject>true</IsTestProject>' "$proj" || continue
  say "testing $name"
  if ! dotnet test "$proj" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
       -- RunConfiguration.TreatNoTestsAsError=false; then
    status=1
  fi
  trx="$RESULTS/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    # Skipped tests are counted in total but not executed.
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
    skipped=$((skipped + ${t:-0} - ${x:-0}))
  else
    say "$name produced no results: counted as one failure"
    failed=$((failed + 1))
    status=1
  fi
done

[ "$failed" -eq 0 ] || status=1
# Skipped tests are the opt-in scale measurements (they need a generated county); said on their own line, so the
# closing line stays exactly "N passed, N failed", which CI reads.
echo "$skipped skipped"
echo "$passed passed, $failed failed"
exit "$status"
