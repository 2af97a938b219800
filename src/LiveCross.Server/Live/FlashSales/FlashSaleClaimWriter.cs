using System.Data.Common;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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
            await InsertOneByOneAsync(command, entity, mappings, claims);
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
    /// SQLite runs in-process, so a statement per row costs no round trip: one prepared single-row INSERT whose
    /// parameters are made once and only get new values. (A many-row statement is slower there: SQLite finds each named
    /// parameter by a linear scan, so binding grows with the square of the parameters.)
    /// </summary>
    private static async Task InsertOneByOneAsync(DbCommand command, IEntityType entity, RelationalTypeMapping[] mappings, List<FlashSaleClaim> claims)
    {
        command.CommandText = Statement(entity, 1);
        var first = Values(claims[0]);
        var parameters = mappings.Select((m, c) => m.CreateParameter(command, ParameterNames[0][c], first[c])).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        for (var i = 0; i < claims.Count; i++)
        {
            if (i > 0)
            {
                var values = Values(claims[i]);
                for (var c = 0; c < parameters.Length; c++) parameters[c].Value = mappings[c].Converter is { } converter ? converter.ConvertToProvider(values[c]) : values[c];
            }
            await command.ExecuteNonQueryAsync();
        }
    }

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
