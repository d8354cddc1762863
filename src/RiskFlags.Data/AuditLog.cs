using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

/// <summary>
/// Appends audit rows, with the families each returned, in one transaction. Every read waits for its
/// row, so this is on the path of every answer: two prepared INSERTs reused for the whole batch, not
/// the change tracker, which spent more time sorting and batching one row than SQLite spent storing it.
/// </summary>
public static class AuditLog
{
    public static async Task AppendAsync(RiskFlagsDbContext db, IReadOnlyList<AuditRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = Command(connection, transaction,
                "INSERT INTO audit (at, caller, role, action, family_id, outcome, detail) VALUES (@at, @caller, @role, @action, @family_id, @outcome, @detail) RETURNING id",
                "at", "caller", "role", "action", "family_id", "outcome", "detail");
            DbCommand? family = null;
            try
            {
                foreach (var row in rows)
                {
                    Set(insert, row.At, row.Caller, row.Role, row.Action, row.FamilyId, row.Outcome, row.Detail);
                    row.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken));
                    foreach (var returned in row.Families)
                    {
                        family ??= Command(connection, transaction, "INSERT INTO audit_families (audit_id, family_id) VALUES (@audit_id, @family_id)", "audit_id", "family_id");
                        returned.AuditId = row.Id;
                        Set(family, row.Id, returned.FamilyId);
                        await family.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }
            finally
            {
                if (family is not null)
                {
                    await family.DisposeAsync();
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
