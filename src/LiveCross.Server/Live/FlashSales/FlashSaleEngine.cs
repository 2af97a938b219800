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

    /// <summary>
    /// Most attempts decided and committed in one transaction. Large, because a bigger batch shares one commit among more
    /// claims; a batch only grows this big when that many attempts queued while the previous one committed.
    /// </summary>
    public int MaxBatch { get; set; } = 2048;

    /// <summary>How often each node gives the units of unpaid, expired claims back to their sales.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node that saw a sale sell out asks the database whether units came back (released on another node).</summary>
    public TimeSpan SoldOutRecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after a sale's end its lane (queue and memory of claims) stays on a node; then the expiry sweep drops it.</summary>
    public TimeSpan LaneKeptAfterEnd { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClaimWindow < TimeSpan.FromSeconds(30) || ClaimWindow > TimeSpan.FromDays(1))
            yield return new("FlashSales:ClaimWindow must be between 30 seconds and 1 day.", [nameof(ClaimWindow)]);
        if (MaxBatch is < 1 or > 5000) yield return new("FlashSales:MaxBatch must be between 1 and 5000.", [nameof(MaxBatch)]);
        if (ExpirySweepInterval <= TimeSpan.Zero) yield return new("FlashSales:ExpirySweepInterval must be positive.", [nameof(ExpirySweepInterval)]);
        if (SoldOutRecheckInterval <= TimeSpan.Zero) yield return new("FlashSales:SoldOutRecheckInterval must be positive.", [nameof(SoldOutRecheckInterval)]);
        if (LaneKeptAfterEnd < TimeSpan.Zero) yield return new("FlashSales:LaneKeptAfterEnd must not be negative.", [nameof(LaneKeptAfterEnd)]);
    }
}

/// <summary>The answer to one attempt. <see cref="ClaimId"/> and <see cref="PayBefore"/> only for <see cref="AttemptOutcome.Accepted"/>.</summary>
public sealed record AttemptResult(AttemptOutcome Outcome, Guid? ClaimId, DateTimeOffset? PayBefore)
{
    private static readonly AttemptResult[] Refusals =
        [new(AttemptOutcome.Accepted, null, null), new(AttemptOutcome.SoldOut, null, null), new(AttemptOutcome.LimitReached, null, null), new(AttemptOutcome.Ended, null, null)];

    /// <summary>The one shared answer for a refusal, so answering one allocates nothing.</summary>
    public static AttemptResult Refused(AttemptOutcome outcome)
    {
        if (outcome == AttemptOutcome.Accepted) throw new ArgumentException("An accepted attempt has a claim.", nameof(outcome));
        return Refusals[(int)outcome];
    }
}

/// <summary>The database could not be reached or kept failing: nothing was decided for the attempt; the client may retry with the same key.</summary>
public sealed class FlashSaleUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Decides flash-sale purchase attempts fast without ever overselling. The database is the source of truth: each
/// node queues attempts per sale and one drain loop per sale commits them in batches (group commit) — lock the sale
/// row, decide every attempt with <see cref="FlashSaleLedger"/>, write the accepted claims as one journal row
/// (<see cref="FlashSaleClaimJournal"/>; readers turn it into claim rows before they read) and raise <c>Claimed</c> and
/// <c>Revision</c>, commit — and only then answers. Any number of nodes may do this at once: the row lock (PostgreSQL
/// <c>FOR UPDATE</c>, SQLite's single writer) orders their batches.
/// Each sale's lane keeps the claims it knows in memory, tagged with the sale's <see cref="FlashSale.Revision"/>: when a
/// batch finds the revision it wrote last, nobody else changed the claims and the batch reads none. Once a batch sees
/// the sale sold out or over, the node answers every further attempt at once from that memory, exactly as the database
/// would (a retry finds its claim); it learns of units given back by <see cref="UnitsReleased"/> and by re-reading the
/// sale's revision every <see cref="FlashSaleOptions.SoldOutRecheckInterval"/>.
/// </summary>
/// <remarks>
/// The queue is a <see cref="ConcurrentQueue{T}"/> with a drain flag, not a bounded channel: .NET 10 bounded channels
/// have lost items and wake-ups under contention (dotnet/runtime#132094, #131141). Every attempt carries a sequence
/// number; <see cref="Written"/> and <see cref="Processed"/> let tests check that none was dropped.
/// </remarks>
public sealed class FlashSaleEngine(
    IServiceScopeFactory scopes, IOptions<FlashSaleOptions> options, TimeProvider clock, FlashSaleMetrics metrics, ILogger<FlashSaleEngine> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, FlashSaleLane> _lanes = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<FlashSaleLane?>>> _loading = new();
    private long _written;
    private long _processed;
    private long _batches;
    private long _commitTicks;
    private readonly RecheckTicks _recheckTicks = new(clock, options.Value.SoldOutRecheckInterval);

    internal IServiceScopeFactory Scopes { get; } = scopes;
    internal FlashSaleOptions Options => options.Value;
    internal TimeProvider Clock { get; } = clock;
    internal FlashSaleMetrics Metrics { get; } = metrics;
    internal ILogger Logger { get; } = logger;

    /// <summary>Attempts queued on this node so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Attempts this node has answered from a committed batch (or failed as unavailable).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Batches this node has committed (or failed); <see cref="Processed"/> / <see cref="Batches"/> is the mean batch size.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Time spent in batch transactions on this node, for the benchmark's breakdown.</summary>
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks));

    /// <summary>
    /// The attempt's answer, or null when there is no such sale. Completes at once, without queueing or allocating,
    /// when this node can answer from memory (a sold-out or ended sale, a retry it knows).
    /// </summary>
    public ValueTask<AttemptResult?> AttemptAsync(Guid saleId, Guid customerId, string requestKey, int quantity, CancellationToken cancellationToken) =>
        _lanes.TryGetValue(saleId, out var lane)
            ? lane.AttemptAsync(customerId, requestKey, quantity, cancellationToken)
            : LoadAndAttemptAsync(saleId, customerId, requestKey, quantity, cancellationToken);

    /// <summary>Whether this node holds the sale's lane (its queue and claims) in memory.</summary>
    public bool HoldsLane(Guid saleId) => _lanes.ContainsKey(saleId);

    /// <summary>
    /// Frees the lanes of sales that ended more than <see cref="FlashSaleOptions.LaneKeptAfterEnd"/> ago and have nothing
    /// queued, so a long-running node does not keep every past sale's claims in memory. A late attempt or retry loads the
    /// lane again and is answered from the database as before; one racing the removal finishes on the old lane, which
    /// decides under the sale's lock like any other node's.
    /// </summary>
    public int DropEndedLanes()
    {
        var cutoff = Clock.GetUtcNow() - Options.LaneKeptAfterEnd;
        var dropped = 0;
        foreach (var (saleId, lane) in _lanes)
        {
            if (lane.Terms.EndsAt < cutoff && lane.IsIdle && _lanes.TryRemove(KeyValuePair.Create(saleId, lane))) dropped++;
        }
        return dropped;
    }

    /// <summary>Units of the sale went back (claims expired): attempts go to the database again.</summary>
    public void UnitsReleased(Guid saleId)
    {
        if (_lanes.TryGetValue(saleId, out var lane)) lane.Reopen();
    }

    /// <summary>Goes up once per <see cref="FlashSaleOptions.SoldOutRecheckInterval"/>: a sold-out lane rechecks when it changed.</summary>
    internal int RecheckTick => _recheckTicks.Current;

    public void Dispose() => _recheckTicks.Dispose();

    internal long NextSequence() => Interlocked.Increment(ref _written);

    internal void Committed(int attempts, TimeSpan duration)
    {
        Interlocked.Add(ref _commitTicks, duration.Ticks);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _processed, attempts);
        Metrics.Batch(attempts, duration);
    }

    private async ValueTask<AttemptResult?> LoadAndAttemptAsync(Guid saleId, Guid customerId, string requestKey, int quantity, CancellationToken cancellationToken)
    {
        var loading = _loading.GetOrAdd(saleId, id => new Lazy<Task<FlashSaleLane?>>(() => LoadLaneAsync(id)));
        FlashSaleLane? lane;
        try
        {
            lane = await loading.Value.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FlashSaleUnavailableException("The flash sale could not be read just now; nothing was decided. Try again with the same Idempotency-Key.", e);
        }
        finally
        {
            // Unknown ids are not remembered: a sale created later is found, and random ids cannot fill the dictionary.
            if (loading.Value.IsCompleted) _loading.TryRemove(new KeyValuePair<Guid, Lazy<Task<FlashSaleLane?>>>(saleId, loading));
        }
        if (lane is null) return null;
        return await _lanes.GetOrAdd(saleId, lane).AttemptAsync(customerId, requestKey, quantity, cancellationToken);
    }

    private async Task<FlashSaleLane?> LoadLaneAsync(Guid saleId)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var terms = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == saleId)
            .Select(s => new FlashSaleTerms(s.Quantity, s.PerCustomerLimit, s.EndsAt)).FirstOrDefaultAsync();
        return terms is null ? null : new FlashSaleLane(this, saleId, terms);
    }
}

/// <summary>A counter a timer raises every interval; reading it is how a hot path asks "has an interval passed?" without a clock.</summary>
internal sealed class RecheckTicks : IDisposable
{
    private readonly ITimer _timer;
    private int _current;

    public RecheckTicks(TimeProvider clock, TimeSpan interval) => _timer = clock.CreateTimer(_ => Interlocked.Increment(ref _current), null, interval, interval);

    public int Current => Volatile.Read(ref _current);

    public void Dispose() => _timer.Dispose();
}
