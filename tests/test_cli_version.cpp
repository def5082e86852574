// `migconsole --version` (issue #7): the program's version, then the Qt, QScintilla and
// spdlog versions — what a bug report needs — without needing a display.

#include "TestSupport.h"

#include <spdlog/version.h>

#include <QRegularExpression>
#include <QTest>

// The test links core only; QScintilla's version header sits below Qt's include root on
// Debian, so compare exactly when it is reachable and check the shape otherwise.
#if __has_include(<Qsci/qsciglobal.h>)
#include <Qsci/qsciglobal.h>
#endif

using namespace migconsole::test;

class TestCliVersion : public QObject
{
    Q_OBJECT

private slots:
    void printsFourVersionLines()
    {
        QByteArray out, err;
        // An X11 platform with no display: if --version ever built a QApplication, it
        // would abort here instead of printing.
        const int code = runMigconsole({QStringLiteral("--version")}, &out, &err,
                                       {QStringLiteral("QT_QPA_PLATFORM=xcb"), QStringLiteral("DISPLAY="),
                                        QStringLiteral("WAYLAND_DISPLAY=")});
        QVERIFY2(code == 0, err.constData());
        QVERIFY2(err.isEmpty(), err.constData());

        const QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QStringLiteral("migconsole " MIGCONSOLE_VERSION));
        // The binary and this test load the same Qt libraries, so the runtime versions match.
        QCOMPARE(lines[1], QStringLiteral("Qt %1 (runtime %2)")
                               .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
#ifdef QSCINTILLA_VERSION_STR
        QCOMPARE(lines[2], QStringLiteral("QScintilla " QSCINTILLA_VERSION_STR));
#else
        QVERIFY2(QRegularExpression(QStringLiteral("^QScintilla \\d+\\.\\d+\\.\\d+$")).match(lines[2]).hasMatch(),
                 qPrintable(lines[2]));
#endif
        QCOMPARE(lines[3], QStringLiteral("spdlog %1.%2.%3")
                               .arg(SPDLOG_VER_MAJOR)
                               .arg(SPDLOG_VER_MINOR)
                               .arg(SPDLOG_VER_PATCH));
    }
};

QTEST_GUILESS_MAIN(TestCliVersion)
#include "test_cli_version.moc"
