// The Audit tab reads back what the executor recorded: newest first, failures marked, the
// full statement in the tooltip, and new records shown after a reload.

#include "AuditPane.h"
#include "fix/AuditLog.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace migconsole;

class GuiTestAuditPane : public QObject
{
    Q_OBJECT

private slots:
    void showsRecordsNewestFirst()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.log"));
        qputenv("MIGCONSOLE_AUDIT_LOG", path.toUtf8());
        AuditPane pane(path);
        QCOMPARE(pane.list()->topLevelItemCount(), 0);

        auditRecord(QStringLiteral("postgresql://app:s3cret@db/app"), QStringLiteral("apply begin"), QStringLiteral("2 statement(s)"));
        auditRecord(QStringLiteral("postgresql://app:***@db/app"), QStringLiteral("statement failed"),
                    QStringLiteral("ALTER TABLE t ADD COLUMN c int\n-- error: boom"));
        pane.reload();
        QCOMPARE(pane.list()->topLevelItemCount(), 2);
        const QTreeWidgetItem *newest = pane.list()->topLevelItem(0);
        QCOMPARE(newest->text(3), QStringLiteral("statement failed"));
        QCOMPARE(newest->text(4), QStringLiteral("ALTER TABLE t ADD COLUMN c int"));
        QVERIFY(newest->toolTip(4).contains(QStringLiteral("boom")));
        QVERIFY(newest->foreground(3).color() != pane.list()->topLevelItem(1)->foreground(3).color());
        // Even a careless caller's password never reaches the file or the screen.
        QCOMPARE(pane.list()->topLevelItem(1)->text(2), QStringLiteral("postgresql://app:***@db/app"));

        const QList<AuditEntry> entries = readAuditLog(path, 1);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().event, QStringLiteral("statement failed"));
    }
};

QTEST_MAIN(GuiTestAuditPane)
#include "gui_test_audit_pane.moc"
