using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LiveCross.Testing;

/// <summary>
/// A private PostgreSQL server for the test run: initdb into a temporary folder, a random loopback
/// port, stopped and deleted afterwards. PostgreSQL refuses to run as root, so as root the server
/// programs run as the 'postgres' user. Each test fixture gets its own database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;

    private readonly string _bin;
    private readonly string _root;
    private int _databases;

    private PostgresServer(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public static string? InitDbPath => ExternalProgram.Find("/usr/lib/postgresql/*/bin/initdb");

    /// <summary>The one server of this test process, started on first use and stopped at exit.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        var initdb = ExternalProgram.Require(InitDbPath, "PostgreSQL (initdb)");
        await StartLock.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            _shared = await StartAsync(Path.GetDirectoryName(initdb)!);
            return _shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static async Task<PostgresServer> StartAsync(string bin)
    {
        var root = Path.Combine(Path.GetTempPath(), "livecross-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["postgres:postgres", root], asPostgres: false);

        var data = Path.Combine(root, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
        var port = FreePort();
        // Durability is not under test here; turning off fsync keeps the suite fast on a small machine.
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"], asRoot);
        return new PostgresServer(bin, root, port);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 50 }.ToString();

    /// <summary>
    /// Stops the shared server, if one was started: called by <see cref="SharedServersCleanup"/> once every test has run,
    /// inside the run. (A process-exit handler would run after the runner stops waiting: xunit v3 gives the process
    /// 10 seconds to exit and fails a green run that takes longer, as stopping PostgreSQL and deleting its data folder
    /// could on a loaded machine.)
    /// </summary>
    public static async Task StopSharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is null) return;
            await _shared.DisposeAsync();
            _shared = null;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] args, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. args])
            : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await stderr}{await stdout}");
    }
}
