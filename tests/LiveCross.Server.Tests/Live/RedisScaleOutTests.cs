using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace LiveCross.Server.Tests.Live;

/// <summary>
/// Two server processes behind no balancer, sharing one private PostgreSQL database and one private redis-server:
/// what a viewer does through one node is seen through the other, and a flash sale bought through both never sells
/// more than its quantity.
/// </summary>
public sealed class RedisScaleOutTests(TwoNodeFixture nodes) : IClassFixture<TwoNodeFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_line_sent_through_node_A_reaches_a_viewer_on_node_B_numbered_in_one_series()
    {
        var (a, b) = nodes.Started;
        var session = await LiveSessionAsync(a);
        await using var alice = await RoomClient.ConnectAsync(a.Address, await RegisterAsync(a));
        await using var bob = await RoomClient.ConnectAsync(b.Address, await RegisterAsync(b));
        await alice.JoinAsync(session);
        await bob.JoinAsync(session, "GB");

        var first = await alice.ChatAsync(session, "Hello from node A");
        var reply = await bob.ChatAsync(session, "Hello back from node B");
        var second = await alice.ChatAsync(session, "Still here on A");

        first.Accepted.ShouldBeTrue(first.Reason);
        reply.Accepted.ShouldBeTrue(reply.Reason);
        second.Accepted.ShouldBeTrue(second.Reason);
        (await bob.WaitForAsync<ChatMessage>(m => m.Id == second.Id)).Text.ShouldBe("Still here on A");
        await alice.WaitForAsync<ChatMessage>(m => m.Id == reply.Id);
        // One series for the room, whichever node numbered the line.
        reply.Seq!.Value.ShouldBeGreaterThan(first.Seq!.Value);
        second.Seq!.Value.ShouldBeGreaterThan(reply.Seq.Value);

        // A viewer who joins through B late, or reconnects after the first line, catches up from the shared history.
        await using var carol = await RoomClient.ConnectAsync(b.Address, token: null);
        var late = await carol.JoinAsync(session, lastSequence: first.Seq);
        late.Chat.Select(m => m.Text).ShouldBe(["Hello from node A", "Hello back from node B", "Still here on A"]);
        late.Missed.Select(m => m.Id).ShouldBe([reply.Id!.Value, second.Id!.Value]);
        late.MissedComplete.ShouldBeTrue();
        late.Seq.ShouldBeGreaterThanOrEqualTo(second.Seq.Value);
    }

    [Fact]
    public async Task Viewers_and_likes_on_both_nodes_are_summed()
    {
        var (a, b) = nodes.Started;
        var session = await LiveSessionAsync(a);
        await using var onA1 = await RoomClient.ConnectAsync(a.Address, await RegisterAsync(a));
        await using var onA2 = await RoomClient.ConnectAsync(a.Address, token: null);
        await using var onB = await RoomClient.ConnectAsync(b.Address, await RegisterAsync(b));
        await onA1.JoinAsync(session);
        await onA2.JoinAsync(session);
        await onB.JoinAsync(session);

        (await onA1.Hub.InvokeAsync<SendResult>("Like", session, 5, Cancel)).Accepted.ShouldBeTrue();
        (await onB.Hub.InvokeAsync<SendResult>("Like", session, 7, Cancel)).Accepted.ShouldBeTrue();

        await onB.WaitForAsync<CountersMessage>(c => c.Viewers == 3 && c.Likes == 12);
        await onA2.WaitForAsync<CountersMessage>(c => c.Viewers == 3 && c.Likes == 12);
        await using var late = await RoomClient.ConnectAsync(b.Address, token: null);
        var joined = await late.JoinAsync(session);
        joined.Likes.ShouldBe(12);
        joined.Viewers.ShouldBe(4);
    }

    [Fact]
    public async Task A_mute_through_node_A_holds_on_node_B_and_a_line_deleted_through_A_is_gone_from_B()
    {
        var (a, b) = nodes.Started;
        var session = await LiveSessionAsync(a);
        await using var host = await RoomClient.ConnectAsync(a.Address, await SellerTokenAsync(a));
        await using var loud = await RoomClient.ConnectAsync(b.Address, await RegisterAsync(b));
        await host.JoinAsync(session);
        await loud.JoinAsync(session);
        var line = await loud.ChatAsync(session, "Buy elsewhere!");
        line.Accepted.ShouldBeTrue(line.Reason);
        var user = (await host.WaitForAsync<ChatMessage>(m => m.Id == line.Id)).UserId;

        (await host.Hub.InvokeAsync<ModerationResult>("DeleteMessage", session, line.Id, Cancel)).Accepted.ShouldBeTrue();
        (await host.ModerateAsync("Mute", session, user)).Accepted.ShouldBeTrue();

        // Node B applies the mute to its room, then tells the user's connection there.
        (await loud.WaitForAsync<ModeratedMessage>(m => m.RoomId == session)).Action.ShouldBe("muted");
        (await loud.ChatAsync(session, "Buy elsewhere, again!")).ShouldBe(SendResult.Refused("muted"));
        await loud.WaitForAsync<ChatDeletedMessage>(m => m.MessageId == line.Id);
        await using var late = await RoomClient.ConnectAsync(b.Address, token: null);
        (await late.JoinAsync(session)).Chat.ShouldNotContain(m => m.Id == line.Id);
    }

    [Fact]
    public async Task A_pin_a_question_and_the_session_end_made_through_one_node_hold_on_the_other()
    {
        var (a, b) = nodes.Started;
        var (session, product) = await LiveSessionWithProductAsync(a);
        await using var host = await RoomClient.ConnectAsync(a.Address, await SellerTokenAsync(a));
        await using var viewer = await RoomClient.ConnectAsync(b.Address, await RegisterAsync(b));
        await host.JoinAsync(session, "DE");
        await viewer.JoinAsync(session, "GB");

        // The host on A pins: the viewer on B gets the card priced for GB, a market nobody watches through A.
        (await host.Hub.InvokeAsync<ModerationResult>("PinProduct", session, product, Cancel)).Accepted.ShouldBeTrue();
        var card = (await viewer.WaitForAsync<PinnedMessage>(m => m.Card.ProductId == product)).Card;
        card.Market.ShouldBe("GB");
        await using (var late = await RoomClient.ConnectAsync(b.Address, token: null))
            (await late.JoinAsync(session, "JP")).Pinned.ShouldNotBeNull().ProductId.ShouldBe(product);

        // A question asked through B is answered through A.
        var asked = await viewer.Hub.InvokeAsync<SendResult>("Ask", session, "Does it ship to Leeds?", Cancel);
        asked.Accepted.ShouldBeTrue(asked.Reason);
        await host.WaitForAsync<QuestionMessage>(q => q.Id == asked.Id);
        (await host.Hub.InvokeAsync<ModerationResult>("AnswerQuestion", session, asked.Id, Cancel)).ShouldBe(ModerationResult.Done);
        await viewer.WaitForAsync<QuestionMessage>(q => q.Id == asked.Id && q.Answered);

        // The host ends the session through A: the room on B takes no more likes.
        using var seller = a.Client();
        seller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SellerTokenAsync(a));
        (await seller.MoveAsync(session, "end")).StatusCode.ShouldBe(HttpStatusCode.OK);
        SendResult? like = null;
        for (var i = 0; i < 100 && like?.Reason != "session_ended"; i++)
        {
            like = await viewer.Hub.InvokeAsync<SendResult>("Like", session, 1, Cancel);
            if (like.Reason != "session_ended") await Task.Delay(100, Cancel);
        }
        like.ShouldBe(SendResult.Refused("session_ended"));
    }

    [Fact]
    public async Task A_flash_sale_bought_through_both_nodes_at_once_sells_exactly_its_quantity()
    {
        const int quantity = 40;
        const int buyers = 120;
        var (a, b) = nodes.Started;
        var (sale, tokens) = await FlashSaleAsync(a, buyers, quantity);

        // Every buyer tries once, at the same time, half through each node (16 requests in flight per node).
        var answers = new ConcurrentBag<(string Outcome, Guid? ClaimId)>();
        using var throughA = a.Client();
        using var throughB = b.Client();
        using var gateA = new SemaphoreSlim(16);
        using var gateB = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, buyers).Select(async i =>
        {
            var (http, gate) = i % 2 == 0 ? (throughA, gateA) : (throughB, gateB);
            await gate.WaitAsync(Cancel);
            try
            {
                answers.Add(await AttemptAsync(http, sale, tokens[i], $"both-{i}"));
            }
            finally
            {
                gate.Release();
            }
        }));

        answers.Count.ShouldBe(buyers);
        answers.Select(x => x.Outcome).Distinct().Order().ShouldBe(["Accepted", "SoldOut"]);
        var accepted = answers.Where(x => x.Outcome == "Accepted").Select(x => x.ClaimId!.Value).ToHashSet();
        accepted.Count.ShouldBe(quantity);
        var (claimed, stored) = await ClaimsAsync(b, sale);
        claimed.ShouldBe(quantity);
        stored.ShouldBe(accepted, ignoreOrder: true);
        foreach (var node in new[] { a, b })
        {
            using var http = node.Client();
            (await http.GetFromJsonAsync<JsonElement>($"/api/v1/flash-sales/{sale}", Cancel)).GetProperty("remaining").GetInt32().ShouldBe(0);
        }
    }

    [Fact]
    public async Task Units_released_by_expiry_on_node_A_are_sold_again_through_node_B()
    {
        var (a, b) = nodes.Started;
        var (sale, tokens) = await FlashSaleAsync(a, buyers: 10, quantity: 4);
        using var throughA = a.Client();
        using var throughB = b.Client();
        var first = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var answer = await AttemptAsync(throughA, sale, tokens[i], $"first-{i}");
            answer.Outcome.ShouldBe("Accepted");
            first.Add(answer.ClaimId!.Value);
        }
        // Node B learns the sale is sold out and answers from memory from now on (the nodes never re-read it on their own here).
        (await AttemptAsync(throughB, sale, tokens[4], "late-4")).Outcome.ShouldBe("SoldOut");
        (await AttemptAsync(throughB, sale, tokens[5], "late-5")).Outcome.ShouldBe("SoldOut");

        // Two buyers did not pay in time; node A's expiry sweep (node B does not sweep) gives their units back. Reading the
        // claims first turns the batches' journal into claim rows, which the update below changes.
        (await ClaimsAsync(a, sale)).Stored.ShouldBe(first, ignoreOrder: true);
        await nodes.ExpireClaimsAsync(first.Take(2));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var remaining = 0;
        while (remaining != 2 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, Cancel);
            remaining = (await throughB.GetFromJsonAsync<JsonElement>($"/api/v1/flash-sales/{sale}", Cancel)).GetProperty("remaining").GetInt32();
        }
        remaining.ShouldBe(2, "node A's sweep did not release the two expired claims");

        // The broadcast reaches node B a moment after the database shows the units (the buyer taps again meanwhile): then
        // B's lane is open again, and it sells the two units, then is sold out.
        var retry = "SoldOut";
        for (var tap = 0; tap < 100 && retry == "SoldOut"; tap++)
        {
            retry = (await AttemptAsync(throughB, sale, tokens[6], $"again-6-{tap}")).Outcome;
            if (retry == "SoldOut") await Task.Delay(100, Cancel);
        }
        retry.ShouldBe("Accepted", "node B never reopened the sale after node A released units");
        (await AttemptAsync(throughB, sale, tokens[7], "again-7")).Outcome.ShouldBe("Accepted");
        (await AttemptAsync(throughB, sale, tokens[8], "again-8")).Outcome.ShouldBe("SoldOut");
        var (claimed, stored) = await ClaimsAsync(a, sale);
        claimed.ShouldBe(4);
        stored.Count.ShouldBe(4);
    }

    private static async Task<(string Outcome, Guid? ClaimId)> AttemptAsync(HttpClient http, Guid sale, string token, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts") { Content = JsonContent.Create(new { quantity = 1 }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var answer = JsonDocument.Parse(body).RootElement;
        var claim = answer.GetProperty("claimId");
        return (answer.GetProperty("outcome").GetString()!, claim.ValueKind == JsonValueKind.Null ? null : claim.GetGuid());
    }

    /// <summary>A sale of a demo SKU and its buyers (customer accounts with bearer tokens), made through the benchmark set-up endpoint.</summary>
    private static async Task<(Guid Sale, List<string> Tokens)> FlashSaleAsync(ServerProcess node, int buyers, int quantity)
    {
        using var http = node.Client();
        var setup = await (await http.PostAsync($"/bench/flash/setup?buyers={buyers}&quantity={quantity}", null, Cancel)).ShouldBeJsonAsync();
        return (setup.GetProperty("saleId").GetGuid(), [.. setup.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)]);
    }

    /// <summary>The sale's claimed count and its claims not expired, as the seller sees them.</summary>
    private static async Task<(int Claimed, List<Guid> Stored)> ClaimsAsync(ServerProcess node, Guid sale)
    {
        using var http = node.Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SellerTokenAsync(node));
        var claims = await http.GetJsonAsync($"/api/v1/flash-sales/{sale}/claims");
        var shown = await http.GetJsonAsync($"/api/v1/flash-sales/{sale}");
        var stored = claims.GetProperty("claims").EnumerateArray().Where(c => c.GetProperty("status").GetString() != "expired").Select(c => c.Id()).ToList();
        return (shown.GetProperty("claimed").GetInt32(), stored);
    }

    private static async Task<Guid> LiveSessionAsync(ServerProcess node) => (await LiveSessionWithProductAsync(node)).Session;

    /// <summary>A new live session of the demo seller (one of its products in the line-up), live by hand.</summary>
    private static async Task<(Guid Session, Guid Product)> LiveSessionWithProductAsync(ServerProcess node)
    {
        using var seller = node.Client();
        seller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SellerTokenAsync(node));
        var product = (await seller.GetJsonAsync("/api/v1/seller/products")).Items()[0].Id();
        var session = (await seller.CreateSessionAsync(LiveApi.Session($"Two nodes {Unique.Word()}", product))).Id();
        (await seller.MoveAsync(session, "go-live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (session, product);
    }

    private static Task<string> SellerTokenAsync(ServerProcess node) => SignInAsync(node, DemoAccounts.Seller1, DemoAccounts.Password);

    private static async Task<string> RegisterAsync(ServerProcess node)
    {
        var email = Unique.Email("two-nodes");
        const string password = "Two-nodes-pass-1";
        using var http = node.Client();
        (await http.PostAsJsonAsync("/api/v1/account/register", new { email, password }, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return await SignInAsync(node, email, password);
    }

    private static async Task<string> SignInAsync(ServerProcess node, string email, string password)
    {
        using var http = node.Client();
        var signedIn = await (await http.PostAsJsonAsync("/api/v1/account/login", new { email, password }, Cancel)).ShouldBeJsonAsync();
        return signedIn.GetProperty("accessToken").GetString()!;
    }
}

/// <summary>
/// A private redis-server, a fresh database on the private PostgreSQL server, and two server processes on them (node A
/// started first, so it alone applies the migrations and seeds the demo data). Node A sweeps expired claims every 200 ms,
/// node B never; neither node re-reads a sold-out sale on its own, so only the release broadcast can reopen a lane.
/// </summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    private readonly List<string> _dataDirectories = [];
    private RedisServer? _redis;
    private string? _database;
    private ServerProcess? _a;
    private ServerProcess? _b;

    /// <summary>Both nodes; skips the calling test (fails under CI) when redis-server or PostgreSQL is not installed.</summary>
    public (ServerProcess A, ServerProcess B) Started
    {
        get
        {
            ExternalProgram.Require(RedisServer.ServerPath, "Redis (redis-server)");
            ExternalProgram.Require(PostgresServer.InitDbPath, "PostgreSQL (initdb)");
            return (_a ?? throw new InvalidOperationException("Node A did not start."), _b ?? throw new InvalidOperationException("Node B did not start."));
        }
    }

    public async ValueTask InitializeAsync()
    {
        if ((RedisServer.ServerPath is null || PostgresServer.InitDbPath is null) && !ExternalProgram.IsCi) return;
        var ct = TestContext.Current.CancellationToken;
        _redis = await RedisServer.StartAsync();
        _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("twonodes");
        var prefix = "lc" + Guid.NewGuid().ToString("N")[..8];
        _a = await ServerProcess.StartAsync(Settings(prefix, sweep: "00:00:00.200"), ct);
        _b = await ServerProcess.StartAsync(Settings(prefix, sweep: "1.00:00:00"), ct);
    }

    private Dictionary<string, string> Settings(string prefix, string sweep)
    {
        var data = LiveCrossApp.NewDataDirectory();
        _dataDirectories.Add(data);
        return new()
        {
            ["DataDirectory"] = data,
            ["DemoData"] = "true",
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database!,
            ["Redis:Configuration"] = _redis!.Configuration,
            ["Redis:ChannelPrefix"] = prefix,
            ["Benchmarks:ReferenceEndpoints"] = "true",
            ["FlashSales:ExpirySweepInterval"] = sweep,
            ["FlashSales:SoldOutRecheckInterval"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    /// <summary>Moves the claims' time to pay into the past, as if their buyers had let it run out.</summary>
    public async Task ExpireClaimsAsync(IEnumerable<Guid> claims)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""UPDATE "FlashSaleClaims" SET "PayBefore" = now() - interval '1 minute' WHERE "Id" = ANY(@ids)""", connection);
        var ids = claims.ToArray();
        command.Parameters.AddWithValue("ids", ids);
        (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(ids.Length);
    }

    public async ValueTask DisposeAsync()
    {
        _b?.Dispose();
        _a?.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
        foreach (var data in _dataDirectories)
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
