#include "AuditPane.h"

#include "fix/AuditLog.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace migconsole {

namespace {

enum Column { TimeColumn, UserColumn, DatabaseColumn, EventColumn, DetailColumn };

} // namespace

AuditPane::AuditPane(const QString &path, QWidget *parent)
    : QWidget(parent), m_path(path.isEmpty() ? auditLogPath() : path), m_list(new QTreeWidget(this)),
      m_location(new QLabel(this)), m_watcher(new QFileSystemWatcher(this))
{
    m_list->setObjectName(QStringLiteral("auditList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Time (UTC)"), tr("User"), tr("Database"), tr("Event"), tr("Statement / detail")});
    m_list->header()->setStretchLastSection(true);
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *reloadButton = new QPushButton(tr("Reload"), this);
    connect(reloadButton, &QPushButton::clicked, this, &AuditPane::reload);

    auto *top = new QHBoxLayout;
    top->addWidget(m_location, 1);
    top->addWidget(reloadButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_list);

    // The file may not exist yet: watch its folder too, so the first write shows up.
    m_watcher->addPath(QFileInfo(m_path).absolutePath());
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &AuditPane::reload);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &AuditPane::reload);
    reload();
}

void AuditPane::reload()
{
    if (QFileInfo::exists(m_path) && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    const QList<AuditEntry> entries = readAuditLog(m_path);
    m_location->setText(entries.isEmpty() ? tr("Nothing written yet — the audit log is %1").arg(m_path)
                                          : tr("%n record(s) in %1", nullptr, int(entries.size())).arg(m_path));
    m_list->clear();
    QList<QTreeWidgetItem *> items;
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) { // newest first
        const QString time = QDateTime::fromString(it->time, Qt::ISODateWithMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        auto *item = new QTreeWidgetItem({time, it->user, it->database, it->event,
                                          it->detail.section(QLatin1Char('\n'), 0, 0)});
        item->setToolTip(DetailColumn, it->detail);
        if (it->event.contains(QLatin1String("failed")) || it->event == QLatin1String("error"))
            item->setForeground(EventColumn, QColor(0xc6, 0x28, 0x28));
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    for (int column = TimeColumn; column < DetailColumn; ++column)
        m_list->resizeColumnToContents(column);
}

} // namespace migconsole
