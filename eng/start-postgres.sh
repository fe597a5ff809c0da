#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: a temp folder, 127.0.0.1 only, trust auth, no data kept.
#
#   eval "$(eng/start-postgres.sh)"        # starts it; exports SMARTSYNC_TEST_POSTGRES and SMARTSYNC_PG_DIR
#   dotnet test SmartSync.sln               # the PostgreSQL tests use it
#   eng/start-postgres.sh stop "$SMARTSYNC_PG_DIR"
#
# Needs the server binaries (Debian/Ubuntu: apt-get install -y postgresql). As root, the cluster runs as the
# 'postgres' user (PostgreSQL refuses to run as root). Port: $SMARTSYNC_PG_PORT or a free one from 55432.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v pg_ctl)")
fi
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-start}" = "stop" ]; then
  dir=${2:?usage: start-postgres.sh stop DIR}
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

port=${SMARTSYNC_PG_PORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

dir=$(mktemp -d /tmp/smartsync-pg.XXXXXX)
chmod 755 "$dir"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

echo "export SMARTSYNC_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
echo "export SMARTSYNC_PG_DIR='$dir'"
