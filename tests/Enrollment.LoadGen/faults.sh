#!/usr/bin/env bash
# Fault runs of the payments API under load, on the cluster and app that run.sh started (it starts what is missing):
#   faults.sh restart-db   pg_ctl restart -m fast of the load cluster 10 s into the run: the API answers 503 with
#                          Retry-After while the database is away and recovers by itself; the generator retries.
#   faults.sh kill-app     SIGKILL of the app 10 s into the run, started again at once: every 2xx is stored, and
#                          the retries of requests cut off are idempotent repeats.
# Settings as in run.sh (LOAD_DB, LOAD_CLIENTS), and FAULT_DURATION (30 s), FAULT_AT (10 s), FAULT_RESIDENTS. Exit code: the generator's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
FAULT_DURATION="${FAULT_DURATION:-30}"
FAULT_AT="${FAULT_AT:-10}"
CLIENTS="${LOAD_CLIENTS:-32}"
# Unpaid residents to prepare (each costs a dues call before the run): enough for ~500 payments a second.
RESIDENTS="${FAULT_RESIDENTS:-$((FAULT_DURATION * 500 + 2000))}"
SELF="$LOADGEN_DIR/faults.sh"

case "${1:-}" in
  restart-db|kill-app)
    load_pg_start
    app_start
    ensure_key
    run_loadgen "fault-$1" --clients "$CLIENTS" --duration "$FAULT_DURATION" --warmup 2 --residents "$RESIDENTS" \
      --fault-at "$FAULT_AT" --fault-command "bash '$SELF' do-$1"
    ;;
  # What the generator runs at the fault's second.
  do-restart-db)
    load_pg_restart
    ;;
  do-kill-app)
    app_kill
    app_start
    ;;
  *)
    echo "usage: $0 restart-db | kill-app" >&2
    exit 2
    ;;
esac
