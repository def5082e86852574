#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace migconsole {

ShortcutsDialog::ShortcutsDialog(QWidget *window) : QDialog(window), m_table(new QTableWidget(this))
{
    setWindowTitle(QStringLiteral("Keyboard shortcuts"));
    struct Row
    {
        QString action;
        QString keys;
    };
    QList<Row> rows;
    QSet<QString> seen;
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty())
            continue;
        const QString name = action->text().remove(QLatin1Char('&'));
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        if (seen.contains(name + keys))
            continue;
        seen.insert(name + keys);
        rows.append({name, keys});
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.action.compare(b.action, Qt::CaseInsensitive) < 0;
    });

    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({QStringLiteral("Action"), QStringLiteral("Keys")});
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows.at(i).action));
        m_table->setItem(i, 1, new QTableWidgetItem(rows.at(i).keys));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(460, 480);
}

} // namespace migconsole
