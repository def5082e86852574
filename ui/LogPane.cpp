#include "LogPane.h"

#include "log/Logging.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>
#include <spdlog/common.h>

namespace migconsole {

LogPane::LogPane(LogSignalRelay *relay, QWidget *parent)
    : QWidget(parent), m_text(new QPlainTextEdit(this))
{
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(kMaximumLines); // a long session must not grow without end
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setAccessibleName(QStringLiteral("Log"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    if (relay)
        connect(relay, &LogSignalRelay::messageLogged, this, &LogPane::appendMessage,
                Qt::QueuedConnection);
}

void LogPane::appendMessage(int level, const QString &text)
{
    // Follow the tail only when the operator is already at the bottom: scrolling back to
    // read something must not be yanked away by the next record.
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();

    QTextCharFormat format;
    if (level >= spdlog::level::err)
        format.setForeground(QColor(0xb0, 0x20, 0x20));
    else if (level == spdlog::level::warn)
        format.setForeground(QColor(0x9a, 0x60, 0x00));
    else if (level <= spdlog::level::debug)
        format.setForeground(m_text->palette().color(QPalette::Disabled, QPalette::Text));
    // The level name is part of the text itself, so the colour is never the only cue.
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_text->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, format);

    if (atBottom)
        bar->setValue(bar->maximum());
}

} // namespace migconsole
