#include "ConfirmWriteDialog.h"

#include "ProfilePresentation.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace migconsole {

ConfirmWriteDialog::ConfirmWriteDialog(const ConnectionSettings &connection, const QString &action,
                                       const QString &question, const QString &sql, QWidget *parent)
    : QDialog(parent), m_question(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    const bool production = connection.production;
    setWindowTitle(QStringLiteral("%1 — %2").arg(action, connection.url.toDisplayString()));
    m_question->setTextFormat(Qt::PlainText); // URLs and ids are data, never markup
    m_question->setWordWrap(true);
    m_question->setText(QStringLiteral("%1\n\nDatabase: %2%3")
                            .arg(question, connection.url.toDisplayString(),
                                 production ? QStringLiteral("  (PRODUCTION)") : QString()));

    auto *layout = new QVBoxLayout(this);
    if (production) {
        auto *band = new QLabel(QStringLiteral("PRODUCTION"), this);
        band->setAlignment(Qt::AlignCenter);
        band->setStyleSheet(
            QStringLiteral("background: %1; color: white; font-weight: bold; padding: 4px;").arg(kProductionRed));
        layout->addWidget(band);
    }
    layout->addWidget(m_question);
    if (!sql.isEmpty()) {
        m_sql = new QPlainTextEdit(sql, this);
        m_sql->setReadOnly(true);
        m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_sql->setAccessibleName(QStringLiteral("SQL to run"));
        layout->addWidget(m_sql, 1);
    }
    if (production) {
        m_expectedName = confirmationName(connection.url);
        auto *prompt = new QLabel(
            QStringLiteral("This connection is tagged production. Type the database name, %1, "
                           "to confirm:")
                .arg(m_expectedName),
            this);
        prompt->setTextFormat(Qt::PlainText);
        prompt->setWordWrap(true);
        m_name = new QLineEdit(this);
        m_name->setPlaceholderText(m_expectedName);
        m_name->setAccessibleName(QStringLiteral("Database name to confirm"));
        layout->addWidget(prompt);
        layout->addWidget(m_name);
        connect(m_name, &QLineEdit::textChanged, this, &ConfirmWriteDialog::updateOk);
    }
    layout->addWidget(m_buttons);

    okButton()->setText(action);
    // Nothing is written by pressing Enter by mistake: Cancel is the default.
    okButton()->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
    resize(640, m_sql ? 420 : sizeHint().height());
}

QString ConfirmWriteDialog::confirmationName(const ConnectionUrl &url)
{
    return url.dialect == Dialect::SQLite ? QFileInfo(url.database).fileName() : url.database;
}

QPushButton *ConfirmWriteDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString ConfirmWriteDialog::questionText() const
{
    return m_question->text();
}

void ConfirmWriteDialog::updateOk()
{
    okButton()->setEnabled(!m_name || m_name->text() == m_expectedName);
}

} // namespace migconsole
