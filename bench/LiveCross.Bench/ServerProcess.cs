using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveCross.Bench;

/// <summary>
/// The Release build of LiveCross.Server as a child process on a free loopback port, with its own
/// temporary data folder (SQLite, demo data). Disposing stops it and deletes the folder.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>The server's own output so far (last lines), for error messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    /// <summary>
    /// Starts the server with <paramref name="settings"/> on its command line; <paramref name="environment"/> overrides
    /// variables it would inherit from this process (null removes one).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string serverDll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "livecross-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        var all = new Dictionary<string, string>(settings)
        {
            ["urls"] = baseAddress.ToString().TrimEnd('/'),
            ["DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in all) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new BenchmarkException("Could not start dotnet.");
        var server = new ServerProcess(process, dataDirectory, baseAddress);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>User plus system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime() => Bench.CpuTime.OfProcess(_process.Id) ?? throw new BenchmarkException($"The server (pid {_process.Id}) has exited:{Environment.NewLine}{RecentOutput}");

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new BenchmarkException($"The server exited with code {_process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a slow start; try again
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new BenchmarkException($"The server was not ready after {timeout.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40) _output.Dequeue();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"bench: server process {_process.Id} did not exit within 10 s of being killed.");
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"bench: could not delete {_dataDirectory}: {e.Message}");
        }
    }
}
