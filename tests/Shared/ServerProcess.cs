using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveCross.Testing;

/// <summary>
/// The server's build output run as its own process on a free loopback port with the given settings (as command-line
/// <c>--Key=value</c>), ready once <c>/health/ready</c> answers. Disposing kills it.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The last lines the server wrote, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LiveCross.Server.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the server.");
        var node = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = node.Client();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                var output = node.Output;
                node.Dispose();
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:{Environment.NewLine}{output}");
            }
            try
            {
                if ((await http.GetAsync("/health/ready", ct)).IsSuccessStatusCode) return node;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, ct);
        }
        var last = node.Output;
        node.Dispose();
        throw new TimeoutException($"The server did not become ready within 120 seconds:{Environment.NewLine}{last}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines) _output.Dequeue();
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no chance to finish what is in flight.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
