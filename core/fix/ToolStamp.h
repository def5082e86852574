#pragma once

#include "db/DbConnection.h"
#include "fix/FixPlan.h"
#include "history/ToolHistory.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace migconsole {

/// "Mark as applied" for the tools other than Alembic that `stamp` writes (REFERENCE.md §3):
/// Flyway (a success row with the next rank and the file's checksum), golang-migrate
/// (`force`: the one row, clean) and Prisma (`migrate resolve --applied`).
struct ToolStampPlan
{
    QList<FixStatement> statements; ///< empty when everything named is applied already
    QStringList rowsBefore;         ///< the history table's versions/names before
    QStringList rowsAfter;          ///< … and once the statements ran
};

/// Plans marking `versions` applied in `history` (as readToolHistory found it on
/// `connection`), from the tool's files in `migrationsPath`: Flyway `V<ver>__desc.sql`,
/// golang-migrate `NNN_name.up.sql`, Prisma `<name>/migration.sql`. BadInput for a version
/// no file defines, a tool `stamp` cannot write, several versions for golang-migrate, or a
/// Prisma migration that is applied already (as `prisma migrate resolve` refuses it).
/// Every statement is safe to re-run.
Expected<ToolStampPlan> planToolStamp(DbConnection &connection, const ToolHistory &history,
                                      const QString &migrationsPath, const QStringList &versions);

/// Flyway's checksum of a migration file (§3.1): CRC32 over the UTF-8 bytes of each line
/// without its terminator, a leading BOM dropped, as a signed 32-bit number.
qint32 flywayChecksum(const QByteArray &fileContents);

/// Prisma's checksum of migration.sql: lowercase hex SHA-256 of the file's bytes.
QString prismaChecksum(const QByteArray &fileContents);

} // namespace migconsole
