#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace migconsole {

class LogSignalRelay;

/// The Log dock: spdlog's records as they happen (core's LogSignalRelay), newest last,
/// keeping the last few thousand lines.
class LogPane : public QWidget
{
    Q_OBJECT
public:
    /// Listens to `relay` (queued: records arrive from whatever thread logged). A null relay
    /// leaves the pane fed only by appendMessage().
    explicit LogPane(LogSignalRelay *relay, QWidget *parent = nullptr);

    /// `level` is a spdlog::level::level_enum value.
    void appendMessage(int level, const QString &text);
    QPlainTextEdit *textEdit() const { return m_text; }

    static constexpr int kMaximumLines = 5000;

private:
    QPlainTextEdit *m_text;
};

} // namespace migconsole
