#pragma once

#include <QString>
#include <QStringList>

namespace migconsole::test {

/// A throwaway Alembic project driven by REAL Alembic (Debian's python3-alembic), for
/// tests that claim agreement with it. The database URL reaches env.py through the
/// environment, so no password is ever written into alembic.ini.
class RealAlembic
{
public:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    /// Creates alembic.ini, env.py and script.py.mako in `directory`; `typedTemplate`
    /// makes `alembic revision` write annotated assignments (`revision: str = …`).
    RealAlembic(const QString &directory, const QString &sqlalchemyUrl, bool typedTemplate = false);

    /// The interpreter that imports alembic (/usr/bin/python3 on Debian); empty if none —
    /// callers must then FAIL, not skip.
    static QString python();

    Result run(const QStringList &arguments) const;

    /// `alembic revision -m message --rev-id id [--head parent] [--splice]`; fails the test
    /// when Alembic refuses.
    bool revision(const QString &id, const QString &message, const QString &head = {},
                  bool splice = false) const;
    bool merge(const QString &id, const QStringList &parents, const QString &message) const;

    /// First token of every stdout line of `alembic current` / `alembic heads`.
    QStringList current(Result *raw = nullptr) const;
    QStringList heads() const;
    /// The revisions `alembic upgrade heads` really runs, from its "Running upgrade" log.
    QStringList upgradeHeads(Result *raw = nullptr) const;

    /// The schema statements of `alembic upgrade … --sql` output: comment lines, the
    /// BEGIN/COMMIT wrapper and Alembic's own version-table bookkeeping left out.
    static QStringList offlineSchemaStatements(const QString &offlineSql);

    const QString &directory() const { return m_directory; }

private:
    QString m_directory;
    QString m_url;
};

} // namespace migconsole::test
