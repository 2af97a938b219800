using System.Globalization;

namespace LiveCross.Domain.Videos;

/// <summary>
/// Checks a WebVTT caption file (W3C WebVTT): the "WEBVTT" header, then cues whose timing line is
/// <c>start --> end</c> with start before end. Answers the first problem with its line number, or null when the file is good.
/// </summary>
public static class WebVtt
{
    public static string? Problem(string text, double? durationSeconds = null)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        if (lines.Length == 0 || !(lines[0] == "WEBVTT" || lines[0].StartsWith("WEBVTT ", StringComparison.Ordinal) || lines[0].StartsWith("WEBVTT\t", StringComparison.Ordinal)))
            return "Line 1: a WebVTT file starts with WEBVTT.";
        var cues = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.Contains("-->", StringComparison.Ordinal)) continue;
            var parts = line.Split("-->", 2);
            var endText = parts[1].Trim().Split([' ', '\t'], 2)[0];
            if (!TryTime(parts[0].Trim(), out var start) || !TryTime(endText, out var end))
                return $"Line {i + 1}: a cue timing is start --> end, each as hh:mm:ss.ttt or mm:ss.ttt.";
            if (end <= start) return $"Line {i + 1}: a cue must end after it starts.";
            if (durationSeconds is { } d && start > d) return $"Line {i + 1}: the cue starts after the video ends ({d:0.###} s).";
            cues++;
        }
        return cues == 0 ? "The file has no cues." : null;
    }

    /// <summary>hh:mm:ss.ttt or mm:ss.ttt, minutes and seconds below 60, exactly three decimals.</summary>
    public static bool TryTime(string text, out double seconds)
    {
        seconds = 0;
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) return false;
        var last = parts[^1];
        if (last.Length != 6 || last[2] != '.') return false;
        if (!int.TryParse(last.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s >= 60) return false;
        if (!int.TryParse(last.AsSpan(3, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return false;
        if (parts[^2].Length != 2 || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m >= 60) return false;
        var h = 0;
        if (parts.Length == 3 && (parts[0].Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out h))) return false;
        seconds = h * 3600 + m * 60 + s + ms / 1000.0;
        return true;
    }
}
