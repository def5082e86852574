#pragma once

#include "db/DbConnection.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace migconsole {

/// Asks before the console writes to a database (Apply, Mark applied): names the database
/// and what will be written, shows the exact SQL when there is one, and — for a connection
/// tagged production — enables OK only once the database's name has been typed (SCREENS.md).
class ConfirmWriteDialog : public QDialog
{
    Q_OBJECT
public:
    /// `action`: the verb on the OK button and in the title ("Apply", "Mark applied");
    /// `question`: one sentence on what happens; `sql`: the statements (may be empty).
    ConfirmWriteDialog(const ConnectionSettings &connection, const QString &action,
                       const QString &question, const QString &sql, QWidget *parent = nullptr);

    /// The name the operator types for a production connection: the database name, or the
    /// file name (not the whole path) of an SQLite database.
    static QString confirmationName(const ConnectionUrl &url);

    QPushButton *okButton() const;
    /// Null unless the connection is tagged production.
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *sqlView() const { return m_sql; }
    /// The text naming the database and the action (for tests and screen readers).
    QString questionText() const;

private:
    void updateOk();

    QLabel *m_question;
    QPlainTextEdit *m_sql = nullptr;
    QLineEdit *m_name = nullptr;
    QDialogButtonBox *m_buttons;
    QString m_expectedName;
};

} // namespace migconsole
