"""Schema-operation generator for gen_alembic_project.py.

Each lineage of the revision graph (the trunk and every open side branch) carries its own
SchemaState: the tables, columns and indexes that exist once that lineage's ancestors are
applied.  An operation may only touch objects visible in its own lineage, so the result is
valid on PostgreSQL in *every* topological order Alembic may pick for sibling branches.
Names are unique across the whole project (not just per lineage) so that two sibling
branches never create the same object, and an index is dropped by at most one revision.

Determinism: only lists and insertion-ordered dicts are iterated (never sets: str hashing
is randomised per process, which would make the output differ between runs).
"""

# Plausible application vocabulary, so the project reads like a real one.
NOUNS = [
    "customer", "order", "invoice", "payment", "product", "shipment", "account", "session",
    "audit_event", "subscription", "coupon", "warehouse", "supplier", "ticket", "message",
    "notification", "team", "project", "task", "comment", "attachment", "webhook",
    "api_key", "refund", "address", "category", "review", "cart", "report", "schedule",
]
MODULES = ["billing", "crm", "inventory", "support", "auth", "analytics", "catalog", "ops"]

# kind -> (SQLAlchemy type expression or format, server_default or None, column names)
COLUMN_KINDS = {
    "str": ("sa.String(length={n})", None,
            ["name", "email", "status", "code", "title", "external_ref", "slug", "phone",
             "country_code", "currency"]),
    "text": ("sa.Text()", None, ["notes", "description", "body", "summary"]),
    "bool": ("sa.Boolean()", "sa.text('false')",
             ["is_active", "is_archived", "verified", "enabled"]),
    "ts": ("sa.DateTime(timezone=True)", "sa.text('now()')",
           ["created_at", "updated_at", "deleted_at", "expires_at", "last_seen_at"]),
    "num": ("sa.Numeric(precision=12, scale=2)", None,
            ["amount", "balance", "price", "tax_rate", "weight"]),
    "int": ("sa.Integer()", None, ["position", "quantity", "priority", "version"]),
    "uuid": ("postgresql.UUID(as_uuid=True)", None, ["public_id", "correlation_id"]),
    "jsonb": ("postgresql.JSONB(astext_type=sa.Text())", None,
              ["metadata", "settings", "payload", "attributes"]),
}
KIND_ORDER = list(COLUMN_KINDS)  # fixed order for seeded choices
STR_LENGTHS = [32, 64, 120, 255]
PG_MAX_IDENT = 63  # PostgreSQL truncates longer identifiers; keep names exact


class Column:
    __slots__ = ("kind", "type_expr", "nullable", "comment")

    def __init__(self, kind, type_expr, nullable=True):
        self.kind, self.type_expr, self.nullable, self.comment = kind, type_expr, nullable, None

    def clone(self):
        c = Column(self.kind, self.type_expr, self.nullable)
        c.comment = self.comment
        return c


class SchemaState:
    """What exists after one lineage's revisions: tables -> {column: Column}, indexes."""

    def __init__(self):
        self.tables = {}   # name -> dict column -> Column (insertion ordered)
        self.indexes = {}  # name -> (table, [cols], unique)

    def copy(self):
        # Hand-written rather than copy.deepcopy: deepcopy made forking a 2,000-table
        # state ~0.2 s, i.e. most of the generation time at R=5,000.
        new = SchemaState()
        new.tables = {t: {c: col.clone() for c, col in cols.items()}
                      for t, cols in self.tables.items()}
        new.indexes = dict(self.indexes)  # values are never mutated, only replaced/popped
        return new

    def merge(self, other, dropped):
        """Union of two lineages at a merge revision (names are globally unique)."""
        for t, cols in other.tables.items():
            mine = self.tables.setdefault(t, {})
            for c, col in cols.items():
                mine.setdefault(c, col.clone())
        for name, ix in other.indexes.items():
            self.indexes.setdefault(name, ix)
        # An index dropped in either lineage is gone after the merge.
        for name in list(self.indexes):
            if name in dropped:
                del self.indexes[name]


class Names:
    """Project-wide name registry (membership tests only, never iterated)."""

    def __init__(self):
        self.tables = set()
        self.columns = {}  # table -> set of every column name ever used in any lineage
        self.indexes = set()
        self.constraints = set()
        self.dropped_indexes = set()

    def unique(self, base, used):
        name = base[:PG_MAX_IDENT]
        n = 2
        while name in used:
            suffix = "_%d" % n
            name = base[:PG_MAX_IDENT - len(suffix)] + suffix
            n += 1
        used.add(name)
        return name


class Op:
    """One generated operation: code lines for upgrade() and downgrade(), a message."""

    def __init__(self, up, down, message, needs_pg=False, count=1):
        self.up, self.down, self.message, self.needs_pg = up, down, message, needs_pg
        self.count = count  # Alembic operations, not code lines (create_table spans many)


def _plural(noun):
    return noun[:-1] + "ies" if noun.endswith("y") else noun + ("es" if noun.endswith("s") else "s")


def _new_column(rng, names, table, kind=None):
    kind = kind or rng.choice(KIND_ORDER)
    fmt, default, pool = COLUMN_KINDS[kind]
    type_expr = fmt.format(n=rng.choice(STR_LENGTHS)) if kind == "str" else fmt
    used = names.columns.setdefault(table, set())
    cname = names.unique(rng.choice(pool), used)
    return cname, Column(kind, type_expr), default


def _col_code(cname, col, default, nullable=True):
    extra = ", server_default=%s" % default if default else ""
    return "sa.Column(%r, %s%s, nullable=%s)" % (cname, col.type_expr, extra, nullable)


def op_create_table(rng, names, state):
    noun = rng.choice(NOUNS)
    base = _plural(noun)
    if base in names.tables:
        base = "%s_%s" % (rng.choice(MODULES), base)
    table = names.unique(base, names.tables)
    names.columns[table] = {"id"}
    cols = {"id": Column("int", "sa.Integer()", nullable=False)}
    lines = ["op.create_table(%r," % table,
             "    sa.Column('id', sa.Integer(), nullable=False),"]
    tail = []
    needs_pg = False
    for _ in range(rng.randint(1, 4)):
        cname, col, default = _new_column(rng, names, table)
        needs_pg |= col.type_expr.startswith("postgresql.")
        cols[cname] = col
        lines.append("    %s," % _col_code(cname, col, default))
    targets = list(state.tables)
    if targets and rng.random() < 0.4:
        # An inline foreign key, as autogenerate writes it for a relationship().
        dst = rng.choice(targets)
        cname = names.unique(dst.rstrip("s") + "_id", names.columns[table])
        cols[cname] = Column("int", "sa.Integer()")
        lines.append("    sa.Column(%r, sa.Integer(), nullable=True)," % cname)
        tail.append("    sa.ForeignKeyConstraint([%r], ['%s.id'], ondelete=%r)," %
                    (cname, dst, rng.choice(["CASCADE", "SET NULL", "RESTRICT"])))
    pk = names.unique("pk_" + table, names.constraints)
    lines += tail + ["    sa.PrimaryKeyConstraint('id', name=op.f(%r))" % pk, ")"]
    state.tables[table] = cols
    return Op(lines, ["op.drop_table(%r)" % table], "create %s table" % table, needs_pg)


def _pick_table(rng, state):
    return rng.choice(list(state.tables))


def _pick_column(rng, state, table, pred=lambda c: True):
    cands = [c for c, col in state.tables[table].items() if c != "id" and pred(col)]
    return rng.choice(cands) if cands else None


def op_add_column(rng, names, state):
    table = _pick_table(rng, state)
    cname, col, default = _new_column(rng, names, table)
    state.tables[table][cname] = col
    # Added columns stay nullable: valid on a table that already holds rows.
    return Op(["op.add_column(%r, %s)" % (table, _col_code(cname, col, default))],
              ["op.drop_column(%r, %r)" % (table, cname)],
              "add %s to %s" % (cname, table), col.type_expr.startswith("postgresql."))


def op_create_index(rng, names, state):
    table = _pick_table(rng, state)
    # jsonb/text would need GIN or are poor btree keys; index the scalar columns.
    scalar = lambda col: col.kind in ("str", "ts", "num", "int", "bool", "uuid")
    first = _pick_column(rng, state, table, scalar)
    if first is None:
        return None
    cols = [first]
    second = _pick_column(rng, state, table, scalar)
    if second and second != first and rng.random() < 0.3:
        cols.append(second)
    unique = rng.random() < 0.2
    ix = names.unique("ix_%s_%s" % (table, "_".join(cols)), names.indexes)
    state.indexes[ix] = (table, cols, unique)
    return Op(["op.create_index(op.f(%r), %r, %r, unique=%s)" % (ix, table, cols, unique)],
              ["op.drop_index(op.f(%r), table_name=%r)" % (ix, table)],
              "index %s.%s" % (table, "_".join(cols)))


def op_drop_index(rng, names, state):
    cands = [ix for ix in state.indexes if ix not in names.dropped_indexes]
    if not cands:
        return None
    ix = rng.choice(cands)
    table, cols, unique = state.indexes.pop(ix)
    names.dropped_indexes.add(ix)  # no sibling lineage may drop it a second time
    return Op(["op.drop_index(op.f(%r), table_name=%r)" % (ix, table)],
              ["op.create_index(op.f(%r), %r, %r, unique=%s)" % (ix, table, cols, unique)],
              "drop index %s" % ix)


def op_alter_column(rng, names, state):
    table = _pick_table(rng, state)
    cname = _pick_column(rng, state, table)
    if cname is None:
        return None
    col = state.tables[table][cname]
    old_type, old_null = col.type_expr, col.nullable
    variant = rng.choice(["nullable", "type", "comment"])
    if variant == "type" and col.kind == "str":
        # Widening varchar(n) -> text: valid whatever rows or sibling changes exist.
        col.type_expr, col.kind = "sa.Text()", "text"
        up = "type_=sa.Text(), existing_nullable=%s" % old_null
        down = "type_=%s, existing_nullable=%s" % (old_type, old_null)
        msg = "widen %s.%s to text" % (table, cname)
        return Op(["op.alter_column(%r, %r, existing_type=%s, %s)" % (table, cname, old_type, up)],
                  ["op.alter_column(%r, %r, existing_type=sa.Text(), %s)" % (table, cname, down)],
                  msg, old_type.startswith("postgresql."))
    if variant in ("nullable", "type"):
        col.nullable = not old_null
        return Op(["op.alter_column(%r, %r, existing_type=%s, nullable=%s)" %
                   (table, cname, old_type, col.nullable)],
                  ["op.alter_column(%r, %r, existing_type=%s, nullable=%s)" %
                   (table, cname, old_type, old_null)],
                  "make %s.%s %s" % (table, cname, "nullable" if col.nullable else "not null"),
                  old_type.startswith("postgresql."))
    old_comment = col.comment
    col.comment = "%s of the %s" % (cname.replace("_", " "), table.rstrip("s").replace("_", " "))
    return Op(["op.alter_column(%r, %r, existing_type=%s, comment=%r, existing_nullable=%s)" %
               (table, cname, old_type, col.comment, old_null)],
              ["op.alter_column(%r, %r, existing_type=%s, comment=%r, existing_comment=%r, "
               "existing_nullable=%s)" % (table, cname, old_type, old_comment, col.comment,
                                          old_null)],
              "comment %s.%s" % (table, cname), old_type.startswith("postgresql."))


def op_create_foreign_key(rng, names, state):
    """A new nullable reference column plus its FK constraint: two operations."""
    tables = list(state.tables)
    if len(tables) < 2:
        return None
    src, dst = rng.sample(tables, 2)
    cname = names.unique(dst.rstrip("s") + "_id", names.columns.setdefault(src, set()))
    state.tables[src][cname] = Column("int", "sa.Integer()")
    fk = names.unique("fk_%s_%s_%s" % (src, cname, dst), names.constraints)
    ondelete = rng.choice(["CASCADE", "SET NULL", "RESTRICT", "NO ACTION"])
    return Op(["op.add_column(%r, sa.Column(%r, sa.Integer(), nullable=True))" % (src, cname),
               "op.create_foreign_key(op.f(%r), %r, %r, [%r], ['id'], ondelete=%r)" %
               (fk, src, dst, cname, ondelete)],
              ["op.drop_constraint(op.f(%r), %r, type_='foreignkey')" % (fk, src),
               "op.drop_column(%r, %r)" % (src, cname)],
              "link %s to %s" % (src, dst), count=2)


# Weights roughly follow what real projects do most: new tables and columns, then indexes.
OPS = [(op_create_table, 22), (op_add_column, 26), (op_create_index, 18),
       (op_alter_column, 14), (op_drop_index, 8), (op_create_foreign_key, 12)]


def revision_ops(rng, names, state):
    """1-3 operations (a foreign key counts as its two: add_column + create_foreign_key)."""
    budget = rng.choice([1, 1, 2, 2, 3])
    ops = []
    used = 0
    while used < budget:
        if len(state.tables) < 3:
            fn = op_create_table  # nothing else is possible on an almost empty schema
        else:
            # A foreign key is two operations; only draw it when the budget has room.
            pool = [(f, w) for f, w in OPS if f is not op_create_foreign_key or budget - used >= 2]
            fn = rng.choices([f for f, _ in pool], weights=[w for _, w in pool])[0]
        op = fn(rng, names, state)
        if op is None:
            continue  # that kind had no candidate here; draw again
        ops.append(op)
        used += op.count
    return ops
