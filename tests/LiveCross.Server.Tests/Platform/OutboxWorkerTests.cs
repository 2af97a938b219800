using System.Collections.Concurrent;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Outbox;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Platform;

/// <summary>The outbox worker delivers each message, retries failures with a doubling backoff, gives up after the maximum, and never lets two workers deliver one message at once.</summary>
public abstract class OutboxWorkerTests(OutboxAppFixture fixture)
{
    private static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    private LiveCrossApp App => fixture.App;

    private ScriptedHandler Handler => fixture.Handler;

    private async Task<Guid> EnqueueAsync(int failTimes = 0, int delayMilliseconds = 0)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var message = db.Enqueue(ScriptedHandler.Type, new Script(failTimes, delayMilliseconds), App.Clock.GetUtcNow());
        await db.SaveChangesAsync(Api.Cancel);
        return message.Id;
    }

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Api.Cancel);
    }

    [Fact]
    public async Task A_message_is_delivered_once_and_marked_delivered()
    {
        var id = await EnqueueAsync();

        var row = await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.DeliveredAt is not null);

        row.Attempts.ShouldBe(1);
        row.LastError.ShouldBeNull();
        Handler.Deliveries(id).ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_after_a_backoff_that_doubles()
    {
        var id = await EnqueueAsync(failTimes: 2);

        var first = await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.Attempts == 1);
        first.LastError!.ShouldContain("scripted failure 1");
        // SQLite keeps timestamps to a tenth of a millisecond, so the stored time may read a hair early.
        (first.NextAttemptAt - Handler.AttemptTimes(id)[0]).ShouldBeInRange(TimeSpan.FromSeconds(5) - Precision, TimeSpan.FromSeconds(6));
        await Task.Delay(TimeSpan.FromSeconds(1), Api.Cancel); // several polls: still waiting out the backoff
        (await RowAsync(id)).Attempts.ShouldBe(1);

        App.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.Attempts == 2);
        (second.NextAttemptAt - Handler.AttemptTimes(id)[1]).ShouldBeInRange(TimeSpan.FromSeconds(10) - Precision, TimeSpan.FromSeconds(11));

        App.Clock.Advance(TimeSpan.FromSeconds(10));
        var delivered = await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.DeliveredAt is not null);
        delivered.Attempts.ShouldBe(3);
        Handler.Deliveries(id).ShouldBe(1);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_given_up_after_the_maximum_attempts()
    {
        var id = await EnqueueAsync(failTimes: 100);

        await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.Attempts == 1);
        App.Clock.Advance(TimeSpan.FromSeconds(5));
        await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.Attempts == 2);
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        var failed = await OrdersApi.EventuallyAsync(() => RowAsync(id), m => m.FailedAt is not null);

        failed.Attempts.ShouldBe(OutboxAppFixture.MaxAttempts);
        failed.DeliveredAt.ShouldBeNull();
        failed.LastError!.ShouldContain("scripted failure 3");
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(TimeSpan.FromSeconds(1), Api.Cancel);
        Handler.AttemptTimes(id).Count.ShouldBe(OutboxAppFixture.MaxAttempts);
    }

    [Fact]
    public async Task Several_workers_polling_together_deliver_every_message_exactly_once_and_never_concurrently()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++) ids.Add(await EnqueueAsync(delayMilliseconds: 20));
        var workers = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<OutboxWorker>(App.Services)).ToList();

        await Task.WhenAll(workers.Select(async worker =>
        {
            for (var pass = 0; pass < 200 && ids.Any(id => Handler.Deliveries(id) == 0); pass++)
            {
                if (await worker.DeliverDueAsync(Api.Cancel) == 0) await Task.Delay(20, Api.Cancel);
            }
        }));

        ids.Select(Handler.Deliveries).ShouldAllBe(count => count == 1);
        Handler.Overlaps.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_message_waiting_out_its_backoff_is_not_retried_early_by_another_worker()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++) ids.Add(await EnqueueAsync(failTimes: 1, delayMilliseconds: 10));
        var workers = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<OutboxWorker>(App.Services)).ToList();

        await Task.WhenAll(workers.Select(async worker =>
        {
            for (var pass = 0; pass < 100; pass++)
            {
                await worker.DeliverDueAsync(Api.Cancel);
                if (ids.All(id => Handler.AttemptTimes(id).Count > 0) && pass > 20) break;
            }
        }));

        ids.Select(id => Handler.AttemptTimes(id).Count).ShouldAllBe(count => count == 1);
    }
}

public sealed record Script(int FailTimes, int DelayMilliseconds);

/// <summary>An outbox handler that fails as often as each message says, and notices when one message is handled twice at once.</summary>
public sealed class ScriptedHandler(TimeProvider clock) : IOutboxHandler
{
    public const string Type = "test-scripted";

    private readonly ConcurrentDictionary<Guid, List<DateTimeOffset>> _attempts = new();
    private readonly ConcurrentDictionary<Guid, int> _delivered = new();
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();

    public ConcurrentBag<Guid> Overlaps { get; } = [];

    public string MessageType => Type;

    public int Deliveries(Guid id) => _delivered.GetValueOrDefault(id);

    public IReadOnlyList<DateTimeOffset> AttemptTimes(Guid id)
    {
        var list = _attempts.GetOrAdd(id, _ => []);
        lock (list) return [.. list];
    }

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var script = message.ReadPayload<Script>();
        var attempts = _attempts.GetOrAdd(message.Id, _ => []);
        int attempt;
        lock (attempts)
        {
            attempts.Add(clock.GetUtcNow());
            attempt = attempts.Count;
        }
        if (_inFlight.AddOrUpdate(message.Id, 1, (_, n) => n + 1) > 1) Overlaps.Add(message.Id);
        try
        {
            if (script.DelayMilliseconds > 0) await Task.Delay(script.DelayMilliseconds, cancellationToken);
            if (attempt <= script.FailTimes) throw new InvalidOperationException($"scripted failure {attempt}");
            _delivered.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        }
        finally
        {
            _inFlight.AddOrUpdate(message.Id, 0, (_, n) => n - 1);
        }
    }
}

/// <summary>An app whose outbox also delivers <see cref="ScriptedHandler"/> messages, polling ten times a second, at most three attempts.</summary>
public abstract class OutboxAppFixture(TestDatabase database) : AppFixture(database)
{
    public const int MaxAttempts = 3;

    private ScriptedHandler? _handler;

    public ScriptedHandler Handler => _handler ?? throw new InvalidOperationException("The app did not start.");

    protected override void Configure(LiveCrossApp app)
    {
        _handler = new ScriptedHandler(app.Clock);
        app.WithSetting("Outbox:PollInterval", "00:00:00.100")
            .WithSetting("Outbox:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Outbox:FirstRetryDelay", "00:00:05")
            .WithSetting("Outbox:MaxRetryDelay", "00:01:00")
            .WithServices(s => s.AddSingleton<IOutboxHandler>(_handler));
    }
}

public sealed class SqliteOutboxAppFixture() : OutboxAppFixture(TestDatabase.Sqlite);

public sealed class PostgresOutboxAppFixture() : OutboxAppFixture(TestDatabase.Postgres);

public sealed class OutboxWorkerTestsOnSqlite(SqliteOutboxAppFixture fixture) : OutboxWorkerTests(fixture), IClassFixture<SqliteOutboxAppFixture>;

public sealed class OutboxWorkerTestsOnPostgres(PostgresOutboxAppFixture fixture) : OutboxWorkerTests(fixture), IClassFixture<PostgresOutboxAppFixture>;
