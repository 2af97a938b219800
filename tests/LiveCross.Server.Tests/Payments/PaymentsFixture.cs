using System.Collections.Concurrent;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Outbox;
using LiveCross.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCross.Server.Tests.Payments;

/// <summary>
/// An app for payment tests: its outbox polled often (webhooks arrive in a fraction of a second), a
/// recording <see cref="IPaymentOutcomeHandler"/> in place of the orders module, a stand-in for the orders
/// module's checkout and refund calls, and the log kept for assertions.
/// </summary>
public abstract class PaymentsFixture(TestDatabase database) : IAsyncLifetime
{
    private LiveCrossApp? _app;

    public CapturedLogs Logs { get; } = new();

    public TestDatabase Database => database;

    public LiveCrossApp App
    {
        get
        {
            if (_app is null && database == TestDatabase.Postgres) ExternalProgram.Require(PostgresServer.InitDbPath, "PostgreSQL (initdb)");
            return _app ?? throw new InvalidOperationException("The app did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (database == TestDatabase.Postgres && PostgresServer.InitDbPath is null && !ExternalProgram.IsCi) return;
        var connection = database == TestDatabase.Postgres ? await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("payments") : null;
        var app = new LiveCrossApp(database, connection, demoData: false)
            .WithSetting("Outbox:PollInterval", "00:00:00.100")
            .WithServices(services =>
            {
                services.AddScoped<IPaymentOutcomeHandler, RecordingOutcomeHandler>();
                services.AddSingleton<IOutboxHandler, RecordedOutcomeSink>();
                services.AddSingleton<ILoggerProvider>(Logs);
                services.AddSingleton<IStartupFilter, OrdersStandIn>();
            });
        await ConfigureAsync(app);
        _ = app.Server;
        _app = app;
    }

    protected virtual Task ConfigureAsync(LiveCrossApp app) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed class SandboxSqliteFixture() : PaymentsFixture(TestDatabase.Sqlite);

public sealed class SandboxPostgresFixture() : PaymentsFixture(TestDatabase.Postgres);

/// <summary>
/// The orders module's part, played by the test: records each outcome it is given as a row in the
/// caller's unit of work (an outbox message), so a count of rows is a count of outcomes that committed.
/// </summary>
public sealed class RecordingOutcomeHandler(LiveCrossDbContext db, TimeProvider clock) : IPaymentOutcomeHandler
{
    public const string MessageType = "test.payment-outcome";

    // Rows made in the same millisecond have ids in no particular order; the sequence keeps the order of the calls.
    private static long _sequence;

    public Task HandleAsync(PaymentOutcome outcome, CancellationToken cancellationToken)
    {
        db.Enqueue(MessageType, new RecordedOutcome(Interlocked.Increment(ref _sequence), outcome), clock.GetUtcNow());
        return Task.CompletedTask;
    }
}

public sealed record RecordedOutcome(long Sequence, PaymentOutcome Outcome);

/// <summary>Lets the outbox worker mark recorded outcomes delivered; they stay in the table for the tests to read.</summary>
public sealed class RecordedOutcomeSink : IOutboxHandler
{
    public string MessageType => RecordingOutcomeHandler.MessageType;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Stands in for the orders module's checkout and refund endpoints: the calls it makes to
/// <see cref="PaymentService"/>, over HTTP, with the app's own problem handling.
/// </summary>
public sealed class OrdersStandIn : IStartupFilter
{
    public const string Checkout = "/api/test/checkout";
    public const string Refund = "/api/test/refund";

    public sealed record RefundRequest(Guid PaymentId, decimal Amount);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Checkout, branch => branch.Run(async context =>
        {
            var request = await context.Request.ReadFromJsonAsync<PaymentRequest>(context.RequestAborted);
            var started = await context.RequestServices.GetRequiredService<PaymentService>().StartAsync(request!, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.WriteAsJsonAsync(started, context.RequestAborted);
        }));
        app.Map(Refund, branch => branch.Run(async context =>
        {
            var request = await context.Request.ReadFromJsonAsync<RefundRequest>(context.RequestAborted);
            var refund = await context.RequestServices.GetRequiredService<PaymentService>().RefundAsync(request!.PaymentId, request.Amount, context.RequestAborted);
            await context.Response.WriteAsJsonAsync(refund, context.RequestAborted);
        }));
    };
}

public sealed record LogEntry(string Category, LogLevel Level, string Message);

public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
        }
    }
}
