#!/usr/bin/python3
"""Generate a seeded PostgreSQL schema of N tables that looks like a real application's.

Used by the benchmarks (issue 6): introspection and reference-diff timings are only
meaningful on a schema with the variety production databases have, so every table mixes
identity/serial/uuid keys, varchar(n), text, timestamptz default now(), numeric, boolean
defaults, uuid, jsonb, arrays, shared enum types, FKs to earlier tables with ON DELETE
rules, CHECKs, and 2-4 secondary indexes (unique, partial, composite DESC, GIN, lower()).

--drift PERCENT emits the *same* schema with ~PERCENT % of the tables drifted (a column
dropped, an index dropped, or a column type changed); --manifest FILE records exactly
what was injected so a diff tool's findings can be checked against it.

Load with `psql -X -q -v ON_ERROR_STOP=1 -f FILE`: one transaction per 500 tables (see
--batch; a single 10k-table transaction overflows PostgreSQL's default lock table).
Standard library only; same arguments -> byte-identical output.
"""

import argparse
import hashlib
import json
import random
import re
import sys

# Word lists give tables and columns the names a real application would have, so that
# name-based code paths (sorting, filtering, truncation) see realistic strings.
AREAS = ["billing", "crm", "auth", "catalog", "orders", "shipping", "support", "hr",
         "analytics", "content", "inventory", "payments", "marketing", "audit", "search"]
ENTITIES = ["accounts", "users", "invoices", "invoice_items", "customers", "contacts",
            "products", "variants", "orders", "order_lines", "shipments", "parcels",
            "tickets", "comments", "employees", "teams", "events", "sessions", "pages",
            "assets", "warehouses", "stock_moves", "payments", "refunds", "campaigns",
            "coupons", "audit_logs", "documents", "tags", "notes", "addresses", "regions"]

# A few enum types shared by many tables, as applications reuse a status type widely.
ENUMS = {
    "record_status": ["draft", "active", "suspended", "archived"],
    "priority_level": ["low", "normal", "high", "urgent"],
    "visibility": ["private", "internal", "public"],
    "currency_code": ["EUR", "USD", "GBP", "JPY", "CHF"],
}

MAX_IDENT = 63  # PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1)


def ident(name):
    """Keep an identifier within 63 bytes, unique by a hash suffix, so PostgreSQL never
    truncates it (truncation could make two generated names collide)."""
    if len(name) <= MAX_IDENT:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return name[:MAX_IDENT - 9] + "_" + digest


class Column:
    def __init__(self, name, sqltype, notnull=False, default=None, check=None,
                 family=None):
        self.name = name
        self.sqltype = sqltype
        self.notnull = notnull
        self.default = default
        self.check = check      # CHECK expression, or None
        self.family = family    # "varchar" / "integer" -> candidates for a type change
        self.used = False       # referenced by an index, FK or CHECK -> not drift-safe

    def ddl(self, sqltype=None):
        parts = [self.name, sqltype or self.sqltype]
        if self.default is not None:
            parts.append("DEFAULT " + self.default)
        if self.notnull:
            parts.append("NOT NULL")
        return " ".join(parts)


class Index:
    def __init__(self, name, body, unique=False, where=None, using=None):
        self.name = name
        self.body = body        # the parenthesised key list
        self.unique = unique
        self.where = where
        self.using = using

    def ddl(self, schema, table):
        head = "CREATE UNIQUE INDEX" if self.unique else "CREATE INDEX"
        using = " USING " + self.using if self.using else ""
        where = " WHERE " + self.where if self.where else ""
        return "%s %s ON %s.%s%s (%s)%s;" % (head, self.name, schema, table, using,
                                            self.body, where)


class Table:
    def __init__(self, name, entity):
        self.name = name
        self.entity = entity
        self.key = None         # (column ddl, FK column type)
        self.columns = []
        self.fks = []           # (constraint name, column, target table, ON DELETE rule)
        self.checks = []        # (constraint name, expression)
        self.indexes = []

    def col(self, name):
        for c in self.columns:
            if c.name == name:
                return c
        return None


def payload_column(rng, name, schema):
    """The column catalogue: each name maps to a type with the defaults/CHECKs such a
    column usually carries in an application schema."""
    q = schema + "."
    if name in ("name", "title", "label"):
        return Column(name, "varchar(%d)" % rng.choice([64, 120, 200, 255]),
                      notnull=rng.random() < 0.7, family="varchar")
    if name == "email":
        return Column(name, "varchar(255)", notnull=rng.random() < 0.5, family="varchar")
    if name in ("code", "slug", "reference"):
        return Column(name, "varchar(%d)" % rng.choice([16, 32, 64]), family="varchar")
    if name in ("description", "notes", "body"):
        return Column(name, "text")
    if name in ("amount", "price", "total"):
        return Column(name, "numeric(%d,2)" % rng.choice([10, 12, 14]), notnull=True,
                      default="0", check="%s >= 0" % name)
    if name == "rate":
        return Column(name, "numeric(5,4)", check="rate BETWEEN 0 AND 1")
    if name in ("quantity", "retry_count"):
        return Column(name, "integer", notnull=True, default="0",
                      check="%s >= 0" % name, family="integer")
    if name in ("position", "version", "sort_order"):
        return Column(name, "integer", family="integer")
    if name in ("is_active", "is_visible"):
        return Column(name, "boolean", notnull=True, default="true")
    if name in ("is_archived", "is_deleted"):
        return Column(name, "boolean", notnull=True, default="false")
    if name == "external_id":
        return Column(name, "uuid", notnull=True, default="gen_random_uuid()")
    if name in ("metadata", "settings"):
        return Column(name, "jsonb", notnull=name == "metadata", default="'{}'::jsonb")
    if name == "tags":
        return Column(name, "text[]", notnull=True, default="'{}'::text[]")
    if name == "scores":
        return Column(name, "integer[]")
    if name == "status":
        return Column(name, q + "record_status", notnull=True, default="'active'")
    if name == "priority":
        return Column(name, q + "priority_level", default="'normal'")
    if name == "visibility":
        return Column(name, q + "visibility", notnull=True, default="'private'")
    if name == "currency":
        return Column(name, q + "currency_code", notnull=True, default="'EUR'")
    if name in ("updated_at", "deleted_at", "expires_at", "published_at"):
        return Column(name, "timestamptz")
    if name == "score":
        return Column(name, "double precision")
    raise ValueError(name)


PAYLOAD = ["name", "title", "label", "email", "code", "slug", "reference", "description",
           "notes", "body", "amount", "price", "total", "rate", "quantity", "retry_count",
           "position", "version", "sort_order", "is_active", "is_visible", "is_archived",
           "is_deleted", "external_id", "metadata", "settings", "tags", "scores", "status",
           "priority", "visibility", "currency", "updated_at", "deleted_at", "expires_at",
           "published_at", "score"]

ON_DELETE = ["CASCADE", "SET NULL", "RESTRICT", "NO ACTION"]


def build_table(rng, i, tables, schema, used_names):
    area, entity = rng.choice(AREAS), rng.choice(ENTITIES)
    base = area + "_" + entity
    # Repeats get a counter so 10,000 tables stay unique yet still read like app tables.
    n = used_names.get(base, 0)
    used_names[base] = n + 1
    t = Table(base if n == 0 else "%s_%d" % (base, n + 1), entity)

    # Keys: mostly identity (modern), some serial/bigserial (older apps), some uuid.
    r = rng.random()
    if r < 0.35:
        t.key = ("id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "bigint")
    elif r < 0.55:
        t.key = ("id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "bigint")
    elif r < 0.70:
        t.key = ("id serial PRIMARY KEY", "integer")
    elif r < 0.85:
        t.key = ("id bigserial PRIMARY KEY", "bigint")
    else:
        t.key = ("id uuid DEFAULT gen_random_uuid() PRIMARY KEY", "uuid")

    # FKs point only at earlier tables so the script creates them in order; mostly to
    # nearby tables (like modules of one app) and sometimes far back (users, accounts).
    nfk = 0 if i == 0 else rng.choice([0, 1, 1, 1, 2, 2, 3])
    for _ in range(nfk):
        j = rng.randrange(max(0, i - 50), i) if rng.random() < 0.7 else rng.randrange(i)
        target = tables[j]
        # Singular, as ORMs name FK columns ("addresses" -> address_id).
        one = target.entity[:-2] if target.entity.endswith("sses") else target.entity[:-1]
        cname = one + "_id"
        k = 2
        while t.col(cname):
            cname = "%s_%d_id" % (one, k)
            k += 1
        rule = rng.choice(ON_DELETE)
        c = Column(cname, target.key[1], notnull=rule != "SET NULL" and rng.random() < 0.6)
        c.used = True
        t.columns.append(c)
        t.fks.append((ident("fk_%s_%s" % (t.name, cname)), cname, target.name, rule))

    for name in sorted(rng.sample(PAYLOAD, rng.randint(4, 9)), key=PAYLOAD.index):
        t.columns.append(payload_column(rng, name, schema))
    t.columns.append(Column("created_at", "timestamptz", notnull=True, default="now()"))
    created = t.col("created_at")
    created.used = True

    for c in t.columns:
        if c.check:
            c.used = True
            t.checks.append((ident("ck_%s_%s" % (t.name, c.name)), c.check))
    if t.col("updated_at") and rng.random() < 0.5:
        t.col("updated_at").used = True
        t.checks.append((ident("ck_%s_updated_after_created" % t.name),
                         "updated_at IS NULL OR updated_at >= created_at"))

    add_indexes(rng, t)
    return t


def add_indexes(rng, t):
    """2-4 secondary indexes from what the table's columns allow, covering every kind."""
    cands = []  # (kind, Index, columns it uses)

    def nm(suffix):
        return ident("ix_%s_%s" % (t.name, suffix))

    for col in ("email", "code", "slug", "reference"):
        if t.col(col):
            if col == "email":
                cands.append(("unique", Index(ident("uq_%s_lower_email" % t.name),
                                              "lower(email)", unique=True), [col]))
            else:
                cands.append(("unique", Index(ident("uq_%s_%s" % (t.name, col)), col,
                                              unique=True), [col]))
            break
    if t.col("external_id"):
        cands.append(("unique", Index(ident("uq_%s_external_id" % t.name), "external_id",
                                      unique=True), ["external_id"]))
    if t.col("deleted_at"):
        cands.append(("partial", Index(nm("live_created_at"), "created_at",
                                       where="deleted_at IS NULL"), ["deleted_at"]))
    for flag in ("is_active", "is_visible"):
        if t.col(flag):
            cands.append(("partial", Index(nm(flag + "_created_at"), "created_at DESC",
                                           where=flag), [flag]))
            break
    if t.col("status"):
        cands.append(("composite", Index(nm("status_created_at"),
                                         "status, created_at DESC"), ["status"]))
    elif t.fks:
        fk = t.fks[0][1]
        cands.append(("composite", Index(nm(fk + "_created_at"), fk + ", created_at DESC"),
                      [fk]))
    for col, ops in (("metadata", "jsonb_path_ops"), ("settings", None), ("tags", None),
                     ("scores", None)):
        if t.col(col):
            body = col + (" " + ops if ops else "")
            cands.append(("gin", Index(nm(col + "_gin"), body, using="gin"), [col]))
    for col in ("name", "title", "label"):
        if t.col(col):
            cands.append(("expression", Index(nm("lower_" + col), "lower(%s)" % col),
                          [col]))
            break
    for _, col, _, _ in t.fks[1:]:
        cands.append(("fk", Index(nm(col), col), [col]))
    cands.append(("plain", Index(nm("created_at"), "created_at DESC, id"), []))

    rng.shuffle(cands)
    # One of each kind first, then the rest, so even small N shows every index kind.
    seen, firsts, rest = set(), [], []
    for cand in cands:
        (rest if cand[0] in seen else firsts).append(cand)
        seen.add(cand[0])
    picked = firsts + rest
    want = rng.randint(2, 4)
    for kind, idx, cols in picked[:max(want, 2)]:
        t.indexes.append((kind, idx))
        for c in cols:
            t.col(c).used = True


def build_schema(n, seed, schema):
    rng = random.Random(seed)
    tables, used = [], {}
    for i in range(n):
        tables.append(build_table(rng, i, tables, schema, used))
    return tables


def choose_drift(tables, percent, seed):
    """Pick ~percent % of the tables and one difference each. A separate RNG stream
    keeps the base schema identical with and without --drift. Only columns nothing
    depends on are dropped or retyped, and only non-unique indexes are dropped, so
    PostgreSQL never cascades the change into further (unlisted) differences."""
    rng = random.Random("drift-%d" % seed)
    count = int(round(len(tables) * percent / 100.0))
    if percent > 0:
        count = max(1, count)
    order = list(range(len(tables)))
    rng.shuffle(order)
    kinds = ["missing_column", "missing_index", "type_mismatch"]
    rng.shuffle(kinds)
    changes = {}     # table index -> (kind, name, new type or None)
    manifest = []
    k = 0
    for ti in order:
        if len(changes) >= count:
            break
        t = tables[ti]
        # Kinds strictly rotate (a table that cannot take the next kind is skipped), so
        # the three kinds stay balanced and even 1 % of 200 tables covers two of them.
        kind = kinds[k % 3]
        free = [c for c in t.columns if not c.used]
        if kind == "missing_column" and free:
            c = rng.choice(free)
            changes[ti] = (kind, c.name, None)
            entry = {"kind": kind, "table": t.name, "column": c.name}
        elif kind == "missing_index" and any(not ix.unique for _, ix in t.indexes):
            ix = rng.choice([ix for _, ix in t.indexes if not ix.unique])
            changes[ti] = (kind, ix.name, None)
            entry = {"kind": kind, "table": t.name, "index": ix.name}
        elif kind == "type_mismatch" and any(c.family for c in free):
            c = rng.choice([c for c in free if c.family])
            new = "text" if c.family == "varchar" else "bigint"
            changes[ti] = (kind, c.name, new)
            entry = {"kind": kind, "table": t.name, "column": c.name,
                     "expected": c.sqltype, "actual": new}
        else:
            continue
        manifest.append(dict({"schema": None}, **entry))
        k += 1
    return changes, manifest


def render(tables, schema, changes, header, batch):
    # Quiet the NOTICEs (e.g. implicit sequences) that would flood the terminal.
    begin = ["BEGIN;", "SET LOCAL client_min_messages = warning;"]
    out = [header] + begin
    if schema != "public":
        out.append("CREATE SCHEMA IF NOT EXISTS %s;" % schema)
    for name, labels in ENUMS.items():
        out.append("CREATE TYPE %s.%s AS ENUM (%s);"
                   % (schema, name, ", ".join("'%s'" % v for v in labels)))
    for ti, t in enumerate(tables):
        # Every DDL'd relation stays locked until COMMIT; one transaction of 10,000
        # tables needs ~37,000 lock slots, far over the default lock table (64 x
        # max_connections = 6,400: "out of shared memory" after ~1,700 tables). So the
        # script commits every `batch` tables (default 500, ~1,900 locks).
        if batch and ti and ti % batch == 0:
            out += ["COMMIT;"] + begin
        kind, target, newtype = changes.get(ti, (None, None, None))
        lines = ["  " + t.key[0]]
        for c in t.columns:
            if kind == "missing_column" and c.name == target:
                continue
            lines.append("  " + c.ddl(newtype if kind == "type_mismatch"
                                      and c.name == target else None))
        for cname, expr in t.checks:
            lines.append("  CONSTRAINT %s CHECK (%s)" % (cname, expr))
        for cname, col, ref, rule in t.fks:
            lines.append("  CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s.%s (id) "
                         "ON DELETE %s" % (cname, col, schema, ref, rule))
        out.append("CREATE TABLE %s.%s (\n%s\n);" % (schema, t.name, ",\n".join(lines)))
        for _, ix in t.indexes:
            if kind == "missing_index" and ix.name == target:
                continue
            out.append(ix.ddl(schema, t.name))
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="gen_pg_schema.py",
        description="Print SQL creating a seeded, application-like PostgreSQL schema of "
                    "N tables (one transaction per --batch tables), optionally with "
                    "injected drift.",
        epilog="Load with: psql -X -q -v ON_ERROR_STOP=1 -d DB -f FILE. "
               "Example drift check: generate --seed 7 into database A and "
               "--seed 7 --drift 1 --manifest m.json into B, then "
               "`migconsole check --db B --reference A --format json` should report "
               "exactly the manifest's differences.")
    p.add_argument("--tables", type=int, default=1000, metavar="N",
                   help="number of tables (default 1000; targets 1000 and 10000)")
    p.add_argument("--seed", type=int, default=42, help="RNG seed (default 42)")
    p.add_argument("--schema", default="public", metavar="NAME",
                   help="PostgreSQL schema to create everything in (default public)")
    p.add_argument("--drift", type=float, default=0.0, metavar="PERCENT",
                   help="drift ~PERCENT %% of the tables (dropped column, dropped index "
                        "or varchar->text / integer->bigint); default 0")
    p.add_argument("--manifest", metavar="FILE",
                   help="write the injected differences as a JSON list to FILE: {schema, "
                        "kind: missing_column|missing_index|type_mismatch, table, "
                        "column|index}, type_mismatch adding expected/actual; [] "
                        "without --drift")
    p.add_argument("--batch", type=int, default=500, metavar="TABLES",
                   help="tables per transaction (default 500, which loads on a server "
                        "with default max_locks_per_transaction); 0 = the whole script "
                        "in one transaction (needs max_locks_per_transaction >= ~4 x "
                        "N / max_connections)")
    p.add_argument("--out", metavar="FILE", help="write the SQL to FILE (default stdout)")
    a = p.parse_args(argv)
    if a.tables < 1:
        p.error("--tables must be >= 1 (got %d)" % a.tables)
    if a.batch < 0:
        p.error("--batch must be >= 0 (got %d)" % a.batch)
    if not 0 <= a.drift <= 100:
        p.error("--drift must be between 0 and 100 (got %g)" % a.drift)
    # Unquoted in the SQL, so only plain lower-case identifiers are accepted.
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", a.schema) or a.schema.startswith("pg_"):
        p.error("--schema must be a plain lower-case identifier not starting with pg_ "
                "(got %r)" % a.schema)
    return a


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    tables = build_schema(a.tables, a.seed, a.schema)
    changes, manifest = choose_drift(tables, a.drift, a.seed) if a.drift else ({}, [])
    for m in manifest:
        m["schema"] = a.schema
    header = ("-- generated by bench/gen_pg_schema.py --tables %d --seed %d --schema %s"
              " --drift %g --batch %d (%d drifted tables)"
              % (a.tables, a.seed, a.schema, a.drift, a.batch, len(changes)))
    sql = render(tables, a.schema, changes, header, a.batch)
    try:
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                f.write(sql)
        else:
            sys.stdout.write(sql)
        if a.manifest:
            with open(a.manifest, "w", encoding="utf-8") as f:
                json.dump(manifest, f, indent=1)
                f.write("\n")
    except OSError as e:
        sys.exit("gen_pg_schema.py: cannot write %s: %s" % (e.filename, e.strerror))


if __name__ == "__main__":
    main()
