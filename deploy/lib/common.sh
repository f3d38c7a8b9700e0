# Shared helpers for deploy/run.sh and deploy/test.sh. Sourced, not run.
# Everything here must work on a fresh Debian/Ubuntu machine with the .NET SDK and Node installed.

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

APT_UPDATED=0
apt_install() {
  [ "$#" -gt 0 ] || return 0
  command -v apt-get >/dev/null || die "apt-get not found; install these by hand: $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# The PostgreSQL server binaries (initdb, pg_ctl, postgres): the newest under /usr/lib/postgresql, else PATH.
pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo ""
}

ensure_postgres_binaries() {
  if [ -z "$(pg_bindir)" ]; then apt_install postgresql; fi
  [ -n "$(pg_bindir)" ] || die "PostgreSQL binaries not found after installing the postgresql package"
  command -v psql >/dev/null || apt_install postgresql-client
}

# initdb refuses to run as root: the cluster then belongs to the postgres user.
pg_user_run() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_cluster DATADIR PORT [EXTRA_SERVER_OPTIONS] [SUPERUSER_PASSWORD_FILE]: initdb once (reused afterwards),
# clears a stale lock, starts on 127.0.0.1:PORT. With a password file, every role signs in with a SCRAM password
# (a cluster made earlier without one is converted); without, 127.0.0.1 is trusted (the throw-away test cluster).
start_cluster() {
  local datadir="$1" port="$2" extra="${3:-}" pwfile="${4:-}" bindir
  bindir=$(pg_bindir)
  mkdir -p "$(dirname "$datadir")"
  datadir="$(cd "$(dirname "$datadir")" && pwd)/$(basename "$datadir")"
  if [ ! -f "$datadir/PG_VERSION" ]; then
    say "initdb $datadir"
    mkdir -p "$datadir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$datadir"
    chmod 700 "$datadir"
    if [ -n "$pwfile" ]; then
      local copy; copy=$(mktemp); cp "$pwfile" "$copy"; chmod 644 "$copy"
      pg_user_run "$bindir/initdb" -D "$datadir" -U postgres -A scram-sha-256 --pwfile="$copy" -E UTF8 --locale=C.UTF-8 >/dev/null \
        || { rm -f "$copy"; die "initdb failed for $datadir"; }
      rm -f "$copy"
    else
      pg_user_run "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || die "initdb failed for $datadir"
    fi
  fi
  if [ -f "$datadir/postmaster.pid" ]; then
    local pid
    pid=$(head -n 1 "$datadir/postmaster.pid")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      say "PostgreSQL already running from $datadir (pid $pid)"
      return 0
    fi
    say "removing stale lock $datadir/postmaster.pid (pid $pid is gone)"
    rm -f "$datadir/postmaster.pid"
  fi
  if port_in_use "$port"; then
    die "port $port on 127.0.0.1 is taken by another program; stop it or choose another port with ENROLLMENT_PG_PORT"
  fi
  say "starting PostgreSQL on 127.0.0.1:$port ($datadir)"
  pg_user_run "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir -c max_connections=200 -c shared_buffers=256MB $extra" start >/dev/null \
    || { tail -n 20 "$datadir/server.log" >&2; die "PostgreSQL did not start (log above)"; }
  if [ -n "$pwfile" ] && grep -Eq '^[^#]*[[:space:]]trust[[:space:]]*$' "$datadir/pg_hba.conf"; then
    say "switching $datadir from trust to SCRAM passwords"
    PGPASSWORD= psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c "SET password_encryption = 'scram-sha-256'; ALTER ROLE postgres PASSWORD '$(cat "$pwfile")'" >/dev/null \
      || die "could not set the superuser password on $datadir"
    pg_user_run sed -i -E 's/[[:space:]]trust[[:space:]]*$/ scram-sha-256/' "$datadir/pg_hba.conf"
    pg_user_run "$bindir/pg_ctl" -D "$datadir" reload >/dev/null
  fi
}

# new_secret FILE: a random password kept in FILE (mode 600), made once.
new_secret() {
  [ -s "$1" ] && return 0
  mkdir -p "$(dirname "$1")"
  (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$1")
}

stop_cluster() {
  local datadir="$1"
  [ -f "$datadir/postmaster.pid" ] || return 0
  say "stopping PostgreSQL ($datadir)"
  pg_user_run "$(pg_bindir)/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null 2>&1 || true
}

# psql_super PORT SQL: run SQL as the cluster superuser (PGPASSWORD when the cluster asks for one).
psql_super() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAc "$2"; }

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  apt_install nodejs npm
}
