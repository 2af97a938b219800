using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using LiveCross.Domain.Live;
using LiveCross.Server.Platform;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>One sale's queue, drain loop and memory on one node (see <see cref="FlashSaleEngine"/>).</summary>
internal sealed class FlashSaleLane(FlashSaleEngine engine, Guid saleId, FlashSaleTerms terms)
{
    /// <summary>
    /// When a batch finds the claims changed elsewhere and fewer units than this are claimed, it reads every claim of the
    /// sale (and knows every buyer again); otherwise only its own buyers' claims, so two nodes taking turns on a big
    /// sale never read it whole per batch.
    /// </summary>
    private const int ReadAllBelow = 4096;

    private readonly ConcurrentQueue<PendingAttempt> _queue = new();
    private readonly RefusalMemory _refusals = new();
    private int _draining;
    private int _rechecking;
    private Closed? _closed;

    // The claims as of _revision. Only the drain loop (one batch at a time) changes these; the dictionary is replaced,
    // never cleared, so a reader holding an older one (a Closed state) keeps a consistent view.
    private ConcurrentDictionary<Guid, BuyerClaims> _buyers = new();
    private long _revision = -1;
    private bool _complete;
    private readonly HashSet<Guid> _known = [];

    public FlashSaleTerms Terms => terms;

    /// <summary>Nothing queued and no batch under way.</summary>
    public bool IsIdle => _queue.IsEmpty && Volatile.Read(ref _draining) == 0;

    public ValueTask<AttemptResult?> AttemptAsync(Guid customerId, string requestKey, int quantity, CancellationToken cancellationToken)
    {
        if (AnswerFromMemory(customerId, requestKey, quantity) is { } known)
        {
            engine.Metrics.AnsweredFromMemory(known.Outcome);
            return new ValueTask<AttemptResult?>(known);
        }
        return new ValueTask<AttemptResult?>(Queue(customerId, requestKey, quantity, cancellationToken));
    }

    public void Reopen()
    {
        var closed = Volatile.Read(ref _closed);
        // The sold-out spell's notes are folded in the background, so most likely not by the first lookup after it (which
        // folds whatever is still pending itself).
        if (closed is { Outcome: AttemptOutcome.SoldOut } && Interlocked.CompareExchange(ref _closed, null, closed) == closed) _ = Task.Run(_refusals.FoldAll);
    }

    /// <summary>The answer the database would give, when this node knows it without asking; else null.</summary>
    private AttemptResult? AnswerFromMemory(Guid customerId, string requestKey, int quantity)
    {
        var closed = Volatile.Read(ref _closed);
        var buyers = closed?.Buyers ?? Volatile.Read(ref _buyers);
        // A claim's first answer never changes, so one found here is right even when this memory is behind the database.
        buyers.TryGetValue(customerId, out var mine);
        if (mine?.AnswerTo(requestKey) is { } first) return first;
        if (closed is null) return _refusals.TryGet(customerId, requestKey, out var refused) ? AttemptResult.Refused(refused) : null;

        if (closed.Outcome == AttemptOutcome.SoldOut) RecheckIfDue(closed);
        var outcome = closed.Outcome == AttemptOutcome.SoldOut && mine is not null && mine.Held + quantity > terms.PerCustomerLimit
            ? AttemptOutcome.LimitReached
            : closed.Outcome;
        // Units may come back later: the retry of this attempt must still get its first refusal. An ended sale stays ended
        // (a refusal given before the end still wins), and nothing more need be remembered.
        if (outcome == AttemptOutcome.Ended) return AttemptResult.Refused(_refusals.TryGet(customerId, requestKey, out var before) ? before : outcome);
        // Closed and not ended is sold out.
        return AttemptResult.Refused(_refusals.NoteWhileSoldOut(customerId, requestKey, outcome));
    }

    private Task<AttemptResult?> Queue(Guid customerId, string requestKey, int quantity, CancellationToken cancellationToken)
    {
        var pending = new PendingAttempt(customerId, requestKey, quantity, engine.NextSequence());
        _queue.Enqueue(pending);
        engine.Metrics.Queued();
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0) _ = Task.Run(DrainAsync, CancellationToken.None);
        // A caller that gives up leaves the attempt to be decided: it may be accepted, and its retry will find it.
        return cancellationToken.CanBeCanceled ? pending.Answer.Task.WaitAsync(cancellationToken) : pending.Answer.Task;
    }

    /// <summary>
    /// Takes whatever queued while the previous batch committed (so batches grow with the load) and decides it in one
    /// transaction.
    /// </summary>
    private async Task DrainAsync()
    {
        var batch = new List<PendingAttempt>(engine.Options.MaxBatch);
        while (true)
        {
            batch.Clear();
            var max = engine.Options.MaxBatch;
            while (batch.Count < max && _queue.TryDequeue(out var next)) batch.Add(next);
            if (batch.Count == 0)
            {
                Volatile.Write(ref _draining, 0);
                // An attempt queued between the last dequeue and the flag's reset must not wait for the next caller.
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
                continue;
            }
            engine.Metrics.Taken(batch.Count);
            await DecideAsync(batch);
            // Behind the callers just answered (their continuations are queued on the thread pool): those that come straight
            // back join the next batch instead of the one after, so batches are bigger and commits (fsyncs) fewer.
            await Task.Yield();
        }
    }

    private async Task DecideAsync(List<PendingAttempt> batch)
    {
        var started = Stopwatch.GetTimestamp();
        AttemptResult[] results;
        try
        {
            results = await CommitBatchAsync(batch);
        }
        catch (Exception e)
        {
            Forget();
            engine.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
            engine.Metrics.Failed(batch.Count);
            engine.Logger.LogError(e, "Flash sale {SaleId}: a batch of {Count} attempts could not be committed", saleId, batch.Count);
            var unavailable = new FlashSaleUnavailableException("The flash sale could not record attempts just now; nothing was decided. Try again with the same Idempotency-Key.", e);
            foreach (var attempt in batch) attempt.Answer.TrySetException(unavailable);
            return;
        }
        // Counted before the answers go out, so a caller that has its answer sees it processed.
        engine.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
        for (var i = 0; i < batch.Count; i++)
        {
            var (attempt, result) = (batch[i], results[i]);
            if (result.Outcome is AttemptOutcome.SoldOut or AttemptOutcome.LimitReached) _refusals.Remember(attempt.CustomerId, attempt.RequestKey, result.Outcome);
            engine.Metrics.AnsweredByBatch(result.Outcome);
            attempt.Answer.TrySetResult(result);
        }
    }

    private async Task<AttemptResult[]> CommitBatchAsync(List<PendingAttempt> batch)
    {
        await using var scope = engine.Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var decided = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => DecideInTransactionAsync(db, batch));
        Learn(decided);
        return decided.Results;
    }

    private sealed record Decided(AttemptResult[] Results, Dictionary<Guid, BuyerClaims> Changed, long Revision, AttemptOutcome? Closes);

    private async Task<Decided> DecideInTransactionAsync(LiveCrossDbContext db, List<PendingAttempt> batch)
    {
        db.ChangeTracker.Clear();
        // SQLite: BEGIN IMMEDIATE takes the database's write lock; PostgreSQL: the sale row's lock, taken next.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.LockForUpdateAsync<FlashSale>(saleId, CancellationToken.None);
        var sale = await FlashSaleBatchSql.ReadSaleAsync(db, saleId);
        await CatchUpAsync(db, sale.Revision, sale.Claimed, batch);

        // Whole milliseconds: what every provider stores, so a retry read from the database matches the first answer.
        var clockNow = engine.Clock.GetUtcNow();
        var now = new DateTimeOffset(clockNow.Ticks - clockNow.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var window = engine.Options.ClaimWindow;
        var ledger = new FlashSaleLedger(terms, sale.Claimed, sale.Status == FlashSaleStatus.EndedByHost);
        var results = new AttemptResult[batch.Count];
        var changed = new Dictionary<Guid, BuyerClaims>();
        var accepted = new List<FlashSaleClaim>();
        Version7Ids? ids = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var attempt = batch[i];
            var mine = changed.GetValueOrDefault(attempt.CustomerId) ?? _buyers.GetValueOrDefault(attempt.CustomerId);
            if (mine?.AnswerTo(attempt.RequestKey) is { } first)
            {
                results[i] = first;
                continue;
            }
            var outcome = ledger.Decide(mine?.Held ?? 0, attempt.Quantity, now);
            if (outcome != AttemptOutcome.Accepted)
            {
                results[i] = AttemptResult.Refused(outcome);
                continue;
            }
            ids ??= new Version7Ids(now, batch.Count - i);
            var claim = new FlashSaleClaim
            {
                Id = ids.Next(),
                SaleId = saleId,
                CustomerId = attempt.CustomerId,
                RequestKey = attempt.RequestKey,
                Quantity = attempt.Quantity,
                Status = ClaimStatus.Held,
                CreatedAt = now,
                PayBefore = now + window,
            };
            accepted.Add(claim);
            results[i] = new AttemptResult(AttemptOutcome.Accepted, claim.Id, claim.PayBefore);
            changed[attempt.CustomerId] = (mine ?? BuyerClaims.None).With(attempt.RequestKey, results[i], attempt.Quantity);
        }

        AttemptOutcome? closes = ledger.IsOver(now) ? AttemptOutcome.Ended : ledger.Remaining == 0 ? AttemptOutcome.SoldOut : null;
        // Answering from memory once closed needs every buyer; read before this batch's claims go in (Learn adds them).
        if (closes is not null && !_complete) await ReadAllClaimsAsync(db);

        var revision = sale.Revision;
        if (accepted.Count > 0)
        {
            await FlashSaleClaimJournal.AppendAsync(db, saleId, now, now + window, accepted);
            var added = ledger.Claimed - sale.Claimed;
            if (await FlashSaleBatchSql.RaiseClaimedAsync(db, saleId, added) != 1) throw new InvalidOperationException($"Flash sale {saleId}: claimed could not be raised by {added} under its lock.");
            revision++;
        }
        await transaction.CommitAsync();
        if (ledger.Remaining == 0 && accepted.Count > 0) engine.Logger.LogInformation("Flash sale {SaleId} sold out", saleId);
        return new Decided(results, changed, revision, closes);
    }

    /// <summary>
    /// Brings this node's memory up to the sale's revision (read under the lock) for the batch's buyers. Nothing to read
    /// when the revision is the one this node wrote last; else another node, the expiry sweep or the host changed the
    /// sale, and what this node knew is dropped.
    /// </summary>
    private async Task CatchUpAsync(LiveCrossDbContext db, long revision, int claimed, List<PendingAttempt> batch)
    {
        if (revision != _revision)
        {
            Volatile.Write(ref _buyers, new ConcurrentDictionary<Guid, BuyerClaims>());
            _known.Clear();
            _complete = false;
            _revision = revision;
            if (claimed < ReadAllBelow)
            {
                await ReadAllClaimsAsync(db);
                return;
            }
        }
        if (_complete) return;
        var missing = batch.Select(a => a.CustomerId).Where(c => !_known.Contains(c)).Distinct().ToList();
        if (missing.Count == 0) return;
        await FlashSaleClaimJournal.MaterializeLockedAsync(db, saleId, CancellationToken.None);
        var rows = await db.FlashSaleClaims.AsNoTracking().Where(c => c.SaleId == saleId && missing.Contains(c.CustomerId))
            .Select(c => new ClaimRow(c.CustomerId, c.RequestKey, c.Id, c.PayBefore, c.Quantity, c.Status)).ToListAsync();
        foreach (var buyer in rows.GroupBy(r => r.CustomerId)) _buyers[buyer.Key] = BuyerClaims.From(buyer);
        _known.UnionWith(missing);
    }

    private async Task ReadAllClaimsAsync(LiveCrossDbContext db)
    {
        await FlashSaleClaimJournal.MaterializeLockedAsync(db, saleId, CancellationToken.None);
        var rows = await db.FlashSaleClaims.AsNoTracking().Where(c => c.SaleId == saleId)
            .Select(c => new ClaimRow(c.CustomerId, c.RequestKey, c.Id, c.PayBefore, c.Quantity, c.Status)).ToListAsync();
        Volatile.Write(ref _buyers, new ConcurrentDictionary<Guid, BuyerClaims>(rows.GroupBy(r => r.CustomerId).Select(g => KeyValuePair.Create(g.Key, BuyerClaims.From(g)))));
        _known.Clear();
        _complete = true;
    }

    /// <summary>After a commit: the batch's claims join the memory, which is now exact at the revision this batch wrote.</summary>
    private void Learn(Decided decided)
    {
        var buyers = _buyers;
        foreach (var (customer, claims) in decided.Changed) buyers[customer] = claims;
        _revision = decided.Revision;
        if (decided.Closes is { } outcome)
        {
            // Refusals only noted during an earlier sold-out spell go into the table now (see RefusalMemory). A batch of
            // attempts queued before the sale closed finds it closed again at the same revision: the notes are this
            // spell's, and stay notes.
            if (Volatile.Read(ref _closed) is not { } previous || previous.Revision != decided.Revision) _refusals.FoldAll();
            Volatile.Write(ref _closed, new Closed(outcome, buyers, decided.Revision, engine.RecheckTick));
        }
        // Claims accepted while this node still took the sale for sold out (units came back elsewhere): it is not.
        else if (decided.Changed.Count > 0) Volatile.Write(ref _closed, null);
    }

    /// <summary>A batch failed: whether it was written is unknown, so the next one reads what it needs again.</summary>
    private void Forget()
    {
        _revision = -1;
        _complete = false;
        _known.Clear();
        Volatile.Write(ref _buyers, new ConcurrentDictionary<Guid, BuyerClaims>());
    }

    /// <summary>
    /// Units may have come back through another node: look at the sale's revision again, at most once per
    /// <see cref="FlashSaleOptions.SoldOutRecheckInterval"/> (a tick of the engine's recheck timer; an attempt reads no clock).
    /// </summary>
    private void RecheckIfDue(Closed closed)
    {
        if (engine.RecheckTick == closed.CheckedTick) return;
        if (Interlocked.CompareExchange(ref _rechecking, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var tick = engine.RecheckTick;
                await using var scope = engine.Scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                var revision = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == saleId).Select(s => s.Revision).FirstAsync();
                if (revision != closed.Revision) Reopen();
                else Interlocked.CompareExchange(ref _closed, closed with { CheckedTick = tick }, closed);
            }
            catch (Exception e)
            {
                engine.Logger.LogWarning(e, "Flash sale {SaleId}: could not re-read its revision", saleId);
            }
            finally
            {
                Volatile.Write(ref _rechecking, 0);
            }
        });
    }

    private sealed record PendingAttempt(Guid CustomerId, string RequestKey, int Quantity, long Sequence)
    {
        public TaskCompletionSource<AttemptResult?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A sale sold out or over, with every claim in it as of <see cref="Revision"/> (read under the sale's lock; no claim
    /// can be added while it stays so). Every later attempt is answered from it as the database would.
    /// </summary>
    private sealed record Closed(AttemptOutcome Outcome, ConcurrentDictionary<Guid, BuyerClaims> Buyers, long Revision, int CheckedTick);

    private sealed record ClaimRow(Guid CustomerId, string RequestKey, Guid Id, DateTimeOffset PayBefore, int Quantity, ClaimStatus Status);

    /// <summary>A buyer's units held or paid in the sale, and the first answer to each of their claims' keys.</summary>
    private sealed class BuyerClaims(int held, (string Key, AttemptResult Answer)[] answers)
    {
        public static readonly BuyerClaims None = new(0, []);

        public int Held { get; } = held;

        public AttemptResult? AnswerTo(string requestKey)
        {
            foreach (var (key, answer) in answers)
                if (string.Equals(key, requestKey, StringComparison.Ordinal)) return answer;
            return null;
        }

        public BuyerClaims With(string requestKey, AttemptResult answer, int units) => new(Held + units, [.. answers, (requestKey, answer)]);

        public static BuyerClaims From(IEnumerable<ClaimRow> claims)
        {
            var list = claims.ToList();
            return new(list.Where(c => c.Status != ClaimStatus.Expired).Sum(c => c.Quantity),
                [.. list.Select(c => (c.RequestKey, new AttemptResult(AttemptOutcome.Accepted, c.Id, c.PayBefore)))]);
        }
    }

    /// <summary>
    /// Refusals this node gave, so that a retry gets its first answer even after units come back. Bounded: past the cap,
    /// refusals are not remembered. The table is read without locks (a sold-out burst reads it once per attempt from every
    /// core); it is striped by buyer so that no stripe reaches the large object heap, whose allocations start full (gen 2)
    /// collections. While a sale stays sold out, a retry is answered from the closed state exactly as the first time (a
    /// buyer's units cannot change meanwhile), so a refusal given then is only noted — appended to the calling thread's
    /// note buffer, which no other core touches, the cheapest part of the burst — and the notes are folded into the table
    /// before anything else looks there: by the first lookup after the sale reopens, and when it closes again.
    /// </summary>
    private sealed class RefusalMemory
    {
        private const int Cap = 200_000;
        private const int TableStripes = 128;

        /// <summary>Note buffers, chosen by thread id: more than the cores, so two busy threads seldom share one.</summary>
        private const int NoteStripes = 64;

        private readonly ConcurrentDictionary<(Guid, string), AttemptOutcome>[] _tables =
            [.. Enumerable.Range(0, TableStripes).Select(_ => new ConcurrentDictionary<(Guid, string), AttemptOutcome>(concurrencyLevel: 1, capacity: 31))];

        private readonly Notes[] _notes = [.. Enumerable.Range(0, NoteStripes).Select(_ => new Notes())];

        // Refusals in the tables plus notes (counted in steps, see Notes.Add): what the cap is checked against.
        private int _count;

        // Some notes are not folded yet. Set after a note is added, cleared when folding starts.
        private volatile bool _pending;

        // Folds under way: a lookup that finds _pending already cleared by one must not read the table before it is done.
        private int _folding;

        public bool TryGet(Guid customerId, string requestKey, out AttemptOutcome outcome)
        {
            // Folding again while another fold runs waits on the buffer it is folding (each is folded under its lock), so
            // every note made before this lookup is in the table when it returns.
            if (_pending || Volatile.Read(ref _folding) != 0) FoldAll();
            return TableOf(customerId).TryGetValue((customerId, requestKey), out outcome);
        }

        /// <summary>
        /// A refusal a batch gave: remembered unless the attempt already has one (the first answer wins). Notes need not be
        /// folded first: an attempt reaches a batch only when no refusal was found for it (a note made meanwhile is a
        /// concurrent duplicate's, and either answer is a first one).
        /// </summary>
        public void Remember(Guid customerId, string requestKey, AttemptOutcome outcome)
        {
            if (Volatile.Read(ref _count) < Cap && TableOf(customerId).TryAdd((customerId, requestKey), outcome)) Interlocked.Increment(ref _count);
        }

        /// <summary>
        /// While the sale is sold out: a refusal remembered from before the sell-out wins; else <paramref name="outcome"/>,
        /// noted for later (see the class summary). Refusals noted in this sold-out spell are not looked for: they were
        /// this same answer.
        /// </summary>
        public AttemptOutcome NoteWhileSoldOut(Guid customerId, string requestKey, AttemptOutcome outcome)
        {
            if (TableOf(customerId).TryGetValue((customerId, requestKey), out var earlier)) return earlier;
            if (Volatile.Read(ref _count) >= Cap) return outcome;
            var notes = _notes[Environment.CurrentManagedThreadId & (NoteStripes - 1)];
            int unreported;
            lock (notes.Gate) unreported = notes.Add(new Refusal(customerId, requestKey, outcome));
            if (unreported > 0) Interlocked.Add(ref _count, unreported);
            if (!_pending) _pending = true;
            return outcome;
        }

        /// <summary>Folds every note into the tables, the first refusal for an attempt winning.</summary>
        public void FoldAll()
        {
            Interlocked.Increment(ref _folding);
            try
            {
                _pending = false;
                foreach (var notes in _notes) Fold(notes);
            }
            finally
            {
                Interlocked.Decrement(ref _folding);
            }
        }

        private void Fold(Notes notes)
        {
            lock (notes.Gate)
            {
                var (refusals, reported) = notes.TakeAll();
                var added = 0;
                foreach (var chunk in refusals)
                {
                    foreach (var refusal in chunk)
                    {
                        if (refusal.RequestKey is null) break;
                        if (TableOf(refusal.CustomerId).TryAdd((refusal.CustomerId, refusal.RequestKey), refusal.Outcome)) added++;
                    }
                }
                Interlocked.Add(ref _count, added - reported);
            }
        }

        private ConcurrentDictionary<(Guid, string), AttemptOutcome> TableOf(Guid customerId) => _tables[(customerId.GetHashCode() & int.MaxValue) % TableStripes];

        private readonly record struct Refusal(Guid CustomerId, string RequestKey, AttemptOutcome Outcome);

        /// <summary>One thread's notes (under <see cref="Gate"/>), in chunks small enough to stay off the large object heap.</summary>
        private sealed class Notes
        {
            private const int ChunkSize = 1024;
            private const int ReportEvery = 256;

            private List<Refusal[]> _chunks = [];
            private int _used = ChunkSize;
            private int _count;
            private int _reported;

            public Lock Gate { get; } = new();

            /// <summary>Adds a note; returns how many notes to add to the memory's count now (every few, so the shared count is seldom written).</summary>
            public int Add(Refusal refusal)
            {
                if (_used == ChunkSize)
                {
                    _chunks.Add(new Refusal[ChunkSize]);
                    _used = 0;
                }
                _chunks[^1][_used++] = refusal;
                if (++_count - _reported < ReportEvery) return 0;
                var unreported = _count - _reported;
                _reported = _count;
                return unreported;
            }

            /// <summary>Every note so far (a chunk's unused tail has a null key) and how many of them were counted; empties the buffer.</summary>
            public (List<Refusal[]> Chunks, int Reported) TakeAll()
            {
                var taken = (_chunks, _reported);
                _chunks = [];
                _used = ChunkSize;
                _count = 0;
                _reported = 0;
                return taken;
            }
        }
    }
}
