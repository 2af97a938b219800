using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.Database;

/// <summary>
/// The lock a short decide-and-write transaction takes on the row it counts against (a flash sale, a coupon, a draw).
/// PostgreSQL: <c>SELECT … FOR UPDATE</c> on that row. SQLite: nothing more to do — its transactions begin IMMEDIATE
/// and so already hold the database's single write lock.
/// </summary>
public static class RowLocks
{
    public static async Task LockForUpdateAsync<TEntity>(this LiveCrossDbContext db, Guid id, CancellationToken cancellationToken) where TEntity : class
    {
        if (!db.Database.IsNpgsql()) return;
        // The table name comes from the model, not from input; the id is a parameter.
        var table = db.Model.FindEntityType(typeof(TEntity))!.GetTableName();
        var sql = "SELECT 1 FROM \"" + table + "\" WHERE \"Id\" = {0} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(sql, [id], cancellationToken);
    }
}
