using System.Net;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>
/// Lucky draws and coupon drops reach the room as numbered messages, and viewers enter draws through the room: a phrase
/// posted in chat, or time spent in the room. Each test runs the announcer's pass itself, so nothing waits on its timer.
/// </summary>
public abstract class RoomDrawsAndCouponsTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task PollAsync() => App.Services.GetRequiredService<RoomDrawsAndCoupons>().PollAsync(Cancel);

    [Fact]
    public async Task A_coupon_drop_is_announced_in_the_room_with_its_terms_and_its_last_claim_as_claimed_out()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        using var customer = await App.NewCustomerAsync();
        await using var viewer = await RoomClient.ConnectAsync(App, Token(customer));
        var joined = await viewer.JoinAsync(session);
        await PollAsync();

        var expires = App.Clock.GetUtcNow().AddHours(1);
        var drop = await (await seller.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(session), DrawsApi.AmountOff(5m, "USD", 1, expires, minimumSpend: 30m)))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        await PollAsync();
        var dropped = await viewer.WaitForAsync<CouponDroppedMessage>(m => m.Coupon.Id == drop.Id());
        dropped.RoomId.ShouldBe(session);
        dropped.Seq.ShouldBeGreaterThan(joined.Seq);
        dropped.Coupon.AmountOff!.Amount.ShouldBe(5m);
        dropped.Coupon.MinimumSpend.Amount.ShouldBe(30m);
        dropped.Coupon.Remaining.ShouldBe(1);
        dropped.Coupon.Status.ShouldBe("active");

        (await (await customer.ClaimRequestAsync(drop.Id(), "one")).ShouldBeJsonAsync()).GetProperty("outcome").GetString().ShouldBe("Claimed");
        await PollAsync();
        var claimedOut = await viewer.WaitForAsync<CouponClaimedOutMessage>(m => m.CouponId == drop.Id());
        claimedOut.Seq.ShouldBeGreaterThan(dropped.Seq);
        await PollAsync();
        viewer.Received<CouponDroppedMessage>().Count(m => m.Coupon.Id == drop.Id()).ShouldBe(1, "each change is announced once");
        viewer.Received<CouponClaimedOutMessage>().Count(m => m.CouponId == drop.Id()).ShouldBe(1);
    }

    [Fact]
    public async Task A_phrase_draw_is_announced_entered_from_the_chat_and_its_winners_are_announced_when_drawn()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        using var customer = await App.NewCustomerAsync();
        await using var viewer = await RoomClient.ConnectAsync(App, Token(customer));
        await using var watcher = await RoomClient.ConnectAsync(App, token: null);
        await viewer.JoinAsync(session);
        await watcher.JoinAsync(session, "GB");
        await PollAsync();

        var created = await seller.StartDrawAsync(session, DrawsApi.PhraseDraw("lucky me", winners: 1));
        await PollAsync();
        var started = await watcher.WaitForAsync<DrawStartedMessage>(m => m.Draw.Id == created.Id());
        started.Draw.EntryRule.Kind.ShouldBe("phrase");
        started.Draw.EntryRule.Phrase.ShouldBe("lucky me");
        started.Draw.Commitment.ShouldBe(created.GetProperty("commitment").GetString());
        started.Draw.EndsAt.ShouldBeGreaterThan(App.Clock.GetUtcNow());
        started.Draw.Seed.ShouldBeNull();

        var line = await viewer.Hub.InvokeAsync<SendResult>("SendChat", session, "Lucky ME please!", Cancel);
        line.Accepted.ShouldBeTrue(line.Reason);
        var entered = await viewer.WaitForAsync<DrawEnteredMessage>(m => m.DrawId == created.Id());
        entered.Seq.ShouldBe(line.Seq!.Value, "a message to one viewer repeats the number of the room message that caused it");
        watcher.Received<DrawEnteredMessage>().ShouldBeEmpty();
        var me = (await viewer.WaitForAsync<ChatMessage>(m => m.Id == line.Id)).UserId;

        (await seller.PostAsync($"/api/v1/seller/draws/{created.Id()}/end", null, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await PollAsync();
        var ended = await watcher.WaitForAsync<DrawEndedMessage>(m => m.Draw.Id == created.Id());
        ended.Draw.Status.ShouldBe("drawn");
        ended.Draw.WinnerIds.ShouldBe([me.ToString("D")]);
        ended.Draw.EntrantCount.ShouldBe(1);
        ended.Draw.Seed.ShouldNotBeNull();
        ended.Draw.Entrants.ShouldBeNull("the room gets the winners; the verify page has the entrants");
        var numbers = watcher.Received<IRoomMessage>().Where(m => m is DrawStartedMessage or DrawEndedMessage or ChatMessage).Select(m => m.Seq).ToList();
        numbers.ShouldBe(numbers.Order().ToList());
    }

    [Fact]
    public async Task A_draw_entry_repeats_the_number_of_the_chat_line_that_entered_it_when_room_messages_came_in_between()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        using var customer = await App.NewCustomerAsync();
        using var other = await App.NewCustomerAsync();
        await using var viewer = await RoomClient.ConnectAsync(App, Token(customer));
        await using var asker = await RoomClient.ConnectAsync(App, Token(other));
        await viewer.JoinAsync(session);
        await asker.JoinAsync(session);
        await PollAsync();
        var draw = (await seller.StartDrawAsync(session, DrawsApi.PhraseDraw("pick me", winners: 1))).Id();
        await PollAsync();

        // The draw row held as the close does: the entry waits for it, so a question (any room-wide message, as a
        // counters tick would be) is numbered after the chat line and before the entry's message, every time.
        SendResult line;
        QuestionMessage question;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            await using var holding = await HoldAsync(db, draw);
            var sending = viewer.ChatAsync(session, "pick me, please");
            var said = await asker.WaitForAsync<ChatMessage>(m => m.Text == "pick me, please");
            var asked = await asker.Hub.InvokeAsync<SendResult>("Ask", session, "Does it ship to Spain?", Cancel);
            asked.Accepted.ShouldBeTrue(asked.Reason);
            question = await viewer.WaitForAsync<QuestionMessage>(m => m.Id == asked.Id);
            question.Seq.ShouldBeGreaterThan(said.Seq);
            sending.IsCompleted.ShouldBeFalse("the entry waits for the held draw row");
            viewer.Received<DrawEnteredMessage>().ShouldBeEmpty();
            await holding.RollbackAsync(Cancel);
            line = await sending;
        }

        line.Accepted.ShouldBeTrue(line.Reason);
        var entered = await viewer.WaitForAsync<DrawEnteredMessage>(m => m.DrawId == draw);
        entered.Seq.ShouldBe(line.Seq!.Value, "the entry is numbered as the chat line that caused it, not as whatever the room had reached");
        entered.Seq.ShouldBeLessThan(question.Seq);
        asker.Received<DrawEnteredMessage>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_watch_draw_is_entered_over_the_hub_once_the_viewer_has_been_in_the_room_long_enough()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        using var customer = await App.NewCustomerAsync();
        await using var viewer = await RoomClient.ConnectAsync(App, Token(customer));
        await using var anonymous = await RoomClient.ConnectAsync(App, token: null);
        await viewer.JoinAsync(session);
        await anonymous.JoinAsync(session);
        var watch = (await seller.StartDrawAsync(session, DrawsApi.WatchDraw(seconds: 30, durationSeconds: 600))).Id();
        var phrase = (await seller.StartDrawAsync(session, DrawsApi.PhraseDraw("hello draw"))).Id();

        var early = await EnterAsync(viewer.Hub, session, watch);
        early.Outcome.ShouldBe("NotQualified");
        early.SecondsLeft.ShouldNotBeNull();
        early.SecondsLeft.Value.ShouldBeInRange(1, 30);
        App.Clock.Advance(TimeSpan.FromSeconds(31));
        (await EnterAsync(viewer.Hub, session, watch)).ShouldBe(new DrawEntryResult("Entered", null));
        (await EnterAsync(viewer.Hub, session, watch)).ShouldBe(new DrawEntryResult("AlreadyEntered", null));
        (await EnterAsync(viewer.Hub, session, phrase)).ShouldBe(DrawEntryResult.PostThePhrase);
        (await EnterAsync(anonymous.Hub, session, watch)).ShouldBe(DrawEntryResult.SignInRequired);

        (await Should.ThrowAsync<HubException>(() => EnterAsync(viewer.Hub, session, Guid.NewGuid()))).Message.ShouldContain("no lucky draw");
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<DrawEntryResult>("EnterDraw", session, "not-an-id", Cancel))).Message.ShouldContain("drawId must be an id");
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<DrawEntryResult>("EnterDraw", session, null, Cancel))).Message.ShouldContain("drawId is required");
        var otherSession = await seller.LiveSessionAsync();
        var elsewhere = (await seller.StartDrawAsync(otherSession, DrawsApi.WatchDraw(seconds: 1))).Id();
        (await Should.ThrowAsync<HubException>(() => EnterAsync(viewer.Hub, session, elsewhere))).Message.ShouldContain("no lucky draw", customMessage: "a draw of another session is not this room's");
        viewer.Hub.State.ShouldBe(HubConnectionState.Connected);
    }

    /// <summary>Writes the draw's row in a transaction left open, so entries (and the close) wait until it is rolled back.</summary>
    private static Task<IDbContextTransaction> HoldAsync(LiveCrossDbContext db, Guid draw) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LuckyDraws.IgnoreQueryFilters().Where(d => d.Id == draw).ExecuteUpdateAsync(s => s.SetProperty(d => d.Version, d => d.Version), ct);
            return transaction;
        }, Cancel);

    private static Task<DrawEntryResult> EnterAsync(HubConnection hub, Guid session, Guid draw) =>
        hub.InvokeAsync<DrawEntryResult>("EnterDraw", session, draw, Cancel);

    private static string Token(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;
}

public sealed class RoomDrawsAndCouponsTestsOnSqlite(DrawsSqliteFixture fixture) : RoomDrawsAndCouponsTests(fixture), IClassFixture<DrawsSqliteFixture>;

public sealed class RoomDrawsAndCouponsTestsOnPostgres(DrawsPostgresFixture fixture) : RoomDrawsAndCouponsTests(fixture), IClassFixture<DrawsPostgresFixture>;
