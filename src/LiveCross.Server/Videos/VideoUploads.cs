using System.Globalization;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Videos;

/// <summary>
/// The chunks of uploads under way, kept in the video store so any node takes the next chunk, answers how much arrived
/// and finishes the upload. Each chunk is one object <c>uploads/{upload}/{from}-{to}-{nonce}</c>; the upload row's
/// ReceivedBytes is advanced only by a conditional update from the chunk's start, so of two requests racing with the
/// same chunk (on one node or two) exactly one counts and the other removes its object. Finishing assembles the chain
/// of chunks from byte 0 to the end into a local file (ffprobe reads files), and the parts are removed afterwards; the
/// cleanup removes uploads left unfinished for <see cref="VideoOptions.AbandonedUploadAge"/> and any parts whose upload
/// row is gone.
/// </summary>
public sealed class VideoUploads(IVideoStore store, IOptions<VideoOptions> options, IOptions<LiveCrossOptions> app, TimeProvider clock, ILogger<VideoUploads> logger)
{
    public const string Root = "uploads/";

    public static string Folder(Guid uploadId) => $"{Root}{uploadId:N}/";

    /// <summary>Stores one chunk and counts it; answers the bytes received now. The body must carry exactly the range's bytes.</summary>
    public async Task<long> AppendAsync(LiveCrossDbContext db, Guid uploadId, long from, long to, Stream body, CancellationToken cancellationToken)
    {
        var length = to - from + 1;
        // The chunk is read to its end before anything is stored, so a short or long body changes nothing.
        await using var buffer = new FileStream(WorkFile($"chunk-{uploadId:N}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var copied = await CopyAtMostAsync(body, buffer, length + 1, cancellationToken);
        if (copied != length) throw ProblemException.Invalid("body", $"Content-Range announces {length} bytes; the body has {copied}.");
        buffer.Position = 0;
        var key = $"{Folder(uploadId)}{from:D15}-{to:D15}-{Guid.NewGuid():N}";
        await VideoRemoval.StoreCallAsync(() => store.PutAsync(key, buffer, "application/octet-stream", cancellationToken));
        var moved = await db.VideoUploads.Where(u => u.Id == uploadId && u.ReceivedBytes == from)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ReceivedBytes, to + 1), cancellationToken);
        if (moved == 0)
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw new ProblemException(StatusCodes.Status409Conflict, "Not the next chunk.", "Another request sent this chunk at the same time; ask how many bytes arrived.");
        }
        return to + 1;
    }

    /// <summary>The whole file, put together from the stored chunks in a local work file that the caller deletes.</summary>
    public async Task<string> AssembleAsync(VideoUpload upload, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredFile> parts = [];
        await VideoRemoval.StoreCallAsync(async () => parts = await store.ListAsync(Folder(upload.Id), cancellationToken));
        var chain = Chain(parts, upload.TotalBytes)
            ?? throw new ProblemException(StatusCodes.Status409Conflict, "The upload's chunks are incomplete.",
                "The store does not hold every chunk of this upload; start the upload again.");
        var path = WorkFile($"upload-{upload.Id:N}");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            foreach (var part in chain)
            {
                await using var read = await store.OpenReadAsync(part.Key, 0, null, cancellationToken, knownSize: part.Size)
                    ?? throw new ProblemException(StatusCodes.Status409Conflict, "The upload's chunks are incomplete.", "A chunk went missing meanwhile; start the upload again.");
                await read.Content.CopyToAsync(file, cancellationToken);
            }
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// The chunks that make the file, in order: from byte 0, each starting where the last ended, to exactly
    /// <paramref name="totalBytes"/>. A chunk left by a request that lost a race (its node stopped before removing it) may
    /// overlap the counted ones; only a chain that reaches the end is taken. Null when there is none.
    /// </summary>
    public static IReadOnlyList<StoredFile>? Chain(IReadOnlyList<StoredFile> parts, long totalBytes)
    {
        var chunks = parts.Select(p => (File: p, Range: RangeOf(p)))
            .Where(c => c.Range is { } r && r.To - r.From + 1 == c.File.Size)
            .Select(c => (c.File, c.Range!.Value.From, c.Range.Value.To)).ToList();
        // Which starts reach the end: worked out from the last byte backwards.
        var reachesEnd = new HashSet<long> { totalBytes };
        foreach (var chunk in chunks.OrderByDescending(c => c.From))
            if (reachesEnd.Contains(chunk.To + 1)) reachesEnd.Add(chunk.From);
        var chain = new List<StoredFile>();
        for (long position = 0; position < totalBytes;)
        {
            var next = chunks.FirstOrDefault(c => c.From == position && reachesEnd.Contains(c.To + 1));
            if (next.File is null) return null;
            chain.Add(next.File);
            position = next.To + 1;
        }
        return chain;
    }

    private static (long From, long To)? RangeOf(StoredFile part)
    {
        var fields = part.Key[(part.Key.LastIndexOf('/') + 1)..].Split('-');
        return fields.Length == 3 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && to >= from
            ? (from, to) : null;
    }

    /// <summary>Removes an upload's stored chunks; a store that fails leaves them to the cleanup (the row is gone by then).</summary>
    public async Task DeletePartsAsync(Guid uploadId)
    {
        try
        {
            await store.DeleteFolderAsync(Folder(uploadId), CancellationToken.None);
        }
        catch (Exception e) when (VideoRemoval.IsStoreFailure(e))
        {
            logger.LogWarning(e, "The chunks of upload {UploadId} could not be removed yet; the cleanup retries", uploadId);
        }
    }

    /// <summary>Removes uploads unfinished for too long, then every chunk folder whose upload row no longer exists.</summary>
    public async Task SweepAbandonedAsync(LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.AbandonedUploadAge;
        var abandoned = await db.VideoUploads.IgnoreQueryFilters().Where(u => u.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        if (abandoned > 0) logger.LogInformation("Removed {Count} uploads abandoned before {Before}", abandoned, before);
        // A row is created before its first chunk, so a folder without a row belongs to a finished, refused or abandoned upload.
        var folders = (await store.ListAsync(Root, cancellationToken))
            .Select(f => f.Key.Split('/')).Where(p => p.Length == 3 && Guid.TryParseExact(p[1], "N", out _)).Select(p => Guid.ParseExact(p[1], "N")).Distinct().ToList();
        if (folders.Count == 0) return;
        var live = await db.VideoUploads.IgnoreQueryFilters().Where(u => folders.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in folders.Except(live)) await store.DeleteFolderAsync(Folder(id), cancellationToken);
    }

    private string WorkFile(string name)
    {
        var folder = Path.Combine(app.Value.DataPath, "work");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}-{Guid.NewGuid():N}");
    }

    private static async Task<long> CopyAtMostAsync(Stream from, Stream to, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (total < limit)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), cancellationToken);
            if (read == 0) break;
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
        }
        return total;
    }
}
