using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Replays;

/// <summary>What the media server tells about a session's recording: when it began (on_publish) and where it was written (on_record_done).</summary>
public static class ReplayRecordings
{
    /// <summary>The media server's default recordings folder when it runs from <c>scripts/media-server</c> ({data}/media-server).</summary>
    public static string DefaultFolder(LiveCrossOptions options) => Path.Combine(options.DataPath, "media-server", "recordings");

    /// <summary>nginx-rtmp records the hls application's stream, which is named after the session: {id:N}.flv.</summary>
    public static string FileName(Guid sessionId) => LivePlayback.StreamName(sessionId) + ".flv";

    /// <summary>
    /// Called in the same save as the publish that takes a session to RTMP: its recording begins now, and the pins'
    /// offsets are measured from here.
    /// </summary>
    public static async Task StartedAsync(LiveCrossDbContext db, Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var replay = await db.LiveReplays.FirstOrDefaultAsync(r => r.SessionId == sessionId, cancellationToken);
        if (replay is null)
        {
            db.LiveReplays.Add(new LiveReplay { SessionId = sessionId, Source = ReplaySource.Recording, Status = ReplayStatus.Recording, RecordingStartedAt = at, NextAttemptAt = at });
            return;
        }
        replay.Source = ReplaySource.Recording;
        replay.Status = ReplayStatus.Recording;
        replay.RecordingStartedAt = at;
        replay.RecordingPath = null;
        replay.RecordingDoneAt = null;
    }

    /// <summary>
    /// nginx's on_record_done for the hls application: <c>name</c> is the session id, <c>path</c> the file. Only a file named
    /// after that session is taken, so a caller cannot point the remux at any other file.
    /// </summary>
    public static async Task<bool> DoneAsync(LiveCrossDbContext db, string? name, string? path, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(name, "N", out var sessionId) || string.IsNullOrEmpty(path) || path.Length > 500 || !Path.IsPathFullyQualified(path)) return false;
        if (!string.Equals(Path.GetFileName(path), FileName(sessionId), StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal)) return false;
        var replay = await db.LiveReplays.FirstOrDefaultAsync(r => r.SessionId == sessionId, cancellationToken);
        if (replay is not { Source: ReplaySource.Recording, Status: ReplayStatus.Recording or ReplayStatus.Pending }) return false;
        replay.RecordingPath = path;
        replay.RecordingDoneAt = at;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
