using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Events;

/// <summary>The <c>Events</c> settings: where the event store lives and how the ingest batches, limits and de-duplicates.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>The DuckDB file; relative paths are under the data folder. Each server node needs its own file (DuckDB has one writer).</summary>
    [Required]
    public string Path { get; set; } = "events/events.duckdb";

    /// <summary>The writer appends what has arrived at least this often.</summary>
    [Range(10, 10_000)]
    public int FlushIntervalMilliseconds { get; set; } = 250;

    /// <summary>The writer appends as soon as this many events wait, without waiting for the interval.</summary>
    [Range(100, 200_000)]
    public int BatchSize { get; set; } = 20_000;

    /// <summary>Events accepted but not yet stored beyond which the ingest answers 503 rather than grow memory without end.</summary>
    [Range(1_000, 50_000_000)]
    public int MaxPending { get; set; } = 1_000_000;

    /// <summary>Event keys kept in memory to answer "duplicate" at once; the store's primary key keeps every event once regardless.</summary>
    [Range(1_000, 50_000_000)]
    public int RecentKeys { get; set; } = 2_000_000;

    /// <summary>An event's occurredAt may be at most this old when it arrives (a phone that was offline for longer loses those events).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>An event's occurredAt may be at most this far ahead of the server's clock (clients' clocks drift).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Batches a client (user or anonymous id) may post per second, on average.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>Batches a client may post at once before the per-second rate applies.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 30;

    /// <summary>DuckDB's memory limit, as DuckDB reads it ("512MB", "2GB").</summary>
    [Required, RegularExpression("^[0-9]+(KB|MB|GB)$")]
    public string MemoryLimit { get; set; } = "512MB";

    /// <summary>An order's payment is credited to the last video whose product tag the same shopper clicked within this time before paying.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromDays(7);
}
