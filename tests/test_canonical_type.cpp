// Canonical type names: aliases compare equal, everything else stays distinct.

#include "schema/CanonicalType.h"

#include <QTest>

using namespace migconsole;

class TestCanonicalType : public QObject
{
    Q_OBJECT

private slots:
    void aliases_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("int4") << "int4" << "integer";
        QTest::newRow("INTEGER") << "INTEGER" << "integer";
        QTest::newRow("int") << "int" << "integer";
        QTest::newRow("serial") << "serial" << "integer";
        QTest::newRow("int8") << "int8" << "bigint";
        QTest::newRow("bigserial") << "BIGSERIAL" << "bigint";
        QTest::newRow("int2") << "int2" << "smallint";
        QTest::newRow("float8") << "float8" << "double precision";
        QTest::newRow("float4") << "float4" << "real";
        QTest::newRow("bool") << "bool" << "boolean";
        QTest::newRow("character varying(64)") << "character varying(64)" << "varchar(64)";
        QTest::newRow("VARCHAR(64)") << "VARCHAR(64)" << "varchar(64)";
        QTest::newRow("varchar no length") << "character varying" << "varchar";
        QTest::newRow("bpchar") << "bpchar(2)" << "char(2)";
        QTest::newRow("character(3)") << "character(3)" << "char(3)";
        QTest::newRow("decimal") << "DECIMAL(10, 2)" << "numeric(10,2)";
        QTest::newRow("numeric spaced") << "numeric( 12 ,2 )" << "numeric(12,2)";
        QTest::newRow("timestamptz") << "timestamp with time zone" << "timestamptz";
        QTest::newRow("timestamptz precision") << "timestamp(3) with time zone" << "timestamptz(3)";
        QTest::newRow("timestamp") << "timestamp without time zone" << "timestamp";
        QTest::newRow("datetime") << "DATETIME" << "timestamp";
        QTest::newRow("timetz") << "time with time zone" << "timetz";
        QTest::newRow("bit varying") << "bit varying(8)" << "varbit(8)";
        QTest::newRow("array") << "integer[]" << "integer[]";
        QTest::newRow("internal array") << "_int4" << "integer[]";
        QTest::newRow("varchar array") << "character varying(20)[]" << "varchar(20)[]";
        QTest::newRow("2d array") << "text[][]" << "text[][]";
        QTest::newRow("uuid") << "UUID" << "uuid";
        QTest::newRow("jsonb") << "jsonb" << "jsonb";
        QTest::newRow("whitespace") << "  double   precision " << "double precision";
        QTest::newRow("qualified user type") << "public.mood" << "public.mood";
        QTest::newRow("quoted user type kept") << "\"MyEnum\"" << "\"MyEnum\"";
    }
    void aliases()
    {
        QFETCH(QString, raw);
        QTEST(canonicalType(Dialect::PostgreSQL, raw), "canonical");
    }

    void distinctTypesStayDistinct()
    {
        QVERIFY(canonicalType(Dialect::PostgreSQL, QStringLiteral("varchar(36)")) !=
                canonicalType(Dialect::PostgreSQL, QStringLiteral("uuid")));
        QVERIFY(canonicalType(Dialect::PostgreSQL, QStringLiteral("varchar(36)")) !=
                canonicalType(Dialect::PostgreSQL, QStringLiteral("varchar(64)")));
        QVERIFY(canonicalType(Dialect::PostgreSQL, QStringLiteral("timestamp")) !=
                canonicalType(Dialect::PostgreSQL, QStringLiteral("timestamptz")));
        QVERIFY(canonicalType(Dialect::PostgreSQL, QStringLiteral("int4")) !=
                canonicalType(Dialect::PostgreSQL, QStringLiteral("int8")));
    }

    void idempotent()
    {
        for (const char *raw : {"character varying(64)", "timestamp(3) with time zone", "_int8",
                                "DECIMAL(10, 2)", "public.mood"}) {
            const QString once = canonicalType(Dialect::PostgreSQL, QString::fromLatin1(raw));
            QCOMPARE(canonicalType(Dialect::PostgreSQL, once), once);
        }
    }
};

QTEST_APPLESS_MAIN(TestCanonicalType)
#include "test_canonical_type.moc"
