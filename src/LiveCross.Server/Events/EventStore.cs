using DuckDB.NET.Data;
using LiveCross.Domain.Events;
using LiveCross.Server.Platform.Database;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Events;

/// <summary>
/// The append-only event store: one DuckDB file per server node, one columnar <c>events</c> table with typed
/// columns and a day column for partitioned exports. Only <see cref="EventWriter"/> appends; readers open
/// their own connections to the same database.
/// </summary>
/// <remarks>
/// Appends go through DuckDB's appender into <c>events_inbox</c>, then one <c>INSERT OR IGNORE</c> moves them into
/// <c>events</c>, whose primary key on the 16-byte event key keeps an event once even when a retry outlived the
/// in-memory recent-key set. A crash between the two steps leaves rows in the inbox, moved on the next start.
/// </remarks>
public sealed class EventStore : IDisposable
{
    private const string Columns = """
        event_key UUID NOT NULL, event_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
        occurred_at TIMESTAMP NOT NULL, occurred_day DATE NOT NULL, received_at TIMESTAMP NOT NULL,
        subject VARCHAR NOT NULL, user_id UUID, client_id VARCHAR, market VARCHAR NOT NULL, locale VARCHAR NOT NULL,
        video_id UUID, live_session_id UUID, product_id UUID, order_id UUID,
        percent UTINYINT, watch_seconds DOUBLE, amount DECIMAL(18,4), currency VARCHAR, source VARCHAR NOT NULL
        """;

    private readonly DuckDBConnection _root;
    private readonly Lock _writeLock = new();

    public EventStore(IOptions<EventsOptions> options, IOptions<LiveCrossOptions> platform)
    {
        FilePath = System.IO.Path.Combine(platform.Value.DataPath, options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
        _root = new DuckDBConnection($"Data Source={FilePath}");
        _root.Open();
        Execute(_root, $"SET memory_limit = '{options.Value.MemoryLimit}'");
        Execute(_root, $"CREATE TABLE IF NOT EXISTS events ({Columns}, PRIMARY KEY (event_key))");
        Execute(_root, $"CREATE TABLE IF NOT EXISTS events_inbox ({Columns})");
        MoveInbox();
    }

    public string FilePath { get; }

    /// <summary>A new connection to the store for reading; the caller disposes it.</summary>
    public DuckDBConnection OpenReader()
    {
        // DuckDB.NET shares one database instance among the connections a process opens to one file.
        var connection = new DuckDBConnection(_root.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Appends the events; returns how many were new (the rest were stored before).</summary>
    public long Append(IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0) return 0;
        lock (_writeLock)
        {
            using (var appender = _root.CreateAppender("events_inbox"))
            {
                foreach (var e in events) AppendRow(appender, e);
            }
            return MoveInbox();
        }
    }

    private long MoveInbox()
    {
        using var transaction = _root.BeginTransaction();
        using var insert = _root.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO events SELECT * FROM events_inbox";
        var inserted = insert.ExecuteNonQuery();
        using var clear = _root.CreateCommand();
        clear.Transaction = transaction;
        clear.CommandText = "DELETE FROM events_inbox";
        clear.ExecuteNonQuery();
        transaction.Commit();
        return inserted;
    }

    private static void AppendRow(DuckDBAppender appender, StoredEvent e)
    {
        var occurred = e.OccurredAt.UtcDateTime;
        appender.CreateRow()
            .AppendValue(e.Key)
            .AppendValue(e.EventId)
            .AppendValue(e.Type.Name())
            .AppendValue(occurred)
            .AppendValue(DateOnly.FromDateTime(occurred))
            .AppendValue(e.ReceivedAt.UtcDateTime)
            .AppendValue(e.Subject)
            .AppendValue(e.UserId)
            .AppendValue(e.ClientId)
            .AppendValue(e.Market)
            .AppendValue(e.Locale)
            .AppendValue(e.VideoId)
            .AppendValue(e.LiveSessionId)
            .AppendValue(e.ProductId)
            .AppendValue(e.OrderId)
            .AppendValue(e.Percent is { } p ? (byte?)p : null)
            .AppendValue(e.WatchSeconds)
            .AppendValue(e.Amount)
            .AppendValue(e.Currency)
            .AppendValue(e.Source == EventSource.Server ? "server" : "client")
            .EndRow();
    }

    /// <summary>The keys of the most recently received events, newest first, to seed the recent-key set after a restart.</summary>
    public List<Guid> RecentKeys(int count)
    {
        using var command = _root.CreateCommand();
        command.CommandText = "SELECT event_key FROM events ORDER BY received_at DESC LIMIT $count";
        command.Parameters.Add(new DuckDBParameter("count", count));
        using var reader = command.ExecuteReader();
        var keys = new List<Guid>();
        while (reader.Read()) keys.Add(reader.GetGuid(0));
        return keys;
    }

    public long Count()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _root.Dispose();
}
