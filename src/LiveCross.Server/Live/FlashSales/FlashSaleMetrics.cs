using System.Diagnostics.Metrics;
using LiveCross.Domain.Live;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>
/// The flash-sale engine's instruments on the Meter <c>LiveCross.FlashSales</c>: attempts by outcome and by where the
/// answer came from, batch sizes, batch transaction durations and attempts waiting in the queues. One instance per
/// process (every engine instance shares it), so each instrument exists once.
/// </summary>
public sealed class FlashSaleMetrics
{
    public const string MeterName = "LiveCross.FlashSales";

    private static readonly KeyValuePair<string, object?> FromMemory = new("source", "memory");
    private static readonly KeyValuePair<string, object?> FromBatch = new("source", "batch");
    private static readonly KeyValuePair<string, object?>[] Outcomes =
    [
        new("outcome", "accepted"), new("outcome", "sold_out"), new("outcome", "limit_reached"), new("outcome", "ended"),
    ];
    private static readonly KeyValuePair<string, object?> Unavailable = new("outcome", "unavailable");

    private readonly Counter<long> _attempts;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly UpDownCounter<long> _queued;

    public FlashSaleMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("livecross.flash_sale.attempts", "{attempt}",
            "Purchase attempts answered, by outcome (accepted, sold_out, limit_reached, ended, unavailable) and source (memory: answered at once by this node; batch: decided in a database transaction).");
        _batchSize = meter.CreateHistogram("livecross.flash_sale.batch.size", "{attempt}", "Attempts decided and committed in one transaction.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096] });
        _batchDuration = meter.CreateHistogram("livecross.flash_sale.batch.duration", "s", "Time of one batch transaction, from its begin to its durable commit.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
        _queued = meter.CreateUpDownCounter<long>("livecross.flash_sale.queue.depth", "{attempt}", "Attempts waiting for a batch on this node.");
    }

    public void AnsweredFromMemory(AttemptOutcome outcome) => _attempts.Add(1, Outcomes[(int)outcome], FromMemory);

    public void AnsweredByBatch(AttemptOutcome outcome) => _attempts.Add(1, Outcomes[(int)outcome], FromBatch);

    public void Failed(int attempts) => _attempts.Add(attempts, Unavailable, FromBatch);

    public void Queued() => _queued.Add(1);

    public void Taken(int attempts) => _queued.Add(-attempts);

    public void Batch(int attempts, TimeSpan duration)
    {
        _batchSize.Record(attempts);
        _batchDuration.Record(duration.TotalSeconds);
    }
}
