using System.Text;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>
/// The claims one batch of attempts accepted, as one row written in the batch's own transaction: durable before any
/// buyer is answered, like the claim rows themselves, but one small row per batch instead of a row and four index
/// entries per claim (on SQLite most of a hot sale's write time). <see cref="FlashSaleClaimJournal"/> turns these into
/// <see cref="FlashSaleClaim"/> rows later, under the sale's lock; every reader of claims does that first.
/// </summary>
public sealed class FlashSaleClaimBatch
{
    public long Id { get; set; }
    public Guid SaleId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset PayBefore { get; set; }

    /// <summary>The claims, encoded by <see cref="FlashSaleClaimJournal"/> (id, buyer, quantity, request key each).</summary>
    public required byte[] Claims { get; set; }
}

/// <summary>
/// Writes a batch's accepted claims as one <see cref="FlashSaleClaimBatch"/> and materializes pending batches into
/// <see cref="FlashSaleClaim"/> rows. Materializing takes the sale's lock (as the engine, the expiry sweep and checkout
/// do), so it never interleaves with a batch, and a batch row is turned into claims exactly once, however many nodes
/// try at the same time. It changes no claim's meaning, so it leaves the sale's <see cref="FlashSale.Revision"/> alone.
/// </summary>
public static class FlashSaleClaimJournal
{
    private const byte Format = 1;

    /// <summary>Batches materialized per transaction outside a batch of attempts, so the sale's lock is held briefly.</summary>
    private const int BatchesPerTransaction = 8;

    /// <summary>Inside the batch's transaction: the batch's accepted claims as one journal row.</summary>
    public static Task AppendAsync(LiveCrossDbContext db, Guid saleId, DateTimeOffset createdAt, DateTimeOffset payBefore, List<FlashSaleClaim> claims) =>
        FlashSaleBatchSql.AppendJournalAsync(db, saleId, createdAt, payBefore, Encode(claims));

    /// <summary>
    /// Materializes the batches of these sales committed before this call, in short transactions under each sale's
    /// lock. Cheap when nothing is pending: one indexed query. Returns the claims written.
    /// </summary>
    public static async Task<int> MaterializeAsync(LiveCrossDbContext db, IReadOnlyCollection<Guid> saleIds, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (saleId, last) in await PendingAsync(db, saleIds, cancellationToken)) written += await MaterializeSaleAsync(db, saleId, last, cancellationToken);
        return written;
    }

    /// <summary>
    /// <see cref="MaterializeAsync"/> for every sale (the expiry sweep; a claim looked up by id and not found). A sale
    /// whose batches cannot be materialized is logged and skipped, so it cannot hold up the others.
    /// </summary>
    public static async Task<int> MaterializeAllAsync(LiveCrossDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (saleId, last) in await PendingAsync(db, null, cancellationToken))
        {
            try
            {
                written += await MaterializeSaleAsync(db, saleId, last, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Flash sale {SaleId}: its claim journal could not be turned into claims", saleId);
            }
        }
        return written;
    }

    /// <summary>The sales with pending batches, each with its last batch now.</summary>
    private static async Task<List<(Guid SaleId, long Last)>> PendingAsync(LiveCrossDbContext db, IReadOnlyCollection<Guid>? saleIds, CancellationToken cancellationToken)
    {
        var pending = db.FlashSaleClaimBatches.AsNoTracking();
        if (saleIds is not null) pending = pending.Where(b => saleIds.Contains(b.SaleId));
        var sales = await pending.GroupBy(b => b.SaleId).Select(g => new { SaleId = g.Key, Last = g.Max(b => b.Id) }).ToListAsync(cancellationToken);
        return [.. sales.Select(s => (s.SaleId, s.Last))];
    }

    private static async Task<int> MaterializeSaleAsync(LiveCrossDbContext db, Guid saleId, long upTo, CancellationToken cancellationToken)
    {
        var written = 0;
        while (true)
        {
            var (claims, last) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.LockForUpdateAsync<FlashSale>(saleId, ct);
                var done = await MaterializeLockedAsync(db, saleId, ct, BatchesPerTransaction, upTo);
                await transaction.CommitAsync(ct);
                return done;
            }, cancellationToken);
            written += claims;
            // Done when the last batch this call saw is in, or another reader took the rest meanwhile.
            if (last is null || last >= upTo) return written;
        }
    }

    /// <summary>
    /// Inside a transaction that holds the sale's lock: writes the claims of its oldest pending batches (at most
    /// <paramref name="maxBatches"/>, none after <paramref name="upTo"/>) and deletes those batches. Returns the claims
    /// written and the id of the last batch done (null when none was pending).
    /// </summary>
    public static async Task<(int Claims, long? Last)> MaterializeLockedAsync(
        LiveCrossDbContext db, Guid saleId, CancellationToken cancellationToken, int maxBatches = int.MaxValue, long upTo = long.MaxValue)
    {
        var batches = await db.FlashSaleClaimBatches.AsNoTracking().Where(b => b.SaleId == saleId && b.Id <= upTo).OrderBy(b => b.Id)
            .Take(maxBatches).ToListAsync(cancellationToken);
        if (batches.Count == 0) return (0, null);
        var claims = batches.SelectMany(Decode).ToList();
        await FlashSaleClaimWriter.InsertAsync(db, claims);
        var last = batches[^1].Id;
        await db.FlashSaleClaimBatches.Where(b => b.SaleId == saleId && b.Id <= last).ExecuteDeleteAsync(cancellationToken);
        return (claims.Count, last);
    }

    /// <summary>Format byte, count, then per claim: id and buyer (16 bytes each), quantity, request key (length-prefixed UTF-8), as <see cref="BinaryReader"/> reads them.</summary>
    internal static byte[] Encode(List<FlashSaleClaim> claims)
    {
        var size = 1 + sizeof(int);
        foreach (var claim in claims)
        {
            var key = Encoding.UTF8.GetByteCount(claim.RequestKey);
            size += 16 + 16 + sizeof(int) + LengthPrefixSize(key) + key;
        }
        // One array of the exact size: no growing buffer and no copy of it for every batch.
        var encoded = new byte[size];
        using (var writer = new BinaryWriter(new MemoryStream(encoded)))
        {
            writer.Write(Format);
            writer.Write(claims.Count);
            Span<byte> id = stackalloc byte[16];
            foreach (var claim in claims)
            {
                claim.Id.TryWriteBytes(id);
                writer.Write(id);
                claim.CustomerId.TryWriteBytes(id);
                writer.Write(id);
                writer.Write(claim.Quantity);
                writer.Write(claim.RequestKey);
            }
        }
        return encoded;
    }

    private static Guid ReadGuid(BinaryReader reader)
    {
        Span<byte> bytes = stackalloc byte[16];
        reader.BaseStream.ReadExactly(bytes);
        return new Guid(bytes);
    }

    /// <summary>The bytes of <see cref="BinaryWriter.Write(string)"/>'s 7-bit length prefix.</summary>
    private static int LengthPrefixSize(int length)
    {
        var bytes = 1;
        for (var rest = (uint)length >> 7; rest != 0; rest >>= 7) bytes++;
        return bytes;
    }

    public static IEnumerable<FlashSaleClaim> Decode(FlashSaleClaimBatch batch)
    {
        using var reader = new BinaryReader(new MemoryStream(batch.Claims));
        var format = reader.ReadByte();
        if (format != Format) throw new InvalidDataException($"Flash-sale claim batch {batch.Id} has format {format}, not {Format}.");
        var count = reader.ReadInt32();
        var claims = new List<FlashSaleClaim>(count);
        for (var i = 0; i < count; i++)
        {
            claims.Add(new FlashSaleClaim
            {
                Id = ReadGuid(reader),
                CustomerId = ReadGuid(reader),
                Quantity = reader.ReadInt32(),
                RequestKey = reader.ReadString(),
                SaleId = batch.SaleId,
                Status = ClaimStatus.Held,
                CreatedAt = batch.CreatedAt,
                PayBefore = batch.PayBefore,
            });
        }
        return claims;
    }
}
