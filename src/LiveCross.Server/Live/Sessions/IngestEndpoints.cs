using System.Security.Cryptography;
using System.Text;
using LiveCross.Domain.Live;
using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Sessions;

/// <summary>
/// The HTTP callbacks of nginx-rtmp (on_publish, on_publish_done), posted as a form with the stream name
/// (<c>name</c> = the stream key), <c>addr</c>, <c>app</c>, <c>call</c>… nginx lets a publish go on for any 2xx or
/// 3xx answer and drops the connection on anything else.
/// <para>
/// Only the media server may call these: the rendered nginx.conf carries a platform secret as the <c>secret</c>
/// query parameter and every call without it is refused. A secret rather than a loopback check, because
/// behind a proxy or with the media server on another host the caller's address proves nothing, while the
/// secret is known only to the nodes (database) and to whoever can read the rendered config.
/// </para>
/// </summary>
public static class IngestEndpoints
{
    public const string Path = "/api/v1/live/ingest";
    public const string MediaServerActor = "media-server";

    public static IEndpointRouteBuilder MapLiveIngest(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup(Path).WithTags("Live ingest (media server callbacks)").AllowAnonymous().DisableAntiforgery();
        ingest.MapPost("/publish", Publish)
            .WithDescription("nginx-rtmp on_publish: a good key of a scheduled session takes it live and relays the stream to the hls application under the session id (302 Location); anything else is 403.");
        ingest.MapPost("/update", Update)
            .WithDescription("nginx-rtmp on_update, every few seconds of a publish: 204 while the key's session is live over RTMP; 403 (nginx cuts the stream) once it has ended or the key is unknown.");
        ingest.MapPost("/publish-done", PublishDone)
            .WithDescription("nginx-rtmp on_publish_done: the session published over RTMP ends.");
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Publish(
        HttpRequest request, string? secret, string? relay, LiveCrossDbContext db, LiveSecrets secrets, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(IngestEndpoints));
        if (!await IsMediaServerAsync(secret, secrets, cancellationToken)) return Refuse("The callback secret is missing or wrong.");
        // The rendered config names the application that writes HLS; without it there would be nothing to watch.
        if (!Uri.TryCreate(relay, UriKind.Absolute, out var relayTo) || relayTo.Scheme != "rtmp") return Refuse("The media-server config has no relay; render it again.");
        var form = await ReadFormAsync(request, cancellationToken);
        var key = form.GetValueOrDefault("name");
        var address = form.GetValueOrDefault("addr") ?? "unknown address";
        if (await KeyHashAsync(key, secrets, cancellationToken) is not { } hash) return Refuse("No such stream key.");
        var session = await db.LiveSessions.Include(s => s.Transitions).FirstOrDefaultAsync(s => s.StreamKeyHash == hash, cancellationToken);
        if (session is null)
        {
            logger.LogWarning("Publish refused: unknown stream key from {Address}", address);
            return Refuse("No such stream key.");
        }
        var now = clock.GetUtcNow();
        switch (session.Status)
        {
            case LiveSessionStatus.Scheduled:
                session.Apply(LiveSessionStateMachine.GoLive(session.Status, MediaServerActor, now, $"Stream published from {Truncate(address)}."), LiveSource.Rtmp);
                break;
            // The host marked it live by hand and now starts the encoder: the stream takes over from the demo video.
            case LiveSessionStatus.Live when session.Source == LiveSource.Manual:
                session.Source = LiveSource.Rtmp;
                break;
            default:
                logger.LogWarning("Publish refused: session {SessionId} is {Status} ({Source}), from {Address}", session.Id, session.Status, session.Source, address);
                return Refuse(session.Status == LiveSessionStatus.Live ? "The session is being published already." : "The session has ended; its key is no longer valid.");
        }
        await Replays.ReplayRecordings.StartedAsync(db, session.Id, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second publish with the same key at the same moment: the first one to save is the broadcast.
            return Refuse("The session is being published already.");
        }
        logger.LogInformation("Session {SessionId} is live over RTMP from {Address}", session.Id, address);
        // nginx-rtmp relays a publish to an rtmp:// Location of a 3xx answer: the hls application writes the stream
        // under the session id, so the secret key never appears in a file name or a viewer's URL. (A plain name as
        // Location would only rename the stream after the HLS writer had already taken the key as its name.)
        return TypedResults.Redirect($"{relayTo.ToString().TrimEnd('/')}/{LivePlayback.StreamName(session.Id)}");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Update(
        HttpRequest request, string? secret, LiveCrossDbContext db, LiveSecrets secrets, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await IsMediaServerAsync(secret, secrets, cancellationToken)) return Refuse("The callback secret is missing or wrong.");
        var form = await ReadFormAsync(request, cancellationToken);
        var key = form.GetValueOrDefault("name");
        if (await KeyHashAsync(key, secrets, cancellationToken) is not { } hash) return Refuse("No such stream key.");
        var session = await db.LiveSessions.AsNoTracking().Where(s => s.StreamKeyHash == hash)
            .Select(s => new { s.Id, s.Status, s.Source }).FirstOrDefaultAsync(cancellationToken);
        if (session is { Status: LiveSessionStatus.Live, Source: LiveSource.Rtmp }) return TypedResults.NoContent();
        if (session is not null)
            loggers.CreateLogger(typeof(IngestEndpoints)).LogInformation("Session {SessionId} is {Status}: the media server cuts its stream", session.Id, session.Status);
        return Refuse("The session is no longer live; the stream is cut.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PublishDone(
        HttpRequest request, string? secret, LiveCrossDbContext db, LiveSecrets secrets, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await IsMediaServerAsync(secret, secrets, cancellationToken)) return Refuse("The callback secret is missing or wrong.");
        var form = await ReadFormAsync(request, cancellationToken);
        var name = form.GetValueOrDefault("name");
        // nginx reports the name the encoder published under (the key); a session id is taken too, should a relay report.
        LiveSession? session = null;
        if (Guid.TryParseExact(name, "N", out var id))
            session = await db.LiveSessions.Include(s => s.Transitions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        else if (await KeyHashAsync(name, secrets, cancellationToken) is { } hash)
            session = await db.LiveSessions.Include(s => s.Transitions).FirstOrDefaultAsync(s => s.StreamKeyHash == hash, cancellationToken);
        if (session is not { Status: LiveSessionStatus.Live, Source: LiveSource.Rtmp }) return TypedResults.NoContent();
        session.Apply(LiveSessionStateMachine.End(session.Status, MediaServerActor, clock.GetUtcNow(), "The broadcaster stopped publishing."));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The host ended it at the same moment; ended either way.
        }
        loggers.CreateLogger(typeof(IngestEndpoints)).LogInformation("Session {SessionId} ended: the RTMP publish stopped", session.Id);
        return TypedResults.NoContent();
    }

    internal static async Task<bool> IsMediaServerAsync(string? secret, LiveSecrets secrets, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret)) return false;
        var expected = await secrets.MediaServerCallbackSecretAsync(cancellationToken);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>The stored hash of a stream key as nginx reports it, or null for anything that cannot be a key.</summary>
    private static async Task<string?> KeyHashAsync(string? key, LiveSecrets secrets, CancellationToken cancellationToken) =>
        StreamKeys.IsWellFormed(key) ? StreamKeys.Hash(key!, await secrets.StreamKeyHashKeyAsync(cancellationToken)) : null;

    /// <summary>The form nginx posts; any other body reads as empty, which refuses the publish.</summary>
    private static async Task<Dictionary<string, string>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return [];
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60];

    private static ProblemHttpResult Refuse(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Publishing refused.");
}
