namespace LiveCross.Domain.Videos;

/// <summary>A product on a video's timeline, shown from <see cref="Start"/> to <see cref="End"/> seconds.</summary>
public sealed record TimelineTag(Guid ProductId, double Start, double End)
{
    /// <summary>Field problems of one tag in a video of the given length: times within the video, end after start.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(double? start, double? end, double duration)
    {
        if (start is not { } s || !double.IsFinite(s) || s < 0) yield return ("startSecond", "A second from 0 on is required.");
        else if (s >= duration) yield return ("startSecond", $"The video is {duration:0.###} s long; a tag must start before its end.");
        if (end is not { } e || !double.IsFinite(e)) yield return ("endSecond", "A second is required.");
        else if (e > duration + 0.001) yield return ("endSecond", $"The video is {duration:0.###} s long; a tag cannot end after it.");
        else if (start is { } s2 && e <= s2) yield return ("endSecond", "A tag must end after it starts.");
    }
}
