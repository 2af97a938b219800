using System.Collections.Concurrent;
using LiveCross.Domain.Live;
using LiveCross.Server.Catalog;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Shipping;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// The rooms this node serves, loaded from their live session on first join, and the one place that numbers and
/// sends room messages (under the room's gate, so clients get them in sequence order).
/// </summary>
public sealed class RoomRegistry(
    IServiceScopeFactory scopes, IHubContext<RoomHub> hub, MarketRegistry markets, IOptions<RoomOptions> options, TimeProvider clock, ILogger<RoomRegistry> logger,
    RoomCluster cluster)
    : IFlashSaleObserver, IDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<Room?>>> _rooms = new();

    public IEnumerable<Room> Loaded => _rooms.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully && l.Value.Result is not null).Select(l => l.Value.Result!);

    public Room? Find(Guid id) =>
        _rooms.TryGetValue(id, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    /// <summary>The room of a live or scheduled session; null for an unknown, ended or replayed one.</summary>
    public async Task<Room?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var lazy = _rooms.GetOrAdd(id, key => new Lazy<Task<Room?>>(() => LoadAsync(key)));
        Room? room;
        try
        {
            room = await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _rooms.TryRemove(new(id, lazy));
            throw;
        }
        if (room is null) _rooms.TryRemove(new(id, lazy));
        return room;
    }

    private async Task<Room?> LoadAsync(Guid id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var session = await db.LiveSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == id && (s.Status == LiveSessionStatus.Live || s.Status == LiveSessionStatus.Scheduled))
            .Select(s => new { s.Id, s.SellerId, s.HostAccountId, s.Status, Products = s.Products.Select(p => p.ProductId).ToList() })
            .FirstOrDefaultAsync();
        if (session is null) return null;
        var stats = await db.LiveRoomStats.AsNoTracking().FirstOrDefaultAsync(s => s.SessionId == id);
        var sanctions = await db.LiveRoomSanctions.AsNoTracking().Where(s => s.SessionId == id).ToListAsync();
        var room = new Room(id, session.SellerId, session.HostAccountId, LiveSessionStateMachine.Describe(session.Status), session.Products.ToHashSet(),
            stats?.Likes ?? 0, stats?.PeakViewers ?? 0, options.Value);
        room.LastActivity = clock.GetUtcNow();
        foreach (var s in sanctions) (s.Kind == SanctionKind.Banned ? room.Banned : room.Muted).TryAdd(s.UserId, 0);
        var now = clock.GetUtcNow();
        var sale = await db.FlashSales.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.SessionId == id && s.SellerId == session.SellerId && s.Status == FlashSaleStatus.Active && s.EndsAt > now)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync();
        if (sale is not null) room.FlashSale = ToRoomSale(FlashSaleEndpoints.ToDto(sale, now));
        return room;
    }

    public static RoomFlashSale ToRoomSale(FlashSaleDto s) =>
        new(s.Id, s.ProductId, s.SkuId, s.Quantity, s.Remaining, s.Price, s.PerCustomerLimit, s.Status, s.EndsAt);

    /// <summary>
    /// Numbers a message and sends it to the whole room. A message to one connection carries the room's current number
    /// without taking a new one, so room-wide messages stay consecutive and a gap tells a client it missed something; a
    /// message to one connection caused by a room message goes through <see cref="SendToConnectionAsync{T}"/> instead.
    /// </summary>
    public Task SendAsync<T>(Room room, string method, Func<long, T> message, string? connectionId = null)
    {
        if (cluster.Enabled) return cluster.SendAsync(room, method, message, connectionId);
        Task sending;
        lock (room.Gate)
        {
            var numbered = message(connectionId is null ? room.NextSeq() : room.Seq);
            var clients = connectionId is null ? hub.Clients.Group(room.Group) : hub.Clients.Client(connectionId);
            sending = clients.SendAsync(method, numbered);
        }
        return sending;
    }

    /// <summary>
    /// Sends a message to one connection under the number of the room message that caused it: no new number is taken
    /// (room-wide numbers stay consecutive), and the number is one the client was sent already, not one it may be still
    /// waiting for.
    /// </summary>
    public Task SendToConnectionAsync<T>(string connectionId, string method, T message) where T : IRoomMessage =>
        hub.Clients.Client(connectionId).SendAsync(method, message);

    /// <summary>Sends a chat line and keeps it for joiners, under one sequence number.</summary>
    public Task<ChatMessage> SendChatAsync(Room room, Guid userId, string name, string text)
    {
        if (cluster.Enabled) return cluster.SendChatAsync(room, seq => new ChatMessage(room.Id, seq, Guid.CreateVersion7(), userId, name, text, clock.GetUtcNow()));
        ChatMessage message;
        Task sending;
        lock (room.Gate)
        {
            message = new ChatMessage(room.Id, room.NextSeq(), Guid.CreateVersion7(), userId, name, text, clock.GetUtcNow());
            room.Remember(message);
            sending = hub.Clients.Group(room.Group).SendAsync(RoomEvents.Chat, message);
        }
        return sending.ContinueWith(_ => message, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task<bool> DeleteChatAsync(Room room, Guid messageId)
    {
        if (cluster.Enabled) return cluster.DeleteChatAsync(room, messageId);
        lock (room.Gate)
        {
            if (!room.Forget(messageId)) return Task.FromResult(false);
            var sending = hub.Clients.Group(room.Group).SendAsync(RoomEvents.ChatDeleted, new ChatDeletedMessage(room.Id, room.NextSeq(), messageId));
            return sending.ContinueWith(_ => true, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public Task<QuestionMessage?> UpdateQuestionAsync(Room room, Guid id, Func<QuestionMessage, long, QuestionMessage> change)
    {
        if (cluster.Enabled) return UpdateSharedQuestionAsync(room, id, change);
        lock (room.Gate)
        {
            if (room.FindQuestion(id) is not { } question) return Task.FromResult<QuestionMessage?>(null);
            var changed = change(question, room.NextSeq());
            room.RememberQuestion(changed);
            var sending = hub.Clients.Group(room.Group).SendAsync(RoomEvents.Question, changed);
            return sending.ContinueWith(_ => (QuestionMessage?)changed, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public Task<QuestionMessage> AskAsync(Room room, Guid userId, string name, string text)
    {
        if (cluster.Enabled)
        {
            return cluster.NumberAsync(room, true, seq => ShareQuestion(room,
                new QuestionMessage(room.Id, seq, Guid.CreateVersion7(), userId, name, text, clock.GetUtcNow(), false, false)));
        }
        lock (room.Gate)
        {
            var question = new QuestionMessage(room.Id, room.NextSeq(), Guid.CreateVersion7(), userId, name, text, clock.GetUtcNow(), false, false);
            room.RememberQuestion(question);
            var sending = hub.Clients.Group(room.Group).SendAsync(RoomEvents.Question, question);
            return sending.ContinueWith(_ => question, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Pins a product: computes its card once for each market watching, then sends each market group its own card under one sequence number.</summary>
    public async Task PinAsync(Room room, Guid productId, CancellationToken cancellationToken)
    {
        var pin = new RoomPin(productId);
        room.Pin = pin;
        var watching = room.Viewers.Values.Select(v => v.Market).Distinct(StringComparer.Ordinal).ToList();
        if (cluster.Enabled)
        {
            cluster.Publish(new PinEvent(room.Id, productId));
            watching = [.. watching.Union(await cluster.MarketsAsync(room), StringComparer.Ordinal)];
        }
        var cards = new List<PinnedCard>();
        foreach (var market in watching) cards.Add(await CardAsync(pin, market).WaitAsync(cancellationToken));
        if (!ReferenceEquals(room.Pin, pin) || cards.Count == 0) return; // a later pin won, or no one watches: joiners get it in their snapshot
        Task SendCards(long seq) => Task.WhenAll(cards.Select(card =>
            hub.Clients.Group(Room.MarketGroupOf(room.Id, card.Market)).SendAsync(RoomEvents.Pinned, new PinnedMessage(room.Id, seq, card), cancellationToken)));
        if (cluster.Enabled)
        {
            await cluster.NumberAsync(room, true, seq => (true, SendCards(seq)));
            return;
        }
        Task sending;
        lock (room.Gate) sending = SendCards(room.NextSeq());
        await sending;
    }

    /// <summary>The pinned product's card for a market, computed on the first call for that market and then reused; a failed computation is not kept.</summary>
    public async Task<PinnedCard> CardAsync(RoomPin pin, string market)
    {
        var lazy = pin.Cards.GetOrAdd(market, m => new Lazy<Task<PinnedCard>>(() => ComputeCardAsync(pin.ProductId, m)));
        try
        {
            return await lazy.Value;
        }
        catch (Exception)
        {
            pin.Cards.TryRemove(new(market, lazy));
            throw;
        }
    }

    /// <summary>A product's card for a market, computed afresh (the video pages use it for their tags).</summary>
    public async Task<PinnedCard> ComputeCardAsync(Guid productId, string marketCode)
    {
        var buyUrl = $"/products/{productId}";
        if (!markets.TryGet(marketCode, out var market)) return new PinnedCard(productId, marketCode, false, "", null, null, null, buyUrl);
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQueries>();
        var product = await catalog.GetAsync(productId, market, market.DefaultLocale, CancellationToken.None);
        if (product is null) return new PinnedCard(productId, market.Code, false, "", null, null, null, buyUrl);
        var cheapest = product.Variants.MinBy(v => v.Price.Amount)!;
        MoneyDto? landed = null;
        try
        {
            // As the product page does: the cheapest shipping option in the market's currency, then duty and tax on top.
            var shipping = scope.ServiceProvider.GetRequiredService<ShippingQuotes>();
            var (options, _) = await shipping.QuoteProductAsync(product.Id, market, 1, cheapest.Sku, null, null, CancellationToken.None);
            var option = options?.Options.FirstOrDefault(o => o.Available && o.Price is not null && o.Price.Currency == market.Currency);
            var quotes = scope.ServiceProvider.GetRequiredService<LandedCostQuotes>();
            var outcome = await quotes.QuoteAsync(new LandedCostQuoteInput
            {
                Destination = market.Code,
                Items = [new QuoteItemInput { Sku = cheapest.Sku, Seller = product.Seller.Slug, Quantity = 1 }],
                Shipping = option?.Price?.Amount ?? 0,
            }, CancellationToken.None);
            if (outcome.Succeeded && option is not null) landed = MoneyDto.From(outcome.Quote!.Total, outcome.Quote.Currency);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "No landed price for pinned product {ProductId} in {Market}", productId, market.Code);
        }
        return new PinnedCard(productId, market.Code, true, product.Title, product.Images.Count > 0 ? product.Images[0] : null, cheapest.Price, landed, buyUrl);
    }

    /// <summary>
    /// A seller started a flash sale in a session: the room on this node shows it at once, and with Redis every node's
    /// (without Redis other nodes find it within a second, <see cref="RoomTicker"/>).
    /// </summary>
    public void Started(FlashSale sale, FlashSaleDto shown)
    {
        if (sale.SessionId is not { } sessionId) return;
        var roomSale = ToRoomSale(shown);
        if (cluster.Enabled) cluster.Publish(new FlashSaleStartedEvent(sessionId, sale.SellerId, roomSale));
        if (Find(sessionId) is { } room) ShowSale(room, sale.SellerId, roomSale);
    }

    /// <summary>Shows a sale in its room once; with several nodes only the room's broadcaster sends it, the others keep it for joiners.</summary>
    private void ShowSale(Room room, Guid sellerId, RoomFlashSale roomSale)
    {
        if (room.FlashSale?.SaleId == roomSale.SaleId) return;
        // The sale's session id is the seller's word: only a sale of the room's own seller is shown in it.
        if (room.SellerId != sellerId) return;
        room.FlashSale = roomSale;
        if (cluster.Broadcasts(room)) _ = SendAsync(room, RoomEvents.FlashSale, seq => new FlashSaleMessage(room.Id, seq, roomSale));
    }

    /// <summary>A seller ended a sale: its room (on every node) shows it ended at once rather than at the next stock read.</summary>
    public void Ended(FlashSale sale)
    {
        if (sale.SessionId is not { } sessionId) return;
        if (cluster.Enabled) cluster.Publish(new FlashSaleEndedEvent(sessionId, sale.Id));
        if (Find(sessionId) is { } room) EndSale(room, sale.Id);
    }

    /// <summary>Shows the sale ended; the room's broadcaster tells the viewers now (the stock timer no longer looks at an ended sale).</summary>
    private void EndSale(Room room, Guid saleId)
    {
        if (room.FlashSale is not { Status: not "ended" } showing || showing.SaleId != saleId) return;
        room.FlashSale = showing with { Status = "ended" };
        if (cluster.Broadcasts(room)) _ = SendAsync(room, RoomEvents.FlashSaleStock, seq => new FlashSaleStockMessage(room.Id, seq, saleId, showing.Remaining, "ended"));
    }

    /// <summary>The session's status changed (saved on some node): this node's room, and with Redis every node's, knows at once.</summary>
    public void StatusChanged(Guid sessionId, string status)
    {
        if (cluster.Enabled) cluster.Publish(new SessionStatusEvent(sessionId, status));
        if (Find(sessionId) is { } room) room.Status = status;
    }

    /// <summary>A user was muted or banned in the room: every node stops them, and tells their connections there.</summary>
    public async Task SanctionedAsync(Room room, Guid target, SanctionKind kind)
    {
        (kind == SanctionKind.Banned ? room.Banned : room.Muted).TryAdd(target, 0);
        if (cluster.Enabled) cluster.Publish(new SanctionEvent(room.Id, target, kind));
        await ApplySanctionAsync(room, target, kind);
    }

    /// <summary>Tells this node's connections of the user they were muted or banned; a banned one stops receiving the room at once.</summary>
    private async Task ApplySanctionAsync(Room room, Guid target, SanctionKind kind)
    {
        (kind == SanctionKind.Banned ? room.Banned : room.Muted).TryAdd(target, 0);
        var action = kind == SanctionKind.Banned ? "banned" : "muted";
        foreach (var viewer in room.Viewers.Values.Where(v => v.UserId == target).ToList())
        {
            await SendAsync(room, RoomEvents.Moderated, seq => new ModeratedMessage(room.Id, seq, action), viewer.ConnectionId);
            if (kind != SanctionKind.Banned) continue;
            // Its hub's Joined entry goes when it disconnects.
            await hub.Groups.RemoveFromGroupAsync(viewer.ConnectionId, room.Group);
            await hub.Groups.RemoveFromGroupAsync(viewer.ConnectionId, Room.MarketGroupOf(room.Id, viewer.Market));
            if (room.Viewers.TryRemove(viewer.ConnectionId, out _)) room.ViewersChanged();
        }
    }

    /// <summary>The room's number, kept chat and open questions for a client joining with <paramref name="market"/>.</summary>
    public async Task<RoomHistory> HistoryAsync(Room room, long? lastSequence, string market)
    {
        if (cluster.Enabled) return await cluster.HistoryAsync(room, lastSequence, market);
        lock (room.Gate)
        {
            var (chat, missed, complete, questions) = room.History(lastSequence);
            return new RoomHistory(room.Seq, chat, missed, complete, questions);
        }
    }

    private Task<QuestionMessage?> UpdateSharedQuestionAsync(Room room, Guid id, Func<QuestionMessage, long, QuestionMessage> change)
    {
        lock (room.Gate)
        {
            if (room.FindQuestion(id) is null) return Task.FromResult<QuestionMessage?>(null);
        }
        return cluster.NumberAsync<QuestionMessage?>(room, true, seq =>
        {
            QuestionMessage question;
            lock (room.Gate) question = room.FindQuestion(id)!;
            return ShareQuestion(room, change(question, seq));
        });
    }

    private (QuestionMessage Question, Task Sending) ShareQuestion(Room room, QuestionMessage question)
    {
        lock (room.Gate) room.RememberQuestion(question);
        cluster.Publish(new QuestionEvent(room.Id, question));
        return (question, hub.Clients.Group(room.Group).SendAsync(RoomEvents.Question, question));
    }

    /// <summary>Applies a change another node made to a room (Redis pub/sub) to this node's copy, when it has the room loaded.</summary>
    public async Task ApplyAsync(RoomEvent change)
    {
        if (Find(change.RoomId) is not { } room) return;
        switch (change)
        {
            case SanctionEvent sanction:
                await ApplySanctionAsync(room, sanction.UserId, sanction.Sanction);
                break;
            case PinEvent pin when room.Pin?.ProductId != pin.ProductId:
                room.Pin = new RoomPin(pin.ProductId);
                break;
            case QuestionEvent { Question: var question }:
                lock (room.Gate)
                {
                    if (room.FindQuestion(question.Id) is not { } known || known.Seq < question.Seq) room.RememberQuestion(question);
                }
                break;
            case FlashSaleStartedEvent started:
                ShowSale(room, started.SellerId, started.Sale);
                break;
            case FlashSaleEndedEvent ended:
                EndSale(room, ended.SaleId);
                break;
            case SessionStatusEvent status:
                room.Status = status.Status;
                break;
        }
    }

    public void Forget(Room room)
    {
        if (!_rooms.TryRemove(room.Id, out _)) return;
        // A hub call that found the room a moment before may still be using its rate limiters: dispose them only once
        // any such call is long over, so it never meets a disposed limiter.
        _ = Task.Delay(TimeSpan.FromMinutes(1), clock).ContinueWith(_ => room.Dispose(), TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var room in Loaded) room.Dispose();
    }
}
