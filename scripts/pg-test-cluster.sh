#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, loopback only, a free
# port, password authentication. PostgreSQL refuses to run as root, so as root the cluster
# runs as the unprivileged 'postgres' system user (created by the postgresql package).
#
#   pg-test-cluster.sh start DIR   → starts a cluster in DIR, prints its URL on stdout
#   pg-test-cluster.sh stop DIR    → stops it (fast shutdown) and removes DIR
#   pg-test-cluster.sh restart DIR [fast|immediate]
#                                  → restarts it on the same port (fault tests): 'fast'
#                                    ends every session first (FATAL 57P01), 'immediate'
#                                    kills the server like a crash; returns once it accepts
#                                    connections again
#
# PG_TEST_SSL_DIR=CERTS start DIR  → the same with TLS on: CERTS holds server.crt and
#   server.key (PEM). The server then also listens on 127.0.0.2, a loopback address a
#   certificate for localhost/127.0.0.1 does not name, so tests can check verify-full's
#   host-name check. Plain connections are still accepted (sslmode=disable works).
set -euo pipefail

action=${1:-}
dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|restart DIR" >&2; exit 2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg-test-cluster: no PostgreSQL server binaries (install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Stops the cluster in DIR with shutdown mode $2 and starts it again with the options it
# was started with (pg_ctl keeps them in postmaster.opts: same port, same socket folder).
restart_cluster() {
  local cluster=$1 mode=$2
  case "$mode" in fast|immediate) ;; *) echo "pg-test-cluster: restart mode must be fast or immediate" >&2; exit 2 ;; esac
  [ -d "$cluster/data" ] || { echo "pg-test-cluster: no cluster in $cluster" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -m "$mode" -w -t 60 restart >/dev/null \
    || { tail -n 20 "$cluster/server.log" >&2; exit 1; }
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
  listen=127.0.0.1
  if [ -n "${PG_TEST_SSL_DIR:-}" ]; then
    for f in server.crt server.key; do
      [ -r "$PG_TEST_SSL_DIR/$f" ] || { echo "pg-test-cluster: no $PG_TEST_SSL_DIR/$f" >&2; exit 1; }
      cp "$PG_TEST_SSL_DIR/$f" "$dir/data/$f"
    done
    # The server refuses a key that others can read, or that another user owns.
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/data/server.crt" "$dir/data/server.key"
    chmod 600 "$dir/data/server.key"
    # In the configuration files rather than on the command line, so a restart keeps TLS.
    # log_connections: the server log says of each session whether it used TLS, which a
    # test can check for a process (the CLI) that has already gone.
    printf "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\nlog_connections = on\n" \
      >> "$dir/data/postgresql.conf"
    echo "host all all 127.0.0.2/32 scram-sha-256" >> "$dir/data/pg_hba.conf"
    listen=127.0.0.1,127.0.0.2
  fi
  port=$(free_port)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=$listen -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
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
restart)
  restart_cluster "$dir" "${3:-fast}" ;;
*)
  echo "usage: $0 start|stop|restart DIR" >&2; exit 2 ;;
esac
