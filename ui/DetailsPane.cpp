#include "DetailsPane.h"

#include "DriftPresentation.h"
#include "GuidanceView.h"
#include "SchemaPresentation.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>

namespace migconsole {

namespace {

using Kind = SchemaNodeKind;
using namespace presentation;

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString orNone(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString list(const QStringList &items)
{
    return orNone(items.join(QStringLiteral(", ")));
}

QString qualified(const Namespace &ns, const QString &name)
{
    return ns.name + QLatin1Char('.') + name;
}

/// What guidance reads before any check has run: no history, no steps.
const DriftReport &noReport()
{
    static const DriftReport empty;
    return empty;
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_kind(new QLabel(this)),
      m_hint(new QLabel(this)), m_scroll(new QScrollArea(this)), m_sectionsBox(new QWidget),
      m_sections(new QVBoxLayout(m_sectionsBox)), m_factsBox(new QWidget),
      m_facts(new QFormLayout(m_factsBox)), m_editor(new QsciScintilla(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText); // object names are data, never markup
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_kind->setTextFormat(Qt::PlainText);
    QFont kindFont = m_kind->font();
    kindFont.setItalic(true); // a subtitle, not a fact
    m_kind->setFont(kindFont);

    m_hint->setText(QStringLiteral("Select an object in the schema tree to see its details."));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    setUpForm(m_facts);
    m_sections->setContentsMargins(0, 0, 0, 0);

    // Its own lexer per editor (house style); monospace, no editing: this is a viewer.
    auto *lexer = new QsciLexerSQL(m_editor);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    m_editor->setLexer(lexer);
    m_editor->setReadOnly(true);
    m_editor->setWrapMode(QsciScintilla::WrapWord);
    m_editor->setMarginWidth(0, 0);
    m_editor->setMarginWidth(1, 0);
    m_editor->setAccessibleName(QStringLiteral("View definition"));

    // Findings (with their guidance) first, then the object's facts: what is wrong and what
    // to do come first. They scroll together when they outgrow the dock; the view editor has
    // its own scroll bars, so it stays outside.
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_sectionsBox);
    contentLayout->addWidget(m_factsBox);
    contentLayout->addStretch();
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_kind);
    layout->addWidget(m_hint);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_editor, 1);
    layout->addStretch();
    clear();
}

void DetailsPane::clear()
{
    while (m_facts->rowCount() > 0)
        m_facts->removeRow(0);
    while (QLayoutItem *item = m_sections->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->deleteLater(); // a link in it may be the one being clicked
        }
        delete item;
    }
    m_shown.clear();
    m_origins.clear();
    m_findingCount = 0;
    m_title->clear();
    m_kind->clear();
    m_title->hide();
    m_kind->hide();
    m_scroll->hide();
    m_editor->clear();
    m_editor->hide();
    m_hint->show();
}

void DetailsPane::setDriftReport(const DriftReport &report)
{
    m_report = std::make_shared<const DriftReport>(report);
}

QList<GuidanceView *> DetailsPane::guidanceViews() const
{
    QList<GuidanceView *> views;
    for (int i = 0; i < m_sections->count(); ++i) {
        if (auto *view = qobject_cast<GuidanceView *>(m_sections->itemAt(i)->widget()))
            views.append(view);
    }
    return views;
}

void DetailsPane::setUpForm(QFormLayout *form)
{
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

QFormLayout *DetailsPane::addSection()
{
    auto *box = new QWidget(m_sectionsBox);
    auto *form = new QFormLayout(box);
    setUpForm(form);
    m_sections->addWidget(box);
    return form;
}

QString DetailsPane::title() const
{
    return m_title->text();
}

QString DetailsPane::fact(const QString &label) const
{
    for (const auto &[shownLabel, value] : m_shown) {
        if (shownLabel == label)
            return value;
    }
    return {};
}

QStringList DetailsPane::factLabels() const
{
    QStringList labels;
    for (const auto &shown : m_shown)
        labels.append(shown.first);
    return labels;
}

QLabel *DetailsPane::addFact(const QString &label, const QString &value, QFormLayout *form)
{
    if (!form)
        form = m_facts;
    m_shown.append({label, value});
    auto *valueLabel = new QLabel(value, form->parentWidget());
    valueLabel->setTextFormat(Qt::PlainText);
    valueLabel->setWordWrap(true);
    valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label + QLatin1Char(':'), valueLabel);
    return valueLabel;
}

void DetailsPane::showFindings(const QList<Finding> &findings)
{
    for (const Finding &finding : findings)
        addFinding(finding);
}

bool DetailsPane::eventFilter(QObject *watched, QEvent *event)
{
    // The content scrolls only vertically: keep it as wide as its widest unbreakable text (a
    // file:line), so nothing is cut off — the dock widens, as it did before it scrolled.
    if (watched == m_scroll->widget() && event->type() == QEvent::LayoutRequest)
        m_scroll->setMinimumWidth(m_scroll->widget()->minimumSizeHint().width() +
                                  m_scroll->verticalScrollBar()->sizeHint().width() +
                                  2 * m_scroll->frameWidth());
    return QWidget::eventFilter(watched, event);
}

void DetailsPane::addFinding(const Finding &finding)
{
    const int number = m_findingCount++;
    const QString label = number == 0 ? QStringLiteral("Finding")
                                      : QStringLiteral("Finding %1").arg(number + 1);
    const auto state = drift::stateOf(finding.kind);
    QStringList lines{drift::marker(state) + QStringLiteral(" — ") + findingKindName(finding.kind)};
    // A missing table has no one-line expected text: its facts below are the expected ones.
    if (state != drift::DriftState::Extra &&
        !(state == drift::DriftState::Missing && finding.expected.isEmpty()))
        lines.append(QStringLiteral("expected: ") + orNone(finding.expected));
    if (state != drift::DriftState::Missing)
        lines.append(QStringLiteral("actual: ") + orNone(finding.actual));
    else
        lines.append(QStringLiteral("actual: — (missing)"));
    lines.append(QStringLiteral("severity: %1 · fixable: %2")
                     .arg(severityName(finding.severity), yesNo(finding.fixable)));
    QFormLayout *section = addSection();
    QLabel *valueLabel = addFact(label, lines.join(QLatin1Char('\n')), section);
    QPalette palette = valueLabel->palette();
    palette.setColor(QPalette::WindowText, drift::colour(state));
    valueLabel->setPalette(palette);
    if (finding.origin && !drift::originText(finding.origin).isEmpty())
        addOriginLink(*finding.origin, section);
    // Without a check (a pane used on its own) the guidance is read without history.
    addGuidance(explainFinding(finding, m_report ? *m_report : noReport()));
}

void DetailsPane::addOriginLink(const FindingOrigin &origin, QFormLayout *form)
{
    const QString text = drift::originText(origin);
    const int number = int(m_origins.size());
    m_origins.append(origin);
    m_shown.append({QStringLiteral("Origin"), text});
    // A link, not a button: it reads as the place itself; the text is data, so escape it.
    auto *link = new QLabel(QStringLiteral("<a href=\"%1\">%2</a> — open at line")
                                .arg(number)
                                .arg(text.toHtmlEscaped()),
                            form->parentWidget());
    link->setTextFormat(Qt::RichText);
    link->setWordWrap(true);
    link->setToolTip(QStringLiteral("Show the migration script at this line"));
    connect(link, &QLabel::linkActivated, this, [this](const QString &href) {
        const int i = href.toInt();
        if (i >= 0 && i < m_origins.size())
            emit originActivated(m_origins[i]);
    });
    form->addRow(QStringLiteral("Origin:"), link);
}

void DetailsPane::addGuidance(const Guidance &guidance)
{
    // The same facts as on screen, by label, for tests and accessibility.
    m_shown.append({QStringLiteral("What happened"),
                    guidance.headline + QLatin1Char('\n') + guidance.whatHappened});
    m_shown.append({QStringLiteral("Remedy"), GuidanceView::badgeText(guidance.remedy) +
                                                  QStringLiteral(" — ") + guidance.remedyText});
    if (!guidance.incident.isEmpty())
        m_shown.append({QStringLiteral("Incident"), guidance.incident});
    auto *view = new GuidanceView(m_sectionsBox);
    view->setGuidance(guidance);
    m_sections->addWidget(view);
}

void DetailsPane::showStep(const PreflightStep &step)
{
    clear();
    setTitle(drift::stepObject(step),
             QStringLiteral("pending step — ") + drift::stepStatusText(step.status));
    QFormLayout *section = addSection();
    addFact(QStringLiteral("Revision"), step.revision, section);
    addFact(QStringLiteral("Step"), step.op, section);
    if (!step.message.isEmpty())
        addFact(QStringLiteral("Reason"), step.message, section);
    if (!step.location.file.isEmpty())
        addOriginLink(FindingOrigin{step.revision, step.location}, section);
    addGuidance(explainStep(step, m_report ? *m_report : noReport()));
}

void DetailsPane::setTitle(const QString &title, const QString &kind)
{
    m_title->setText(title);
    m_kind->setText(kind);
    m_title->show();
    m_kind->setVisible(!kind.isEmpty());
    m_hint->hide();
    m_scroll->show();
}

void DetailsPane::showDefinition(const QString &sql)
{
    m_editor->setText(sql.trimmed());
    m_editor->show();
    // A view has its definition only: the editor takes the room.
    m_scroll->setVisible(m_facts->rowCount() > 0 || m_sections->count() > 0);
}

void DetailsPane::showObject(const SchemaObjectRef &object)
{
    clear();
    if (!object.isValid())
        return;
    const Namespace &ns = *object.nameSpace;
    const QString tableName = object.table ? qualified(ns, object.table->name) : QString();
    switch (object.kind) {
    case Kind::Namespace:
        setTitle(ns.name, kindName(object.kind));
        addFact(QStringLiteral("Tables"), QString::number(ns.tables.size()));
        addFact(QStringLiteral("Views"), QString::number(ns.views.size()));
        addFact(QStringLiteral("Enums"), QString::number(ns.enums.size()));
        break;
    case Kind::Table:
        showTable(object);
        break;
    case Kind::Column:
        showColumn(object);
        break;
    case Kind::Index:
        showIndex(object);
        break;
    case Kind::ForeignKey:
        showForeignKey(object);
        break;
    case Kind::PrimaryKey:
        setTitle(object.primaryKey->name.isEmpty() ? QStringLiteral("(primary key)")
                                                   : object.primaryKey->name,
                 kindName(object.kind));
        addFact(QStringLiteral("Table"), tableName);
        addFact(QStringLiteral("Definition"), primaryKeySummary(*object.primaryKey));
        break;
    case Kind::Unique:
        setTitle(orNone(object.unique->name), QStringLiteral("unique constraint"));
        addFact(QStringLiteral("Table"), tableName);
        addFact(QStringLiteral("Definition"), uniqueSummary(*object.unique));
        break;
    case Kind::Check:
        setTitle(orNone(object.check->name), QStringLiteral("check constraint"));
        addFact(QStringLiteral("Table"), tableName);
        addFact(QStringLiteral("Definition"), checkSummary(*object.check));
        break;
    case Kind::View:
        setTitle(qualified(ns, object.view->name), object.view->materialized
                                                       ? QStringLiteral("materialized view")
                                                       : QStringLiteral("view"));
        showDefinition(object.view->definition);
        break;
    case Kind::Enum:
        setTitle(qualified(ns, object.enumType->name), kindName(object.kind));
        addFact(QStringLiteral("Labels"), object.enumType->labels.join(QLatin1Char('\n')));
        break;
    case Kind::IndexGroup:
    case Kind::ConstraintGroup:
    case Kind::ForeignKeyGroup: // a group row stands for its table
        showTable(object);
        break;
    case Kind::ViewGroup:
    case Kind::EnumGroup: {
        SchemaObjectRef owner;
        owner.kind = Kind::Namespace;
        owner.nameSpace = object.nameSpace;
        showObject(owner);
        break;
    }
    case Kind::None:
        break;
    }
}

void DetailsPane::showTable(const SchemaObjectRef &object)
{
    const Table &table = *object.table;
    setTitle(qualified(*object.nameSpace, table.name), kindName(Kind::Table));
    addFact(QStringLiteral("Columns"), QString::number(table.columns.size()));
    addFact(QStringLiteral("Primary key"),
            table.primaryKey ? list(table.primaryKey->columns) : QStringLiteral("none"));
    addFact(QStringLiteral("Foreign keys"), QString::number(table.foreignKeys.size()));
    addFact(QStringLiteral("Indexes"), QString::number(table.indexes.size()));
    addFact(QStringLiteral("Unique constraints"), QString::number(table.uniques.size()));
    addFact(QStringLiteral("Check constraints"), QString::number(table.checks.size()));
    addFact(QStringLiteral("Comment"), orNone(table.comment));
}

void DetailsPane::showColumn(const SchemaObjectRef &object)
{
    const Table &table = *object.table;
    const Column &column = *object.column;
    setTitle(qualified(*object.nameSpace, table.name) + QLatin1Char('.') + column.name,
             kindName(Kind::Column));
    addFact(QStringLiteral("Type"), column.type);
    addFact(QStringLiteral("Nullable"),
            column.nullable ? QStringLiteral("yes (NULL)") : QStringLiteral("no (NOT NULL)"));
    addFact(QStringLiteral("Default"), orNone(column.defaultExpr));
    addFact(QStringLiteral("Primary key"), yesNo(inPrimaryKey(table, column)));
    QStringList references;
    for (const ForeignKey &fk : table.foreignKeys) {
        if (fk.columns.contains(column.name))
            references.append(foreignKeySummary(*object.nameSpace, fk));
    }
    addFact(QStringLiteral("References"), orNone(references.join(QLatin1Char('\n'))));
    QString identity = QStringLiteral("no");
    if (column.identity == Identity::Always)
        identity = QStringLiteral("GENERATED ALWAYS AS IDENTITY");
    else if (column.identity == Identity::ByDefault)
        identity = QStringLiteral("GENERATED BY DEFAULT AS IDENTITY");
    else if (column.autoIncrement)
        identity = QStringLiteral("serial / auto-increment");
    addFact(QStringLiteral("Identity"), identity);
    addFact(QStringLiteral("Generated"),
            column.generatedExpr.isEmpty()
                ? QStringLiteral("no")
                : QStringLiteral("(%1) %2").arg(
                      column.generatedExpr, column.generatedStored ? QStringLiteral("STORED")
                                                                   : QStringLiteral("VIRTUAL")));
    addFact(QStringLiteral("Comment"), orNone(column.comment));
}

void DetailsPane::showIndex(const SchemaObjectRef &object)
{
    const Index &index = *object.index;
    setTitle(index.name, index.unique ? QStringLiteral("unique index") : kindName(Kind::Index));
    addFact(QStringLiteral("Table"), qualified(*object.nameSpace, object.table->name));
    addFact(QStringLiteral("Definition"), indexSummary(index));
    addFact(QStringLiteral("Key parts"), list(index.columns));
    addFact(QStringLiteral("Include"), list(index.include));
    addFact(QStringLiteral("Unique"), yesNo(index.unique));
    addFact(QStringLiteral("Method"), orNone(index.method));
    addFact(QStringLiteral("Where"), orNone(index.predicate));
    addFact(QStringLiteral("Valid"),
            index.valid ? QStringLiteral("yes")
                        : QStringLiteral("no — a failed CREATE INDEX CONCURRENTLY left it behind"));
}

void DetailsPane::showForeignKey(const SchemaObjectRef &object)
{
    const ForeignKey &fk = *object.foreignKey;
    setTitle(orNone(fk.name), kindName(Kind::ForeignKey));
    addFact(QStringLiteral("Table"), qualified(*object.nameSpace, object.table->name));
    addFact(QStringLiteral("Definition"), foreignKeySummary(*object.nameSpace, fk));
    addFact(QStringLiteral("Columns"), list(fk.columns));
    const QString target = fk.referencedSchema.isEmpty()
                               ? fk.referencedTable
                               : fk.referencedSchema + QLatin1Char('.') + fk.referencedTable;
    addFact(QStringLiteral("References"), target + QLatin1Char('(') +
                                              fk.referencedColumns.join(QStringLiteral(", ")) +
                                              QLatin1Char(')'));
    addFact(QStringLiteral("On delete"), referentialActionSql(fk.onDelete));
    addFact(QStringLiteral("On update"), referentialActionSql(fk.onUpdate));
    addFact(QStringLiteral("Deferrable"),
            fk.deferrable ? (fk.initiallyDeferred ? QStringLiteral("yes, initially deferred")
                                                  : QStringLiteral("yes"))
                          : QStringLiteral("no"));
    addFact(QStringLiteral("Validated"),
            fk.validated ? QStringLiteral("yes") : QStringLiteral("no (NOT VALID)"));
}

} // namespace migconsole
