#!/usr/bin/env bash
# Benchmarks, side by side with the tools people use today (issue 6): ours and the peer's
# commands in the same invocation, on the same databases, several runs after a warm-up,
# medians, peak memory and the ratio ours/peer. Never part of the test suite.
#
#   bash bench/run.sh                        # both sizes: 1,000/500 then 10,000/5,000
#   BENCH_SIZES="200:100" BENCH_RUNS=2 bash bench/run.sh   # a quick smoke run
#
# BENCH_SIZES lists TABLES:REVISIONS pairs. Writes bench/results/<tables>x<revisions>/
# (raw hyperfine JSON, /usr/bin/time -v output, the GUI figures) and bench/results/latest.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sizes=${BENCH_SIZES:-"1000:500 10000:5000"}
runs=${BENCH_RUNS:-5}
seed=${BENCH_SEED:-42}
mkdir -p "$root/bench/results"

# The peers and the measuring tools, from Debian (the build installs the rest).
need=()
for tool in hyperfine apgdiff xvfb-run; do command -v "$tool" >/dev/null || need+=("$tool"); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  pkgs=("${need[@]/xvfb-run/xvfb}")
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null
fi
bash scripts/build.sh >/dev/null
mc="$root/build/app/migconsole"
gui_bench="$root/build/bench/gui/migconsole_gui_bench"
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
pg_url_no_password() { "$py" -c 'import sys, urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(p._replace(netloc=f"{p.username}@{p.hostname}:{p.port}", path="/"+sys.argv[2]).geturl())' "$server" "$1"; }
psql_on() { psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url_no_password "$1")" "${@:2}"; }

measure() { # NAME OUR_COMMAND PEER_COMMAND… — hyperfine for time, /usr/bin/time -v for memory
  local name=$1; shift
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$results/$name.json" "$@" >/dev/null
  local i=0
  for command in "$@"; do
    /usr/bin/time -v bash -c "$command" 2> "$results/$name.mem.$i" >/dev/null || true
    i=$((i + 1))
  done
}

run_size() { # TABLES REVISIONS
local tables=$1 revisions=$2
results="$root/bench/results/${tables}x${revisions}"
rm -rf "$results" && mkdir -p "$results"
local app_db="bench_app_$tables" drift_db="bench_drift_$tables" history_db="bench_history_$revisions"
psql_on postgres -c "CREATE DATABASE $app_db" -c "CREATE DATABASE $drift_db" -c "CREATE DATABASE $history_db"
echo "bench: generating and loading $tables tables (seed $seed)…"
"$py" bench/gen_pg_schema.py --tables "$tables" --seed "$seed" --out "$work/app.sql"
"$py" bench/gen_pg_schema.py --tables "$tables" --seed "$seed" --drift 1 --manifest "$work/drift.json" \
  --out "$work/drift.sql"
psql_on "$app_db" -f "$work/app.sql"
psql_on "$drift_db" -f "$work/drift.sql"
local app drift history middle
app=$(pg_url_no_password "$app_db")
drift=$(pg_url_no_password "$drift_db")

# The floor: the same catalogue facts fetched the conventional way (server-side deparsers,
# a JSON aggregate per key list) by plain queries through psql -At, frozen in bench/floor.sql.
echo "bench: introspection…"
measure introspection \
  "$mc schema --db '$app' --format json > /dev/null" \
  "pg_dump --schema-only -d '$app' > /dev/null" \
  "psql -X -At -d '$app' -f '$root/bench/floor.sql' > /dev/null"

echo "bench: history and replay of $revisions revisions…"
rm -rf "$work/project"
middle=$("$py" bench/gen_alembic_project.py --revisions "$revisions" --seed "$seed" --out "$work/project" --middle)
export MIGCONSOLE_BENCH_URL="${server%/*}/$history_db"
MIGCONSOLE_BENCH_URL=${MIGCONSOLE_BENCH_URL/postgresql:/postgresql+psycopg2:}
(cd "$work/project" && "$py" -m alembic stamp "$middle" >/dev/null)
history=$(pg_url_no_password "$history_db")
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
# Scripts alone, as `alembic heads` reads them (no database).
measure history-scripts \
  "$mc history --migrations '$work/project' --format json > /dev/null" \
  "cd '$work/project' && $py -m alembic heads > /dev/null 2>&1"
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
"$py" bench/compare_diff.py "$work/drift.json" "$work/ours-diff.json" "$work/apgdiff.out" | tee "$results/diff-items.txt"

echo "bench: the console on the $tables-table database (xvfb, $runs runs)…"
for i in $(seq "$runs"); do
  xvfb-run -a -s "-screen 0 1400x850x24" "$gui_bench" "$app" 2>/dev/null | tail -n 1 > "$results/gui.$i.json"
done
echo "bench: current/heads — ours: $ours_current · alembic: $theirs_current | $theirs_heads" > "$results/agreement.txt"

"$py" bench/summarize.py "$results" "$tables" "$revisions" > "$results/table.md"
cat "$results/table.md"
psql_on postgres -c "DROP DATABASE $app_db" -c "DROP DATABASE $drift_db" -c "DROP DATABASE $history_db"
}

: > "$root/bench/results/latest.md"
for size in $sizes; do
  run_size "${size%%:*}" "${size##*:}"
  { cat "$root/bench/results/${size%%:*}x${size##*:}/table.md"; echo
    cat "$root/bench/results/${size%%:*}x${size##*:}/agreement.txt"
    cat "$root/bench/results/${size%%:*}x${size##*:}/diff-items.txt"; echo; } >> "$root/bench/results/latest.md"
done
echo "bench: the tables are in bench/results/latest.md"
