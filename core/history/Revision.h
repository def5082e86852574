#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace migconsole {

/// Where something is in a migration file (1-based line; 0 = the file as a whole).
struct SourceLocation
{
    QString file;   ///< path relative to the project root, e.g. "versions/e5f6_add.py"
    int line = 0;

    bool operator==(const SourceLocation &) const = default;
};

/// One Alembic revision as its script declares it. Only the module variables count
/// (REFERENCE.md §6: the docstring header often disagrees with the code).
struct Revision
{
    QString id;
    QStringList downRevisions;  ///< parents; empty = a base; two or more = a merge point
    QStringList branchLabels;
    QStringList dependsOn;      ///< extra edges that do not merge lineages
    QString message;            ///< first paragraph of the module docstring, one line
    QString createDate;         ///< "Create Date:" of the docstring, verbatim; may be empty
    QString filePath;           ///< absolute path of the script
    SourceLocation location;    ///< relative file and the line of `revision = …`

    bool operator==(const Revision &) const = default;
};

/// Something wrong with the scripts or the version table. Problems never stop a load:
/// the rest of the history is still read and shown beside them.
struct HistoryProblem
{
    enum class Kind {
        Unparsable,       ///< the file is not Python we can read (syntax error, binary)
        NoRevision,       ///< a .py file without a `revision = …` variable
        DuplicateId,      ///< two files declare the same revision id
        MissingParent,    ///< down_revision / depends_on names an id no file defines
        Cycle,            ///< the down_revision chain loops
        UnresolvedValue,  ///< a value we cannot evaluate statically (a name, a call)
        MultipleHeads,    ///< more than one head: `alembic upgrade head` would refuse
        UnknownVersion,   ///< the version table holds an id no script defines
        Configuration,    ///< alembic.ini problems (missing location, unreadable ini)
    };
    Kind kind = Kind::Unparsable;
    SourceLocation location;
    QString message;        ///< one readable sentence

    bool operator==(const HistoryProblem &) const = default;
};

/// Stable snake_case name of a problem kind, for JSON ("duplicate_id", "cycle", …).
QString problemKindName(HistoryProblem::Kind kind);

} // namespace migconsole
