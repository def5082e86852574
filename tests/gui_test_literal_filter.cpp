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

#include <functional>

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

    void hasChildrenAgreesWithTheFilteredRows()
    {
        // hasChildren answers from the source (no mapping); it must agree with the rows the
        // filter really leaves under every visible row, at every depth.
        QStandardItemModel model;
        auto *ns = new QStandardItem(QStringLiteral("public"));
        model.appendRow(ns);
        for (int i = 0; i < 40; ++i) {
            auto *table = new QStandardItem(QStringLiteral("%1_%2").arg(i % 3 ? QStringLiteral("orders") : QStringLiteral("users")).arg(i));
            if (i % 4 != 0) { // some tables have no children at all
                table->appendRow(new QStandardItem(i % 5 ? QStringLiteral("id") : QStringLiteral("order_ref")));
                auto *group = new QStandardItem(QStringLiteral("Indexes"));
                if (i % 2)
                    group->appendRow(new QStandardItem(QStringLiteral("ix_%1_order").arg(i)));
                table->appendRow(group);
            }
            ns->appendRow(table);
        }
        LiteralFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setAutoAcceptChildRows(true);
        for (const QString &text : {QStringLiteral("order"), QStringLiteral("users"), QStringLiteral("ix_"),
                                    QStringLiteral("nothing"), QString()}) {
            proxy.setFilterRegularExpression(QRegularExpression(
                QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
            int checked = 0;
            std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
                for (int row = 0; row < proxy.rowCount(parent); ++row) {
                    const QModelIndex index = proxy.index(row, 0, parent);
                    QCOMPARE(proxy.hasChildren(index), proxy.rowCount(index) > 0);
                    ++checked;
                    walk(index);
                }
            };
            walk({});
            if (text != QLatin1String("nothing"))
                QVERIFY(checked > 1);
        }
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
