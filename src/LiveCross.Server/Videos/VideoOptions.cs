using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Videos;

public enum VideoStorageKind
{
    Local,
    S3,
}

public sealed class VideoOptions : IValidatableObject
{
    public const string Section = "Videos";

    /// <summary>Largest upload accepted, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Longest video accepted, in seconds (as ffprobe reads it).</summary>
    public double MaxDurationSeconds { get; set; } = 300;

    /// <summary>Largest chunk one PUT may carry.</summary>
    public long MaxChunkBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Whether this node runs transcode jobs (a node may only serve).</summary>
    public bool RunJobs { get; set; } = true;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxAttempts { get; set; } = 3;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a running job may go without renewing its lease before another node (or this one, restarted) takes it up.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a node finishes deletes the store refused and removes abandoned uploads.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An upload not finished this long after it started is abandoned: its row and stored chunks are removed.</summary>
    public TimeSpan AbandonedUploadAge { get; set; } = TimeSpan.FromHours(24);

    public VideoStorageKind Storage { get; set; } = VideoStorageKind.Local;

    public S3StoreOptions S3 { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxUploadBytes < 1024) yield return new("Videos:MaxUploadBytes must be at least 1024.", [nameof(MaxUploadBytes)]);
        if (MaxDurationSeconds is <= 0 or > 86_400) yield return new("Videos:MaxDurationSeconds must be positive and at most a day.", [nameof(MaxDurationSeconds)]);
        if (MaxChunkBytes < 1024) yield return new("Videos:MaxChunkBytes must be at least 1024.", [nameof(MaxChunkBytes)]);
        if (SweepInterval <= TimeSpan.Zero || SweepInterval > TimeSpan.FromHours(1)) yield return new("Videos:SweepInterval must be positive and at most an hour.", [nameof(SweepInterval)]);
        if (MaxAttempts is < 1 or > 100) yield return new("Videos:MaxAttempts must be from 1 to 100.", [nameof(MaxAttempts)]);
        if (FirstRetryDelay <= TimeSpan.Zero) yield return new("Videos:FirstRetryDelay must be positive.", [nameof(FirstRetryDelay)]);
        if (LeaseTimeout < TimeSpan.FromSeconds(5)) yield return new("Videos:LeaseTimeout must be at least 5 seconds.", [nameof(LeaseTimeout)]);
        if (ProcessTimeout <= TimeSpan.Zero) yield return new("Videos:ProcessTimeout must be positive.", [nameof(ProcessTimeout)]);
        if (CleanupInterval <= TimeSpan.Zero || CleanupInterval > TimeSpan.FromDays(1)) yield return new("Videos:CleanupInterval must be positive and at most a day.", [nameof(CleanupInterval)]);
        if (AbandonedUploadAge < TimeSpan.FromMinutes(1)) yield return new("Videos:AbandonedUploadAge must be at least a minute.", [nameof(AbandonedUploadAge)]);
        if (Storage == VideoStorageKind.S3)
        {
            if (!Uri.TryCreate(S3.ServiceUrl, UriKind.Absolute, out _)) yield return new("Videos:S3:ServiceUrl must be an absolute URL when Videos:Storage is S3.", ["S3.ServiceUrl"]);
            if (string.IsNullOrWhiteSpace(S3.Bucket)) yield return new("Videos:S3:Bucket is required when Videos:Storage is S3.", ["S3.Bucket"]);
            if (string.IsNullOrWhiteSpace(S3.AccessKey) || string.IsNullOrWhiteSpace(S3.SecretKey))
                yield return new("Videos:S3:AccessKey and Videos:S3:SecretKey are required when Videos:Storage is S3.", ["S3.AccessKey"]);
        }
    }
}

public sealed class S3StoreOptions
{
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Create the bucket at start when it is missing; a node that cannot stops with the reason.</summary>
    public bool CreateBucket { get; set; } = true;

    /// <summary>Bucket in the path (http://host/bucket/key), as most S3-compatible servers want, rather than in the host name.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
