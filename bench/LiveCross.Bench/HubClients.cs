using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCross.Bench;

/// <summary>The server's resident set, managed heap and idle pooled blocks (part of both), in bytes.</summary>
public sealed record ServerMemory(long Rss, long Managed, long Pooled);

/// <summary>What the hub benchmarks share: SignalR clients over WebSockets (no negotiation), options, percentiles and server memory.</summary>
public static class HubClients
{
    /// <summary>Connections opened at once while connecting thousands: enough to be quick, few enough not to time out the handshakes.</summary>
    private const int ConnectParallelism = 32;

    public static HubConnection Build(Uri server, string path, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        // Two cores shared by the server, thousands of clients and other work: a late ping is not a dead server.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        return connection;
    }

    /// <summary>
    /// Starts <paramref name="count"/> connections made by <paramref name="start"/>, a few at a time. A connection whose
    /// handshake fails is tried twice more (the server drops a handshake it did not get within 15 s, which happens on a
    /// machine loaded far beyond its cores); a third failure stops the benchmark.
    /// </summary>
    public static async Task<T[]> ConnectAsync<T>(int count, Func<int, CancellationToken, Task<T>> start, CancellationToken cancellationToken)
    {
        var connected = new T[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        connected[i] = await start(i, token);
                        return;
                    }
                    catch (Exception e) when (e is HubException or HubProtocolException or HttpRequestException or System.Net.WebSockets.WebSocketException && !token.IsCancellationRequested)
                    {
                        if (attempt == 3) throw new BenchmarkException($"Connection {i + 1} of {count} failed three times: {e.Message}");
                    }
                }
            });
        return connected;
    }

    public static async Task DisposeAllAsync(IEnumerable<IAsyncDisposable> connections)
    {
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
            async (connection, _) => await connection.DisposeAsync());
    }

    /// <summary>
    /// The server's resident memory (VmRSS) and managed heap after a full collection it runs on request (bench-only
    /// endpoint), and how much of the heap its memory pools hold idle for reuse.
    /// </summary>
    public static async Task<ServerMemory> ServerMemoryAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var response = await http.PostAsync("/bench/memory", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var managed = answer.GetProperty("managedBytes").GetInt64();
        var pooled = answer.GetProperty("pooledBytes").GetInt64();
        // Let the collector hand back what it freed before reading the resident set.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{server.Id}/status", cancellationToken))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return new ServerMemory(kb * 1024, managed, pooled);
        }
        throw new BenchmarkException($"No VmRSS in /proc/{server.Id}/status.");
    }

    /// <summary>The value below which <paramref name="q"/> of the sorted values lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double milliseconds) => $"{milliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";

    /// <summary>Reads <c>--name N</c> options with bounds; anything else is an error naming the option.</summary>
    public static Dictionary<string, int> Options(string[] args, Dictionary<string, (int Default, int Min, int Max)> known)
    {
        var values = known.ToDictionary(k => k.Key, k => k.Value.Default);
        for (var i = 0; i < args.Length; i++)
        {
            if (!known.TryGetValue(args[i], out var range)) throw new BenchmarkException($"Unknown option {args[i]}. Known: {string.Join(", ", known.Keys)}.");
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < range.Min || n > range.Max)
                throw new BenchmarkException($"{args[i]} is a whole number from {range.Min:N0} to {range.Max:N0}.");
            values[args[i]] = n;
            i++;
        }
        return values;
    }
}
