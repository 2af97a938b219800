using Amazon.S3;
using Amazon.S3.Model;

namespace LiveCross.Server.Videos;

/// <summary>A part of a stored file being read: the bytes from <see cref="Offset"/>, <see cref="Length"/> of them, out of <see cref="TotalLength"/>.</summary>
public sealed record StoredRead(Stream Content, long Offset, long Length, long TotalLength) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>Where video files live: the local data folder by default, an S3-compatible store so several nodes serve the same files.</summary>
public interface IVideoStore
{
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens <paramref name="length"/> bytes from <paramref name="offset"/> (to the end when null); null when the file does not exist.</summary>
    Task<StoredRead?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>The file's size, or null when it does not exist.</summary>
    Task<long?> SizeAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + $".{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    public Task<StoredRead?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
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
        return Task.CompletedTask;
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

    public async Task<StoredRead?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        var total = await SizeAsync(key, cancellationToken);
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
