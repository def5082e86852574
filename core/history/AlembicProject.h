#pragma once

#include "history/Revision.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace migconsole {

/// An Alembic project as read from disk, without running Python.
struct AlembicProject
{
    QString root;                 ///< folder holding alembic.ini, or the versions folder given
    QString iniPath;              ///< empty when a bare versions/ folder was given
    QStringList versionLocations; ///< absolute folders that hold revision scripts
    bool recursive = false;       ///< recursive_version_locations, or a bare folder's sub-folders
    QList<Revision> revisions;    ///< every script that declares a revision, in Alembic's load order
                                  ///< (location by location, files sorted, then sub-folders)
    QList<HistoryProblem> problems;
    /// Version table as env.py configures it (context.configure(version_table=…,
    /// version_table_schema=…)) when that can be read statically; else Alembic's defaults.
    QString versionTable = QStringLiteral("alembic_version");
    QString versionTableSchema;
};

/// Reads `path`: an Alembic versions/ folder (its sub-folders too, as real projects keep
/// revisions in per-release folders), or a folder with alembic.ini (script_location,
/// version_locations with %(here)s, path_separator / version_path_separator,
/// recursive_version_locations). A BadInput error only when nothing usable is there (no
/// such folder, no locations); problems with single files are listed in `problems`.
Expected<AlembicProject> loadAlembicProject(const QString &path);

/// Reads one revision script's module variables (revision, down_revision, branch_labels,
/// depends_on — plain or annotated) and its docstring (message, Create Date).
/// `relativeFile` names the file in problems. Returns no revision (and a problem) when the
/// file has no usable `revision`.
struct ScriptReadResult
{
    std::optional<Revision> revision;
    QList<HistoryProblem> problems;
};
ScriptReadResult readRevisionScript(const QString &text, const QString &relativeFile);

} // namespace migconsole
