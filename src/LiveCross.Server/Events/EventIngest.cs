using System.Buffers;
using System.Text.Json;
using System.Threading.RateLimiting;
using LiveCross.Domain.Events;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Http;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Events;

/// <summary>The reply to a batch: how many events were taken, how many were known already, and why each refused one was refused.</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

public sealed record RejectedEvent(int Index, string Reason);

/// <summary>
/// <c>POST /api/v1/events</c>: validates a batch event by event, stamps who, where and when, drops the events the
/// same subject sent before, and hands the rest to <see cref="EventWriter"/>. Nothing waits for the disk.
/// </summary>
public sealed class EventIngest : IDisposable
{
    public const int MaxBatch = 500;

    /// <summary>500 events of a few hundred bytes each, with room to spare; more is not a batch from our tracker.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public const string ClientHeader = "X-LiveCross-Client";
    public const string ClientCookie = "lc_client";

    private readonly EventWriter _writer;
    private readonly RecentEventKeys _recent;
    private readonly TimeProvider _clock;
    private readonly EventTimeWindow _window;
    private readonly PartitionedRateLimiter<string> _limiter;

    public EventIngest(EventWriter writer, RecentEventKeys recent, TimeProvider clock, IOptions<EventsOptions> options)
    {
        _writer = writer;
        _recent = recent;
        _clock = clock;
        var settings = options.Value;
        _window = new EventTimeWindow(settings.MaxAge, settings.MaxAhead);
        _limiter = PartitionedRateLimiter.Create<string, string>(subject => RateLimitPartition.GetTokenBucketLimiter(subject, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async Task<IResult> PostAsync(HttpContext http, ShopperContext shopper, CancellationToken cancellationToken)
    {
        var userId = http.User.UserId();
        var clientId = ClientIdOf(http.Request);
        if (clientId.Problem is { } clientProblem) throw ProblemException.Invalid(ClientHeader, clientProblem);
        if (userId is null && clientId.Id is null)
            throw ProblemException.Invalid(ClientHeader, $"An anonymous caller sends its client id in the {ClientHeader} header or the {ClientCookie} cookie (8 to 64 letters, digits, - or _).");
        var subject = StoredEvent.SubjectOf(userId, clientId.Id);

        using var lease = _limiter.AttemptAcquire(subject);
        if (!lease.IsAcquired)
            throw new ProblemException(StatusCodes.Status429TooManyRequests, "Too many event batches.", "This client sent more batches a second than allowed; send fewer, larger batches.");

        using var body = await ReadBodyAsync(http.Request, cancellationToken);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Array) throw ProblemException.Invalid("body", "The body must be a JSON array of events.");
        var count = root.GetArrayLength();
        if (count > MaxBatch) throw ProblemException.Invalid("body", $"A batch holds at most {MaxBatch} events; this one has {count}.");

        var receivedAt = _clock.GetUtcNow();
        var market = shopper.Market.Code;
        var locale = shopper.Locale;
        var rejected = new List<RejectedEvent>();
        var candidates = new List<StoredEvent>(count);
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var (incoming, reason) = EventBatchParser.Read(element);
            reason ??= EventRules.Check(incoming!, receivedAt, _window);
            if (reason is not null) rejected.Add(new RejectedEvent(index, reason));
            else candidates.Add(Stamp(incoming!, subject, userId, clientId.Id, market, locale, receivedAt));
            index++;
        }

        var fresh = Fresh(candidates);
        if (!_writer.TryEnqueue(fresh))
        {
            // Not stored: the retry this answer asks for must not be taken for a duplicate.
            _recent.Forget(fresh.Select(e => e.Key));
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "Events are arriving faster than they can be stored.", "Send the batch again in a few seconds with the same event ids.");
        }
        return TypedResults.Ok(new IngestResult(fresh.Length, candidates.Count - fresh.Length, rejected));
    }

    /// <summary>The candidates whose key was not seen before, in this batch or an earlier one.</summary>
    private StoredEvent[] Fresh(List<StoredEvent> candidates)
    {
        var keys = ArrayPool<Guid>.Shared.Rent(candidates.Count);
        var isNew = ArrayPool<bool>.Shared.Rent(candidates.Count);
        try
        {
            for (var i = 0; i < candidates.Count; i++) keys[i] = candidates[i].Key;
            _recent.Admit(keys.AsSpan(0, candidates.Count), isNew.AsSpan(0, candidates.Count));
            var fresh = new List<StoredEvent>(candidates.Count);
            for (var i = 0; i < candidates.Count; i++)
            {
                if (isNew[i]) fresh.Add(candidates[i]);
            }
            return [.. fresh];
        }
        finally
        {
            ArrayPool<Guid>.Shared.Return(keys);
            ArrayPool<bool>.Shared.Return(isNew);
        }
    }

    private static StoredEvent Stamp(IncomingEvent e, string subject, Guid? userId, string? clientId, string market, string locale, DateTimeOffset receivedAt)
    {
        if (!EventTypes.TryParse(e.Type, out var type)) throw new ArgumentException("The event was not checked.", nameof(e));
        return new StoredEvent
        {
            Key = StoredEvent.KeyOf(subject, e.EventId!),
            EventId = e.EventId!,
            Type = type,
            OccurredAt = e.OccurredAt!.Value,
            ReceivedAt = receivedAt,
            Subject = subject,
            UserId = userId,
            ClientId = clientId,
            Market = market,
            Locale = locale,
            VideoId = e.VideoId,
            LiveSessionId = e.LiveSessionId,
            ProductId = e.ProductId,
            OrderId = e.OrderId,
            Percent = e.Percent,
            WatchSeconds = e.WatchSeconds,
            Source = EventSource.Client,
        };
    }

    /// <summary>The anonymous client id from the header, else the cookie; a malformed one is a problem, not silently ignored.</summary>
    public static (string? Id, string? Problem) ClientIdOf(HttpRequest request)
    {
        var header = request.Headers[ClientHeader].ToString();
        var value = header.Length > 0 ? header : request.Cookies[ClientCookie];
        if (string.IsNullOrEmpty(value)) return (null, null);
        return EventRules.IsClientId(value) ? (value, null) : (null, "A client id is 8 to 64 letters, digits, - or _.");
    }

    private static async Task<JsonDocument> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) throw TooLarge();
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } known and > 0 ? (int)known : 16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes) throw TooLarge();
        }
        if (buffer.WrittenCount == 0) throw ProblemException.Invalid("body", "A JSON array of events is required.");
        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw ProblemException.Invalid("body", $"The JSON is malformed (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    private static ProblemException TooLarge() => ProblemException.Invalid("body", $"A batch is at most {MaxBodyBytes / 1024} KiB.");

    public void Dispose() => _limiter.Dispose();
}
