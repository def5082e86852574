#include "ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace migconsole {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent), m_text(new QLabel(this)), m_detail(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral(
        "#errorBanner { background: #fde8e8; border: 1px solid #d04040; border-radius: 3px; }"
        "#errorBanner QLabel { color: #601010; }"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(24, 24));
    for (QLabel *label : {m_text, m_detail}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText); // driver messages are not markup
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont bold = m_text->font();
    bold.setBold(true);
    m_text->setFont(bold);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_text);
    texts->addWidget(m_detail);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("Dismiss"));
    connect(close, &QToolButton::clicked, this, &ErrorBanner::dismiss);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void ErrorBanner::showError(const Error &error)
{
    // First what happened in plain words; then the driver's own text for the expert, its
    // lines trimmed (libpq indents continuation lines with tabs).
    QStringList detail;
    for (const QString &line : error.detail.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        detail.append(line.trimmed());
    m_text->setText(error.message);
    m_detail->setText(detail.join(QLatin1Char('\n')));
    m_detail->setVisible(!detail.isEmpty());
    show();
}

void ErrorBanner::dismiss()
{
    hide();
    m_text->clear();
    m_detail->clear();
}

QString ErrorBanner::text() const
{
    if (isHidden())
        return {};
    return m_detail->text().isEmpty() ? m_text->text()
                                      : m_text->text() + QLatin1Char('\n') + m_detail->text();
}

} // namespace migconsole
