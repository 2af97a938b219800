using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveCross.Testing;

/// <summary>
/// A private redis-server for a test class: a free loopback port, no persistence (no RDB snapshots, no AOF), a temporary
/// working folder, stopped and deleted on dispose. Skips (or under CI=true fails) when Debian's redis-server is absent.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private RedisServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static string? ServerPath => ExternalProgram.Find("/usr/bin/redis-server", "/usr/local/bin/redis-server");

    public static async Task<RedisServer> StartAsync()
    {
        var program = ExternalProgram.Require(ServerPath, "Redis (redis-server)");
        var root = Path.Combine(Path.GetTempPath(), "livecross-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var port = FreePort();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", root, "--daemonize", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start redis-server.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, root, port);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                string said;
                lock (output) said = output.ToString();
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}: {said}");
            }
            if (await server.PingAsync()) return server;
            await Task.Delay(50);
        }
        await server.DisposeAsync();
        throw new TimeoutException("redis-server did not answer PING within 30 seconds.");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
