using System.Text.Json;
using LiveCross.Server.Events;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Platform.Outbox;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Events;

/// <summary>
/// A paid order's payment_success events (a purchase for the recommender, GMV for the seller's figures) come from the
/// outbox message written with the payment: never from a payment whose save did not commit, once per redelivery, at the payment's time.
/// </summary>
public sealed class PaymentSuccessEventTests(ManualOutboxAppFixture fixture) : IClassFixture<ManualOutboxAppFixture>
{
    private LiveCrossApp App => fixture.App;

    private async Task<(HttpClient Guest, JsonElement Order)> PlacedAsync()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var item = await seller.StockedSkuAsync(20.00m, 5);
        var guest = App.CreateClient();
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("paid-event"), (item.Sku, 2)));
        return (guest, order);
    }

    /// <summary>What the background worker would do, now: delivers every due outbox message (bounded in passes).</summary>
    private async Task DeliverOutboxAsync()
    {
        var worker = ActivatorUtilities.CreateInstance<OutboxWorker>(App.Services);
        for (var pass = 0; pass < 50 && await worker.DeliverDueAsync(Api.Cancel) > 0; pass++)
        {
        }
    }

    /// <summary>The guest order's payment_success rows (its checkout_start is stored under the same subject).</summary>
    private async Task<List<Dictionary<string, object?>>> PurchasesAsync(JsonElement order) =>
        [.. (await App.StoredRowsAsync($"o:{order.Id():N}")).Where(r => (string)r["type"]! == "payment_success")];

    [Fact]
    public async Task A_payment_whose_save_loses_to_a_cancellation_and_is_applied_again_as_a_refund_records_no_purchase()
    {
        var (guest, order) = await PlacedAsync();
        var success = OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            // As the payments module's webhook does: the orders module changes tracked rows, then one save writes them.
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var orders = scope.ServiceProvider.GetRequiredService<IPaymentOutcomeHandler>();
            await orders.HandleAsync(success, Api.Cancel);

            // The buyer cancels in the meantime, so the payment's save fails on the order's version ...
            var token = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);
            await (await guest.PostAsync($"{OrdersApi.Orders}/{order.Id()}/cancel?token={token}", null, Api.Cancel)).ShouldBeJsonAsync();
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Api.Cancel));

            // ... and the payments module applies the outcome again on fresh rows: a payment to refund, not a sale.
            db.ChangeTracker.Clear();
            await orders.HandleAsync(success, Api.Cancel);
            await db.SaveChangesAsync(Api.Cancel);
        }
        await DeliverOutboxAsync();

        var cancelled = await guest.GuestOrderAsync(order);
        (cancelled.Status(), cancelled.GetProperty("refundRequired").GetBoolean()).ShouldBe(("cancelled", true));
        (await PurchasesAsync(order)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_payment_rolled_back_with_its_transaction_records_no_purchase()
    {
        var (guest, order) = await PlacedAsync();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Api.Cancel);
            await scope.ServiceProvider.GetRequiredService<IPaymentOutcomeHandler>().HandleAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded), Api.Cancel);
            await db.SaveChangesAsync(Api.Cancel);
            await transaction.RollbackAsync(Api.Cancel);
        }
        await DeliverOutboxAsync();

        (await guest.GuestOrderAsync(order)).Status().ShouldBe("pending_payment");
        (await PurchasesAsync(order)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_paid_order_s_purchase_is_recorded_once_at_the_payment_s_time_however_late_and_often_its_message_is_delivered()
    {
        var (guest, order) = await PlacedAsync();
        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));
        var paid = await guest.GuestOrderAsync(order);
        paid.Status().ShouldBe("paid");
        var paidAt = paid.GetProperty("transitions").EnumerateArray().Last().GetProperty("at").GetDateTimeOffset();

        (await PurchasesAsync(order)).ShouldBeEmpty("nothing is recorded before the outbox delivers the payment's message");
        App.Clock.Advance(TimeSpan.FromHours(1));
        await DeliverOutboxAsync();

        var purchase = (await PurchasesAsync(order)).ShouldHaveSingleItem();
        (purchase["type"], purchase["order_id"], purchase["source"]).ShouldBe(("payment_success", order.Id(), "server"));
        ((decimal)purchase["amount"]!).ShouldBe(order.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("lineTotal").Amount()));
        ((DateTime)purchase["occurred_at"]!).ShouldBe(paidAt.UtcDateTime, TimeSpan.FromMilliseconds(1));

        // A node that dies after recording but before marking the message delivered leaves it to be delivered again.
        var message = await PaymentMessageAsync(order);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null), Api.Cancel);
        }
        await DeliverOutboxAsync();

        (await PaymentMessageAsync(order)).Attempts.ShouldBe(message.Attempts + 1, "the message was delivered again");
        (await PurchasesAsync(order)).ShouldHaveSingleItem()["event_id"].ShouldBe(purchase["event_id"]);
    }

    private async Task<OutboxMessage> PaymentMessageAsync(JsonElement order)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var messages = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == PaymentSuccessOutbox.Type).ToListAsync(Api.Cancel);
        var message = messages.Single(m => m.ReadPayload<PaidOrderFacts>().OrderId == order.Id());
        message.DeliveredAt.ShouldNotBeNull();
        return message;
    }
}

/// <summary>An app whose outbox worker polls only once an hour: a test delivers the messages itself, when it chooses.</summary>
public sealed class ManualOutboxAppFixture() : AppFixture(TestDatabase.Sqlite)
{
    protected override void Configure(LiveCrossApp app) => app.WithSetting("Outbox:PollInterval", "20.00:00:00");
}
