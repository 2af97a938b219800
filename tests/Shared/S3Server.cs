using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveCross.Testing;

/// <summary>
/// A private S3-compatible server for the video store tests: npm's s3rver (tests/s3/package.json, installed here with
/// <c>npm ci</c> when missing) on a free loopback port with a fresh folder and one bucket. Skips (fails under CI=true)
/// when Node.js or npm is absent. Disposing stops it and removes its folder.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "livecross-test";

    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly string _node;
    private readonly string _script;
    private readonly string _folder;
    private readonly int _port;
    private Process? _process;

    private S3Server(string node, string script, string folder, int port)
    {
        _node = node;
        _script = script;
        _folder = folder;
        _port = port;
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    public string ServiceUrl { get; }

    public static async Task<S3Server> StartAsync(CancellationToken cancellationToken)
    {
        var node = ExternalProgram.Require(ExternalProgram.Find("/usr/bin/node", "/usr/local/bin/node"), "Node.js (runs the s3rver test server)");
        var npm = ExternalProgram.Require(ExternalProgram.Find("/usr/bin/npm", "/usr/local/bin/npm"), "npm (installs the s3rver test server)");
        var package = PackageFolder();
        var script = Path.Combine(package, "node_modules", "s3rver", "bin", "s3rver.js");
        await Install.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(script)) await NpmCiAsync(npm, package, cancellationToken);
        }
        finally
        {
            Install.Release();
        }
        var folder = Path.Combine(Path.GetTempPath(), "livecross-s3-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new S3Server(node, script, folder, FreePort());
        try
        {
            await server.LaunchAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Stops the server as a crash would; <see cref="StartAgainAsync"/> brings it back on the same port with the same files.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    public Task StartAgainAsync(CancellationToken cancellationToken) => LaunchAsync(cancellationToken);

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { _script, "-d", _folder, "-a", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start s3rver.");
        _process = process;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited) throw new InvalidOperationException($"s3rver exited with {process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new TimeoutException("s3rver did not start listening within 30 seconds.");
    }

    private static async Task NpmCiAsync(string npm, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(npm) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot run npm.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"npm ci in {folder} failed: {await errors}");
    }

    /// <summary>tests/s3 of the repository the tests were built from.</summary>
    private static string PackageFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "s3");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new InvalidOperationException("tests/s3/package.json was not found above the test binaries.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
