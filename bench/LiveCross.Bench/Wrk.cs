using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveCross.Bench;

/// <summary>What one wrk run reported.</summary>
public sealed record WrkResult(long Requests, double Seconds, double RequestsPerSecond, TimeSpan P50, TimeSpan P99, long Errors, long Non2xx, string Command)
{
    /// <summary>wrk's own CPU time, sampled while it ran (so up to a sampling interval short).</summary>
    public TimeSpan Cpu { get; init; }
}

/// <summary>Runs Debian's wrk (4.x) and reads its <c>--latency</c> report.</summary>
public static partial class Wrk
{
    public const string Path = "/usr/bin/wrk";

    public static void Require()
    {
        if (!File.Exists(Path))
            throw new BenchmarkException($"wrk is not installed ({Path} is missing). Install it with: apt-get install wrk");
    }

    /// <param name="script">A wrk Lua script (e.g. setting the method and body of a POST), or null for plain GETs.</param>
    public static async Task<WrkResult> RunAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken, string? script = null)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = ["-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "5s", "--latency", .. (script is null ? Array.Empty<string>() : ["-s", script]), url.ToString()];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var command = $"{Path} {string.Join(' ', arguments)}";

        using var process = Process.Start(start) ?? throw new BenchmarkException($"Could not start {Path}.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            // wrk stops itself after the duration; the margin covers its start and the last responses.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(duration + TimeSpan.FromSeconds(30));
            var cpu = TimeSpan.Zero;
            var exited = process.WaitForExitAsync(bounded.Token);
            while (!exited.IsCompleted)
            {
                cpu = CpuTime.OfProcess(process.Id) ?? cpu;
                await Task.WhenAny(exited, Task.Delay(100, bounded.Token));
            }
            await exited;
            var output = await stdout;
            if (process.ExitCode != 0) throw new BenchmarkException($"{command} exited with {process.ExitCode}: {await stderr}{output}");
            return Parse(output, command) with { Cpu = cpu };
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    public static WrkResult Parse(string output, string command)
    {
        var total = RequestsLine().Match(output);
        var rate = RateLine().Match(output);
        var p50 = Percentile(output, "50");
        var p99 = Percentile(output, "99");
        if (!total.Success || !rate.Success || p50 is null || p99 is null)
            throw new BenchmarkException($"Could not read wrk's report (run with --latency):{Environment.NewLine}{output}");
        var errors = SocketErrors().Match(output);
        long errorCount = 0;
        if (errors.Success)
        {
            foreach (var group in new[] { "connect", "read", "write", "timeout" })
                errorCount += long.Parse(errors.Groups[group].Value, CultureInfo.InvariantCulture);
        }
        var non2xx = Non2xxLine().Match(output);
        return new WrkResult(
            long.Parse(total.Groups["requests"].Value, CultureInfo.InvariantCulture),
            Duration(total.Groups["value"].Value, total.Groups["unit"].Value).TotalSeconds,
            double.Parse(rate.Groups["value"].Value, CultureInfo.InvariantCulture),
            p50.Value, p99.Value, errorCount,
            non2xx.Success ? long.Parse(non2xx.Groups["count"].Value, CultureInfo.InvariantCulture) : 0,
            command);
    }

    private static TimeSpan? Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? Duration(match.Groups["value"].Value, match.Groups["unit"].Value) : null;
    }

    private static TimeSpan Duration(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new BenchmarkException($"Unknown wrk time unit '{unit}'."),
        };
    }

    // "  1234567 requests in 15.10s, 9.12GB read"
    [GeneratedRegex(@"^\s*(?<requests>\d+) requests in (?<value>[\d.]+)(?<unit>us|ms|s|m),", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    // "Requests/sec:  81234.56"
    [GeneratedRegex(@"^Requests/sec:\s+(?<value>[\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    // "  Socket errors: connect 0, read 0, write 0, timeout 12"
    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex SocketErrors();

    // "  Non-2xx or 3xx responses: 17"
    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)")]
    private static partial Regex Non2xxLine();
}
