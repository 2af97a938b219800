using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Videos;

/// <summary>
/// Transcodes uploaded videos, on every node that runs jobs. The job's state lives on the video row: a node claims a
/// pending video (or a running one whose lease ran out because its node stopped) by saving it as running under the
/// row's version, so only one node wins; it renews the lease with each progress step. A failed attempt is retried with
/// a doubling delay up to <see cref="VideoOptions.MaxAttempts"/>, then the video is failed with the reason.
/// </summary>
public sealed class TranscodeJob(
    IServiceScopeFactory scopes, IVideoStore store, IOptions<VideoOptions> options, IOptions<LiveCrossOptions> app, TimeProvider clock, ILogger<TranscodeJob> logger)
    : BackgroundService
{
    private const int BatchSize = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Transcoding videos failed; retrying after the sweep interval");
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

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var now = clock.GetUtcNow();
            due = await db.Videos.AsNoTracking()
                .Where(v => (v.Job == TranscodeState.Pending && v.NextAttemptAt <= now) || (v.Job == TranscodeState.Running && v.LeaseUntil < now))
                .OrderBy(v => v.NextAttemptAt).Select(v => v.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }
        foreach (var id in due) await RunAsync(id, cancellationToken);
    }

    /// <summary>One attempt at one video, if it is still due and this node wins the claim.</summary>
    public async Task RunAsync(Guid videoId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId, cancellationToken);
        var now = clock.GetUtcNow();
        if (video is null) return;
        var resumed = video.Job == TranscodeState.Running;
        if (!(video.Job == TranscodeState.Pending && video.NextAttemptAt <= now) && !(resumed && video.LeaseUntil < now)) return;
        // A run whose node stopped mid-way counts as an attempt, so a video that kills its node each time still ends.
        if (resumed) video.Attempts++;
        if (video.Attempts >= options.Value.MaxAttempts)
        {
            Fail(video, video.LastError ?? "The transcode was interrupted too many times.", final: true);
            await TrySaveAsync(db, cancellationToken);
            return;
        }
        video.Job = TranscodeState.Running;
        video.Progress = 0;
        video.LeaseUntil = now + options.Value.LeaseTimeout;
        if (!await TrySaveAsync(db, cancellationToken)) return;
        if (resumed) logger.LogInformation("Resuming the transcode of video {VideoId}, whose last run stopped part-way", videoId);

        var work = Path.Combine(app.Value.DataPath, "work", $"video-{videoId:N}-{Guid.NewGuid():N}");
        // Cancelled when a progress report finds the job taken away (the video was deleted): ffmpeg is stopped then.
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var written = new List<string>();
        try
        {
            var outputs = await TranscodeAsync(video, work, db, written, gone, cancellationToken);
            await using var save = scopes.CreateAsyncScope();
            var saveDb = save.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            // The query filter hides a deleted video's tombstone, so a video deleted meanwhile is simply not found.
            var done = await saveDb.Videos.Include(v => v.Renditions).FirstOrDefaultAsync(v => v.Id == videoId, cancellationToken);
            if (done is null)
            {
                await DeleteWrittenAsync(videoId, written);
                return;
            }
            saveDb.RemoveRange(done.Renditions);
            foreach (var output in outputs) done.Renditions.Add(output);
            done.Job = TranscodeState.Done;
            done.Progress = 100;
            done.Attempts++;
            done.LastError = null;
            done.LeaseUntil = null;
            if (done.Status is VideoStatus.Processing or VideoStatus.Failed) done.Status = VideoStatus.Ready;
            if (await TrySaveAsync(saveDb, cancellationToken)) logger.LogInformation("Video {VideoId} is transcoded", videoId);
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DeleteWrittenAsync(videoId, written);
        }
        catch (VideoMediaException e)
        {
            await using var fail = scopes.CreateAsyncScope();
            var failDb = fail.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var failed = await failDb.Videos.FirstOrDefaultAsync(v => v.Id == videoId, cancellationToken);
            if (failed is null)
            {
                await DeleteWrittenAsync(videoId, written);
                return;
            }
            failed.Attempts++;
            Fail(failed, e.Message, failed.Attempts >= options.Value.MaxAttempts);
            await TrySaveAsync(failDb, cancellationToken);
        }
        finally
        {
            try { if (Directory.Exists(work)) Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The video was deleted while this run worked: the files it stored after the delete swept its folder go too, quietly.</summary>
    private async Task DeleteWrittenAsync(Guid videoId, List<string> written)
    {
        logger.LogInformation("Video {VideoId} was deleted while it was transcoded; the transcode stopped", videoId);
        foreach (var key in written)
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (VideoRemoval.IsStoreFailure(e))
            {
                logger.LogWarning(e, "File {Key} of deleted video {VideoId} could not be removed", key, videoId);
            }
        }
    }

    private void Fail(Video video, string reason, bool final)
    {
        video.LastError = reason.Length <= Video.MaxError ? reason : reason[..Video.MaxError];
        video.LeaseUntil = null;
        video.Progress = 0;
        if (final)
        {
            video.Job = TranscodeState.Failed;
            video.Status = VideoStatus.Failed;
            logger.LogError("The transcode of video {VideoId} failed for good after {Attempts} attempts: {Error}", video.Id, video.Attempts, reason);
            return;
        }
        video.Job = TranscodeState.Pending;
        video.NextAttemptAt = clock.GetUtcNow() + options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(video.Attempts - 1, 16));
        logger.LogWarning("The transcode of video {VideoId} failed (attempt {Attempts}), retrying at {NextAttempt}: {Error}", video.Id, video.Attempts, video.NextAttemptAt, reason);
    }

    private async Task<List<VideoRendition>> TranscodeAsync(
        Video video, string work, LiveCrossDbContext db, List<string> written, CancellationTokenSource gone, CancellationToken stopping)
    {
        var cancellationToken = gone.Token;
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, "source" + Path.GetExtension(video.SourceKey));
        await using (var read = await store.OpenReadAsync(video.SourceKey, 0, null, cancellationToken) ?? throw new VideoMediaException("The uploaded source file is missing from the store."))
        await using (var file = File.Create(source))
            await read.Content.CopyToAsync(file, cancellationToken);
        var probed = await VideoMedia.ProbeAsync(source, double.MaxValue, options.Value.ProcessTimeout, cancellationToken);
        var outputs = await VideoMedia.TranscodeAsync(source, probed, Path.Combine(work, "out"), options.Value.ProcessTimeout,
            percent => ReportAsync(db, video.Id, percent, gone, stopping), cancellationToken);
        var renditions = new List<VideoRendition>();
        foreach (var output in outputs)
        {
            var name = Path.GetFileName(output.Path);
            var key = VideoKeys.Of(video.Id, name);
            written.Add(key);
            await using (var file = File.OpenRead(output.Path)) await store.PutAsync(key, file, output.ContentType, cancellationToken);
            var size = output.ContentType.StartsWith("video/", StringComparison.Ordinal) ? await VideoMedia.ProbeAsync(output.Path, double.MaxValue, options.Value.ProcessTimeout, cancellationToken) : null;
            renditions.Add(new VideoRendition
            {
                VideoId = video.Id,
                Name = output.Name,
                Key = key,
                ContentType = output.ContentType,
                Width = size?.Width ?? (int)Math.Round(probed.Width * (double)output.TargetHeight / probed.Height / 2) * 2,
                Height = size?.Height ?? output.TargetHeight,
                Bytes = new FileInfo(output.Path).Length,
            });
        }
        return renditions;
    }

    /// <summary>Progress and a renewed lease in one update, only while this run still holds the job; when it no longer does (the video was deleted), the run is stopped.</summary>
    private async Task ReportAsync(LiveCrossDbContext db, Guid videoId, int percent, CancellationTokenSource gone, CancellationToken cancellationToken)
    {
        var lease = clock.GetUtcNow() + options.Value.LeaseTimeout;
        var held = await db.Videos.Where(v => v.Id == videoId && v.Job == TranscodeState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Progress, percent).SetProperty(v => v.LeaseUntil, lease), cancellationToken);
        if (held == 0) await gone.CancelAsync();
    }

    private static async Task<bool> TrySaveAsync(LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node claimed or finished this video first; its outcome stands.
            return false;
        }
    }
}
