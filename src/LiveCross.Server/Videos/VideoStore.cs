using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace LiveCross.Server.Videos;

/// <summary>A part of a stored file being read: the bytes from <see cref="Offset"/>, <see cref="Length"/> of them, out of <see cref="TotalLength"/>.</summary>
public sealed record StoredRead(Stream Content, long Offset, long Length, long TotalLength) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>A stored file's key and size, as a listing gives it.</summary>
public sealed record StoredFile(string Key, long Size);

/// <summary>Where video files live: the local data folder by default, an S3-compatible store so several nodes serve the same files.</summary>
public interface IVideoStore
{
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="length"/> bytes from <paramref name="offset"/> (to the end when null); null when the file does not exist.
    /// A caller that already asked for the size passes it as <paramref name="knownSize"/>, so the store does not ask again.
    /// </summary>
    Task<StoredRead?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken, long? knownSize = null);

    /// <summary>The file's size, or null when it does not exist.</summary>
    Task<long?> SizeAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every file whose key starts with <paramref name="prefix"/> (a folder ends with '/'), in key order.</summary>
    Task<IReadOnlyList<StoredFile>> ListAsync(string prefix, CancellationToken cancellationToken);
}

public static class VideoStoreExtensions
{
    /// <summary>Deletes every file under a folder of the store; deleting what is already gone is not an error.</summary>
    public static async Task DeleteFolderAsync(this IVideoStore store, string folder, CancellationToken cancellationToken)
    {
        foreach (var file in await store.ListAsync(folder.EndsWith('/') ? folder : folder + "/", cancellationToken))
            await store.DeleteAsync(file.Key, cancellationToken);
    }
}

/// <summary>The video store cannot be used as configured; the message says what to fix.</summary>
public sealed class VideoStoreException(string message, Exception? inner = null) : Exception(message, inner);

public static class VideoStoreStartup
{
    /// <summary>Before anything is stored: creates the S3 bucket when it is missing (unless Videos:S3:CreateBucket is false).</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VideoOptions>>().Value;
        if (options.Storage != VideoStorageKind.S3 || !options.S3.CreateBucket || services.GetRequiredService<IVideoStore>() is not S3VideoStore s3) return;
        try
        {
            await s3.EnsureBucketAsync(cancellationToken);
        }
        catch (Exception e) when (VideoRemoval.IsStoreFailure(e))
        {
            throw new VideoStoreException(
                $"The S3 bucket '{options.S3.Bucket}' at {options.S3.ServiceUrl} could not be created ({e.Message}). Check Videos:S3:* or create the bucket and set Videos:S3:CreateBucket=false.", e);
        }
    }
}

public static class VideoKeys
{
    public static string Folder(Guid videoId) => $"videos/{videoId:N}";

    public static string Of(Guid videoId, string name) => $"{Folder(videoId)}/{name}";

    /// <summary>Keys are made by the server only; this refuses anything that could step out of the store's folder.</summary>
    public static bool IsSafe(string key) =>
        key.Length is > 0 and <= 300 && !key.StartsWith('/') && !key.Contains('\\', StringComparison.Ordinal) &&
        key.Split('/').All(part => part.Length > 0 && part != "." && part != "..");
}

/// <summary>Files under {data}/media-store/, one per key.</summary>
public sealed class LocalVideoStore(string root) : IVideoStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(string key)
    {
        if (!VideoKeys.IsSafe(key)) throw new ArgumentException($"'{key}' is not a valid store key.", nameof(key));
        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var partial = path + $".{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = CreateWithFolder(partial))
                await content.CopyToAsync(file, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static FileStream CreateWithFolder(string path)
    {
        // A delete that empties the folder removes it; if that happens between the two steps, the folder is made again.
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
            }
        }
    }

    public Task<StoredRead?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken, long? knownSize = null)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult<StoredRead?>(null);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        var total = file.Length;
        var start = Math.Clamp(offset, 0, total);
        var count = Math.Min(length ?? total - start, total - start);
        file.Seek(start, SeekOrigin.Begin);
        return Task.FromResult<StoredRead?>(new StoredRead(new LimitedStream(file, count), start, count, total));
    }

    public Task<long?> SizeAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult<long?>(info.Exists ? info.Length : null);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
        // Folders hold one video or upload each: an emptied one goes too, as an S3 "folder" does.
        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > Root.Length && folder.StartsWith(Root, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
                else break;
            }
            catch (IOException)
            {
                break;
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredFile>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        // Keys are folders and a file name; the listing starts at the prefix's folder so a big store is not walked whole.
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? Root : Path.Combine(Root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (slash >= 0 && !VideoKeys.IsSafe(prefix[..slash])) throw new ArgumentException($"'{prefix}' is not a valid store prefix.", nameof(prefix));
        if (!Directory.Exists(folder)) return Task.FromResult<IReadOnlyList<StoredFile>>([]);
        IReadOnlyList<StoredFile> files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".partial", StringComparison.Ordinal))
            .Select(f => new StoredFile(Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(f).Length))
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        return Task.FromResult(files);
    }
}

/// <summary>An S3-compatible bucket (AWS S3, MinIO, s3rver, ...), so every node reads and writes the same files.</summary>
public sealed class S3VideoStore(IAmazonS3 s3, string bucket) : IVideoStore
{
    public static S3VideoStore Create(S3StoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // S3-compatible test servers do not speak the SDK's newer default checksums.
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        };
        return new S3VideoStore(new AmazonS3Client(options.AccessKey, options.SecretKey, config), options.Bucket!);
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        if (!VideoKeys.IsSafe(key)) throw new ArgumentException($"'{key}' is not a valid store key.", nameof(key));
        // The SDK needs a length up front; the files here are bounded by Videos:MaxUploadBytes.
        Stream body = content;
        if (!content.CanSeek)
        {
            var buffered = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await content.CopyToAsync(buffered, cancellationToken);
            buffered.Position = 0;
            body = buffered;
        }
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, ContentType = contentType, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
        }
        finally
        {
            if (!ReferenceEquals(body, content)) await body.DisposeAsync();
        }
    }

    public async Task<StoredRead?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken, long? knownSize = null)
    {
        var total = knownSize ?? await SizeAsync(key, cancellationToken);
        if (total is not { } size) return null;
        var start = Math.Clamp(offset, 0, size);
        var count = Math.Min(length ?? size - start, size - start);
        if (count == 0) return new StoredRead(Stream.Null, start, 0, size);
        var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(start, start + count - 1) }, cancellationToken);
        return new StoredRead(new OwningStream(response.ResponseStream, response), start, count, size);
    }

    public async Task<long?> SizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => await SizeAsync(key, cancellationToken) is not null;

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(bucket, key, cancellationToken);

    public async Task<IReadOnlyList<StoredFile>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var files = new List<StoredFile>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            files.AddRange((response.S3Objects ?? []).Select(o => new StoredFile(o.Key, o.Size ?? 0)));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates the bucket unless it is there already (a fresh MinIO or s3rver has none).</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }
}

/// <summary>Reads at most a given number of bytes from a stream it owns.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    private readonly long _length = limit;
    private long _left = limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position { get => _length - _left; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_left <= 0) return 0;
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        _left -= read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_left <= 0) return 0;
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
        _left -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>The S3 response body, disposing the response with it.</summary>
internal sealed class OwningStream(Stream inner, IDisposable owner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner.Dispose();
        }
        base.Dispose(disposing);
    }
}
