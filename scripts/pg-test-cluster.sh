#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, loopback only, a free
# port, password authentication. PostgreSQL refuses to run as root, so as root the cluster
# runs as the unprivileged 'postgres' system user (created by the postgresql package).
#
#   pg-test-cluster.sh start DIR   → starts a cluster in DIR, prints its URL on stdout
#   pg-test-cluster.sh stop DIR    → stops it (fast shutdown) and removes DIR
set -euo pipefail

action=${1:-}
dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg-test-cluster: no PostgreSQL server binaries (install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" || {
      echo "pg-test-cluster: user postgres cannot reach $dir (is a parent folder mode 0700?)" >&2; exit 1; }
  fi
  # The password has URL-special characters on purpose: tests check it is never printed.
  password='t3st:p@ss/w0rd'
  printf '%s\n' "$password" > "$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pwfile"
  chmod 600 "$dir/pwfile"
  as_owner "$bindir/initdb" -D "$dir/data" -U migtest --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  port=$(free_port)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "$port" > "$dir/port"
  # Percent-encoded password in the URL: ':' '@' '/' would otherwise end the user part.
  echo "postgresql://migtest:t3st%3Ap%40ss%2Fw0rd@127.0.0.1:$port/postgres"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
