using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using LiveCross.Domain.Live;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.FlashSales;

public sealed class FlashSaleOptions : IValidatableObject
{
    public const string Section = "FlashSales";

    /// <summary>How long an accepted claim holds its units for the buyer to pay.</summary>
    public TimeSpan ClaimWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most attempts decided and committed in one transaction.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>How often each node gives the units of unpaid, expired claims back to their sales.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node that saw a sale sell out asks the database whether units came back (released on another node).</summary>
    public TimeSpan SoldOutRecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClaimWindow < TimeSpan.FromSeconds(30) || ClaimWindow > TimeSpan.FromDays(1))
            yield return new("FlashSales:ClaimWindow must be between 30 seconds and 1 day.", [nameof(ClaimWindow)]);
        if (MaxBatch is < 1 or > 5000) yield return new("FlashSales:MaxBatch must be between 1 and 5000.", [nameof(MaxBatch)]);
        if (ExpirySweepInterval <= TimeSpan.Zero) yield return new("FlashSales:ExpirySweepInterval must be positive.", [nameof(ExpirySweepInterval)]);
        if (SoldOutRecheckInterval <= TimeSpan.Zero) yield return new("FlashSales:SoldOutRecheckInterval must be positive.", [nameof(SoldOutRecheckInterval)]);
    }
}

/// <summary>The answer to one attempt. <see cref="ClaimId"/> and <see cref="PayBefore"/> only for <see cref="AttemptOutcome.Accepted"/>.</summary>
public sealed record AttemptResult(AttemptOutcome Outcome, Guid? ClaimId, DateTimeOffset? PayBefore);

/// <summary>The database could not be reached or kept failing: nothing was decided for the attempt; the client may retry with the same key.</summary>
public sealed class FlashSaleUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Decides flash-sale purchase attempts fast without ever overselling. The database is the source of truth: each
/// node queues attempts per sale and one drain loop per sale commits them in batches (group commit) — lock the sale
/// row, read what it and the batch's buyers hold, decide every attempt with <see cref="FlashSaleLedger"/>, insert the
/// accepted claims and raise <c>Claimed</c>, commit — and only then answers. Any number of nodes may do this at once:
/// the row lock (PostgreSQL <c>FOR UPDATE</c>, SQLite's single writer) orders their batches.
/// Once a batch sees the sale sold out or over, it reads the sale's claims under the same lock, and the node answers
/// every further attempt at once from memory exactly as the database would (a retry finds its claim); it learns of
/// units given back by <see cref="UnitsReleased"/> and by re-reading the sale every <see cref="FlashSaleOptions.SoldOutRecheckInterval"/>.
/// </summary>
/// <remarks>
/// The queue is a <see cref="ConcurrentQueue{T}"/> with a drain flag, not a bounded channel: .NET 10 bounded channels
/// have lost items and wake-ups under contention (dotnet/runtime#132094, #131141). Every attempt carries a sequence
/// number; <see cref="Written"/> and <see cref="Processed"/> let tests check that none was dropped.
/// </remarks>
public sealed class FlashSaleEngine(IServiceScopeFactory scopes, IOptions<FlashSaleOptions> options, TimeProvider clock, ILogger<FlashSaleEngine> logger)
{
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly IOptions<FlashSaleOptions> _options = options;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<FlashSaleEngine> _logger = logger;
    private readonly ConcurrentDictionary<Guid, Lazy<Task<SaleLane?>>> _lanes = new();
    private long _written;
    private long _processed;
    private long _batches;
    private long _commitTicks;

    /// <summary>Attempts queued on this node so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Attempts this node has answered from a committed batch (or failed as unavailable).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Batches this node has committed (or failed); <see cref="Processed"/> / <see cref="Batches"/> is the mean batch size.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Time spent in batch transactions on this node, for the benchmark's breakdown.</summary>
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks));

    /// <summary>The attempt's answer, or null when there is no such sale.</summary>
    public async Task<AttemptResult?> AttemptAsync(Guid saleId, Guid customerId, string requestKey, int quantity, CancellationToken cancellationToken)
    {
        var lane = await LaneAsync(saleId, cancellationToken);
        return lane is null ? null : await lane.AttemptAsync(customerId, requestKey, quantity, cancellationToken);
    }

    /// <summary>Units of the sale went back (claims expired): attempts go to the database again.</summary>
    public void UnitsReleased(Guid saleId)
    {
        if (_lanes.TryGetValue(saleId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully) lazy.Value.Result?.Reopen();
    }

    private async Task<SaleLane?> LaneAsync(Guid saleId, CancellationToken cancellationToken)
    {
        var lazy = _lanes.GetOrAdd(saleId, id => new Lazy<Task<SaleLane?>>(() => LoadLaneAsync(id)));
        var lane = await lazy.Value.WaitAsync(cancellationToken);
        // Unknown ids are not remembered: a sale created later is found, and random ids cannot fill the dictionary.
        if (lane is null) _lanes.TryRemove(new KeyValuePair<Guid, Lazy<Task<SaleLane?>>>(saleId, lazy));
        return lane;
    }

    private async Task<SaleLane?> LoadLaneAsync(Guid saleId)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var terms = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == saleId)
            .Select(s => new FlashSaleTerms(s.Quantity, s.PerCustomerLimit, s.EndsAt)).FirstOrDefaultAsync();
        return terms is null ? null : new SaleLane(this, saleId, terms);
    }

    private sealed record PendingAttempt(Guid CustomerId, string RequestKey, int Quantity, long Sequence)
    {
        public TaskCompletionSource<AttemptResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// What a node knows once a sale is sold out or over: every claim in it, read under the sale's lock when the batch
    /// that closed it committed (no claim can be added while it stays closed). From this every later attempt is
    /// answered as the database would: a claim's own key gets its first answer, a claimant over the limit LimitReached,
    /// anyone else <see cref="Outcome"/>.
    /// </summary>
    private sealed record Closed(AttemptOutcome Outcome, IReadOnlyDictionary<Guid, BuyerClaims> Claimants, DateTimeOffset CheckedAt);

    /// <summary>A buyer's units still held or paid in a sale, and the first answer to each of their claims' keys.</summary>
    private sealed record BuyerClaims(int Held, IReadOnlyDictionary<string, AttemptResult> ByKey);

    private sealed class SaleLane(FlashSaleEngine engine, Guid saleId, FlashSaleTerms terms)
    {
        private const int MaxRememberedAnswers = 200_000;

        private readonly ConcurrentQueue<PendingAttempt> _queue = new();
        private readonly ConcurrentDictionary<(Guid, string), AttemptResult> _answers = new();
        private int _draining;
        private int _rechecking;
        private int _remembered;
        private Closed? _closed;

        public void Reopen()
        {
            var closed = Volatile.Read(ref _closed);
            if (closed is { Outcome: AttemptOutcome.SoldOut }) Interlocked.CompareExchange(ref _closed, null, closed);
        }

        public async Task<AttemptResult> AttemptAsync(Guid customerId, string requestKey, int quantity, CancellationToken cancellationToken)
        {
            // A retry this node already answered gets the same answer without a queue or a query.
            if (_answers.TryGetValue((customerId, requestKey), out var known)) return known;

            var closed = Volatile.Read(ref _closed);
            if (closed is not null)
            {
                if (closed.Outcome == AttemptOutcome.SoldOut) RecheckIfDue(closed);
                return Remember(customerId, requestKey, AnswerClosed(closed, customerId, requestKey, quantity));
            }

            var pending = new PendingAttempt(customerId, requestKey, quantity, Interlocked.Increment(ref engine._written));
            _queue.Enqueue(pending);
            if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0) _ = Task.Run(DrainAsync, CancellationToken.None);
            // A caller that gives up leaves the attempt to be decided: it may be accepted, and its retry will find it.
            return await pending.Answer.Task.WaitAsync(cancellationToken);
        }

        private AttemptResult AnswerClosed(Closed closed, Guid customerId, string requestKey, int quantity)
        {
            if (!closed.Claimants.TryGetValue(customerId, out var mine)) return new AttemptResult(closed.Outcome, null, null);
            if (mine.ByKey.TryGetValue(requestKey, out var first)) return first;
            var outcome = closed.Outcome == AttemptOutcome.Ended || mine.Held + quantity <= terms.PerCustomerLimit ? closed.Outcome : AttemptOutcome.LimitReached;
            return new AttemptResult(outcome, null, null);
        }

        private AttemptResult Remember(Guid customerId, string requestKey, AttemptResult result)
        {
            // Bounded: past the cap, answers are simply not remembered (a retry then asks the database or the closed state).
            // Counted here because ConcurrentDictionary.Count takes every lock of the table (tens of µs once it is large).
            if (Volatile.Read(ref _remembered) < MaxRememberedAnswers && _answers.TryAdd((customerId, requestKey), result)) Interlocked.Increment(ref _remembered);
            return result;
        }

        private async Task DrainAsync()
        {
            var batch = new List<PendingAttempt>(engine._options.Value.MaxBatch);
            while (true)
            {
                batch.Clear();
                while (batch.Count < engine._options.Value.MaxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
                if (batch.Count == 0)
                {
                    Volatile.Write(ref _draining, 0);
                    // An attempt queued between the last dequeue and the flag's reset must not wait for the next caller.
                    if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
                    continue;
                }
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await DecideAsync(batch);
                Interlocked.Add(ref engine._commitTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
                Interlocked.Increment(ref engine._batches);
                Interlocked.Add(ref engine._processed, batch.Count);
            }
        }

        private async Task DecideAsync(List<PendingAttempt> batch)
        {
            try
            {
                var (results, closed) = await CommitBatchAsync(batch);
                if (closed is not null) Volatile.Write(ref _closed, closed);
                for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(Remember(batch[i].CustomerId, batch[i].RequestKey, results[i]));
            }
            catch (Exception e)
            {
                engine._logger.LogError(e, "Flash sale {SaleId}: a batch of {Count} attempts could not be committed", saleId, batch.Count);
                var unavailable = new FlashSaleUnavailableException("The flash sale could not record attempts just now; nothing was decided. Try again with the same Idempotency-Key.", e);
                foreach (var attempt in batch) attempt.Answer.TrySetException(unavailable);
            }
        }

        private async Task<(AttemptResult[] Results, Closed? Closed)> CommitBatchAsync(List<PendingAttempt> batch)
        {
            await using var scope = engine._scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var window = engine._options.Value.ClaimWindow;
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                // SQLite: BEGIN IMMEDIATE takes the database's write lock; PostgreSQL: the sale row's lock, taken next.
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.LockForUpdateAsync<FlashSale>(saleId, CancellationToken.None);
                var sale = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == saleId)
                    .Select(s => new { s.Claimed, s.Status }).FirstAsync();
                // Whole milliseconds: what every provider stores, so a retry read from the database matches the first answer.
                var clockNow = engine._clock.GetUtcNow();
                var now = new DateTimeOffset(clockNow.Ticks - clockNow.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
                var ledger = new FlashSaleLedger(terms, sale.Claimed, sale.Status == FlashSaleStatus.EndedByHost);

                var customers = batch.Select(a => a.CustomerId).Distinct().ToList();
                var claims = await db.FlashSaleClaims.AsNoTracking()
                    .Where(c => c.SaleId == saleId && customers.Contains(c.CustomerId))
                    .ToListAsync();
                var held = claims.Where(c => c.Status != ClaimStatus.Expired).GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => g.Sum(c => c.Quantity));
                var byKey = claims.ToDictionary(c => (c.CustomerId, c.RequestKey));

                var results = new AttemptResult[batch.Count];
                var accepted = new List<FlashSaleClaim>();
                for (var i = 0; i < batch.Count; i++)
                {
                    var attempt = batch[i];
                    if (byKey.TryGetValue((attempt.CustomerId, attempt.RequestKey), out var earlier))
                    {
                        results[i] = new AttemptResult(AttemptOutcome.Accepted, earlier.Id, earlier.PayBefore);
                        continue;
                    }
                    var outcome = ledger.Decide(held.GetValueOrDefault(attempt.CustomerId), attempt.Quantity, now);
                    if (outcome != AttemptOutcome.Accepted)
                    {
                        results[i] = new AttemptResult(outcome, null, null);
                        continue;
                    }
                    var claim = new FlashSaleClaim
                    {
                        SaleId = saleId,
                        CustomerId = attempt.CustomerId,
                        RequestKey = attempt.RequestKey,
                        Quantity = attempt.Quantity,
                        Status = ClaimStatus.Held,
                        CreatedAt = now,
                        PayBefore = now + window,
                    };
                    accepted.Add(claim);
                    byKey[(attempt.CustomerId, attempt.RequestKey)] = claim;
                    held[attempt.CustomerId] = held.GetValueOrDefault(attempt.CustomerId) + attempt.Quantity;
                    results[i] = new AttemptResult(AttemptOutcome.Accepted, claim.Id, claim.PayBefore);
                }

                if (accepted.Count > 0)
                {
                    await InsertClaimsAsync(db, accepted);
                    var added = ledger.Claimed - sale.Claimed;
                    var raised = await db.FlashSales.IgnoreQueryFilters().Where(s => s.Id == saleId && s.Claimed + added <= s.Quantity)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Claimed, x => x.Claimed + added));
                    if (raised != 1) throw new InvalidOperationException($"Flash sale {saleId}: claimed could not be raised by {added} under its lock.");
                }

                Closed? closed = null;
                if (ledger.Remaining == 0 || ledger.IsOver(now))
                {
                    var all = await db.FlashSaleClaims.AsNoTracking().Where(c => c.SaleId == saleId)
                        .Select(c => new { c.CustomerId, c.RequestKey, c.Id, c.PayBefore, c.Quantity, c.Status }).ToListAsync();
                    var claimants = all.GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => new BuyerClaims(
                        g.Where(c => c.Status != ClaimStatus.Expired).Sum(c => c.Quantity),
                        g.ToDictionary(c => c.RequestKey, c => new AttemptResult(AttemptOutcome.Accepted, c.Id, c.PayBefore))));
                    closed = new Closed(ledger.IsOver(now) ? AttemptOutcome.Ended : AttemptOutcome.SoldOut, claimants, now);
                }
                await transaction.CommitAsync();
                if (ledger.Remaining == 0 && accepted.Count > 0) engine._logger.LogInformation("Flash sale {SaleId} sold out", saleId);
                return (results, closed);
            });
        }

        /// <summary>
        /// The batch's claims, written with one prepared INSERT inside the batch's transaction (SQLite: executed per
        /// claim, cheap in-process) or one multi-row INSERT (PostgreSQL: one round trip). EF Core's change tracking and
        /// per-row commands cost ~200 µs a claim here, most of a batch's time. Parameters come from the model's own
        /// column mappings, so values are stored exactly as EF Core stores and reads them on either provider.
        /// </summary>
        private static async Task InsertClaimsAsync(LiveCrossDbContext db, List<FlashSaleClaim> claims)
        {
            var entity = db.Model.FindEntityType(typeof(FlashSaleClaim))!;
            var columns = ClaimColumns.Select(name => entity.FindProperty(name)!).ToArray();
            var table = entity.GetTableName();
            var insert = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))}) VALUES ";
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            if (db.Database.IsSqlite())
            {
                command.CommandText = insert + "(" + string.Join(", ", columns.Select((_, c) => $"@p{c}")) + ")";
                foreach (var claim in claims)
                {
                    command.Parameters.Clear();
                    AddValues(command, columns, claim, suffix: "");
                    await command.ExecuteNonQueryAsync();
                }
                return;
            }
            var sql = new System.Text.StringBuilder(insert);
            for (var i = 0; i < claims.Count; i++)
            {
                if (i > 0) sql.Append(", ");
                sql.Append('(').Append(string.Join(", ", columns.Select((_, c) => $"@p{c}_{i}"))).Append(')');
                AddValues(command, columns, claims[i], suffix: $"_{i}");
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }

        private static readonly string[] ClaimColumns =
            [nameof(FlashSaleClaim.Id), nameof(FlashSaleClaim.SaleId), nameof(FlashSaleClaim.CustomerId), nameof(FlashSaleClaim.RequestKey),
             nameof(FlashSaleClaim.Quantity), nameof(FlashSaleClaim.Status), nameof(FlashSaleClaim.CreatedAt), nameof(FlashSaleClaim.PayBefore)];

        private static void AddValues(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Metadata.IProperty[] columns, FlashSaleClaim claim, string suffix)
        {
            object?[] values = [claim.Id, claim.SaleId, claim.CustomerId, claim.RequestKey, claim.Quantity, claim.Status, claim.CreatedAt, claim.PayBefore];
            for (var c = 0; c < columns.Length; c++)
                command.Parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(command, $"@p{c}{suffix}", values[c]));
        }

        /// <summary>Units may have come back through another node's expiry sweep: look again, at most once per interval.</summary>
        private void RecheckIfDue(Closed closed)
        {
            if (engine._clock.GetUtcNow() - closed.CheckedAt < engine._options.Value.SoldOutRecheckInterval) return;
            if (Interlocked.CompareExchange(ref _rechecking, 1, 0) != 0) return;
            _ = Task.Run(async () =>
            {
                try
                {
                    await using var scope = engine._scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                    var claimed = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == saleId).Select(s => s.Claimed).FirstAsync();
                    if (claimed < terms.Quantity) Reopen();
                    else Interlocked.CompareExchange(ref _closed, closed with { CheckedAt = engine._clock.GetUtcNow() }, closed);
                }
                catch (Exception e)
                {
                    engine._logger.LogWarning(e, "Flash sale {SaleId}: could not re-read the units left", saleId);
                }
                finally
                {
                    Volatile.Write(ref _rechecking, 0);
                }
            });
        }
    }
}
