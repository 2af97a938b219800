using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.Benchmarks;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Live;

/// <summary>
/// The server process is killed (SIGKILL) in the middle of a flash sale and started again on the same database:
/// every claim a buyer was told was accepted is there, and the sale still never sells more than its quantity.
/// </summary>
public sealed class FlashSaleCrashTests
{
    private const int Quantity = 120;
    private const int Buyers = 400;

    [Fact]
    public async Task Every_accepted_claim_survives_a_killed_server_and_the_sale_never_oversells()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = LiveCrossApp.NewDataDirectory();
        try
        {
            Guid sale;
            List<string> tokens;
            var accepted = new ConcurrentDictionary<Guid, byte>();
            using (var first = await StartAsync(data, ct))
            {
                using var http = first.Client();
                var setup = await (await http.PostAsync($"{FlashSaleBenchmarkEndpoints.SetupPath}?buyers={Buyers}&quantity={Quantity}", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
                sale = setup.GetProperty("saleId").GetGuid();
                tokens = [.. setup.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)];

                // Buyers keep trying; the process is killed once some claims were accepted and while attempts are in flight.
                using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var buying = BuyAsync(first, sale, tokens, accepted, kill.Token);
                var deadline = Stopwatch.StartNew();
                while (accepted.Count < Quantity / 3 && deadline.Elapsed < TimeSpan.FromSeconds(60) && !buying.IsCompleted) await Task.Delay(5, ct);
                first.Kill();
                await kill.CancelAsync();
                await buying;
            }
            accepted.Count.ShouldBeGreaterThan(0, "no claim was accepted before the kill");

            using var second = await StartAsync(data, ct);
            var (claimed, stored) = await ClaimsAsync(second, sale, ct);
            accepted.Keys.Where(id => !stored.Contains(id)).ShouldBeEmpty("accepted claims lost in the crash");
            claimed.ShouldBe(stored.Count);
            claimed.ShouldBeLessThanOrEqualTo(Quantity);

            // The sale goes on after the restart and sells exactly its quantity.
            using var rest = CancellationTokenSource.CreateLinkedTokenSource(ct);
            rest.CancelAfter(TimeSpan.FromSeconds(90));
            await BuyAsync(second, sale, tokens, accepted, rest.Token, untilSoldOut: true);
            var (finalClaimed, finalStored) = await ClaimsAsync(second, sale, ct);
            finalClaimed.ShouldBe(Quantity);
            finalStored.Count.ShouldBe(Quantity);
            accepted.Keys.Where(id => !finalStored.Contains(id)).ShouldBeEmpty();
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Attempts from every buyer, 32 at a time, each with a new key, until cancelled (or the sale is sold out).</summary>
    private static async Task BuyAsync(ServerProcess node, Guid sale, List<string> tokens, ConcurrentDictionary<Guid, byte> accepted, CancellationToken stop, bool untilSoldOut = false)
    {
        var soldOut = 0;
        var run = Guid.NewGuid().ToString("N")[..8]; // a new key per attempt, also across calls
        using var http = node.Client();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            while (!stop.IsCancellationRequested && Volatile.Read(ref soldOut) == 0)
            {
                var i = Interlocked.Increment(ref next);
                if (i > 20_000) return; // bounded whatever happens
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts") { Content = JsonContent.Create(new { quantity = 1 }) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i % tokens.Count]);
                request.Headers.Add("Idempotency-Key", $"crash-{run}-{i}");
                try
                {
                    using var response = await http.SendAsync(request, stop);
                    if (response.StatusCode != HttpStatusCode.OK) continue;
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    var outcome = answer.GetProperty("outcome").GetString();
                    // Only an answer the buyer fully received counts as a promise the server must keep.
                    if (outcome == "Accepted") accepted.TryAdd(answer.GetProperty("claimId").GetGuid(), 0);
                    if (untilSoldOut && outcome == "SoldOut") Interlocked.Exchange(ref soldOut, 1);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
                {
                    // The server was killed under this request: no answer, no promise.
                }
            }
        }));
    }

    private static async Task<(int Claimed, HashSet<Guid> Stored)> ClaimsAsync(ServerProcess node, Guid sale, CancellationToken ct)
    {
        using var http = node.Client();
        var login = await (await http.PostAsJsonAsync("/api/v1/account/login", new { email = DemoAccounts.Seller1, password = DemoAccounts.Password }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var claims = await http.GetFromJsonAsync<JsonElement>($"/api/v1/flash-sales/{sale}/claims", ct);
        var shown = await http.GetFromJsonAsync<JsonElement>($"/api/v1/flash-sales/{sale}", ct);
        var stored = claims.GetProperty("claims").EnumerateArray().Where(c => c.GetProperty("status").GetString() != "expired").Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
        return (shown.GetProperty("claimed").GetInt32(), stored);
    }

    /// <summary>The server's build output as its own process over a given data folder (SQLite, demo data).</summary>
    private static Task<ServerProcess> StartAsync(string dataDirectory, CancellationToken ct) => ServerProcess.StartAsync(new Dictionary<string, string>
    {
        ["DataDirectory"] = dataDirectory,
        ["DemoData"] = "true",
        ["Benchmarks:ReferenceEndpoints"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
    }, ct);
}
