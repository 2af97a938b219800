using System.Data.Common;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>
/// Writes a batch's claims inside its transaction with multi-row INSERTs, bypassing EF Core's change tracking and
/// per-row commands (~200 µs a claim, most of a batch's time when they were used). Parameters come from the model's own
/// column mappings, so values are stored exactly as EF Core stores and reads them on either provider.
/// </summary>
internal static class FlashSaleClaimWriter
{
    private static readonly string[] Columns =
        [nameof(FlashSaleClaim.Id), nameof(FlashSaleClaim.SaleId), nameof(FlashSaleClaim.CustomerId), nameof(FlashSaleClaim.RequestKey),
         nameof(FlashSaleClaim.Quantity), nameof(FlashSaleClaim.Status), nameof(FlashSaleClaim.CreatedAt), nameof(FlashSaleClaim.PayBefore)];

    /// <summary>
    /// Rows per statement. SQLite looks each named parameter up by a linear scan of the statement's parameters, so a
    /// statement's binding cost grows with the square of its parameters: small statements there; PostgreSQL pays a round
    /// trip per statement instead.
    /// </summary>
    private const int SqliteRows = 32;
    private const int PostgresRows = 256;

    private static readonly string?[] Statements = new string?[PostgresRows + 1];
    private static readonly string[][] ParameterNames = [.. Enumerable.Range(0, PostgresRows).Select(r => Columns.Select((_, c) => $"@p{c}_{r}").ToArray())];

    public static async Task InsertAsync(LiveCrossDbContext db, List<FlashSaleClaim> claims)
    {
        var entity = db.Model.FindEntityType(typeof(FlashSaleClaim))!;
        var mappings = Columns.Select(name => entity.FindProperty(name)!.GetRelationalTypeMapping()).ToArray();
        var rowsPerStatement = db.Database.IsSqlite() ? SqliteRows : PostgresRows;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        for (var start = 0; start < claims.Count; start += rowsPerStatement)
        {
            var rows = Math.Min(rowsPerStatement, claims.Count - start);
            command.CommandText = Statement(entity, rows);
            command.Parameters.Clear();
            for (var r = 0; r < rows; r++) AddValues(command, mappings, claims[start + r], ParameterNames[r]);
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

    private static void AddValues(DbCommand command, RelationalTypeMapping[] mappings, FlashSaleClaim claim, string[] names)
    {
        object?[] values = [claim.Id, claim.SaleId, claim.CustomerId, claim.RequestKey, claim.Quantity, claim.Status, claim.CreatedAt, claim.PayBefore];
        for (var c = 0; c < mappings.Length; c++) command.Parameters.Add(mappings[c].CreateParameter(command, names[c], values[c]));
    }
}
