using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Videos;

/// <summary>
/// Deletes a video of the signed-in seller or creator (<see cref="VideoOwner"/>) with everything hanging off it, and a caption file.
/// <para>
/// A video is deleted in three steps. First its row is marked <see cref="VideoStatus.Deleted"/> (a tombstone the query
/// filter hides everywhere) and its job is taken from any node transcoding it. Then every file under its folder in the
/// store is removed, and last the row, whose texts, markets, tags, captions, likes, comments and renditions go with it
/// (cascading foreign keys). The tombstone is why no file is orphaned when the store fails part-way: the row keeps the
/// video's id, which names its folder, until the files are gone, and <see cref="VideoCleanup"/> finishes every tombstone
/// it finds, so the seller's DELETE is done at once and the files follow when the store answers again.
/// </para>
/// <para>
/// A transcode running meanwhile notices at its next progress report (its job is no longer running) and stops ffmpeg;
/// one that already wrote its outputs finds the row gone or tombstoned before it saves and deletes what it wrote. Any
/// file it wrote before the folder was swept is swept with it.
/// </para>
/// </summary>
public sealed class VideoRemoval(IVideoStore store, ILogger<VideoRemoval> logger)
{
    /// <summary>Maps the two deletes on a video console's route group (sellers' or creators').</summary>
    public static IEndpointRouteBuilder MapVideoRemoval(IEndpointRouteBuilder console)
    {
        console.MapDelete("/{id:guid}", DeleteVideo)
            .WithDescription("Deletes the video: its texts, markets, tags, captions, likes, comments and every file in the store; a transcode under way stops.");
        console.MapDelete("/{id:guid}/captions/{locale}", DeleteCaption).WithDescription("Deletes the caption file of a locale.");
        return console;
    }

    private static async Task<IResult> DeleteVideo(Guid id, VideoOwner? owner, LiveCrossDbContext db, VideoRemoval removal, CancellationToken cancellationToken)
    {
        if (owner is null || !await removal.RemoveAsync(db, owner.Videos(db), id, cancellationToken)) throw VideoOwner.NotFound();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteCaption(Guid id, string locale, VideoOwner? owner, LiveCrossDbContext db, IVideoStore store, CancellationToken cancellationToken)
    {
        if (!VideoRules.IsLocale(locale)) throw ProblemException.Invalid("locale", VideoRules.LocaleMessage);
        if (owner is null || !await owner.Videos(db).AnyAsync(v => v.Id == id, cancellationToken)) throw VideoOwner.NotFound();
        var caption = await db.Set<VideoCaption>().AsNoTracking().FirstOrDefaultAsync(c => c.VideoId == id && c.Locale == locale, cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "No such caption.", $"The video has no captions in {locale}.");
        // The file goes first: if the store fails, the caption stays listed and deleting it again finishes the job.
        await StoreCallAsync(() => store.DeleteAsync(caption.Key, cancellationToken));
        await db.Set<VideoCaption>().Where(c => c.VideoId == id && c.Locale == locale).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Deletes the video if it is among <paramref name="owned"/> (the caller's videos); false when it is not. A video
    /// already tombstoned is not seen again: it is deleted, and the cleanup finishes its files.
    /// </summary>
    public async Task<bool> RemoveAsync(LiveCrossDbContext db, IQueryable<Video> owned, Guid id, CancellationToken cancellationToken)
    {
        var marked = await owned.Where(v => v.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VideoStatus.Deleted).SetProperty(v => v.Job, TranscodeState.Failed)
                .SetProperty(v => v.LeaseUntil, (DateTimeOffset?)null).SetProperty(v => v.Version, Guid.NewGuid()), cancellationToken);
        if (marked == 0) return false;
        try
        {
            await FinishAsync(db, id, cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            logger.LogWarning(e, "The files of deleted video {VideoId} could not be removed yet; the cleanup retries", id);
        }
        return true;
    }

    /// <summary>Removes a tombstoned video's files, then its row; safe to repeat.</summary>
    public async Task FinishAsync(LiveCrossDbContext db, Guid id, CancellationToken cancellationToken)
    {
        await store.DeleteFolderAsync(VideoKeys.Folder(id), cancellationToken);
        await db.Videos.IgnoreQueryFilters().Where(v => v.Id == id && v.Status == VideoStatus.Deleted).ExecuteDeleteAsync(cancellationToken);
        // A caption saved in the moment between the sweep and the row's end would be left otherwise.
        await store.DeleteFolderAsync(VideoKeys.Folder(id), cancellationToken);
        logger.LogInformation("Video {VideoId} is deleted with its files", id);
    }

    /// <summary>Every deleted video whose files are not all gone yet (the store failed during its DELETE): tries again.</summary>
    public async Task FinishTombstonesAsync(LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var ids = await db.Videos.IgnoreQueryFilters().Where(v => v.Status == VideoStatus.Deleted).OrderBy(v => v.Id).Select(v => v.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            try
            {
                await FinishAsync(db, id, cancellationToken);
            }
            catch (Exception e) when (IsStoreFailure(e))
            {
                logger.LogWarning(e, "The files of deleted video {VideoId} still cannot be removed; trying again later", id);
                return;
            }
        }
    }

    public static bool IsStoreFailure(Exception e) => e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or IOException or HttpRequestException or UnauthorizedAccessException;

    /// <summary>A store that does not answer is the server's trouble, not the caller's: 503, try again.</summary>
    public static async Task StoreCallAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "The file store did not answer.", "Nothing was changed; try again in a moment.");
        }
    }
}

/// <summary>
/// On every node that runs jobs, every <see cref="VideoOptions.CleanupInterval"/>: finishes deleted videos whose files
/// the store would not remove at the time, and removes uploads abandoned for <see cref="VideoOptions.AbandonedUploadAge"/>.
/// Both are safe to run on several nodes at once.
/// </summary>
public sealed class VideoCleanup(IServiceScopeFactory scopes, VideoRemoval removal, VideoUploads uploads, IOptions<VideoOptions> options, TimeProvider clock, ILogger<VideoCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Cleaning up deleted videos and abandoned uploads failed; retrying after the cleanup interval");
            }
            try
            {
                await Task.Delay(options.Value.CleanupInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        await removal.FinishTombstonesAsync(db, cancellationToken);
        await uploads.SweepAbandonedAsync(db, cancellationToken);
    }
}
