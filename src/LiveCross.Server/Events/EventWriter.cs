using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Events;

/// <summary>
/// Takes accepted events off the request path: the ingest enqueues a batch and answers, this service appends
/// what has arrived to the store every flush interval or batch size, and drains everything on a clean stop.
/// </summary>
/// <remarks>
/// The channel is unbounded and the bound is our own <see cref="Pending"/> count: the ingest refuses (503)
/// above <see cref="EventsOptions.MaxPending"/> instead of waiting on a full channel. Counting events in and
/// out lets a test and the benchmark check that everything written was processed.
/// </remarks>
public sealed class EventWriter(EventStore store, IOptions<EventsOptions> options, ILogger<EventWriter> logger) : BackgroundService
{
    private readonly Channel<StoredEvent[]> _channel = Channel.CreateUnbounded<StoredEvent[]>(new UnboundedChannelOptions { SingleReader = true });
    private long _enqueued;
    private long _processed;
    private long _stored;

    /// <summary>Events handed to the writer so far.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Events the writer has appended so far (new or found stored already).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Events that were new to the store.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    public long Pending => Enqueued - Processed;

    /// <summary>False when too many events wait to be stored; nothing is enqueued then.</summary>
    public bool TryEnqueue(StoredEvent[] events)
    {
        if (events.Length == 0) return true;
        if (Pending + events.Length > options.Value.MaxPending) return false;
        Interlocked.Add(ref _enqueued, events.Length);
        if (_channel.Writer.TryWrite(events)) return true;
        Interlocked.Add(ref _enqueued, -events.Length);
        return false;
    }

    /// <summary>Waits until every event enqueued before the call is in the store; for tests, the benchmark and readers that need the latest.</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Enqueued;
        var deadline = DateTime.UtcNow + timeout;
        while (Processed < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The event writer stored {Processed} of {target} events within {timeout}.");
            await Task.Delay(5, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<StoredEvent>(options.Value.BatchSize);
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await CollectAsync(reader, batch, stoppingToken);
                await AppendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: everything accepted so far is stored before the host's stop completes.
        _channel.Writer.TryComplete();
        while (reader.TryRead(out var events))
        {
            batch.AddRange(events);
            if (batch.Count >= options.Value.BatchSize) await AppendAsync(batch, CancellationToken.None);
        }
        await AppendAsync(batch, CancellationToken.None);
    }

    /// <summary>Gathers events until the batch is full or the flush interval since the first one has passed.</summary>
    private async Task CollectAsync(ChannelReader<StoredEvent[]> reader, List<StoredEvent> batch, CancellationToken stoppingToken)
    {
        // Wall-clock time on purpose: the interval paces disk writes and has nothing to do with business time.
        var deadline = DateTime.UtcNow.AddMilliseconds(options.Value.FlushIntervalMilliseconds);
        while (true)
        {
            while (batch.Count < options.Value.BatchSize && reader.TryRead(out var events)) batch.AddRange(events);
            var left = deadline - DateTime.UtcNow;
            if (batch.Count >= options.Value.BatchSize || left <= TimeSpan.Zero) return;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(left);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token)) return;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task AppendAsync(List<StoredEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var added = store.Append(batch);
                Interlocked.Add(ref _stored, added);
                Interlocked.Add(ref _processed, batch.Count);
                batch.Clear();
                return;
            }
            catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or IOException && attempt < 5)
            {
                // A full disk or a locked file may clear; the events stay in memory meanwhile and the ingest sees them pending.
                logger.LogError(e, "Appending {Count} events failed (attempt {Attempt}); trying again", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }
}
