using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>The live room over SignalR: chat with sequence numbers, its limits and moderation, likes, viewers, the pinned product per market and flash sales.</summary>
public abstract class RoomHubTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_line_reaches_every_viewer_numbered_and_an_anonymous_viewer_may_watch_but_not_chat()
    {
        var room = await LiveRoomAsync();
        await using var alice = await CustomerAsync();
        await using var watcher = await RoomClient.ConnectAsync(App, token: null);
        var joined = await alice.JoinAsync(room.Session);
        await watcher.JoinAsync(room.Session, "GB");

        var first = await alice.ChatAsync(room.Session, "Hello from Berlin");
        var second = await alice.ChatAsync(room.Session, "Is the blue one in stock?");
        var anonymous = await watcher.ChatAsync(room.Session, "me too");

        first.Accepted.ShouldBeTrue(first.Reason);
        second.Seq!.Value.ShouldBeGreaterThan(first.Seq!.Value);
        first.Seq.Value.ShouldBeGreaterThan(joined.Seq);
        var seen = await watcher.WaitForAsync<ChatMessage>(m => m.Id == second.Id);
        seen.RoomId.ShouldBe(room.Session);
        seen.Text.ShouldBe("Is the blue one in stock?");
        seen.Name.ShouldNotContain("@");
        watcher.Received<ChatMessage>().Select(m => m.Text).ShouldBe(["Hello from Berlin", "Is the blue one in stock?"]);
        // Room-wide messages (chat and counters here) are numbered consecutively, so a gap would mean a lost one.
        var numbers = watcher.Received<IRoomMessage>().Select(m => m.Seq).ToList();
        numbers.ShouldBe(Enumerable.Range(0, numbers.Count).Select(i => numbers[0] + i).ToList());
        anonymous.ShouldBe(SendResult.Refused("sign_in_required"));
    }

    [Fact]
    public async Task A_viewer_s_chat_line_and_likes_go_into_the_event_stream_as_interactions_with_the_session()
    {
        var room = await LiveRoomAsync();
        await using var viewer = await CustomerAsync();
        await viewer.JoinAsync(room.Session, "GB");
        var said = await viewer.ChatAsync(room.Session, "Love this lamp");
        said.Accepted.ShouldBeTrue(said.Reason);
        (await viewer.Hub.InvokeAsync<SendResult>("Like", room.Session.ToString(), 5, Cancel)).Accepted.ShouldBeTrue();
        (await viewer.Hub.InvokeAsync<SendResult>("Like", room.Session.ToString(), 3, Cancel)).Accepted.ShouldBeTrue();
        var user = (await viewer.WaitForAsync<ChatMessage>(m => m.Id == said.Id)).UserId;

        var stored = await App.StoredRowsAsync($"u:{user:N}");

        stored.Select(r => (r["type"], r["live_session_id"], r["market"], r["source"])).ShouldBe(
            [("comment", room.Session, "GB", "server"), ("like", room.Session, "GB", "server")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_burst_of_chat_is_accepted_then_the_sender_alone_is_refused_as_rate_limited()
    {
        var room = await LiveRoomAsync();
        await using var flooder = await CustomerAsync();
        await using var other = await CustomerAsync();
        await flooder.JoinAsync(room.Session);
        await other.JoinAsync(room.Session);

        var answers = new List<SendResult>();
        for (var i = 0; i < 20; i++) answers.Add(await flooder.ChatAsync(room.Session, $"buy buy buy {i}"));
        var otherAnswer = await other.ChatAsync(room.Session, "I can still talk");

        answers.Take(5).ShouldAllBe(a => a.Accepted);
        answers.Count(a => a.Reason == "rate_limited").ShouldBeGreaterThanOrEqualTo(5);
        answers.Where(a => !a.Accepted).ShouldAllBe(a => a.Reason == "rate_limited");
        otherAnswer.Accepted.ShouldBeTrue();
        await other.WaitForAsync<ChatMessage>(m => m.Text == "I can still talk");
        other.Received<ChatMessage>().Count(m => m.Text.StartsWith("buy buy buy", StringComparison.Ordinal)).ShouldBe(answers.Count(a => a.Accepted));
    }

    [Fact]
    public async Task A_flood_from_one_viewer_does_not_hold_up_another()
    {
        var room = await LiveRoomAsync();
        await using var flooder = await CustomerAsync();
        await using var other = await CustomerAsync();
        await using var watcher = await RoomClient.ConnectAsync(App, token: null);
        await flooder.JoinAsync(room.Session);
        await other.JoinAsync(room.Session);
        await watcher.JoinAsync(room.Session);

        var flood = Enumerable.Range(0, 200).Select(i => flooder.ChatAsync(room.Session, $"spam {i}")).ToList();
        // Not timed (speed belongs to bench/): the other viewer's line is neither refused nor lost among the flood's.
        var sent = await other.ChatAsync(room.Session, "a normal question");
        await watcher.WaitForAsync<ChatMessage>(m => m.Id == sent.Id);
        var answers = await Task.WhenAll(flood);

        sent.Accepted.ShouldBeTrue();
        answers.Count(a => a.Accepted).ShouldBeLessThanOrEqualTo(8);
        answers.Where(a => !a.Accepted).ShouldAllBe(a => a.Reason == "rate_limited");
    }

    [Fact]
    public async Task Banned_words_are_refused_in_any_case_and_script_but_not_inside_other_words()
    {
        var room = await LiveRoomAsync();
        await using var viewer = await CustomerAsync();
        await viewer.JoinAsync(room.Session);

        (await viewer.ChatAsync(room.Session, "this shop is a SCAM!")).ShouldBe(SendResult.Refused("banned_word"));
        (await viewer.ChatAsync(room.Session, "这是假货吗")).ShouldBe(SendResult.Refused("banned_word"));
        (await viewer.ChatAsync(room.Session, "ｓｃａｍ")).ShouldBe(SendResult.Refused("banned_word"));
        (await viewer.ChatAsync(room.Session, "scampi for dinner")).Accepted.ShouldBeTrue();
        (await viewer.ChatAsync(room.Session, "   ")).ShouldBe(SendResult.Refused("empty"));
        (await viewer.ChatAsync(room.Session, new string('a', 201))).ShouldBe(SendResult.Refused("too_long"));
    }

    [Fact]
    public async Task Once_the_host_ends_the_session_the_room_takes_no_more_chat()
    {
        var room = await LiveRoomAsync();
        await using var viewer = await CustomerAsync();
        await viewer.JoinAsync(room.Session);
        (await viewer.ChatAsync(room.Session, "Still on?")).Accepted.ShouldBeTrue();
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);

        (await seller.MoveAsync(room.Session, "end")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The room reads its session's status each second; within a few seconds chat is refused, and says why
        // (until then a line is accepted or, past the burst, rate limited).
        var answer = await viewer.ChatAsync(room.Session, "Hello?");
        for (var i = 0; i < 50 && answer.Reason != "session_ended"; i++)
        {
            await Task.Delay(100, Cancel);
            answer = await viewer.ChatAsync(room.Session, $"Hello? {i}");
        }
        answer.ShouldBe(SendResult.Refused("session_ended"));
    }

    [Fact]
    public async Task Markup_arrives_as_text_and_links_are_defanged()
    {
        var room = await LiveRoomAsync();
        await using var sender = await CustomerAsync();
        await using var reader = await RoomClient.ConnectAsync(App, token: null);
        await sender.JoinAsync(room.Session);
        await reader.JoinAsync(room.Session);

        var sent = await sender.ChatAsync(room.Session, "<script>alert(1)</script> deals at https://evil.example/buy?x=1 and\u202Eevil\u0007");

        sent.Accepted.ShouldBeTrue();
        var line = (await reader.WaitForAsync<ChatMessage>(m => m.Id == sent.Id)).Text;
        line.ShouldBe("<script>alert(1)</script> deals at evil[.]example/buy?x=1 andevil");
    }

    [Fact]
    public async Task The_host_mutes_and_bans_a_viewer_for_the_session_and_a_viewer_cannot()
    {
        var room = await LiveRoomAsync();
        await using var host = await RoomClient.ConnectAsync(App, room.HostToken);
        await using var troll = await CustomerAsync();
        await using var bystander = await CustomerAsync();
        await host.JoinAsync(room.Session);
        await troll.JoinAsync(room.Session);
        await bystander.JoinAsync(room.Session);
        var line = await troll.ChatAsync(room.Session, "first!");
        var trollId = (await host.WaitForAsync<ChatMessage>(m => m.Id == line.Id)).UserId;

        (await bystander.ModerateAsync("Mute", room.Session, trollId)).ShouldBe(ModerationResult.Refused("not_moderator"));
        (await host.ModerateAsync("Mute", room.Session, trollId)).ShouldBe(ModerationResult.Done);
        (await troll.ChatAsync(room.Session, "you cannot stop me")).ShouldBe(SendResult.Refused("muted"));
        await troll.WaitForAsync<ModeratedMessage>(m => m.Action == "muted");
        (await host.ModerateAsync("Ban", room.Session, trollId)).ShouldBe(ModerationResult.Done);
        await troll.WaitForAsync<ModeratedMessage>(m => m.Action == "banned");
        var rejoin = await Should.ThrowAsync<HubException>(() => troll.JoinAsync(room.Session));
        rejoin.Message.ShouldContain("banned");
        await using var trollAgain = await RoomClient.ConnectAsync(App, troll.Token);
        await Should.ThrowAsync<HubException>(() => trollAgain.JoinAsync(room.Session));
        var hostLine = await host.ChatAsync(room.Session, "welcome everyone else");
        hostLine.Accepted.ShouldBeTrue();
        await bystander.WaitForAsync<ChatMessage>(m => m.Id == hostLine.Id);
        troll.Received<ChatMessage>().ShouldNotContain(m => m.Id == hostLine.Id);
    }

    [Fact]
    public async Task The_host_deletes_a_message_and_every_viewer_is_told()
    {
        var room = await LiveRoomAsync();
        await using var host = await RoomClient.ConnectAsync(App, room.HostToken);
        await using var viewer = await CustomerAsync();
        await host.JoinAsync(room.Session);
        await viewer.JoinAsync(room.Session);
        var line = await viewer.ChatAsync(room.Session, "regrettable words");

        (await viewer.Hub.InvokeAsync<ModerationResult>("DeleteMessage", room.Session, line.Id, Cancel)).ShouldBe(ModerationResult.Refused("not_moderator"));
        (await host.Hub.InvokeAsync<ModerationResult>("DeleteMessage", room.Session, line.Id, Cancel)).ShouldBe(ModerationResult.Done);

        var deleted = await viewer.WaitForAsync<ChatDeletedMessage>(m => m.MessageId == line.Id);
        deleted.Seq.ShouldBeGreaterThan(line.Seq!.Value);
        await using var late = await RoomClient.ConnectAsync(App, token: null);
        (await late.JoinAsync(room.Session)).Chat.ShouldNotContain(m => m.Id == line.Id);
    }

    [Fact]
    public async Task A_reconnecting_viewer_gets_what_it_missed_after_its_last_sequence()
    {
        var room = await LiveRoomAsync();
        await using var talker = await CustomerAsync();
        await talker.JoinAsync(room.Session);
        (await talker.ChatAsync(room.Session, "before the drop")).Accepted.ShouldBeTrue();
        var dropped = await RoomClient.ConnectAsync(App, token: null);
        await dropped.JoinAsync(room.Session);
        var last = (await talker.ChatAsync(room.Session, "seen live")).Seq!.Value;
        await dropped.WaitForAsync<ChatMessage>(m => m.Seq == last);
        await dropped.DisposeAsync();

        var missed1 = await talker.ChatAsync(room.Session, "missed one");
        var missed2 = await talker.ChatAsync(room.Session, "missed two");
        await using var back = await RoomClient.ConnectAsync(App, token: null);
        var snapshot = await back.JoinAsync(room.Session, lastSequence: last);

        snapshot.Missed.Select(m => m.Text).ShouldBe(["missed one", "missed two"]);
        snapshot.Missed.Select(m => m.Seq).ShouldBe([missed1.Seq!.Value, missed2.Seq!.Value]);
        snapshot.MissedComplete.ShouldBeTrue();
        snapshot.Seq.ShouldBeGreaterThanOrEqualTo(missed2.Seq.Value);
        snapshot.Chat.Select(m => m.Text).ShouldBe(["before the drop", "seen live", "missed one", "missed two"]);
    }

    [Fact]
    public async Task Likes_from_several_viewers_arrive_as_one_total_with_the_viewer_count()
    {
        var room = await LiveRoomAsync();
        await using var a = await CustomerAsync();
        await using var b = await CustomerAsync();
        await using var watcher = await RoomClient.ConnectAsync(App, token: null);
        await a.JoinAsync(room.Session);
        await b.JoinAsync(room.Session);
        await watcher.JoinAsync(room.Session);
        await watcher.WaitForAsync<CountersMessage>(m => m.Viewers == 3);

        for (var i = 0; i < 5; i++)
        {
            (await a.Hub.InvokeAsync<SendResult>("Like", room.Session, 10, Cancel)).Accepted.ShouldBeTrue();
            (await b.Hub.InvokeAsync<SendResult>("Like", room.Session, 3, Cancel)).Accepted.ShouldBeTrue();
        }
        var anonymous = await watcher.Hub.InvokeAsync<SendResult>("Like", room.Session, 1, Cancel);

        var total = await watcher.WaitForAsync<CountersMessage>(m => m.Likes == 65);
        total.Viewers.ShouldBe(3);
        // Ten like calls, far fewer counter messages: the room sends its total on a timer, not per like.
        watcher.Received<CountersMessage>().Count(m => m.Likes > 0).ShouldBeLessThan(10);
        anonymous.ShouldBe(SendResult.Refused("sign_in_required"));
        await b.DisposeAsync();
        await watcher.WaitForAsync<CountersMessage>(m => m.Viewers == 2);
    }

    [Fact]
    public async Task Likes_and_the_peak_viewer_count_are_saved_to_the_session()
    {
        var room = await LiveRoomAsync();
        await using var a = await CustomerAsync();
        await a.JoinAsync(room.Session);
        (await a.Hub.InvokeAsync<SendResult>("Like", room.Session, 7, Cancel)).Accepted.ShouldBeTrue();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        LiveRoomStats? stats = null;
        while (DateTime.UtcNow < deadline && stats is not { Likes: 7 })
        {
            await Task.Delay(100, Cancel);
            await using var scope = App.Services.CreateAsyncScope();
            stats = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().LiveRoomStats.AsNoTracking().FirstOrDefaultAsync(s => s.SessionId == room.Session, Cancel);
        }
        stats.ShouldNotBeNull();
        stats.Likes.ShouldBe(7);
        stats.PeakViewers.ShouldBe(1);
    }

    [Fact]
    public async Task A_pinned_product_shows_each_viewer_the_price_of_their_own_market()
    {
        var room = await LiveRoomAsync();
        await using var host = await RoomClient.ConnectAsync(App, room.HostToken);
        await using var german = await RoomClient.ConnectAsync(App, token: null, messagePack: true);
        await using var british = await RoomClient.ConnectAsync(App, token: null);
        await host.JoinAsync(room.Session, "US");
        await german.JoinAsync(room.Session, "DE");
        await british.JoinAsync(room.Session, "GB");

        (await host.Hub.InvokeAsync<ModerationResult>("PinProduct", room.Session, Guid.NewGuid(), Cancel)).ShouldBe(ModerationResult.Refused("not_in_line_up"));
        (await german.Hub.InvokeAsync<ModerationResult>("PinProduct", room.Session, room.Product, Cancel)).ShouldBe(ModerationResult.Refused("not_moderator"));
        (await host.Hub.InvokeAsync<ModerationResult>("PinProduct", room.Session, room.Product, Cancel)).ShouldBe(ModerationResult.Done);

        var inGermany = (await german.WaitForAsync<PinnedMessage>(m => m.Card.ProductId == room.Product)).Card;
        var inBritain = (await british.WaitForAsync<PinnedMessage>(m => m.Card.ProductId == room.Product)).Card;
        var inUs = (await host.WaitForAsync<PinnedMessage>(m => m.Card.ProductId == room.Product)).Card;
        inGermany.Price!.Currency.ShouldBe("EUR");
        inBritain.Price!.Currency.ShouldBe("GBP");
        inUs.Price!.Currency.ShouldBe("USD");
        inUs.Price.Amount.ShouldBe(25.00m);
        using var shopper = App.CreateClient();
        inGermany.Price.Amount.ShouldBe(await shopper.ShelfPriceAsync(room.Product, room.Sku, "DE"));
        inGermany.Title.ShouldStartWith("Ring Light");
        inGermany.BuyUrl.ShouldBe($"/products/{room.Product}");
        german.Received<PinnedMessage>().Count.ShouldBe(1);
        await using var latecomer = await RoomClient.ConnectAsync(App, token: null);
        (await latecomer.JoinAsync(room.Session, "GB")).Pinned!.Price!.ShouldBe(inBritain.Price);
    }

    [Fact]
    public async Task Viewers_ask_and_the_host_highlights_then_answers_a_question()
    {
        var room = await LiveRoomAsync();
        await using var host = await RoomClient.ConnectAsync(App, room.HostToken);
        await using var asker = await CustomerAsync();
        await host.JoinAsync(room.Session);
        await asker.JoinAsync(room.Session);

        var asked = await asker.Hub.InvokeAsync<SendResult>("Ask", room.Session, "Does it fit a 60 cm desk?", Cancel);
        (await host.Hub.InvokeAsync<ModerationResult>("HighlightQuestion", room.Session, asked.Id, Cancel)).ShouldBe(ModerationResult.Done);
        (await host.Hub.InvokeAsync<ModerationResult>("AnswerQuestion", room.Session, asked.Id, Cancel)).ShouldBe(ModerationResult.Done);

        await asker.WaitForAsync<QuestionMessage>(q => q.Id == asked.Id && q.Highlighted);
        var answered = await asker.WaitForAsync<QuestionMessage>(q => q.Id == asked.Id && q.Answered);
        answered.Text.ShouldBe("Does it fit a 60 cm desk?");
        (await asker.Hub.InvokeAsync<ModerationResult>("AnswerQuestion", room.Session, asked.Id, Cancel)).ShouldBe(ModerationResult.Refused("not_moderator"));
    }

    [Fact]
    public async Task A_flash_sale_started_for_the_session_shows_in_the_room_and_sells_out_over_the_hub()
    {
        var room = await LiveRoomAsync();
        await using var first = await CustomerAsync();
        await using var second = await CustomerAsync();
        await first.JoinAsync(room.Session);
        await second.JoinAsync(room.Session);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var body = new JsonObject
        {
            ["skuId"] = room.SkuId.ToString(),
            ["quantity"] = 1,
            ["price"] = new JsonObject { ["amount"] = 9.99m, ["currency"] = "USD" },
            ["perCustomerLimit"] = 1,
            ["durationSeconds"] = 600,
            ["sessionId"] = room.Session.ToString(),
        };
        var sale = (await (await seller.SendJsonAsync(HttpMethod.Post, "/api/v1/seller/flash-sales", body)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();

        var shown = await second.WaitForAsync<FlashSaleMessage>(m => m.Sale.SaleId == sale);
        shown.Sale.Remaining.ShouldBe(1);
        shown.Sale.Price.Amount.ShouldBe(9.99m);
        var won = await first.Hub.InvokeAsync<LiveCross.Server.Live.FlashSales.AttemptResponse>("AttemptFlashSale", sale, "hub-try-1", 1, Cancel);
        var retried = await first.Hub.InvokeAsync<LiveCross.Server.Live.FlashSales.AttemptResponse>("AttemptFlashSale", sale, "hub-try-1", 1, Cancel);
        var lost = await second.Hub.InvokeAsync<LiveCross.Server.Live.FlashSales.AttemptResponse>("AttemptFlashSale", sale, "hub-try-2", 1, Cancel);

        won.Outcome.ShouldBe("Accepted");
        won.ClaimId.ShouldNotBeNull();
        retried.ClaimId.ShouldBe(won.ClaimId);
        lost.Outcome.ShouldBe("SoldOut");
        lost.ClaimId.ShouldBeNull();
        var stock = await second.WaitForAsync<FlashSaleStockMessage>(m => m.SaleId == sale && m.Remaining == 0);
        stock.Status.ShouldBe("sold_out");
        await using var latecomer = await RoomClient.ConnectAsync(App, token: null);
        var snapshot = await latecomer.JoinAsync(room.Session);
        snapshot.FlashSale!.SaleId.ShouldBe(sale);
        snapshot.FlashSale.Remaining.ShouldBe(0);
    }

    [Fact]
    public async Task A_flash_sale_written_by_another_node_appears_in_the_room_within_seconds_and_its_end_is_broadcast()
    {
        var room = await LiveRoomAsync();
        await using var viewer = await RoomClient.ConnectAsync(App, token: null);
        await viewer.JoinAsync(room.Session);
        var now = DateTimeOffset.UtcNow;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Straight into the database, as another node's endpoint would: this node is not told.
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var sellerId = await db.Products.IgnoreQueryFilters().Where(p => p.Id == room.Product).Select(p => p.SellerId).SingleAsync(Cancel);
            db.FlashSales.Add(new LiveCross.Server.Live.FlashSales.FlashSale
            {
                SellerId = sellerId,
                ProductId = room.Product,
                VariantId = room.SkuId,
                Sku = room.Sku,
                SessionId = room.Session,
                Quantity = 3,
                Price = 5m,
                Currency = "USD",
                PerCustomerLimit = 1,
                StartsAt = now,
                EndsAt = now.AddMinutes(10),
                CreatedAt = now,
            });
            await db.SaveChangesAsync(Cancel);
        }

        var shown = await viewer.WaitForAsync<FlashSaleMessage>(m => m.Sale.Quantity == 3, within: TimeSpan.FromSeconds(5));
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        (await seller.PostAsync($"/api/v1/seller/flash-sales/{shown.Sale.SaleId}/end", null, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ended = await viewer.WaitForAsync<FlashSaleStockMessage>(m => m.SaleId == shown.Sale.SaleId && m.Status == "ended", within: TimeSpan.FromSeconds(5));
        ended.Seq.ShouldBeGreaterThan(shown.Seq);
        shown.Sale.Remaining.ShouldBe(3);
    }

    [Fact]
    public async Task Bad_hub_input_is_a_clear_hub_error_and_the_connection_keeps_working()
    {
        var room = await LiveRoomAsync();
        await using var viewer = await CustomerAsync(tokenInQuery: true);

        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<RoomSnapshot>("JoinRoom", null, null, "DE", Cancel))).Message.ShouldContain("sessionId is required");
        (await Should.ThrowAsync<HubException>(() => viewer.JoinAsync(Guid.NewGuid()))).Message.ShouldContain("no live or scheduled session");
        (await Should.ThrowAsync<HubException>(() => viewer.JoinAsync(room.Session, "XX"))).Message.ShouldContain("no market 'XX'");
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<RoomSnapshot>("JoinRoom", "not-a-guid", null, "DE", Cancel))).Message.ShouldContain("sessionId must be an id");
        (await Should.ThrowAsync<HubException>(() => viewer.ChatAsync(room.Session, "before joining"))).Message.ShouldContain("Join the room");
        await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<SendResult>("SendChat", room.Session, 42, "extra", Cancel));
        await viewer.JoinAsync(room.Session);
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<SendResult>("Like", room.Session, 0, Cancel))).Message.ShouldContain("from 1 to 50");
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<SendResult>("SendChat", room.Session, null, Cancel))).Message.ShouldContain("text is required");
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<object>("AttemptFlashSale", Guid.NewGuid(), "k1", 1, Cancel))).Message.ShouldContain("no flash sale");
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<object>("AttemptFlashSale", Guid.NewGuid(), "", 1, Cancel))).Message.ShouldContain("requestKey is required");

        viewer.Hub.State.ShouldBe(HubConnectionState.Connected);
        (await viewer.ChatAsync(room.Session, "still here")).Accepted.ShouldBeTrue("the token given as access_token signs the connection in");
    }

    private sealed record LiveRoom(Guid Session, Guid Product, Guid SkuId, string Sku, string HostToken);

    /// <summary>A session of seller1 (host: seller1) with one stocked product in its line-up, live now.</summary>
    private async Task<LiveRoom> LiveRoomAsync()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sku = Unique.Sku("ROOM");
        var product = (await seller.CreateProductAsync(ProductBuilder.Titled($"Ring Light {Unique.Word()}").Variant(sku, 25.00m))).Id();
        var warehouses = await seller.WarehousesAsync();
        await seller.SetStockAsync(sku, warehouses.Values.First(), 50);
        var skuId = (await seller.GetJsonAsync($"/api/v1/seller/products/{product}")).GetProperty("variants")[0].Id();
        var session = (await seller.CreateSessionAsync(LiveApi.Session($"Room test {Unique.Word()}", product))).Id();
        (await seller.MoveAsync(session, "go-live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return new LiveRoom(session, product, skuId, sku, seller.DefaultRequestHeaders.Authorization!.Parameter!);
    }

    private async Task<CustomerClient> CustomerAsync(bool tokenInQuery = false)
    {
        var email = Unique.Email("viewer");
        const string password = "Room-viewer-pass-1";
        using var anonymous = App.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var client = await App.ClientForAsync(email, password);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        return new CustomerClient(await RoomClient.ConnectAsync(App, token, tokenInQuery: tokenInQuery), token);
    }
}

/// <summary>A signed-in customer's room connection, with the token to connect again.</summary>
public sealed class CustomerClient(RoomClient client, string token) : IAsyncDisposable
{
    public string Token { get; } = token;

    public HubConnection Hub => client.Hub;

    public Task<RoomSnapshot> JoinAsync(Guid session, string market = "DE", long? lastSequence = null) => client.JoinAsync(session, market, lastSequence);

    public Task<SendResult> ChatAsync(Guid session, string text) => client.ChatAsync(session, text);

    public Task<ModerationResult> ModerateAsync(string method, Guid session, Guid target) => client.ModerateAsync(method, session, target);

    public List<T> Received<T>() => client.Received<T>();

    public Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? within = null) => client.WaitForAsync(match, within);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}

/// <summary>An app that writes room counters every second, so the test of saved likes need not wait ten.</summary>
public abstract class RoomAppFixture(TestDatabase database) : AppFixture(database)
{
    protected override void Configure(LiveCrossApp app) => app.WithSetting("Rooms:PersistInterval", "00:00:01");
}

public sealed class SqliteRoomAppFixture() : RoomAppFixture(TestDatabase.Sqlite);

public sealed class PostgresRoomAppFixture() : RoomAppFixture(TestDatabase.Postgres);

public sealed class RoomHubTestsOnSqlite(SqliteRoomAppFixture fixture) : RoomHubTests(fixture), IClassFixture<SqliteRoomAppFixture>;

public sealed class RoomHubTestsOnPostgres(PostgresRoomAppFixture fixture) : RoomHubTests(fixture), IClassFixture<PostgresRoomAppFixture>;
