using System.Globalization;
using LiveCross.Server.Platform;

namespace LiveCross.Server.Live.Replays;

/// <summary>A replay could not be made this time; the message says why and is kept with the replay.</summary>
public sealed class ReplayFailedException(string message) : Exception(message);

/// <summary>Debian's ffmpeg and ffprobe, run as processes: remux a recording to an MP4 that starts playing at once, and read a video's length.</summary>
public static class ReplayVideo
{
    public static string? FfmpegPath => ExternalTool.Find("ffmpeg");

    public static string? FfprobePath => ExternalTool.Find("ffprobe");

    /// <summary>
    /// Copies the recording's H.264 and AAC into an MP4 with its index at the front (faststart), so a browser starts
    /// playing and seeking before it has the whole file. No re-encoding: minutes of video take a second.
    /// </summary>
    public static async Task RemuxAsync(string input, string output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ffmpeg = FfmpegPath ?? throw new ReplayFailedException("ffmpeg is not installed (Debian package ffmpeg).");
        if (!File.Exists(input)) throw new ReplayFailedException($"The recording {Path.GetFileName(input)} does not exist.");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var partial = output + $".{Guid.NewGuid():N}.partial.mp4";
        try
        {
            var (exit, errors) = await RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-i", input, "-map", "0:v:0?", "-map", "0:a:0?",
                "-c", "copy", "-movflags", "+faststart", "-f", "mp4", partial], timeout, cancellationToken);
            if (exit != 0) throw new ReplayFailedException($"ffmpeg could not remux the recording (exit {exit}): {Trim(errors)}");
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>The video's duration in seconds, as ffprobe reads it from the container.</summary>
    public static async Task<double> DurationAsync(string file, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ffprobe = FfprobePath ?? throw new ReplayFailedException("ffprobe is not installed (Debian package ffmpeg).");
        var (exit, output) = await RunAsync(ffprobe, ["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file],
            timeout, cancellationToken, readOutput: true);
        if (exit != 0 || !double.TryParse(output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || !double.IsFinite(seconds))
            throw new ReplayFailedException($"ffprobe could not read the length of {Path.GetFileName(file)}: {Trim(output)}");
        return seconds;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken, bool readOutput = false)
    {
        var run = await ExternalTool.RunAsync(program, arguments, timeout, null, cancellationToken);
        if (run.TimedOut) throw new ReplayFailedException($"{Path.GetFileName(program)} took longer than {timeout} and was stopped.");
        return (run.ExitCode, readOutput ? run.Output + run.Errors : run.Errors);
    }

    private static string Trim(string text)
    {
        text = text.Trim();
        return text.Length <= 300 ? text : text[..300];
    }
}
