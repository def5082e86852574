#pragma once

#include <QDialog>

class QTableWidget;

namespace migconsole {

/// Help ▸ Keyboard shortcuts: every action of the window that has a shortcut, read from
/// the actions themselves so the list can never disagree with what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace migconsole
