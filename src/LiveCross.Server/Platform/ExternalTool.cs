using System.Diagnostics;
using System.Text;

namespace LiveCross.Server.Platform;

/// <summary>How a run of an external program ended: exit code, standard output (when not handed over line by line), standard error, and whether it was stopped for taking too long.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Errors, bool TimedOut);

/// <summary>Debian programs the server drives (ffmpeg, ffprobe), found in the usual places and run as processes with a time limit.</summary>
public static class ExternalTool
{
    public static string? Find(string program) =>
        new[] { $"/usr/bin/{program}", $"/usr/local/bin/{program}" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs <paramref name="program"/> to its end or for at most <paramref name="timeout"/>, after which it is killed and
    /// the run says <see cref="ToolRun.TimedOut"/>. Each line of standard output goes to <paramref name="onLine"/> as it
    /// comes, or is collected when that is null. A cancelled <paramref name="cancellationToken"/> kills it and throws.
    /// </summary>
    public static async Task<ToolRun> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, Func<string, Task>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Path.GetFileName(program)} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var output = new StringBuilder();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (onLine is not null) await onLine(line);
                else output.AppendLine(line);
            }
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new ToolRun(-1, output.ToString(), "", TimedOut: true);
        }
        return new ToolRun(process.ExitCode, output.ToString(), await errors, TimedOut: false);
    }
}
