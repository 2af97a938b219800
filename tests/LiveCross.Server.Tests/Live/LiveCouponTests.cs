using System.Collections.Concurrent;
using System.Net;
using LiveCross.Server.Live.Coupons;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>Live coupons: never more claimed than dropped, one per customer, and a retry gets the first answer.</summary>
public abstract class LiveCouponTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Never_more_claims_than_coupons_and_one_per_customer_under_concurrent_claims()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        var coupon = await DropAsync(seller, session, quantity: 25);
        var customers = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid()).ToArray();
        // Every customer tries three times with two keys, from many connections at once (as many nodes would).
        var attempts = customers.SelectMany((c, i) => new[] { (c, $"a{i}"), (c, $"b{i}"), (c, $"a{i}") }).OrderBy(_ => Random.Shared.Next()).ToArray();
        var answers = new ConcurrentBag<(Guid Customer, string Key, CouponClaimResult Result)>();

        await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = Api.Cancel }, async (a, ct) =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<LiveCouponClaims>().ClaimAsync(coupon, a.Item1, a.Item2, ct);
            answers.Add((a.Item1, a.Item2, result!));
        });

        var claimed = answers.Where(a => a.Result.Outcome == ClaimOutcome.Claimed).ToList();
        claimed.Select(a => a.Customer).Distinct().Count().ShouldBe(25);
        claimed.Select(a => a.Result.ClaimId).Distinct().Count().ShouldBe(25, "a retry with the same key gets the same claim");
        claimed.GroupBy(a => a.Customer).ShouldAllBe(g => g.Select(a => a.Key).Distinct().Count() == 1);
        answers.Where(a => a.Result.Outcome != ClaimOutcome.Claimed).ShouldAllBe(a => a.Result.Outcome == ClaimOutcome.SoldOut || a.Result.Outcome == ClaimOutcome.AlreadyClaimed);
        await using var check = App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var rows = await db.LiveCouponClaims.AsNoTracking().Where(c => c.CouponId == coupon).ToListAsync(Api.Cancel);
        rows.Count.ShouldBe(25);
        rows.Select(r => r.CustomerId).Distinct().Count().ShouldBe(25);
        rows.Select(r => r.Id).ShouldBe(claimed.Select(a => a.Result.ClaimId!.Value).Distinct(), ignoreOrder: true);
        (await db.LiveCoupons.AsNoTracking().SingleAsync(c => c.Id == coupon, Api.Cancel)).Claimed.ShouldBe(25);
        (await App.CreateClient().GetJsonAsync($"/api/v1/coupons/{coupon}")).GetProperty("remaining").GetInt32().ShouldBe(0);
        var inRoom = (await App.CreateClient().GetJsonAsync($"/api/v1/live-sessions/{session}/coupons")).EnumerateArray().ShouldHaveSingleItem();
        inRoom.GetProperty("status").GetString().ShouldBe("sold_out");
    }

    [Fact]
    public async Task A_retry_gets_the_first_answer_and_the_coupon_shows_in_the_wallet()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        var coupon = await DropAsync(seller, session, quantity: 1, minimumSpend: 50m);
        using var first = await App.NewCustomerAsync();
        using var late = await App.NewCustomerAsync();

        var won = await ClaimAsync(first, coupon, "first");
        won.Outcome.ShouldBe("Claimed");
        (await ClaimAsync(first, coupon, "first")).ShouldBe(won);
        (await ClaimAsync(first, coupon, "second")).Outcome.ShouldBe("AlreadyClaimed");
        (await ClaimAsync(late, coupon, "late")).Outcome.ShouldBe("SoldOut");
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        (await ClaimAsync(late, coupon, "late")).Outcome.ShouldBe("SoldOut", "a retry keeps its first answer after the expiry");
        (await ClaimAsync(first, coupon, "first")).ShouldBe(won);

        var wallet = await first.GetJsonAsync("/api/v1/account/coupons");
        var mine = wallet.EnumerateArray().ShouldHaveSingleItem();
        mine.GetProperty("claimId").GetGuid().ShouldBe(won.ClaimId!.Value);
        mine.GetProperty("amountOff").Amount().ShouldBe(5.00m);
        mine.GetProperty("minimumSpend").Amount().ShouldBe(50.00m);
        mine.GetProperty("status").GetString().ShouldBe("expired");
        (await late.GetJsonAsync("/api/v1/account/coupons")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Coupons_past_their_expiry_are_not_claimed()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        var coupon = await DropAsync(seller, session, quantity: 10, lifetime: TimeSpan.FromMinutes(5));
        using var customer = await App.NewCustomerAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(6));

        (await ClaimAsync(customer, coupon, "too-late")).Outcome.ShouldBe("Expired");
        (await ClaimAsync(customer, coupon, "too-late")).Outcome.ShouldBe("Expired");
        var shown = await App.CreateClient().GetJsonAsync($"/api/v1/coupons/{coupon}");
        shown.GetProperty("status").GetString().ShouldBe("expired");
        shown.GetProperty("remaining").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task A_drop_needs_a_live_session_of_the_seller_the_sellers_currency_and_one_kind_of_discount()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var customer = await App.NewCustomerAsync();
        var live = await seller1.LiveSessionAsync();
        var scheduled = (await seller1.CreateSessionAsync(LiveApi.Session($"Later {Unique.Word()}"))).Id();
        var expires = App.Clock.GetUtcNow().AddHours(1);

        await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(scheduled), DrawsApi.AmountOff(5m, "USD", 10, expires))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await seller2.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(live), DrawsApi.AmountOff(5m, "CNY", 10, expires))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(live), DrawsApi.AmountOff(5m, "EUR", 10, expires))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amountOff.currency");
        var both = DrawsApi.AmountOff(5m, "USD", 10, expires);
        both["percentOff"] = 10;
        await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(live), both)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amountOff");
        var percent = await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(live), new System.Text.Json.Nodes.JsonObject
        {
            ["quantity"] = 3,
            ["percentOff"] = 15,
            ["expiresAt"] = expires.ToString("O"),
        })).ShouldBeJsonAsync(HttpStatusCode.Created);
        percent.GetProperty("kind").GetString().ShouldBe("percent_off");
        percent.GetProperty("percentOff").GetInt32().ShouldBe(15);
        percent.GetProperty("minimumSpend").Currency().ShouldBe("USD");
        await (await customer.ClaimRequestAsync(percent.Id(), null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        (await customer.ClaimRequestAsync(Guid.NewGuid(), "k")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await seller1.ClaimRequestAsync(percent.Id(), "k")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.CreateClient().ClaimRequestAsync(percent.Id(), "k")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<Guid> DropAsync(HttpClient seller, Guid session, int quantity, decimal? minimumSpend = null, TimeSpan? lifetime = null)
    {
        var body = DrawsApi.AmountOff(5.00m, "USD", quantity, App.Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(30)), minimumSpend);
        var created = await (await seller.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(session), body)).ShouldBeJsonAsync(HttpStatusCode.Created);
        created.GetProperty("remaining").GetInt32().ShouldBe(quantity);
        created.GetProperty("status").GetString().ShouldBe("active");
        return created.Id();
    }

    private sealed record Answer(string Outcome, Guid? ClaimId);

    private static async Task<Answer> ClaimAsync(HttpClient customer, Guid coupon, string key)
    {
        var body = await (await customer.ClaimRequestAsync(coupon, key)).ShouldBeJsonAsync();
        var id = body.GetProperty("claimId");
        return new Answer(body.GetProperty("outcome").GetString()!, id.ValueKind == System.Text.Json.JsonValueKind.Null ? null : id.GetGuid());
    }
}

public sealed class LiveCouponTestsOnSqlite(SqliteAppFixture fixture) : LiveCouponTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class LiveCouponTestsOnPostgres(PostgresAppFixture fixture) : LiveCouponTests(fixture), IClassFixture<PostgresAppFixture>;
