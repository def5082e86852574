#!/usr/bin/python3
"""Item by item: which injected differences (gen_pg_schema.py's --manifest) each tool found.

    compare_diff.py MANIFEST OURS_CHECK_JSON APGDIFF_OUTPUT

Ours: `migconsole check --reference --format json`'s findings, matched on kind, table and
object. apgdiff: the statements of its migration script, matched on what each injected
difference needs (ADD COLUMN, ALTER COLUMN … TYPE, CREATE INDEX). Prints one line; exit 0.
"""
import json
import re
import sys


def finding_key(finding):
    obj = finding.get("column") or finding.get("index") or finding.get("object") or ""
    return finding["kind"], finding["table"], obj


def manifest_key(item):
    return item["kind"], item["table"], item.get("column") or item.get("index") or ""


def apgdiff_statements(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    return [" ".join(statement.split()) for statement in text.split(";") if statement.strip()]


def apgdiff_has(statements, kind, table, obj):
    table_re = r'(?:"?public"?\.)?"?' + re.escape(table) + r'"?'
    obj_re = r'"?' + re.escape(obj) + r'"?'
    if kind == "missing_column":
        pattern = rf"ALTER TABLE (?:ONLY )?{table_re} ADD COLUMN {obj_re} "
    elif kind == "type_mismatch":
        pattern = rf"ALTER TABLE (?:ONLY )?{table_re} ALTER COLUMN {obj_re} TYPE "
    elif kind == "missing_index":
        pattern = rf"CREATE (?:UNIQUE )?INDEX {obj_re} ON "
    else:
        return False
    return any(re.search(pattern, s, re.IGNORECASE) for s in statements)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: compare_diff.py MANIFEST OURS_JSON APGDIFF_OUTPUT")
    manifest = json.load(open(sys.argv[1], encoding="utf-8"))
    ours = {finding_key(f) for f in json.load(open(sys.argv[2], encoding="utf-8"))["drift"]}
    statements = apgdiff_statements(sys.argv[3])
    injected = {manifest_key(item) for item in manifest}
    ours_found = injected & ours
    theirs_found = {key for key in injected if apgdiff_has(statements, *key)}
    print(f"injected {len(injected)}; ours found {len(ours_found)} "
          f"(missed {len(injected - ours)}, reported beyond them {len(ours - injected)}); "
          f"apgdiff found {len(theirs_found)} (missed {len(injected - theirs_found)}) "
          f"in {len(statements)} statements")
    for key in sorted(injected - ours):
        print(f"  ours missed: {key}")
    for key in sorted(injected - theirs_found):
        print(f"  apgdiff missed: {key}")


if __name__ == "__main__":
    main()
