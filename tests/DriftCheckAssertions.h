#pragma once

// The assertions of CLI.md's `check` / `history` contract shared by
// test_drift_check_postgres.cpp and test_drift_check_sqlite.cpp (helpers to build the
// projects and run the CLI: DriftTestSupport.h).

#include "DriftTestSupport.h"

#include <optional>

namespace migconsole::test::drift {

/// CLI.md: missing_* are errors and extra_* info; Finding.h (the same contract in code):
/// type_mismatch an error, nullability/default mismatches warnings.
inline QString severityOf(const QString &kind)
{
    if (kind.startsWith(QLatin1String("extra_")))
        return QStringLiteral("info");
    if (kind == QLatin1String("nullability_mismatch") || kind == QLatin1String("default_mismatch"))
        return QStringLiteral("warning");
    return QStringLiteral("error");
}

/// One hand-made difference and the one finding it must produce.
struct DriftCase
{
    QString sql;          ///< statements separated by ";\n"
    QString kind;
    QString table;
    QString object;       ///< column / index / constraint name; empty for table kinds
    QString revision;     ///< origin.revision; empty for extra_* (the scripts never name them)
    QString opPattern;    ///< regex locating the op in the revision file (origin.line)
    QString expected;     ///< CLI.md `expected` when asserted; empty = not asserted
    QString actual;       ///< CLI.md `actual` when asserted
    /// CLI.md `fixable` ("whether fix can repair it without losing data"); unset = not asserted.
    std::optional<bool> fixable;
};

/// CLI.md's definition of `fixable` applied per kind: creating what is missing and SET/DROP
/// NOT NULL / DEFAULT lose no data; dropping what is extra does. A type change depends on
/// the direction (narrowing loses data), so the case says.
inline std::optional<bool> fixableOf(const QString &kind)
{
    if (kind.startsWith(QLatin1String("missing_")) || kind == QLatin1String("nullability_mismatch") ||
        kind == QLatin1String("default_mismatch"))
        return true;
    if (kind.startsWith(QLatin1String("extra_")))
        return false;
    return std::nullopt;
}

/// Asserts CLI.md's contract for one injected drift: exit 1, exactly one finding at all
/// (the injected one), kind/schema/table/object/severity, and origin file:line of the op.
/// Test failures are reported through QTest; callers return when currentTestFailed().
inline void verifySingleFinding(const CliRun &run, const DriftCase &c, const QString &schema,
                                const QString &project)
{
    const QString all = run.describe();
    DRIFT_VERIFY2(run.parsed, QStringLiteral("check printed no JSON object\n"), all);
    DRIFT_VERIFY2(run.exitCode == 1, QStringLiteral("check must exit 1 on drift\n"), all);
    const QList<QJsonObject> drift = objects(run.json.value(QStringLiteral("drift")));
    DRIFT_VERIFY2(drift.size() == 1, QStringLiteral("expected exactly one finding (%1)\n").arg(c.kind), all);
    const QJsonObject f = drift.first();
    QCOMPARE(f.value(QStringLiteral("kind")).toString(), c.kind);
    QCOMPARE(f.value(QStringLiteral("schema")).toString(), schema);
    QCOMPARE(f.value(QStringLiteral("table")).toString(), c.table);
    const QString key = objectKeyOf(c.kind);
    if (!key.isEmpty())
        DRIFT_VERIFY2(f.value(key).toString() == c.object, QStringLiteral("%1 should be %2\n").arg(key, c.object), all);
    DRIFT_VERIFY2(f.value(QStringLiteral("severity")).toString() == severityOf(c.kind), QStringLiteral("severity should be %1\n").arg(severityOf(c.kind)), all);
    DRIFT_VERIFY2(f.value(QStringLiteral("fixable")).isBool(), QStringLiteral("fixable missing\n"), all);
    if (c.fixable)
        DRIFT_VERIFY2(f.value(QStringLiteral("fixable")).toBool() == *c.fixable,
                      QStringLiteral("fixable should be %1\n").arg(*c.fixable ? QStringLiteral("true") : QStringLiteral("false")), all);
    if (!c.expected.isEmpty())
        DRIFT_VERIFY2(f.value(QStringLiteral("expected")).toString() == c.expected, QStringLiteral("expected should be %1\n").arg(c.expected), all);
    if (!c.actual.isEmpty())
        DRIFT_VERIFY2(f.value(QStringLiteral("actual")).toString() == c.actual, QStringLiteral("actual should be %1\n").arg(c.actual), all);
    QVERIFY(run.json.value(QStringLiteral("preflight")).toArray().isEmpty());
    QVERIFY(run.json.value(QStringLiteral("unknown")).toArray().isEmpty());

    if (c.revision.isEmpty()) {
        DRIFT_VERIFY2(!f.contains(QStringLiteral("origin")), QStringLiteral("an extra object has no origin in the scripts\n"), all);
        return;
    }
    const QString file = revisionFile(project, c.revision);
    QVERIFY2(!file.isEmpty(), qPrintable(QStringLiteral("no file for ") + c.revision));
    const int line = lineOf(project, file, c.opPattern);
    QVERIFY2(line > 0, qPrintable(QStringLiteral("pattern %1 not found once in %2").arg(c.opPattern, file)));
    const QJsonObject origin = f.value(QStringLiteral("origin")).toObject();
    DRIFT_VERIFY2(origin.value(QStringLiteral("revision")).toString() == c.revision, QStringLiteral("origin.revision should be %1\n").arg(c.revision), all);
    DRIFT_VERIFY2(origin.value(QStringLiteral("file")).toString() == file, QStringLiteral("origin.file should be %1\n").arg(file), all);
    DRIFT_VERIFY2(origin.value(QStringLiteral("line")).toInt() == line, QStringLiteral("origin.line should be %1\n").arg(line), all);
}

/// Asserts a clean check: exit 0 and drift, preflight, unknown all empty.
inline void verifyClean(const CliRun &run)
{
    const QString all = run.describe();
    DRIFT_VERIFY2(run.parsed, QStringLiteral("check printed no JSON object\n"), all);
    DRIFT_VERIFY2(run.json.value(QStringLiteral("drift")).isArray() &&
                 run.json.value(QStringLiteral("drift")).toArray().isEmpty(), QStringLiteral("false positives in drift\n"), all);
    DRIFT_VERIFY2(run.json.value(QStringLiteral("preflight")).isArray() &&
                 run.json.value(QStringLiteral("preflight")).toArray().isEmpty(), QStringLiteral("false positives in preflight\n"), all);
    DRIFT_VERIFY2(run.json.value(QStringLiteral("unknown")).isArray() &&
                 run.json.value(QStringLiteral("unknown")).toArray().isEmpty(), QStringLiteral("unknown revisions\n"), all);
    DRIFT_VERIFY2(run.exitCode == 0, QStringLiteral("clean check must exit 0\n"), all);
}

/// One pending step that must fail, and how.
struct PreflightCase
{
    QString handSql;      ///< what someone did by hand before the migration ran
    QString op;           ///< the probe's conflicting op line (Python)
    QString opName;       ///< CLI.md `op`
    QString kind;         ///< CLI.md preflight kind
    QString table;
    QString objectKey;    ///< column / index / constraint, empty for table steps
    QString object;
    QString alembicError; ///< regex the real `alembic upgrade head` stderr must match
    /// Preflight.h: an *_exists item says `already_in_place` when what exists matches what
    /// the step would create (the half-applied migration); unset = not asserted.
    std::optional<bool> alreadyInPlace = std::nullopt;
};

/// Asserts `check` lists exactly the failing step, and `history` lists the probe's steps:
/// audit_trail will_apply, the conflicting one will_fail with its kind and line.
inline void verifyPreflight(const CliRun &check, const CliRun &history, const PreflightCase &c,
                            const QString &schema, const QString &project, const QString &probeFile)
{
    QString all = check.describe();
    DRIFT_VERIFY2(check.parsed, QStringLiteral("check printed no JSON object\n"), all);
    DRIFT_VERIFY2(check.exitCode == 1, QStringLiteral("check must exit 1\n"), all);
    DRIFT_VERIFY2(sortedStrings(check.json.value(QStringLiteral("pending"))) == QStringList{kProbe}, QStringLiteral("pending should be the probe\n"), all);
    const QList<QJsonObject> items = objects(check.json.value(QStringLiteral("preflight")));
    DRIFT_VERIFY2(items.size() == 1, QStringLiteral("expected exactly one preflight item\n"), all);
    const QJsonObject item = items.first();
    DRIFT_VERIFY2(item.value(QStringLiteral("revision")).toString() == kProbe, QString(), all);
    DRIFT_VERIFY2(item.value(QStringLiteral("op")).toString() == c.opName, QString(), all);
    DRIFT_VERIFY2(item.value(QStringLiteral("kind")).toString() == c.kind, QString(), all);
    DRIFT_VERIFY2(item.value(QStringLiteral("schema")).toString() == schema, QString(), all);
    DRIFT_VERIFY2(item.value(QStringLiteral("table")).toString() == c.table, QString(), all);
    if (!c.objectKey.isEmpty())
        DRIFT_VERIFY2(item.value(c.objectKey).toString() == c.object,
                      QStringLiteral("%1 should be %2\n").arg(c.objectKey, c.object), all);
    if (c.alreadyInPlace) {
        DRIFT_VERIFY2(item.value(QStringLiteral("already_in_place")).toBool() == *c.alreadyInPlace,
                      QStringLiteral("already_in_place should be %1\n")
                          .arg(*c.alreadyInPlace ? QStringLiteral("true") : QStringLiteral("false")),
                      all);
    }

    all = history.describe();
    DRIFT_VERIFY2(history.parsed, QStringLiteral("history printed no JSON object\n"), all);
    QJsonObject probe;
    for (const QJsonObject &revision : objects(history.json.value(QStringLiteral("revisions")))) {
        if (revision.value(QStringLiteral("id")).toString() == kProbe)
            probe = revision;
    }
    DRIFT_VERIFY2(!probe.isEmpty(), QStringLiteral("probe revision not listed\n"), all);
    QCOMPARE(probe.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    const QList<QJsonObject> steps = objects(probe.value(QStringLiteral("steps")));
    bool markerSeen = false;
    bool failingSeen = false;
    // The op call itself: the last line of a `with op.batch_alter_table(...)` block.
    const int failingLine =
        lineOf(project, probeFile, QRegularExpression::escape(c.op.section(QLatin1Char('\n'), -1).trimmed()));
    QVERIFY(failingLine > 0);
    for (const QJsonObject &step : steps) {
        const QString op = step.value(QStringLiteral("op")).toString();
        const QString table = step.value(QStringLiteral("table")).toString();
        if (op == QLatin1String("create_table") && table == QLatin1String("audit_trail")) {
            markerSeen = true;
            DRIFT_VERIFY2(step.value(QStringLiteral("step")).toString() == QLatin1String("will_apply"), QStringLiteral("audit_trail should be will_apply\n"), all);
        } else if (op == c.opName && table == c.table) {
            failingSeen = true;
            DRIFT_VERIFY2(step.value(QStringLiteral("step")).toString() == QLatin1String("will_fail"), QStringLiteral("the conflicting step should be will_fail\n"), all);
            DRIFT_VERIFY2(step.value(QStringLiteral("kind")).toString() == c.kind, QString(), all);
            if (!c.objectKey.isEmpty())
                DRIFT_VERIFY2(step.value(c.objectKey).toString() == c.object,
                              QStringLiteral("step %1 should be %2\n").arg(c.objectKey, c.object), all);
            DRIFT_VERIFY2(step.value(QStringLiteral("line")).toInt() == failingLine, QStringLiteral("step line should be %1\n").arg(failingLine), all);
        } else {
            const QString status = step.value(QStringLiteral("step")).toString();
            DRIFT_VERIFY2(status == QLatin1String("will_apply") || status == QLatin1String("done"), QStringLiteral("unexpected step\n"), all);
        }
    }
    DRIFT_VERIFY2(markerSeen && failingSeen, QStringLiteral("steps incomplete\n"), all);
}

/// A guarded pending step whose object is already there: `if not any(...)` around
/// create_index of an index the database has. Alembic skips it; the preflight must say done.
inline const QString kGuardedProbeOp = QStringLiteral(
    "inspector = sa.inspect(op.get_bind())\n"
    "    if not any(ix[\"name\"] == \"ix_users_phone\" for ix in inspector.get_indexes(\"users\")):\n"
    "        op.create_index(\"ix_users_phone\", \"users\", [\"phone\"])");

/// check: clean (exit 0, the probe pending, nothing failing); history: audit_trail
/// will_apply and the guarded create_index done.
inline void verifyGuardedProbe(const CliRun &check, const CliRun &history)
{
    verifyClean(check);
    if (QTest::currentTestFailed())
        return;
    QString all = check.describe();
    DRIFT_VERIFY2(sortedStrings(check.json.value(QStringLiteral("pending"))) == QStringList{kProbe},
                  QStringLiteral("pending should be the probe\n"), all);
    all = history.describe();
    DRIFT_VERIFY2(history.parsed, QStringLiteral("history printed no JSON object\n"), all);
    QJsonObject probe;
    for (const QJsonObject &revision : objects(history.json.value(QStringLiteral("revisions")))) {
        if (revision.value(QStringLiteral("id")).toString() == kProbe)
            probe = revision;
    }
    QString marker, guarded;
    for (const QJsonObject &step : objects(probe.value(QStringLiteral("steps")))) {
        const QString op = step.value(QStringLiteral("op")).toString();
        if (op == QLatin1String("create_table") && step.value(QStringLiteral("table")).toString() == QLatin1String("audit_trail"))
            marker = step.value(QStringLiteral("step")).toString();
        if (op == QLatin1String("create_index") && step.value(QStringLiteral("index")).toString() == QLatin1String("ix_users_phone"))
            guarded = step.value(QStringLiteral("step")).toString();
    }
    DRIFT_VERIFY2(marker == QLatin1String("will_apply"), QStringLiteral("audit_trail should be will_apply\n"), all);
    DRIFT_VERIFY2(guarded == QLatin1String("done"), QStringLiteral("the guarded create_index should be done\n"), all);
}

/// CLI.md: a revision recorded in the database that no script defines is listed in
/// `unknown`, and makes check exit 1.
inline void verifyUnknownRevision(const CliRun &check)
{
    const QString all = check.describe();
    DRIFT_VERIFY2(check.parsed, QStringLiteral("check printed no JSON object\n"), all);
    DRIFT_VERIFY2(sortedStrings(check.json.value(QStringLiteral("unknown"))) == QStringList{QStringLiteral("feedface9999")},
                  QStringLiteral("unknown should be [feedface9999]\n"), all);
    DRIFT_VERIFY2(check.exitCode == 1, QStringLiteral("check must exit 1 with an unknown revision\n"), all);
}

/// `--target kRev6` on a database at head: what revisions 7 and 8 added is extra (info,
/// no origin) and nothing that exists at revision 6 is missing — except `renamedAway`
/// (a column revision 8 renamed), which must be missing with its create_table origin.
inline void verifyTargetRevisionOnHead(const CliRun &run, const QString &project, const QString &renamedAway)
{
    const QString all = run.describe();
    DRIFT_VERIFY2(run.parsed, QStringLiteral("check printed no JSON object\n"), all);
    DRIFT_VERIFY2(run.exitCode == 1, QStringLiteral("check must exit 1 on drift\n"), all);
    const auto has = [&](const QString &kind, const QString &table, const QString &column) {
        for (const QJsonObject &f : findingsOfKind(run.json, kind)) {
            if (f.value(QStringLiteral("table")).toString() == table &&
                (column.isEmpty() || f.value(QStringLiteral("column")).toString() == column))
                return f;
        }
        return QJsonObject();
    };
    const QList<QStringList> extras = {
        {QStringLiteral("extra_table"), QStringLiteral("shipments"), {}},
        {QStringLiteral("extra_column"), QStringLiteral("orders"), QStringLiteral("shipped_at")},
        {QStringLiteral("extra_column"), QStringLiteral("tickets"), QStringLiteral("external_ref")},
        {QStringLiteral("extra_column"), QStringLiteral("tickets"), QStringLiteral("closed")},
    };
    for (const QStringList &e : extras) {
        const QJsonObject f = has(e[0], e[1], e[2]);
        DRIFT_VERIFY2(!f.isEmpty(), QStringLiteral("no %1 %2 %3\n").arg(e[0], e[1], e[2]), all);
        DRIFT_VERIFY2(f.value(QStringLiteral("severity")).toString() == QLatin1String("info"), QString(), all);
        DRIFT_VERIFY2(!f.contains(QStringLiteral("origin")), QStringLiteral("an extra object has no origin\n"), all);
    }
    int missing = 0;
    for (const QJsonObject &f : objects(run.json.value(QStringLiteral("drift")))) {
        if (f.value(QStringLiteral("kind")).toString().startsWith(QLatin1String("missing_")))
            ++missing;
    }
    if (renamedAway.isEmpty()) {
        DRIFT_VERIFY2(missing == 0, QStringLiteral("nothing of revision 6 is missing\n"), all);
        return;
    }
    DRIFT_VERIFY2(missing == 1, QStringLiteral("only %1 is missing\n").arg(renamedAway), all);
    const QJsonObject f = has(QStringLiteral("missing_column"), QStringLiteral("tickets"), renamedAway);
    DRIFT_VERIFY2(!f.isEmpty(), QStringLiteral("no missing_column tickets.%1\n").arg(renamedAway), all);
    const QJsonObject origin = f.value(QStringLiteral("origin")).toObject();
    const QString file = revisionFile(project, kRev4);
    DRIFT_VERIFY2(origin.value(QStringLiteral("revision")).toString() == kRev4, QString(), all);
    DRIFT_VERIFY2(origin.value(QStringLiteral("file")).toString() == file, QString(), all);
    DRIFT_VERIFY2(origin.value(QStringLiteral("line")).toInt() ==
                      lineOf(project, file, QStringLiteral("op\\.create_table\\(\\s*\"tickets\"")),
                  QString(), all);
}

/// A database on the branches before their merge: first only branch A (kRev3) applied, then
/// both heads (kRev3 + kRev4, two rows in the version table). Each state checks clean with
/// the default target; `--target head` then reports the op.execute table of kRev6 missing.
/// `upgrade(rev)` runs real `alembic upgrade rev` on that database; `check(extra)` runs check.
template<typename Upgrade, typename Check>
void verifyBranchStates(const QString &project, Upgrade upgrade, Check check)
{
    QVERIFY(upgrade(kRev3));
    CliRun run = check(QStringList());
    verifyClean(run);
    if (QTest::currentTestFailed())
        return;
    DRIFT_VERIFY2(sortedStrings(run.json.value(QStringLiteral("current"))) == QStringList{kRev3}, QString(), run.describe());

    QVERIFY(upgrade(kRev4));
    run = check(QStringList());
    verifyClean(run);
    if (QTest::currentTestFailed())
        return;
    DRIFT_VERIFY2(sortedStrings(run.json.value(QStringLiteral("current"))) == (QStringList{kRev3, kRev4}),
                  QStringLiteral("both branch heads are current\n"), run.describe());
    DRIFT_VERIFY2(sortedStrings(run.json.value(QStringLiteral("pending"))) == (QStringList{kRev5, kRev6, kRev7, kRev8}),
                  QStringLiteral("merge and later pending\n"), run.describe());

    run = check(QStringList{QStringLiteral("--target"), QStringLiteral("head")});
    const QString all = run.describe();
    DRIFT_VERIFY2(run.exitCode == 1, QString(), all);
    QJsonObject notes;
    for (const QJsonObject &f : findingsOfKind(run.json, QStringLiteral("missing_table"))) {
        if (f.value(QStringLiteral("table")).toString() == QLatin1String("notes"))
            notes = f;
    }
    DRIFT_VERIFY2(!notes.isEmpty(), QStringLiteral("no missing_table notes\n"), all);
    const QJsonObject origin = notes.value(QStringLiteral("origin")).toObject();
    const QString file = revisionFile(project, kRev6);
    DRIFT_VERIFY2(origin.value(QStringLiteral("revision")).toString() == kRev6, QString(), all);
    DRIFT_VERIFY2(origin.value(QStringLiteral("line")).toInt() ==
                      lineOf(project, file, QStringLiteral("op\\.execute\\(\\s*\"\"\"\\s*CREATE TABLE notes")),
                  QString(), all);
}

/// `history --format json` on a database at kRev6: kRev7 and kRev8 pending, each listing
/// its steps (op.execute DDL expanded), every one will_apply; applied revisions none failing.
inline void verifyPendingStepsApply(const CliRun &history)
{
    const QString all = history.describe();
    DRIFT_VERIFY2(history.parsed && history.exitCode == 0, QStringLiteral("history failed\n"), all);
    DRIFT_VERIFY2(sortedStrings(history.json.value(QStringLiteral("pending"))) == (QStringList{kRev7, kRev8}),
                  QString(), all);
    for (const QJsonObject &revision : objects(history.json.value(QStringLiteral("revisions")))) {
        const QString id = revision.value(QStringLiteral("id")).toString();
        const QList<QJsonObject> steps = objects(revision.value(QStringLiteral("steps")));
        const bool pending = id == kRev7 || id == kRev8;
        DRIFT_VERIFY2(revision.value(QStringLiteral("status")).toString() ==
                          (pending ? QLatin1String("pending") : id == kRev6 ? QLatin1String("current") : QLatin1String("applied")),
                      QStringLiteral("status of %1\n").arg(id), all);
        if (pending)
            DRIFT_VERIFY2(steps.size() >= 2, QStringLiteral("%1 lists its steps\n").arg(id), all);
        for (const QJsonObject &step : steps)
            DRIFT_VERIFY2(step.value(QStringLiteral("step")).toString() != QLatin1String("will_fail") &&
                              (!pending || step.value(QStringLiteral("step")).toString() == QLatin1String("will_apply")),
                          QStringLiteral("a step of %1 that should apply\n").arg(id), all);
    }
    bool shipments = false;
    for (const QJsonObject &revision : objects(history.json.value(QStringLiteral("revisions")))) {
        if (revision.value(QStringLiteral("id")).toString() != kRev7)
            continue;
        for (const QJsonObject &step : objects(revision.value(QStringLiteral("steps"))))
            shipments |= step.value(QStringLiteral("op")).toString() == QLatin1String("create_table") &&
                         step.value(QStringLiteral("table")).toString() == QLatin1String("shipments");
    }
    DRIFT_VERIFY2(shipments, QStringLiteral("create_table shipments among the steps of %1\n").arg(kRev7), all);
}

} // namespace migconsole::test::drift
