#pragma once

// Hostile identifiers (issue 8): one list of names with quotes, spaces, dots, mixed case,
// unicode, reserved words, a backslash, `;` and `--`, `$$` and 63-byte multibyte names,
// shared by test_hostile_identifiers_postgres.cpp and test_hostile_identifiers_sqlite.cpp.
// From it: the DDL of a reference database and of a drifted target (one difference of each
// kind), the findings the diff must report, and an Alembic revision creating the same
// schema through op.* calls. The DDL quotes names with its own two-line helper, not with
// core's quoteIdentifier: the fixture must not trust the code under test.

#include "db/DbConnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <set>
#include <tuple>

namespace migconsole::test::hostile {

/// `count` copies of a two-byte UTF-8 character and one ASCII letter: 2·count + 1 bytes.
inline QString multibyteName(QChar twoByte, int count, char last)
{
    return QString(count, twoByte) + QLatin1Char(last);
}

// PostgreSQL's limit is NAMEDATALEN - 1 = 63 BYTES: these are exactly at it.
inline const QString kLongTable = multibyteName(QChar(0x00FC), 31, 't');  // üüü…t
inline const QString kLongColumn = multibyteName(QChar(0x00DF), 31, 'c'); // ßßß…c
inline const QString kLongIndex = multibyteName(QChar(0x00E9), 31, 'i');  // ééé…i
inline const QString kLongLabel = QString(21, QChar(0x8868));               // 表×21: 3 bytes each
/// One byte over: PostgreSQL cuts it to 62 bytes (31 ü; it never splits a character).
inline const QString kTooLongTable = QString(32, QChar(0x00FC));

inline const QString kTable = QStringLiteral("Order \"Items\"");
inline const QString kUserTable = QStringLiteral("user");
inline const QString kMissingTable = QStringLiteral("表.with \"dots\"");

inline const QString kKey = QStringLiteral("select");
inline const QString kQuoted = QStringLiteral("say \"hi\"");
inline const QString kApostrophe = QStringLiteral("it's"); // missing in the target
inline const QString kDotted = QStringLiteral("a.b");
inline const QString kMixedCase = QStringLiteral("MixedCase"); // another type in the target
inline const QString kGroesse = QStringLiteral("Größe");
inline const QString kHan = QStringLiteral("表");
inline const QString kEmoji = QStringLiteral("🚀 launch");
inline const QString kOrder = QStringLiteral("order"); // the enum column
inline const QString kUser = QStringLiteral("user");   // the foreign-key column
inline const QString kGroup = QStringLiteral("group");
inline const QString kBackslash = QStringLiteral("back\\slash");
inline const QString kComment = QStringLiteral("semi;colon -- not a comment");
inline const QString kDollar = QStringLiteral("dollar$$quote");

/// Every column of kTable, in order.
inline QStringList tableColumns()
{
    return {kKey,   kQuoted, kApostrophe, kDotted,   kMixedCase, kGroesse, kHan,   kEmoji,
            kOrder, kUser,   kGroup,      kBackslash, kComment,  kDollar,  kLongColumn};
}

inline const QString kPrimaryKey = QStringLiteral("pk \"Order\"; drop");
inline const QString kUnique = QStringLiteral("uq it's");            // missing in the target
inline const QString kCheck = QStringLiteral("ck a.b -- positive");  // other expression there
inline const QString kForeignKey = QStringLiteral("fk;user");        // missing in the target
inline const QString kIndex = QStringLiteral("ix Größe/🚀");         // missing in the target
inline const QString kExpressionIndex = QStringLiteral("ix lower(\"say\")");
inline const QString kMissingKey = QStringLiteral("fk 表 → Order");

/// PostgreSQL enum types (SQLite has none: the column is VARCHAR there).
inline const QString kEnum = QStringLiteral("Stimmung \"Größe\"");
inline const QString kMissingEnum = QStringLiteral("Laune it's"); // only the missing table uses it
/// The longest label by UTF-16 units (15 emoji: 30 units, 60 bytes) is not the longest by
/// characters (kLongLabel: 21): SQLAlchemy sizes a non-native Enum's VARCHAR by characters.
inline QStringList enumLabels()
{
    return {QStringLiteral("it's"),    QStringLiteral("say \"hi\""), QStringLiteral("back\\slash"),
            QStringLiteral("semi;colon -- x"), QStringLiteral("🚀").repeated(15),
            QStringLiteral("Größe"),   QStringLiteral("select"),     QStringLiteral("dollar$$"),
            kLongLabel};
}

/// SQL's own rule, written out here on purpose (see the file comment).
inline QString q(QString name)
{
    return QLatin1Char('"') + name.replace(QLatin1Char('"'), QLatin1String("\"\"")) +
           QLatin1Char('"');
}

inline QString lit(QString text)
{
    return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QLatin1String("''")) +
           QLatin1Char('\'');
}

/// The statements building the reference (`reference`) or the drifted target schema;
/// `schema` is the PostgreSQL schema (empty for SQLite).
inline QStringList schemaStatements(bool postgres, bool reference, const QString &schema = {})
{
    const QString p = postgres ? q(schema) + QLatin1Char('.') : QString();
    auto labels = [](const QStringList &list) {
        QStringList out;
        for (const QString &label : list)
            out.append(lit(label));
        return out.join(QStringLiteral(", "));
    };
    QStringList sql;
    QString enumType = QStringLiteral("varchar(40)");
    if (postgres) {
        sql.append(QStringLiteral("CREATE TYPE %1%2 AS ENUM (%3)").arg(p, q(kEnum), labels(enumLabels())));
        enumType = p + q(kEnum);
        if (reference) {
            QStringList reversed = enumLabels();
            std::reverse(reversed.begin(), reversed.end());
            sql.append(QStringLiteral("CREATE TYPE %1%2 AS ENUM (%3)").arg(p, q(kMissingEnum), labels(reversed)));
        }
    }
    sql.append(QStringLiteral("CREATE TABLE %1%2 (id integer PRIMARY KEY)").arg(p, q(kUserTable)));
    QStringList items = {
        q(kKey) + QStringLiteral(" integer NOT NULL"),
        q(kQuoted) + QStringLiteral(" text"),
        q(kDotted) + QStringLiteral(" integer"),
        q(kMixedCase) + (reference ? QStringLiteral(" bigint") : QStringLiteral(" integer")),
        q(kGroesse) + QStringLiteral(" text"),
        q(kHan) + QStringLiteral(" text"),
        q(kEmoji) + QStringLiteral(" text"),
        q(kOrder) + QLatin1Char(' ') + enumType,
        q(kUser) + QStringLiteral(" integer"),
        q(kGroup) + QStringLiteral(" text"),
        q(kBackslash) + QStringLiteral(" text"),
        q(kComment) + QStringLiteral(" text"),
        q(kDollar) + QStringLiteral(" text"),
        q(kLongColumn) + QStringLiteral(" integer"),
        QStringLiteral("CONSTRAINT %1 PRIMARY KEY (%2)").arg(q(kPrimaryKey), q(kKey)),
        QStringLiteral("CONSTRAINT %1 CHECK (%2 %3 0)")
            .arg(q(kCheck), q(kDotted), reference ? QStringLiteral(">") : QStringLiteral(">=")),
    };
    if (reference) {
        items.insert(2, q(kApostrophe) + QStringLiteral(" text"));
        items.append(QStringLiteral("CONSTRAINT %1 UNIQUE (%2, %3)").arg(q(kUnique), q(kGroesse), q(kHan)));
        items.append(QStringLiteral("CONSTRAINT %1 FOREIGN KEY (%2) REFERENCES %3%4 (id)")
                         .arg(q(kForeignKey), q(kUser), p, q(kUserTable)));
    }
    sql.append(QStringLiteral("CREATE TABLE %1%2 (\n    %3\n)")
                   .arg(p, q(kTable), items.join(QStringLiteral(",\n    "))));
    // PostgreSQL names the index schema-qualified only through its table; SQLite not at all.
    const QString on = p + q(kTable);
    sql.append(QStringLiteral("CREATE INDEX %1 ON %2 (%3, %4)").arg(q(kLongIndex), on, q(kBackslash), q(kComment)));
    sql.append(QStringLiteral("CREATE INDEX %1 ON %2 (lower(%3))").arg(q(kExpressionIndex), on, q(kQuoted)));
    if (reference)
        sql.append(QStringLiteral("CREATE INDEX %1 ON %2 (%3, %4 DESC)").arg(q(kIndex), on, q(kMixedCase), q(kEmoji)));
    sql.append(QStringLiteral("CREATE TABLE %1%2 (%3 integer PRIMARY KEY)").arg(p, q(kLongTable), q(kLongColumn)));
    if (reference) {
        sql.append(QStringLiteral("CREATE TABLE %1%2 (id integer PRIMARY KEY, %3 %4, %5 integer "
                                  "CONSTRAINT %6 REFERENCES %1%7 (%8))")
                       .arg(p, q(kMissingTable), q(kGroesse),
                            postgres ? p + q(kMissingEnum) : QStringLiteral("varchar(40)"),
                            q(kKey), q(kMissingKey), q(kTable), q(kKey)));
    }
    // A row, so the repairs run on a table with data.
    sql.append(QStringLiteral("INSERT INTO %1%2 VALUES (7)").arg(p, q(kUserTable)));
    sql.append(QStringLiteral("INSERT INTO %1%2 (%3, %4, %5, %6, %7, %8) VALUES (1, 'ä \"x\" ''y''', 5, 'G', 'x', 7)")
                   .arg(p, q(kTable), q(kKey), q(kQuoted), q(kDotted), q(kGroesse), q(kHan), q(kUser)));
    return sql;
}

/// Runs each statement, failing the test with the one that did not run.
inline bool run(DbConnection &connection, const QStringList &statements)
{
    for (const QString &statement : statements) {
        QSqlQuery query(connection.database());
        if (!query.exec(statement)) {
            QTest::qFail(qPrintable(statement + QStringLiteral("\n") + query.lastError().text()),
                         __FILE__, __LINE__);
            return false;
        }
    }
    return true;
}

/// A finding as (kind, table, object): what the check must report, by name.
using FindingNames = std::set<std::tuple<QString, QString, QString>>;

/// The drift between reference and target, one finding per difference.
inline FindingNames expectedFindings()
{
    return {
        {QStringLiteral("missing_table"), kMissingTable, QString()},
        {QStringLiteral("missing_column"), kTable, kApostrophe},
        {QStringLiteral("missing_index"), kTable, kIndex},
        {QStringLiteral("missing_unique"), kTable, kUnique},
        {QStringLiteral("missing_check"), kTable, kCheck},
        {QStringLiteral("missing_foreign_key"), kTable, kForeignKey},
        {QStringLiteral("type_mismatch"), kTable, kMixedCase},
    };
}

/// A Python string literal: "…" with backslash and double quote escaped, the rest as is
/// (the revision file is UTF-8, Python 3's default source encoding).
inline QString py(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

/// The reference schema (without the missing table) as one Alembic revision of op.* calls
/// (PostgreSQL: in the default schema); `extraUpgrade` is appended to upgrade().
inline QString alembicRevision(bool postgres, const QString &revision,
                               const QString &downRevision, const QString &extraUpgrade = {})
{
    QStringList enumArgs;
    for (const QString &label : enumLabels())
        enumArgs.append(py(label));
    const QString enumType =
        QStringLiteral("sa.Enum(%1, name=%2)").arg(enumArgs.join(QStringLiteral(", ")), py(kEnum));
    QStringList columns = {
        QStringLiteral("sa.Column(%1, sa.Integer(), nullable=False)").arg(py(kKey)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kQuoted)),
        QStringLiteral("sa.Column(%1, sa.Integer())").arg(py(kDotted)),
        QStringLiteral("sa.Column(%1, sa.BigInteger())").arg(py(kMixedCase)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kGroesse)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kHan)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kEmoji)),
        QStringLiteral("sa.Column(%1, %2)").arg(py(kOrder), enumType),
        QStringLiteral("sa.Column(%1, sa.Integer())").arg(py(kUser)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kGroup)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kBackslash)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kComment)),
        QStringLiteral("sa.Column(%1, sa.Text())").arg(py(kDollar)),
        QStringLiteral("sa.Column(%1, sa.Integer())").arg(py(kLongColumn)),
        QStringLiteral("sa.PrimaryKeyConstraint(%1, name=%2)").arg(py(kKey), py(kPrimaryKey)),
        QStringLiteral("sa.CheckConstraint('\"a.b\" > 0', name=%1)").arg(py(kCheck)),
    };
    // SQLite cannot ALTER constraints: Alembic's batch mode rebuilds the table there.
    const QString constraints =
        postgres ? QStringLiteral("    op.create_unique_constraint(%1, %2, [%3, %4])\n"
                                  "    op.create_foreign_key(%5, %2, %6, [%7], [\"id\"])\n")
                 : QStringLiteral("    with op.batch_alter_table(%2) as batch_op:\n"
                                  "        batch_op.create_unique_constraint(%1, [%3, %4])\n"
                                  "        batch_op.create_foreign_key(%5, %6, [%7], [\"id\"])\n");
    const QString body =
        QStringLiteral(R"PY(
    op.create_table(%1, sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table(
        %2,
        %3,
    )
    op.add_column(%2, sa.Column(%4, sa.Text()))
)PY")
            .arg(py(kUserTable), py(kTable), columns.join(QStringLiteral(",\n        ")),
                 py(kApostrophe)) +
        constraints.arg(py(kUnique), py(kTable), py(kGroesse), py(kHan), py(kForeignKey),
                        py(kUserTable), py(kUser)) +
        QStringLiteral("    op.create_index(%1, %2, [%3, sa.text('\"🚀 launch\" DESC')])\n"
                       "    op.create_index(%4, %2, [%5, %6])\n"
                       "    op.create_index(%7, %2, [sa.text('lower(\"say \"\"hi\"\"\")')])\n"
                       "    op.create_table(%8, sa.Column(%9, sa.Integer(), primary_key=True))\n")
            .arg(py(kIndex), py(kTable), py(kMixedCase), py(kLongIndex), py(kBackslash),
                 py(kComment), py(kExpressionIndex), py(kLongTable), py(kLongColumn));
    return QStringLiteral("\"\"\"hostile names\n\nRevision ID: %1\nRevises: %2\n\"\"\"\n"
                          "from alembic import op\nimport sqlalchemy as sa\n\n"
                          "revision = \"%1\"\ndown_revision = %3\nbranch_labels = None\n"
                          "depends_on = None\n\n\ndef upgrade():\n%4%5\n\ndef downgrade():\n    pass\n")
        .arg(revision, downRevision,
             downRevision.isEmpty() ? QStringLiteral("None") : py(downRevision), body,
             extraUpgrade);
}

inline bool writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QTest::qFail(qPrintable(QStringLiteral("cannot write ") + path), __FILE__, __LINE__);
        return false;
    }
    file.write(text.toUtf8());
    return true;
}

} // namespace migconsole::test::hostile
