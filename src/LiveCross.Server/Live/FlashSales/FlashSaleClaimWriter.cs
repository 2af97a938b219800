using System.Data.Common;
using System.Text;
using LiveCross.Server.Platform.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>
/// Writes a batch's claims inside its transaction with prepared INSERTs, bypassing EF Core's change tracking and
/// per-row commands (~200 µs a claim, most of a batch's time when they were used). Parameters come from the model's own
/// column mappings, so values are stored exactly as EF Core stores and reads them on either provider.
/// </summary>
internal static class FlashSaleClaimWriter
{
    private static readonly string[] Columns =
        [nameof(FlashSaleClaim.Id), nameof(FlashSaleClaim.SaleId), nameof(FlashSaleClaim.CustomerId), nameof(FlashSaleClaim.RequestKey),
         nameof(FlashSaleClaim.Quantity), nameof(FlashSaleClaim.Status), nameof(FlashSaleClaim.CreatedAt), nameof(FlashSaleClaim.PayBefore)];

    /// <summary>Rows per statement on PostgreSQL, where each statement is a round trip (2,048 parameters of the 65,535 allowed).</summary>
    private const int RowsPerStatement = 256;

    private static readonly string?[] Statements = new string?[RowsPerStatement + 1];
    private static readonly string[][] ParameterNames = [.. Enumerable.Range(0, RowsPerStatement).Select(r => Columns.Select((_, c) => $"@p{c}_{r}").ToArray())];

    public static async Task InsertAsync(LiveCrossDbContext db, List<FlashSaleClaim> claims)
    {
        var entity = db.Model.FindEntityType(typeof(FlashSaleClaim))!;
        var mappings = Columns.Select(name => entity.FindProperty(name)!.GetRelationalTypeMapping()).ToArray();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        if (db.Database.IsSqlite())
        {
            InsertOneByOne(command, entity, mappings, claims);
            return;
        }
        for (var start = 0; start < claims.Count; start += RowsPerStatement)
        {
            var rows = Math.Min(RowsPerStatement, claims.Count - start);
            command.CommandText = Statement(entity, rows);
            command.Parameters.Clear();
            for (var r = 0; r < rows; r++)
            {
                var values = Values(claims[start + r]);
                for (var c = 0; c < mappings.Length; c++) command.Parameters.Add(mappings[c].CreateParameter(command, ParameterNames[r][c], values[c]));
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// SQLite runs in-process, so a statement per row costs no round trip: one INSERT prepared once per batch on the
    /// transaction's own connection, bound by position and stepped per row through SQLite's C API. (Microsoft.Data.Sqlite
    /// looks every parameter up by name and makes a data reader on each execution: a third of a claim's CPU when it was
    /// used. A many-row statement is slower too: SQLite finds each named parameter by a linear scan.)
    /// </summary>
    private static void InsertOneByOne(DbCommand command, IEntityType entity, RelationalTypeMapping[] mappings, List<FlashSaleClaim> claims)
    {
        var connection = ((SqliteConnection)command.Connection!).Handle!;
        Check(connection, raw.sqlite3_prepare_v2(connection, PositionalStatement(entity), out var statement));
        using (statement)
        {
            // A batch's claims share their sale, status and times. sqlite3_reset keeps the bindings, so a value equal to
            // the previous row's is not bound again.
            var bound = new object?[Columns.Length];
            var first = true;
            foreach (var claim in claims)
            {
                var values = Values(claim);
                for (var c = 0; c < values.Length; c++)
                {
                    var value = mappings[c].Converter is { } converter ? converter.ConvertToProvider(values[c]) : values[c];
                    if (!first && Equals(bound[c], value)) continue;
                    Check(connection, Bind(statement, c + 1, value));
                    bound[c] = value;
                }
                first = false;
                Check(connection, raw.sqlite3_step(statement), raw.SQLITE_DONE);
                Check(connection, raw.sqlite3_reset(statement));
            }
        }
    }

    /// <summary>Binds a provider value as Microsoft.Data.Sqlite binds it for EF Core (a Guid as upper-case text, as EF Core's SQLite mapping stores it).</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text16(statement, index, text.AsSpan()),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int(statement, index, number),
        Guid id => BindGuid(statement, index, id),
        _ => throw new InvalidOperationException($"A flash-sale claim column has a provider value of type {value.GetType()} that the SQLite writer does not bind."),
    };

    private static int BindGuid(sqlite3_stmt statement, int index, Guid id)
    {
        Span<byte> text = stackalloc byte[36];
        id.TryFormat(text, out _, "D");
        Ascii.ToUpperInPlace(text, out _);
        return raw.sqlite3_bind_text(statement, index, text);
    }

    private static void Check(sqlite3 connection, int result, int expected = raw.SQLITE_OK)
    {
        if (result != expected) SqliteException.ThrowExceptionForRC(result, connection);
    }

    private static string PositionalStatement(IEntityType entity) =>
        Statement(entity, 1).Replace(string.Join(", ", ParameterNames[0]), string.Join(", ", Columns.Select(_ => "?")), StringComparison.Ordinal);

    private static string Statement(IEntityType entity, int rows)
    {
        if (Statements[rows] is { } known) return known;
        var columns = string.Join(", ", Columns.Select(name => $"\"{entity.FindProperty(name)!.GetColumnName()}\""));
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", ParameterNames[r]) + ")"));
        return Statements[rows] = $"INSERT INTO \"{entity.GetTableName()}\" ({columns}) VALUES {values}";
    }

    private static object?[] Values(FlashSaleClaim claim) =>
        [claim.Id, claim.SaleId, claim.CustomerId, claim.RequestKey, claim.Quantity, claim.Status, claim.CreatedAt, claim.PayBefore];
}
