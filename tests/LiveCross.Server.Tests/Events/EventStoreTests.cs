using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Events;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Events;

/// <summary>The event store keeps what the ingest accepted: across a restart, under concurrent batches, and the server's own facts.</summary>
public sealed class EventStoreTests
{
    [Fact]
    public async Task Events_accepted_before_a_clean_stop_are_in_the_store_after_a_restart_and_a_retry_then_is_a_duplicate()
    {
        var data = LiveCrossApp.NewDataDirectory();
        try
        {
            var clientId = EventsApi.ClientId();
            var video = Guid.NewGuid();
            JsonArray batch;
            using (var first = new LiveCrossApp(TestDatabase.Sqlite, dataDirectory: data).WithSetting("Events:FlushIntervalMilliseconds", "10000"))
            {
                var now = first.Clock.GetUtcNow();
                batch = new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode)EventsApi.Event("watch_progress", now, videoId: video, percent: 25))]);
                using var client = first.CreateClient();
                (await client.PostEventsOkAsync(batch, clientId)).GetProperty("accepted").GetInt32().ShouldBe(200);
            }

            using var second = new LiveCrossApp(TestDatabase.Sqlite, dataDirectory: data);
            using var again = second.CreateClient();
            (await second.StoredRowsAsync($"c:{clientId}")).Count.ShouldBe(200);
            var retried = await again.PostEventsOkAsync(batch, clientId);
            (retried.GetProperty("accepted").GetInt32(), retried.GetProperty("duplicates").GetInt32()).ShouldBe((0, 200));
            (await second.StoredRowsAsync($"c:{clientId}")).Count.ShouldBe(200);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Every_event_accepted_from_concurrent_clients_is_stored_once_and_the_writer_processed_what_was_written()
    {
        using var app = new LiveCrossApp(TestDatabase.Sqlite).WithSetting("Events:FlushIntervalMilliseconds", "20").WithSetting("Events:BatchSize", "700");
        const int clients = 8, batches = 15, perBatch = 100;
        var ids = Enumerable.Range(0, clients).Select(_ => EventsApi.ClientId()).ToList();
        var now = app.Clock.GetUtcNow();

        var accepted = await Task.WhenAll(ids.Select(async clientId =>
        {
            using var client = app.CreateClient();
            var total = 0;
            for (var b = 0; b < batches; b++)
            {
                var batch = new JsonArray([.. Enumerable.Range(0, perBatch).Select(_ => (JsonNode)EventsApi.Event("like", now, videoId: Guid.NewGuid()))]);
                total += (await client.PostEventsOkAsync(batch, clientId)).GetProperty("accepted").GetInt32();
            }
            return total;
        }));

        accepted.Sum().ShouldBe(clients * batches * perBatch);
        var stored = 0;
        foreach (var clientId in ids) stored += (await app.StoredRowsAsync($"c:{clientId}")).Count;
        stored.ShouldBe(clients * batches * perBatch);
        var writer = app.Services.GetRequiredService<EventWriter>();
        writer.Processed.ShouldBe(writer.Enqueued);
    }

    [Fact]
    public async Task Too_many_batches_from_one_client_are_refused_with_a_429_problem()
    {
        using var app = new LiveCrossApp(TestDatabase.Sqlite).WithSetting("Events:Burst", "3").WithSetting("Events:RequestsPerSecond", "1");
        using var client = app.CreateClient();
        var clientId = EventsApi.ClientId();
        var started = DateTime.UtcNow;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) statuses.Add((await client.PostEventsAsync(new JsonArray(), clientId)).StatusCode);

        // At most the burst plus one batch per second that passed may go through, whatever the machine's speed.
        var allowed = 3 + (int)Math.Ceiling((DateTime.UtcNow - started).TotalSeconds);
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(Math.Min(allowed, 10));
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        await (await client.PostEventsAsync(new JsonArray(), clientId)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await client.PostEventsAsync(new JsonArray(), EventsApi.ClientId())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_guest_s_add_to_cart_checkout_and_paid_order_are_recorded_by_the_server_with_product_order_and_amount()
    {
        using var app = new LiveCrossApp(TestDatabase.Sqlite);
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        var item = await seller.StockedSkuAsync(20.00m, 5);
        using var guest = app.CreateClient();
        var clientId = EventsApi.ClientId();
        guest.DefaultRequestHeaders.Add(EventIngest.ClientHeader, clientId);
        await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=DE", new JsonObject { ["sku"] = item.Sku, ["quantity"] = 2 })).ShouldBeJsonAsync();
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("events"), (item.Sku, 2)));

        await app.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));
        await app.WaitForPaymentEventsAsync();

        var shopper = await app.StoredRowsAsync($"c:{clientId}");
        shopper.Select(r => r["type"]).ShouldBe(["add_to_cart", "checkout_start"], ignoreOrder: true);
        shopper.Single(r => (string)r["type"]! == "add_to_cart")["product_id"].ShouldBe(item.ProductId);
        shopper.Single(r => (string)r["type"]! == "checkout_start")["order_id"].ShouldBe(order.Id());
        var paid = (await app.StoredRowsAsync($"o:{order.Id():N}")).ShouldHaveSingleItem();
        (paid["type"], paid["product_id"], paid["order_id"], paid["source"]).ShouldBe(("payment_success", item.ProductId, order.Id(), "server"));
        var lines = order.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("lineTotal").Amount());
        ((decimal)paid["amount"]!).ShouldBe(lines);
        paid["currency"].ShouldBe(order.GetProperty("charges").GetProperty("amountDue").Currency());

        // A second payment report for the paid order records no second sale.
        await app.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));
        await app.WaitForPaymentEventsAsync();
        (await app.StoredRowsAsync($"o:{order.Id():N}")).Count.ShouldBe(1);
    }
}
