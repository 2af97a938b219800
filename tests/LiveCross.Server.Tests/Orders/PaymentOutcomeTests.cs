using System.Net;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Orders;

/// <summary>What the orders module does with the payment outcomes the payments module reports (IPaymentOutcomeHandler).</summary>
public abstract class PaymentOutcomeTests(OrdersAppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private async Task<(HttpClient Seller, HttpClient Guest, Stocked Item, System.Text.Json.JsonElement Order, string Email)> PlacedAsync(int onHand = 5, int quantity = 2)
    {
        var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(20.00m, onHand);
        var email = Unique.Email("payer");
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(email, (item.Sku, quantity)));
        return (seller, guest, item, order, email);
    }

    [Fact]
    public async Task A_successful_payment_marks_the_order_paid_and_turns_its_reservation_into_a_sale()
    {
        var (seller, guest, item, order, _) = await PlacedAsync(onHand: 5, quantity: 2);

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));

        var paid = await guest.GuestOrderAsync(order);
        paid.Status().ShouldBe("paid");
        var last = paid.GetProperty("transitions").EnumerateArray().Last();
        (last.GetProperty("from").GetString(), last.GetProperty("to").GetString(), last.GetProperty("actor").GetString()).ShouldBe(("pending_payment", "paid", "payment:sandbox"));
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 3, Reserved: 0, Available: 3));
    }

    [Fact]
    public async Task A_paid_order_is_not_cancelled_when_its_payment_window_passes()
    {
        var (seller, guest, item, order, _) = await PlacedAsync(onHand: 5, quantity: 2);
        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));

        App.Clock.Advance(TimeSpan.FromMinutes(20));
        await Task.Delay(TimeSpan.FromSeconds(1), Api.Cancel);

        (await guest.GuestOrderAsync(order)).Status().ShouldBe("paid");
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 3, Reserved: 0, Available: 3));
    }

    [Fact]
    public async Task A_replayed_success_changes_nothing_twice()
    {
        var (seller, guest, item, order, _) = await PlacedAsync(onHand: 5, quantity: 2);
        var success = OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded);

        await App.ReportPaymentAsync(success);
        await App.ReportPaymentAsync(success);
        await App.ReportPaymentAsync(success with { ProviderEventId = "evt_other_delivery_of_same_payment" });

        var paid = await guest.GuestOrderAsync(order);
        paid.GetProperty("transitions").GetArrayLength().ShouldBe(2);
        paid.GetProperty("refundRequired").GetBoolean().ShouldBeFalse();
        (await seller.StockOfAsync(item.Sku)).OnHand.ShouldBe(3);
    }

    [Fact]
    public async Task A_failed_payment_is_recorded_and_the_order_keeps_waiting_with_its_stock()
    {
        var (seller, guest, item, order, _) = await PlacedAsync(onHand: 5, quantity: 2);

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Failed, failure: "card_declined"));

        var waiting = await guest.GuestOrderAsync(order);
        waiting.Status().ShouldBe("pending_payment");
        var last = waiting.GetProperty("transitions").EnumerateArray().Last();
        last.GetProperty("to").GetString().ShouldBe("pending_payment");
        last.GetProperty("reason").GetString()!.ShouldContain("card_declined");
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(2);

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));
        (await guest.GuestOrderAsync(order)).Status().ShouldBe("paid");
    }

    [Fact]
    public async Task A_failure_arriving_after_the_success_is_ignored()
    {
        var (_, guest, _, order, _) = await PlacedAsync();
        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Failed, failure: "late decline"));

        var paid = await guest.GuestOrderAsync(order);
        paid.Status().ShouldBe("paid");
        paid.GetProperty("transitions").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Partial_refunds_add_up_to_a_full_refund_and_a_replayed_refund_counts_once()
    {
        var (_, guest, _, order, _) = await PlacedAsync(quantity: 2);
        var paymentId = Guid.NewGuid();
        var due = order.GetProperty("charges").GetProperty("amountDue").Amount();
        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded, paymentId: paymentId));

        var firstRefund = OrdersApi.Outcome(order, PaymentOutcomeKind.Refunded, amount: 10.00m, paymentId: paymentId);
        await App.ReportPaymentAsync(firstRefund);
        await App.ReportPaymentAsync(firstRefund);

        var partly = await guest.GuestOrderAsync(order);
        partly.Status().ShouldBe("partially_refunded");
        partly.GetProperty("refunded").Amount().ShouldBe(10.00m);

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Refunded, amount: due - 10.00m, paymentId: paymentId));

        var refunded = await guest.GuestOrderAsync(order);
        refunded.Status().ShouldBe("refunded");
        refunded.GetProperty("refunded").Amount().ShouldBe(due);
    }

    [Fact]
    public async Task A_payment_for_an_order_already_cancelled_by_expiry_is_flagged_for_refund_not_resurrected()
    {
        var (seller, guest, item, order, _) = await PlacedAsync(onHand: 5, quantity: 2);
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        await OrdersApi.EventuallyAsync(() => guest.GuestOrderAsync(order), o => o.Status() == "cancelled");
        var latePayment = Guid.NewGuid();

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded, paymentId: latePayment));

        var flagged = await guest.GuestOrderAsync(order);
        flagged.Status().ShouldBe("cancelled");
        flagged.GetProperty("refundRequired").GetBoolean().ShouldBeTrue();
        flagged.GetProperty("transitions").EnumerateArray().Last().GetProperty("reason").GetString()!.ShouldContain("after the order was cancelled");
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 5, Reserved: 0, Available: 5));

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Refunded, paymentId: latePayment));
        (await guest.GuestOrderAsync(order)).GetProperty("refundRequired").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_payment_of_the_wrong_amount_does_not_pay_the_order()
    {
        var (_, guest, _, order, _) = await PlacedAsync();
        var due = order.GetProperty("charges").GetProperty("amountDue").Amount();

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded, amount: due - 1.00m));

        var after = await guest.GuestOrderAsync(order);
        after.Status().ShouldBe("pending_payment");
        after.GetProperty("refundRequired").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_paid_order_confirmation_reaches_the_buyer_in_their_language_with_every_charge()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(20.00m, 5);
        var email = Unique.Email("kunde");
        var body = OrdersApi.GuestOrder(email, (item.Sku, 2));
        body["locale"] = "de-DE";
        var order = await guest.PlaceOkAsync(body);
        var charges = order.GetProperty("charges");
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        string Euros(string charge) => charges.GetProperty(charge).Amount().ToString("N2", german) + " €";

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));

        var message = (await fixture.Mail.WaitForAsync(email)).ShouldHaveSingleItem();
        message.To.Mailboxes.Single().Address.ShouldBe(email);
        message.Body!.Headers[MimeKit.HeaderId.ContentLanguage].ShouldBe("de");
        message.Subject.ShouldBe($"Ihre LiveCross-Bestellung {order.GetProperty("number").GetString()} ist bestätigt");
        var text = message.TextBody ?? "";
        charges.GetProperty("duty").Amount().ShouldBeGreaterThan(0m);
        text.ShouldContain($"Waren: {Euros("goods")}");
        text.ShouldContain($"Einfuhrzoll: {Euros("duty")}");
        text.ShouldContain($"Gesamt: {Euros("total")}");
        text.ShouldContain($"An der Kasse bezahlt: {Euros("amountDue")}");
        text.ShouldContain("https://shop.example/orders/" + order.Id());
        (message.HtmlBody ?? "").ShouldContain("dir=\"ltr\"");
    }

    [Fact]
    public async Task No_confirmation_is_sent_for_an_order_that_was_not_paid()
    {
        var (_, guest, _, order, email) = await PlacedAsync();
        (await guest.PostAsync($"{OrdersApi.Orders}/{order.Id()}/cancel?token={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}", null, Api.Cancel))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var paidElsewhere = await PlacedAsync();
        await App.ReportPaymentAsync(OrdersApi.Outcome(paidElsewhere.Order, PaymentOutcomeKind.Succeeded));

        await fixture.Mail.WaitForAsync(paidElsewhere.Email);

        fixture.Mail.To(email).ShouldBeEmpty();
    }
}

public sealed class PaymentOutcomeTestsOnSqlite(SqliteOrdersAppFixture fixture) : PaymentOutcomeTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class PaymentOutcomeTestsOnPostgres(PostgresOrdersAppFixture fixture) : PaymentOutcomeTests(fixture), IClassFixture<PostgresOrdersAppFixture>;
