using LiveCross.Domain.Live;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Replays;

/// <summary>
/// Turns ended sessions into replays, on every node: the media server's recording is remuxed into an MP4 (or a session
/// that only played the demo video gets that video), then the session moves Ended → Replay with the video's URL and
/// duration. A failed attempt is retried with a doubling delay up to <see cref="ReplayOptions.MaxAttempts"/>. Nodes
/// working on the same replay at once both write the same file; the replay row's version lets only one save win.
/// </summary>
public sealed class ReplayJob(
    IServiceScopeFactory scopes, IOptions<ReplayOptions> options, IOptions<LiveCrossOptions> app, TimeProvider clock, ILogger<ReplayJob> logger) : BackgroundService
{
    public const string Actor = "replay-job";
    public const string VideoFolder = "replays";
    private const int BatchSize = 20;

    public static string VideoUrl(Guid sessionId) => $"/media/{VideoFolder}/{LivePlayback.StreamName(sessionId)}.mp4";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Making replays failed; retrying after the sweep interval");
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: finds ended sessions that played the demo video, then makes every replay that is due.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await AddDemoVideoReplaysAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.LiveReplays.AsNoTracking()
            .Where(r => (r.Status == ReplayStatus.Recording || r.Status == ReplayStatus.Pending) && r.NextAttemptAt <= now)
            .Where(r => db.LiveSessions.IgnoreQueryFilters().Any(s => s.Id == r.SessionId && s.Status == LiveSessionStatus.Ended))
            .OrderBy(r => r.NextAttemptAt).Select(r => r.SessionId).Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var id in due) await MakeAsync(id, cancellationToken);
    }

    /// <summary>A session live by the host's word (no media server) played the demo video from when it went live: that is its replay.</summary>
    private async Task AddDemoVideoReplaysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var ended = await db.LiveSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Status == LiveSessionStatus.Ended && s.Source == LiveSource.Manual && s.StartedAt != null)
            .Where(s => !db.LiveReplays.Any(r => r.SessionId == s.Id))
            .OrderBy(s => s.EndedAt).Select(s => new { s.Id, s.StartedAt }).Take(BatchSize).ToListAsync(cancellationToken);
        if (ended.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var s in ended)
            db.LiveReplays.Add(new LiveReplay { SessionId = s.Id, Source = ReplaySource.DemoVideo, Status = ReplayStatus.Pending, RecordingStartedAt = s.StartedAt!.Value, NextAttemptAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node added them first (the key is the session id); its rows stand.
        }
    }

    /// <summary>One attempt at one replay.</summary>
    public async Task MakeAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var replay = await db.LiveReplays.FirstOrDefaultAsync(r => r.SessionId == sessionId, cancellationToken);
        var session = await db.LiveSessions.IgnoreQueryFilters().Include(s => s.Transitions).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (replay is not { Status: ReplayStatus.Recording or ReplayStatus.Pending } || session is not { Status: LiveSessionStatus.Ended }) return;
        var now = clock.GetUtcNow();
        try
        {
            var video = replay.Source == ReplaySource.DemoVideo ? await DemoVideoAsync(scope.ServiceProvider, cancellationToken) : await RemuxAsync(replay, session, now, cancellationToken);
            if (video is null)
            {
                // The media server has not said the recording is complete yet: look again next sweep, without counting an attempt.
                replay.Status = ReplayStatus.Pending;
                replay.NextAttemptAt = now + options.Value.SweepInterval;
            }
            else
            {
                replay.Status = ReplayStatus.Ready;
                replay.VideoUrl = video.Value.Url;
                replay.DurationSeconds = Math.Round(video.Value.Seconds, 3);
                replay.Attempts++;
                replay.LastError = null;
                session.Apply(LiveSessionStateMachine.PublishReplay(session.Status, Actor, now, "The replay video is ready."));
            }
        }
        catch (ReplayFailedException e)
        {
            replay.Attempts++;
            replay.LastError = e.Message.Length <= LiveReplay.MaxError ? e.Message : e.Message[..LiveReplay.MaxError];
            var last = replay.Attempts >= options.Value.MaxAttempts;
            replay.Status = last ? ReplayStatus.Failed : ReplayStatus.Pending;
            replay.NextAttemptAt = now + options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(replay.Attempts - 1, 16));
            if (last) logger.LogError("The replay of session {SessionId} failed for good after {Attempts} attempts: {Error}", sessionId, replay.Attempts, e.Message);
            else logger.LogWarning("The replay of session {SessionId} failed (attempt {Attempts}), retrying at {NextAttempt}: {Error}", sessionId, replay.Attempts, replay.NextAttemptAt, e.Message);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node saved this replay (or the session) first; its outcome stands.
            return;
        }
        if (replay.Status == ReplayStatus.Ready) logger.LogInformation("Session {SessionId} is a replay: {Url}, {Seconds} s", sessionId, replay.VideoUrl, replay.DurationSeconds);
    }

    private async Task<(string Url, double Seconds)?> DemoVideoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var path = services.GetRequiredService<LivePlayback>().DemoVideoPath;
        if (!File.Exists(path)) throw new ReplayFailedException("The session played the demo video, but there is none (ffmpeg was missing when the demo data was seeded).");
        return (LivePlayback.DemoVideoUrl, await ReplayVideo.DurationAsync(path, options.Value.ProcessTimeout, cancellationToken));
    }

    private async Task<(string Url, double Seconds)?> RemuxAsync(LiveReplay replay, LiveSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recording = replay.RecordingPath;
        if (recording is null)
        {
            if (now - (session.EndedAt ?? now) < options.Value.RecordingGrace) return null;
            recording = Path.Combine(ReplayRecordings.DefaultFolder(app.Value), ReplayRecordings.FileName(session.Id));
        }
        var output = Path.Combine(app.Value.MediaPath, VideoFolder, LivePlayback.StreamName(session.Id) + ".mp4");
        await ReplayVideo.RemuxAsync(recording, output, options.Value.ProcessTimeout, cancellationToken);
        return (VideoUrl(session.Id), await ReplayVideo.DurationAsync(output, options.Value.ProcessTimeout, cancellationToken));
    }
}
