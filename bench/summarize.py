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
    "history": ["migconsole history --db", "alembic current", "alembic heads", "alembic history"],
    "history-scripts": ["migconsole history (scripts only)", "alembic heads"],
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


# Issue 6's targets: (benchmark, our command index, peer index, highest ratio ours/peer) for
# time, and for memory the highest ratio or (peer index None) the highest MB.
TIME_TARGETS = [
    ("introspection", 2, 0.8, "≤ 0.8× the psql floor"),
    ("history", 1, 0.05, "≥ 20× faster than alembic current"),
    ("history-scripts", 1, 0.1, "≥ 10× faster than alembic heads"),
    ("replay", 1, 0.05, "≥ 20× faster than alembic upgrade head --sql"),
    ("diff", 1, 0.1, "≥ 10× faster than pg_dump ×2 + apgdiff"),
]
MEMORY_TARGETS = [
    ("introspection", None, 150, "client peak ≤ 150 MB"),
    ("diff", 1, 0.25, "≤ ¼ of apgdiff's memory"),
]


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["results"]


def gui_figures(results):
    runs = []
    for entry in sorted(os.listdir(results)):
        if entry.startswith("gui.") and entry.endswith(".json"):
            try:
                with open(os.path.join(results, entry), encoding="utf-8") as handle:
                    runs.append(json.load(handle))
            except (OSError, ValueError):
                pass
    return runs


def print_targets(results):
    print("\nIssue 6's targets (set for 10,000 tables and 5,000 revisions; at smaller sizes the")
    print("fixed costs — starting a process, connecting — weigh more on both sides):\n")
    print("| target | measured | |")
    print("|---|---:|---|")
    for name, peer, limit, text in TIME_TARGETS:
        measured = load(results, name)
        if not measured:
            continue
        ratio = measured[0]["median"] / measured[peer]["median"]
        print(f"| {name}: {text} | {ratio:.3f}× ({1 / ratio:.1f}× faster) | {'met' if ratio <= limit else 'missed'} |")
    for name, peer, limit, text in MEMORY_TARGETS:
        ours = peak_memory_mb(os.path.join(results, f"{name}.mem.0"))
        if ours is None:
            continue
        if peer is None:
            print(f"| {name}: {text} | {ours:.0f} MB | {'met' if ours <= limit else 'missed'} |")
            continue
        theirs = peak_memory_mb(os.path.join(results, f"{name}.mem.{peer}"))
        if theirs:
            ratio = ours / theirs
            print(f"| {name}: {text} | {ours:.0f} / {theirs:.0f} MB = {ratio:.2f} | {'met' if ratio <= limit else 'missed'} |")
    runs = gui_figures(results)
    if runs:
        usable = sorted(run["usable_ms"] for run in runs)[len(runs) // 2]
        block = max(run["max_block_ms"] for run in runs)
        rss = max(run["peak_rss_mb"] for run in runs)
        print(f"| GUI: tree usable ≤ 1 s after the data arrives (median of {len(runs)}) | {usable} ms | {'met' if usable <= 1000 else 'missed'} |")
        print(f"| GUI: no block of the GUI thread > 100 ms (worst of {len(runs)}) | {block} ms | {'met' if block <= 100 else 'missed'} |")
        print(f"| GUI: RSS ≤ 500 MB | {rss} MB | {'met' if rss <= 500 else 'missed'} |")
        slowest = {}
        for run in runs:
            for action in run["actions"]:
                slowest[action["action"]] = max(slowest.get(action["action"], 0), action["ms"])
        print("\nGUI actions, slowest of the runs: " +
              ", ".join(f"{name} {ms} ms" for name, ms in slowest.items()))


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
    print_targets(results)


if __name__ == "__main__":
    main()
