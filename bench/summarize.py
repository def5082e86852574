#!/usr/bin/python3
"""Turns bench/run.sh's raw measurements into the table of bench/RESULTS.md.

Reads <results>/<benchmark>.json (hyperfine --export-json) and <benchmark>.mem.<i>
(/usr/bin/time -v of command i); the first command of every benchmark is ours, the
others are the peers it is compared with (ratio = our median / the peer's median).
"""
import json
import os
import platform
import re
import sys

# Names for the commands of each benchmark, in the order bench/run.sh measures them.
LABELS = {
    "introspection": ["migconsole schema", "pg_dump --schema-only", "psql -At catalogue floor"],
    "history": ["migconsole history", "alembic current", "alembic heads", "alembic history"],
    "replay": ["migconsole check --target head", "alembic upgrade head --sql"],
    "diff": ["migconsole check --reference", "pg_dump ×2 + apgdiff"],
}


def peak_memory_mb(path):
    """Maximum resident set size from /usr/bin/time -v, in MB; None when absent."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", handle.read())
    except OSError:
        return None
    return int(match.group(1)) / 1024 if match else None


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: summarize.py RESULTS_DIR TABLES REVISIONS")
    results, tables, revisions = sys.argv[1], sys.argv[2], sys.argv[3]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                if line.startswith("model name")), platform.processor())
    print(f"Machine: {os.cpu_count()} cores, {cpu}; {tables} tables, {revisions} revisions\n")
    print("| benchmark | command | median (s) | peak RSS (MB) | ours ÷ this (below 1: ours faster) |")
    print("|---|---|---:|---:|---:|")
    for name, labels in LABELS.items():
        path = os.path.join(results, name + ".json")
        if not os.path.exists(path):
            print(f"| {name} | (not measured) | | | |")
            continue
        with open(path, encoding="utf-8") as handle:
            measured = json.load(handle)["results"]
        ours = measured[0]["median"]
        for index, result in enumerate(measured):
            label = labels[index] if index < len(labels) else result["command"][:40]
            memory = peak_memory_mb(os.path.join(results, f"{name}.mem.{index}"))
            ratio = "—" if index == 0 else f"{ours / result['median']:.2f}×"
            memory_text = f"{memory:.0f}" if memory is not None else "?"
            print(f"| {name} | {label} | {result['median']:.3f} | {memory_text} | {ratio} |")


if __name__ == "__main__":
    main()
