#!/usr/bin/env bash
# Benchmarks, side by side with the tools people use today (issue 6): ours and the peer's
# commands in the same invocation, on the same databases, several runs after a warm-up,
# medians, peak memory and the ratio ours/peer. Never part of the test suite.
#
#   bash bench/run.sh                    # the full sizes (10,000 tables, 5,000 revisions)
#   BENCH_TABLES=200 BENCH_REVISIONS=100 BENCH_RUNS=3 bash bench/run.sh   # a quick smoke run
#
# Writes bench/results/latest.md (the table) and the raw hyperfine JSON beside it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tables=${BENCH_TABLES:-10000}
revisions=${BENCH_REVISIONS:-5000}
runs=${BENCH_RUNS:-5}
seed=${BENCH_SEED:-42}
results="$root/bench/results"
mkdir -p "$results"

# The peers and the measuring tools, from Debian (the build installs the rest).
need=()
for tool in hyperfine apgdiff; do command -v "$tool" >/dev/null || need+=("$tool"); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/build.sh >/dev/null
mc="$root/build/app/migconsole"
py=/usr/bin/python3 # Debian's interpreter: the one python3-alembic belongs to

work=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-bench.XXXXXX")
chmod 755 "$work"
cleanup() { bash "$root/scripts/pg-test-cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true; }
trap cleanup EXIT
mkdir -p "$work/pg" && chmod 755 "$work/pg"
server=$(bash scripts/pg-test-cluster.sh start "$work/pg")
# Every peer reads the password from the environment, never from a command line.
export PGPASSWORD
PGPASSWORD=$("$py" -c 'import sys, urllib.parse as u; print(u.unquote(u.urlsplit(sys.argv[1]).password or ""))' "$server")
base_url=${server%/*}
pg_url_no_password() { "$py" -c 'import sys, urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(p._replace(netloc=f"{p.username}@{p.hostname}:{p.port}", path="/"+sys.argv[2]).geturl())' "$server" "$1"; }

psql_on() { psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url_no_password "$1")" "${@:2}"; }
psql_on postgres -c "CREATE DATABASE bench_app" -c "CREATE DATABASE bench_drift" -c "CREATE DATABASE bench_history"

echo "bench: generating and loading $tables tables (seed $seed)…"
"$py" bench/gen_pg_schema.py --tables "$tables" --seed "$seed" --out "$work/app.sql"
"$py" bench/gen_pg_schema.py --tables "$tables" --seed "$seed" --drift 1 --manifest "$work/drift.json" \
  --out "$work/drift.sql"
psql_on bench_app -f "$work/app.sql"
psql_on bench_drift -f "$work/drift.sql"
app=$(pg_url_no_password bench_app)
drift=$(pg_url_no_password bench_drift)

# The floor: the catalogue facts our introspector reads, fetched by the same queries through
# psql -At (core/db/sql/postgresql is the one place those queries live).
for q in namespaces columns constraints indexes enums views; do
  sed 's#/\*NAMESPACE_FILTER\*/#true#' "core/db/sql/postgresql/$q.sql"; echo ';'
done > "$work/floor.sql"

measure() { # NAME OUR_COMMAND PEER_COMMAND… — hyperfine for time, /usr/bin/time -v for memory
  local name=$1; shift
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$results/$name.json" "$@" >/dev/null
  local i=0
  for command in "$@"; do
    /usr/bin/time -v bash -c "$command" 2> "$results/$name.mem.$i" >/dev/null || true
    i=$((i + 1))
  done
}

echo "bench: introspection…"
measure introspection \
  "$mc schema --db '$app' --format json > /dev/null" \
  "pg_dump --schema-only -d '$app' > /dev/null" \
  "psql -X -At -d '$app' -f '$work/floor.sql' > /dev/null"

echo "bench: history and replay of $revisions revisions…"
middle=$("$py" bench/gen_alembic_project.py --revisions "$revisions" --seed "$seed" --out "$work/project" --middle)
export MIGCONSOLE_BENCH_URL="${server%/*}/bench_history"
MIGCONSOLE_BENCH_URL=${MIGCONSOLE_BENCH_URL/postgresql:/postgresql+psycopg2:}
(cd "$work/project" && "$py" -m alembic stamp "$middle" >/dev/null)
history=$(pg_url_no_password bench_history)
ours_current=$("$mc" history --db "$history" --migrations "$work/project" --format json |
  "$py" -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted(d["current"])), "|", " ".join(sorted(d["heads"])))')
theirs_current=$(cd "$work/project" && "$py" -m alembic current 2>/dev/null | awk '{print $1}' | sort | xargs)
theirs_heads=$(cd "$work/project" && "$py" -m alembic heads 2>/dev/null | awk '{print $1}' | sort | xargs)
echo "bench: current/heads — ours: $ours_current · alembic: $theirs_current | $theirs_heads"
measure history \
  "$mc history --db '$history' --migrations '$work/project' --format json > /dev/null" \
  "cd '$work/project' && $py -m alembic current > /dev/null 2>&1" \
  "cd '$work/project' && $py -m alembic heads > /dev/null 2>&1" \
  "cd '$work/project' && $py -m alembic history > /dev/null 2>&1"
measure replay \
  "$mc check --db '$history' --migrations '$work/project' --target head --format json > /dev/null || true" \
  "cd '$work/project' && $py -m alembic upgrade head --sql > /dev/null 2>&1"

echo "bench: reference diff of the two $tables-table databases…"
# The peer's whole path as one script: dump both, strip the \restrict / \unrestrict lines
# pg_dump 15.14+ writes (apgdiff cannot parse them), diff.
cat > "$work/dump-and-apgdiff.sh" <<PEER
set -e
pg_dump --schema-only -d '$app' | grep -v -E '^\\\\(un)?restrict' > '$work/a.sql'
pg_dump --schema-only -d '$drift' | grep -v -E '^\\\\(un)?restrict' > '$work/b.sql'
apgdiff '$work/b.sql' '$work/a.sql' > '$work/apgdiff.out'
PEER
measure diff \
  "$mc check --db '$drift' --reference '$app' --format json > '$work/ours-diff.json' || true" \
  "bash '$work/dump-and-apgdiff.sh'"
echo "bench: differences found — ours: $("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["drift"]))' "$work/ours-diff.json"), apgdiff: $(grep -c -E '^(ALTER|DROP|CREATE)' "$work/apgdiff.out" || true) statements, injected: $("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/drift.json")"

"$py" bench/summarize.py "$results" "$tables" "$revisions" | tee "$results/latest.md"
