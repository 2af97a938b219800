using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Tests.Live;

/// <summary>A flash sale never sells more than its quantity, keeps every accepted claim, and answers a retry as it answered first.</summary>
public abstract class FlashSaleTests(AppFixture fixture)
{
    private const string Sales = "/api/v1/seller/flash-sales";

    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Never_sells_more_than_its_quantity_across_two_engine_instances_sharing_the_database()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 50, perCustomerLimit: 2);
        var nodeA = App.Services.GetRequiredService<FlashSaleEngine>();
        using var nodeB = ActivatorUtilities.CreateInstance<FlashSaleEngine>(App.Services);
        var customers = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var attempts = Enumerable.Range(0, 600).Select(i => (Customer: customers[i % customers.Length], Key: $"k{i}", Quantity: 1 + i % 2)).ToArray();
        var answers = new ConcurrentBag<(Guid Customer, string Key, int Quantity, AttemptResult Result)>();

        await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Api.Cancel }, async (a, ct) =>
        {
            var node = a.Key.GetHashCode() % 2 == 0 ? nodeA : nodeB;
            var first = (await node.AttemptAsync(sale, a.Customer, a.Key, a.Quantity, ct))!;
            answers.Add((a.Customer, a.Key, a.Quantity, first));
            // The client's retry of the same attempt, through the other node.
            var retry = (await (node == nodeA ? nodeB : nodeA).AttemptAsync(sale, a.Customer, a.Key, a.Quantity, ct))!;
            if (first.Outcome == AttemptOutcome.Accepted) retry.ShouldBe(first);
        });

        var accepted = answers.Where(a => a.Result.Outcome == AttemptOutcome.Accepted).ToList();
        accepted.Sum(a => a.Quantity).ShouldBe(50);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        await FlashSaleClaimJournal.MaterializeAsync(db, [sale], Api.Cancel);
        var claims = await db.FlashSaleClaims.AsNoTracking().Where(c => c.SaleId == sale).ToListAsync(Api.Cancel);
        claims.Sum(c => c.Quantity).ShouldBe(50);
        claims.Select(c => c.Id).ShouldBe(accepted.Select(a => a.Result.ClaimId!.Value), ignoreOrder: true);
        claims.GroupBy(c => c.CustomerId).ShouldAllBe(g => g.Sum(c => c.Quantity) <= 2);
        (await db.FlashSales.AsNoTracking().SingleAsync(s => s.Id == sale, Api.Cancel)).Claimed.ShouldBe(50);
        answers.Where(a => a.Result.Outcome != AttemptOutcome.Accepted).ShouldAllBe(a => a.Result.Outcome == AttemptOutcome.SoldOut || a.Result.Outcome == AttemptOutcome.LimitReached);
        nodeA.Processed.ShouldBe(nodeA.Written);
        nodeB.Processed.ShouldBe(nodeB.Written);
    }

    [Fact]
    public async Task A_batch_journals_its_claims_and_they_become_claim_rows_once_however_many_readers_materialize_them()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 40, perCustomerLimit: 1);
        var engine = App.Services.GetRequiredService<FlashSaleEngine>();
        var buyers = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var answers = await Task.WhenAll(buyers.Select(async b => (Buyer: b, Result: (await engine.AttemptAsync(sale, b, $"key-{b:N}", 1, Api.Cancel))!)));
        answers.ShouldAllBe(a => a.Result.Outcome == AttemptOutcome.Accepted);

        int journaled;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            // The expiry sweep (every 5 s, real time) may have materialized some already: between them, every claim once
            // (both read in one transaction, so a sweep cannot move claims between the two reads).
            var (inJournal, asRows) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var reading = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Api.Cancel);
                var batches = await db.FlashSaleClaimBatches.AsNoTracking().Where(b => b.SaleId == sale).ToListAsync(Api.Cancel);
                return (batches.Sum(b => FlashSaleClaimJournal.Decode(b).Count()), await db.FlashSaleClaims.CountAsync(c => c.SaleId == sale, Api.Cancel));
            });
            journaled = inJournal;
            (journaled + asRows).ShouldBe(40);
        }

        // Three readers at once (the seller's list, a checkout, the expiry sweep on another node): each claim is written once.
        var written = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await FlashSaleClaimJournal.MaterializeAsync(scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>(), [sale], Api.Cancel);
        }));
        written.Sum().ShouldBeLessThanOrEqualTo(journaled);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            (await db.FlashSaleClaimBatches.AnyAsync(b => b.SaleId == sale, Api.Cancel)).ShouldBeFalse();
            var claims = await db.FlashSaleClaims.AsNoTracking().Where(c => c.SaleId == sale).ToListAsync(Api.Cancel);
            claims.Select(c => (c.Id, c.CustomerId, c.RequestKey, c.Quantity, c.Status, (DateTimeOffset?)c.PayBefore))
                .ShouldBe(answers.Select(a => (a.Result.ClaimId!.Value, a.Buyer, $"key-{a.Buyer:N}", 1, ClaimStatus.Held, a.Result.PayBefore)), ignoreOrder: true);
        }

        // A node that knows nothing of the sale (a restarted one) answers the retries from the materialized claims.
        using var restarted = ActivatorUtilities.CreateInstance<FlashSaleEngine>(App.Services);
        foreach (var (buyer, first) in answers.Take(5)) (await restarted.AttemptAsync(sale, buyer, $"key-{buyer:N}", 1, Api.Cancel)).ShouldBe(first);
        (await restarted.AttemptAsync(sale, Guid.NewGuid(), "late", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.SoldOut);
    }

    [Fact]
    public async Task Attempts_by_outcome_and_batches_are_reported_on_the_LiveCross_FlashSales_meter()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 2, perCustomerLimit: 1);
        var engine = App.Services.GetRequiredService<FlashSaleEngine>();
        var meters = App.Services.GetRequiredService<IMeterFactory>();
        var attempts = new ConcurrentDictionary<string, long>();
        var batches = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FlashSaleMetrics.MeterName && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name != "livecross.flash_sale.attempts") return;
            foreach (var tag in tags)
                if (tag.Key == "outcome") attempts.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
        });
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) =>
        {
            if (instrument.Name == "livecross.flash_sale.batch.size") Interlocked.Increment(ref batches);
        });
        listener.Start();

        var (first, second, late) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (await engine.AttemptAsync(sale, first, "m1", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.Accepted);
        (await engine.AttemptAsync(sale, second, "m2", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.Accepted);
        (await engine.AttemptAsync(sale, late, "m3", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.SoldOut);
        (await engine.AttemptAsync(sale, first, "m4", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.LimitReached);

        attempts.GetValueOrDefault("accepted").ShouldBeGreaterThanOrEqualTo(2);
        attempts.GetValueOrDefault("sold_out").ShouldBeGreaterThanOrEqualTo(1);
        attempts.GetValueOrDefault("limit_reached").ShouldBeGreaterThanOrEqualTo(1);
        Interlocked.Read(ref batches).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_retry_gets_the_first_answer_even_after_the_sale_sold_out()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 2, perCustomerLimit: 1);
        using var first = await CustomerAsync();
        using var second = await CustomerAsync();
        using var late = await CustomerAsync();

        var won = await AttemptAsync(first, sale, "first-try");
        (await AttemptAsync(second, sale, "second-try")).GetProperty("outcome").GetString().ShouldBe("Accepted");
        var lost = await AttemptAsync(late, sale, "late-try");
        var retried = await AttemptAsync(first, sale, "first-try");
        var again = await AttemptAsync(first, sale, "another-try");

        won.GetProperty("outcome").GetString().ShouldBe("Accepted");
        won.GetProperty("payBefore").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        lost.GetProperty("outcome").GetString().ShouldBe("SoldOut");
        lost.GetProperty("claimId").ValueKind.ShouldBe(JsonValueKind.Null);
        retried.GetProperty("claimId").GetGuid().ShouldBe(won.GetProperty("claimId").GetGuid());
        again.GetProperty("outcome").GetString().ShouldBe("LimitReached");
        var shown = await App.CreateClient().GetJsonAsync($"/api/v1/flash-sales/{sale}");
        shown.GetProperty("remaining").GetInt32().ShouldBe(0);
        shown.GetProperty("status").GetString().ShouldBe("sold_out");
        var claims = await seller.GetJsonAsync($"/api/v1/flash-sales/{sale}/claims");
        claims.GetProperty("count").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Unpaid_claims_expire_and_their_units_go_back_to_the_sale()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 1, perCustomerLimit: 1, durationSeconds: 3600);
        using var winner = await CustomerAsync();
        using var waiting = await CustomerAsync();
        (await AttemptAsync(winner, sale, "w1")).GetProperty("outcome").GetString().ShouldBe("Accepted");
        (await AttemptAsync(waiting, sale, "x1")).GetProperty("outcome").GetString().ShouldBe("SoldOut");

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        (await App.Services.GetRequiredService<ClaimExpiryJob>().SweepAsync(Api.Cancel)).ShouldBeGreaterThanOrEqualTo(1);

        (await AttemptAsync(waiting, sale, "x2")).GetProperty("outcome").GetString().ShouldBe("Accepted");
        // Sold out again, and the buyer is at the limit now: the retry of the attempt refused in the first sold-out spell
        // still gets that answer, not LimitReached.
        (await AttemptAsync(waiting, sale, "x1")).GetProperty("outcome").GetString().ShouldBe("SoldOut", "a retry keeps its first answer");
        (await AttemptAsync(waiting, sale, "x3")).GetProperty("outcome").GetString().ShouldBe("LimitReached");
        var claims = await seller.GetJsonAsync($"/api/v1/flash-sales/{sale}/claims");
        claims.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("status").GetString()).ShouldBe(["expired", "held"]);
        claims.GetProperty("units").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Refusals_given_on_many_threads_while_sold_out_still_answer_their_retries_after_units_come_back()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 1, perCustomerLimit: 1, durationSeconds: 3600);
        using var engine = EngineWith(new FlashSaleOptions());
        (await engine.AttemptAsync(sale, Guid.NewGuid(), "winner", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.Accepted);
        var refused = Enumerable.Range(0, 2_000).Select(i => (Customer: Guid.NewGuid(), Key: $"late-{i}")).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Api.Cancel };
        // Answered from memory on many pool threads at once: the refusals are noted in many threads' buffers.
        await Parallel.ForEachAsync(refused, parallel, async (a, ct) =>
            (await engine.AttemptAsync(sale, a.Customer, a.Key, 1, ct))!.Outcome.ShouldBe(AttemptOutcome.SoldOut));

        await ExpireHeldClaimsAsync(sale);
        engine.UnitsReleased(sale); // what the release broadcast does on every node

        // The unit is back and the sale open again: every retry still gets its first answer; a newcomer wins the unit.
        await Parallel.ForEachAsync(refused, parallel, async (a, ct) =>
            (await engine.AttemptAsync(sale, a.Customer, a.Key, 1, ct))!.Outcome.ShouldBe(AttemptOutcome.SoldOut, "a retry keeps its first answer"));
        (await engine.AttemptAsync(sale, Guid.NewGuid(), "newcomer", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.Accepted);
        engine.Processed.ShouldBe(engine.Written);
    }

    [Fact]
    public async Task A_node_that_saw_a_sale_sold_out_learns_of_units_released_elsewhere_once_per_recheck_interval()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 1, perCustomerLimit: 1, durationSeconds: 3600);
        var nodeA = App.Services.GetRequiredService<FlashSaleEngine>();
        // No Redis here, so the other nodes hear of no release: only their own recheck of the sale tells them.
        using var hourly = EngineWith(new FlashSaleOptions { SoldOutRecheckInterval = TimeSpan.FromHours(1) });
        using var quick = EngineWith(new FlashSaleOptions { SoldOutRecheckInterval = TimeSpan.FromMilliseconds(100) });
        (await nodeA.AttemptAsync(sale, Guid.NewGuid(), "winner", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.Accepted);
        (await hourly.AttemptAsync(sale, Guid.NewGuid(), "h-0", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.SoldOut);
        (await quick.AttemptAsync(sale, Guid.NewGuid(), "q-0", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.SoldOut);

        await ExpireHeldClaimsAsync(sale);

        // Well past the quick node's interval, the hourly one still answers from its memory (no database read per attempt).
        for (var i = 1; i <= 10; i++)
        {
            (await hourly.AttemptAsync(sale, Guid.NewGuid(), $"h-{i}", 1, Api.Cancel))!.Outcome.ShouldBe(AttemptOutcome.SoldOut);
            await Task.Delay(30, Api.Cancel);
        }
        AttemptResult? answer = null;
        for (var i = 1; i <= 200 && answer?.Outcome != AttemptOutcome.Accepted; i++)
        {
            answer = await quick.AttemptAsync(sale, Guid.NewGuid(), $"q-{i}", 1, Api.Cancel);
            if (answer!.Outcome != AttemptOutcome.Accepted) await Task.Delay(25, Api.Cancel);
        }
        answer!.Outcome.ShouldBe(AttemptOutcome.Accepted, "within an interval the node reads the sale again and finds the unit back");
        quick.Processed.ShouldBe(quick.Written);
    }

    /// <summary>Another node (engine) on the shared database, with its own options.</summary>
    private FlashSaleEngine EngineWith(FlashSaleOptions options) => ActivatorUtilities.CreateInstance<FlashSaleEngine>(App.Services, Options.Create(options));

    /// <summary>Moves the clock past the claim window and sweeps until the sale's unpaid claims expired (the background sweep may get there first).</summary>
    private async Task ExpireHeldClaimsAsync(Guid sale)
    {
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        var claimed = -1;
        for (var i = 0; i < 100 && claimed != 0; i++)
        {
            if (i > 0) await Task.Delay(10, Api.Cancel);
            await App.Services.GetRequiredService<ClaimExpiryJob>().SweepAsync(Api.Cancel);
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            claimed = await db.FlashSales.IgnoreQueryFilters().Where(s => s.Id == sale).Select(s => s.Claimed).SingleAsync(Api.Cancel);
        }
        claimed.ShouldBe(0, "the unpaid claim expired and its unit went back");
    }

    [Fact]
    public async Task A_node_frees_an_ended_sales_memory_and_still_answers_its_retries_from_the_database()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 5, perCustomerLimit: 1, durationSeconds: 60);
        using var buyer = await CustomerAsync();
        var won = await AttemptAsync(buyer, sale, "before-the-end");
        won.GetProperty("outcome").GetString().ShouldBe("Accepted");
        var engine = App.Services.GetRequiredService<FlashSaleEngine>();
        engine.DropEndedLanes();
        engine.HoldsLane(sale).ShouldBeTrue("the sale has not ended yet");

        // The expiry sweep, woken by the clock, may drop it first; either way it must be gone after this.
        App.Clock.Advance(TimeSpan.FromSeconds(60) + new FlashSaleOptions().LaneKeptAfterEnd + TimeSpan.FromSeconds(1));
        // A lane whose drain loop is still finishing (it yields once after answering a batch) is not idle yet: a later
        // sweep drops it.
        for (var sweeps = 0; engine.HoldsLane(sale) && sweeps < 500; sweeps++)
        {
            engine.DropEndedLanes();
            if (engine.HoldsLane(sale)) await Task.Delay(10, Api.Cancel);
        }
        engine.HoldsLane(sale).ShouldBeFalse();

        var retried = await AttemptAsync(buyer, sale, "before-the-end");
        retried.GetProperty("outcome").GetString().ShouldBe("Accepted", "a retry keeps its first answer after the lane is gone");
        retried.GetProperty("claimId").GetGuid().ShouldBe(won.GetProperty("claimId").GetGuid());
        (await AttemptAsync(buyer, sale, "after-the-end")).GetProperty("outcome").GetString().ShouldBe("Ended");
        engine.Processed.ShouldBe(engine.Written);
    }

    [Fact]
    public async Task A_sale_the_host_ended_accepts_nothing_more()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 10, perCustomerLimit: 1);
        using var buyer = await CustomerAsync();

        (await (await seller.PostAsync($"{Sales}/{sale}/end", null, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("status").GetString().ShouldBe("ended");

        (await AttemptAsync(buyer, sale, "after-end")).GetProperty("outcome").GetString().ShouldBe("Ended");
    }

    [Fact]
    public async Task Bad_input_unknown_sales_and_other_sellers_are_refused_with_problems()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var buyer = await CustomerAsync();
        var sku = await SkuAsync(seller1, "USD");
        var sale = await CreateSaleAsync(seller1, quantity: 5, perCustomerLimit: 1);

        await (await seller2.SendJsonAsync(HttpMethod.Post, Sales, SaleBody(sku.Id, 5, 1, 60, 9.99m, "CNY"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "skuId");
        await (await seller1.SendJsonAsync(HttpMethod.Post, Sales, SaleBody(sku.Id, 5, 1, 60, 9.99m, "EUR"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "price.currency");
        await (await seller1.SendJsonAsync(HttpMethod.Post, Sales, SaleBody(sku.Id, 5, 6, 60, 9.99m, "USD"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "perCustomerLimit");
        await (await seller1.SendJsonAsync(HttpMethod.Post, Sales, SaleBody(sku.Id, 0, 1, 5, 9.999m, "USD"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "quantity");
        await (await seller1.SendJsonAsync(HttpMethod.Post, Sales, SaleBody(sku.Id, 5, 1, 60, 9.999m, "USD"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "price.amount");
        var strangersSession = SaleBody(sku.Id, 5, 1, 60, 9.99m, "USD");
        strangersSession["sessionId"] = Guid.NewGuid().ToString();
        await (await seller1.SendJsonAsync(HttpMethod.Post, Sales, strangersSession)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sessionId");
        await (await buyer.SendJsonAsync(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts", new JsonObject { ["quantity"] = 1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        await (await AttemptRequestAsync(buyer, sale, "q0", 0)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "quantity");
        (await AttemptRequestAsync(buyer, Guid.NewGuid(), "nope", 1)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AttemptRequestAsync(App.CreateClient(), sale, "anon", 1)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AttemptRequestAsync(seller1, sale, "seller", 1)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await seller2.GetAsync($"/api/v1/flash-sales/{sale}/claims", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await seller2.PostAsync($"{Sales}/{sale}/end", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await App.CreateClient().GetAsync($"/api/v1/flash-sales/{Guid.NewGuid()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await seller2.GetJsonAsync(Sales)).EnumerateArray().Select(s => s.Id()).ShouldNotContain(sale);
        (await App.CreateClient().GetJsonAsync($"/api/v1/flash-sales/{sale}")).GetProperty("claimed").GetInt32().ShouldBe(0);
    }

    private static JsonObject SaleBody(Guid skuId, int quantity, int limit, int seconds, decimal price, string currency) => new()
    {
        ["skuId"] = skuId.ToString(),
        ["quantity"] = quantity,
        ["price"] = new JsonObject { ["amount"] = price, ["currency"] = currency },
        ["perCustomerLimit"] = limit,
        ["durationSeconds"] = seconds,
    };

    private static async Task<(Guid Id, string Sku)> SkuAsync(HttpClient seller, string currency)
    {
        var stocked = await seller.StockedSkuAsync(30.00m, 100);
        var product = await seller.GetJsonAsync($"/api/v1/seller/products/{stocked.ProductId}");
        var variant = product.GetProperty("variants").EnumerateArray().Single();
        variant.GetProperty("price").GetProperty("currency").GetString().ShouldBe(currency);
        return (variant.Id(), stocked.Sku);
    }

    private static async Task<Guid> CreateSaleAsync(HttpClient seller, int quantity, int perCustomerLimit, int durationSeconds = 600)
    {
        var sku = await SkuAsync(seller, "USD");
        var created = await (await seller.SendJsonAsync(HttpMethod.Post, Sales, SaleBody(sku.Id, quantity, perCustomerLimit, durationSeconds, 9.99m, "USD")))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        created.GetProperty("quantity").GetInt32().ShouldBe(quantity);
        created.GetProperty("remaining").GetInt32().ShouldBe(quantity);
        created.GetProperty("status").GetString().ShouldBe("active");
        created.GetProperty("sku").GetString().ShouldBe(sku.Sku);
        return created.Id();
    }

    private async Task<HttpClient> CustomerAsync()
    {
        var email = Unique.Email("buyer");
        const string password = "Flash-sale-buyer-1";
        using var anonymous = App.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return await App.ClientForAsync(email, password);
    }

    private static Task<HttpResponseMessage> AttemptRequestAsync(HttpClient client, Guid sale, string key, int quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts") { Content = Api.JsonContent(new JsonObject { ["quantity"] = quantity }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Api.Cancel);
    }

    private static async Task<JsonElement> AttemptAsync(HttpClient client, Guid sale, string key) =>
        await (await AttemptRequestAsync(client, sale, key, 1)).ShouldBeJsonAsync();
}

public sealed class FlashSaleTestsOnSqlite(SqliteAppFixture fixture) : FlashSaleTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class FlashSaleTestsOnPostgres(PostgresAppFixture fixture) : FlashSaleTests(fixture), IClassFixture<PostgresAppFixture>;
