#include "WelcomePage.h"

#include "ConnectionDialog.h"
#include "ProfilePresentation.h"
#include "ResourcePaths.h"
#include "profile/ConnectionProfile.h"

#include <QAction>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace migconsole {

namespace {

QToolButton *bigButton(QAction *action, const QString &explanation, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action); // enabled state, icon and shortcut stay the action's
    button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    button->setIconSize(QSize(40, 40));
    button->setMinimumSize(200, 96);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    button->setToolTip(explanation);
    QFont font = button->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    button->setFont(font);
    return button;
}

/// "Ctrl+D · Start here…": the shortcut is learnt where the button is.
QString withShortcut(const QAction *action, const QString &text)
{
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    return keys.isEmpty() ? text : keys + QStringLiteral(" · ") + text;
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return label;
}

QListWidget *recentList(const QString &placeholderName, QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(placeholderName);
    list->setAlternatingRowColors(true);
    list->setToolTip(QStringLiteral("Double-click or press Enter to open"));
    list->setTextElideMode(Qt::ElideMiddle); // a long path keeps its start and its end
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return list;
}

void addEmptyNote(QListWidget *list, const QString &text)
{
    auto *item = new QListWidgetItem(text, list);
    item->setFlags(Qt::NoItemFlags); // a note, not something to open
}

} // namespace

WelcomePage::WelcomePage(QAction *demo, QAction *connect, QAction *migrations, QWidget *parent)
    : QWidget(parent), m_profiles(recentList(QStringLiteral("welcomeProfiles"), this)),
      m_connections(recentList(QStringLiteral("welcomeConnections"), this)),
      m_folders(recentList(QStringLiteral("welcomeFolders"), this))
{
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(resources::appIcon()).pixmap(64, 64));
    auto *title = new QLabel(QStringLiteral("Migration Console"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *tagline = new QLabel(
        QStringLiteral("A deploy failed on a migration? See the migration history next to the live "
                       "schema, find exactly what is missing or different, and repair it safely — "
                       "previewed, dry-run, audited."),
        this);
    tagline->setWordWrap(true);

    auto *heading = new QHBoxLayout;
    heading->addWidget(logo, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->addWidget(title);
    titles->addWidget(tagline);
    heading->addLayout(titles, 1);

    auto *actions = new QGridLayout;
    actions->addWidget(bigButton(demo, demo->toolTip(), this), 0, 0);
    actions->addWidget(bigButton(connect, connect->toolTip(), this), 0, 1);
    actions->addWidget(bigButton(migrations, migrations->toolTip(), this), 0, 2);
    actions->addWidget(caption(withShortcut(demo, QStringLiteral("Start here: a SQLite copy of a failed "
                                                                 "deploy — a column a migration should "
                                                                 "have added is missing.")),
                               this),
                       1, 0);
    actions->addWidget(caption(withShortcut(connect, QStringLiteral("PostgreSQL or SQLite, by URL or a saved "
                                                                    "profile. Tick read-only to look "
                                                                    "without touching.")),
                               this),
                       1, 1);
    actions->addWidget(caption(withShortcut(migrations, QStringLiteral("The Alembic folder (alembic.ini or "
                                                                       "versions/) to compare the database "
                                                                       "with.")),
                               this),
                       1, 2);

    auto *lists = new QGridLayout;
    const QString headings[] = {QStringLiteral("Profiles"), QStringLiteral("Recent connections"),
                                QStringLiteral("Recent migrations folders")};
    QListWidget *columns[] = {m_profiles, m_connections, m_folders};
    for (int i = 0; i < 3; ++i) {
        auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(headings[i]), this);
        label->setBuddy(columns[i]);
        lists->addWidget(label, 0, i);
        lists->addWidget(columns[i], 1, i);
        columns[i]->setMaximumHeight(220); // a short list, not a wall of white
    }

    auto *content = new QWidget(this);
    content->setMaximumWidth(1000);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(heading);
    contentLayout->addSpacing(16);
    contentLayout->addLayout(actions);
    contentLayout->addSpacing(16);
    contentLayout->addLayout(lists);
    contentLayout->addStretch(1);
    contentLayout->addWidget(caption(
        QStringLiteral("Every action has a shortcut: Help ▸ Keyboard shortcuts (F1)."), this));

    auto *outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addWidget(content, 4);
    outer->addStretch();

    QObject::connect(m_profiles, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit profileActivated(item->data(Qt::UserRole).toString());
    });
    QObject::connect(m_connections, &QListWidget::itemActivated, this,
                     [this](QListWidgetItem *item) { emit connectionActivated(item->text()); });
    QObject::connect(m_folders, &QListWidget::itemActivated, this,
                     [this](QListWidgetItem *item) { emit folderActivated(item->text()); });
    reload();
}

void WelcomePage::reload()
{
    m_profiles->clear();
    for (const ConnectionProfile &profile : ProfileStore::all()) {
        QString text = profile.name;
        if (profile.tag != ProfileTag::None)
            text += QStringLiteral("  [%1]").arg(profileTagLabel(profile.tag));
        if (profile.readOnly)
            text += QStringLiteral("  read-only");
        auto *item = new QListWidgetItem(text, m_profiles);
        item->setData(Qt::UserRole, profile.name);
        item->setToolTip(profile.url.toDisplayString());
        const QColor colour = profileTagColour(profile.tag);
        if (colour.isValid())
            item->setForeground(colour);
    }
    if (m_profiles->count() == 0)
        addEmptyNote(m_profiles, QStringLiteral("None yet: Connect… ▸ Save as a profile"));

    m_connections->clear();
    for (const QString &url : ConnectionDialog::recentConnections())
        (new QListWidgetItem(url, m_connections))->setToolTip(url);
    if (m_connections->count() == 0)
        addEmptyNote(m_connections, QStringLiteral("None yet"));

    m_folders->clear();
    for (const QString &folder : RecentFolders::all())
        (new QListWidgetItem(folder, m_folders))->setToolTip(folder);
    if (m_folders->count() == 0)
        addEmptyNote(m_folders, QStringLiteral("None yet"));
}

} // namespace migconsole
