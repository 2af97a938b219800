using System.Diagnostics;
using System.Globalization;

namespace LiveCross.Testing;

/// <summary>Small MP4 files (H.264, optionally with an AAC tone) of ffmpeg's test pattern, for upload and pipeline tests.</summary>
public static class TestVideos
{
    /// <summary>ffmpeg; skips the calling test (fails under CI) when it is absent.</summary>
    public static string Ffmpeg => ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"), "ffmpeg");

    /// <summary>Writes the clip to <paramref name="file"/>; fails the test with ffmpeg's errors if it cannot.</summary>
    public static async Task WriteAsync(string file, int width, int height, double seconds, bool audio, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true };
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=15" };
        if (audio) args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440"]);
        args.AddRange(["-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        if (audio) args.AddRange(["-c:a", "aac", "-b:a", "48k"]);
        args.Add(file);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        process.ExitCode.ShouldBe(0, await errors);
    }
}
