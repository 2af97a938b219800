using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.Videos;

/// <summary>Where a video is in its life: transcoding, transcoded but not shown, shown to viewers, or taken down.</summary>
public enum VideoStatus
{
    Processing,
    Failed,
    Ready,
    Published,
    Hidden,

    /// <summary>Being deleted: hidden from every query while its files are removed (see <see cref="VideoRemoval"/>).</summary>
    Deleted,
}

/// <summary>The transcode job's state, kept on the video row so a restart finds it.</summary>
public enum TranscodeState
{
    Pending,
    Running,
    Done,
    Failed,
}

/// <summary>
/// A short video of a seller or of a creator (exactly one of <see cref="SellerId"/> and <see cref="CreatorId"/> is set):
/// the uploaded source in the store, the transcode job's progress, and once ready its renditions, poster and preview;
/// product tags on its timeline, captions, titles and markets.
/// </summary>
public sealed class Video : ISellerOwned, ITimestamped, IVersioned
{
    public const int MaxError = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? SellerId { get; set; }

    /// <summary>The creator's account when a creator made the video.</summary>
    public Guid? CreatorId { get; set; }

    // A creator's video belongs to no seller, so no seller's scope may write it.
    Guid ISellerOwned.SellerId => SellerId ?? Guid.Empty;

    public Guid UploadedBy { get; set; }

    public VideoStatus Status { get; set; } = VideoStatus.Processing;

    /// <summary>Locale of the seller's own title: the last fallback when a translation is missing.</summary>
    public string DefaultLocale { get; set; } = "en";

    public required string SourceKey { get; set; }

    public long SourceBytes { get; set; }

    public double DurationSeconds { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public TranscodeState Job { get; set; } = TranscodeState.Pending;

    public int Progress { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A running job renews this while it works; a job whose lease ran out (its node stopped) is taken up again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public long Likes { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public List<VideoText> Texts { get; set; } = [];

    public List<VideoMarket> Markets { get; set; } = [];

    public List<VideoTag> Tags { get; set; } = [];

    public List<VideoRendition> Renditions { get; set; } = [];

    public List<VideoCaption> Captions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}

public sealed class VideoText
{
    public Guid VideoId { get; set; }

    public required string Locale { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }
}

public sealed class VideoMarket
{
    public Guid VideoId { get; set; }

    public required string MarketCode { get; set; }
}

/// <summary>A product shown as a card from <see cref="StartSecond"/> to <see cref="EndSecond"/> of the video.</summary>
public sealed class VideoTag
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid VideoId { get; set; }

    public Guid ProductId { get; set; }

    public double StartSecond { get; set; }

    public double EndSecond { get; set; }
}

/// <summary>A file made from the source: a rendition (720p, 360p), the poster or the preview.</summary>
public sealed class VideoRendition
{
    public Guid VideoId { get; set; }

    public required string Name { get; set; }

    public required string Key { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long Bytes { get; set; }
}

public sealed class VideoCaption
{
    public Guid VideoId { get; set; }

    public required string Locale { get; set; }

    public required string Key { get; set; }
}

public sealed class VideoLike
{
    public Guid VideoId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset At { get; set; }
}

public sealed class VideoComment
{
    public const int MaxAuthor = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid VideoId { get; set; }

    public Guid UserId { get; set; }

    public required string Author { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A chunked upload under way by a seller's staff or a creator: the bytes so far are in a file under the data folder until it is finished.</summary>
public sealed class VideoUpload : ISellerOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? SellerId { get; set; }

    public Guid? CreatorId { get; set; }

    Guid ISellerOwned.SellerId => SellerId ?? Guid.Empty;

    public Guid UploadedBy { get; set; }

    public required string FileName { get; set; }

    public long TotalBytes { get; set; }

    public long ReceivedBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
