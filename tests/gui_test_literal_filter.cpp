// LiteralFilterProxy: the text typed in a filter box is matched literally and without case,
// as the regular expression ViewFilter sets would, but without the regex engine; and a
// filter change on a large tree (reset instead of row-by-row updates) keeps the current row.

#include "LiteralFilterProxy.h"
#include "ViewFilter.h"

#include <QLineEdit>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace migconsole;

class TestLiteralFilter : public QObject
{
    Q_OBJECT

    static QStringList visible(const QSortFilterProxyModel &proxy)
    {
        QStringList names;
        for (int row = 0; row < proxy.rowCount(); ++row)
            names.append(proxy.index(row, 0).data().toString());
        return names;
    }

private slots:
    void matchesLiterallyAndIgnoresCase()
    {
        QStandardItemModel model;
        for (const char *name : {"orders.total", "ordersXtotal", "Straße", "STRASSE", "a(b", "back\\slash",
                                 "ÄRGER"})
            model.appendRow(new QStandardItem(QString::fromUtf8(name)));
        LiteralFilterProxy proxy;
        proxy.setSourceModel(&model);
        const auto filter = [&](const QString &text) {
            proxy.setFilterRegularExpression(QRegularExpression(
                QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
            return visible(proxy);
        };
        // '.' is a dot, not "any character".
        QCOMPARE(filter(QStringLiteral("s.t")), QStringList{QStringLiteral("orders.total")});
        QCOMPARE(filter(QStringLiteral("A(B")), QStringList{QStringLiteral("a(b")});
        QCOMPARE(filter(QStringLiteral("k\\s")), QStringList{QStringLiteral("back\\slash")});
        QCOMPARE(filter(QStringLiteral("ärg")), QStringList{QString::fromUtf8("ÄRGER")});
        QCOMPARE(filter(QStringLiteral("ORDERS")).size(), 2);
        QCOMPARE(filter(QString()).size(), model.rowCount());
        // Case-sensitive when the expression says so.
        proxy.setFilterRegularExpression(QRegularExpression(QStringLiteral("orders")));
        QCOMPARE(visible(proxy).size(), 2);
        proxy.setFilterRegularExpression(QRegularExpression(QStringLiteral("ORDERS")));
        QVERIFY(visible(proxy).isEmpty());
    }

    void largeTreeKeepsTheCurrentRowAcrossAFilter()
    {
        QStandardItemModel model;
        auto *ns = new QStandardItem(QStringLiteral("public"));
        model.appendRow(ns);
        const int tables = ViewFilter::kResetAboveRows + 500; // takes the reset path
        for (int i = 0; i < tables; ++i) {
            auto *table = new QStandardItem(QStringLiteral("table_%1").arg(i));
            table->appendRow(new QStandardItem(i % 2 ? QStringLiteral("order_id") : QStringLiteral("id")));
            ns->appendRow(table);
        }
        LiteralFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setAutoAcceptChildRows(true);
        QTreeView view;
        view.setModel(&proxy);
        QLineEdit edit;
        ViewFilter filter(&edit, &proxy, &view, nullptr);
        const QModelIndex wanted = model.index(7, 0, model.index(0, 0)); // table_7: has order_id
        view.setCurrentIndex(proxy.mapFromSource(wanted));
        edit.setText(QStringLiteral("ORDER"));
        filter.apply();
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), tables / 2); // the odd tables
        QCOMPARE(proxy.mapToSource(view.currentIndex()), wanted);
        edit.clear();
        filter.apply();
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), tables);
        QCOMPARE(proxy.mapToSource(view.currentIndex()), wanted);
    }
};

QTEST_MAIN(TestLiteralFilter)
#include "gui_test_literal_filter.moc"
