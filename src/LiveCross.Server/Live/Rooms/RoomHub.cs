using System.Security.Claims;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// The live room at <c>/hubs/room</c>. Anyone may join and watch; chatting, asking, liking and buying need a signed-in
/// customer (the host and the seller's staff may chat too). Refusals are answers (<see cref="SendResult"/>,
/// <see cref="ModerationResult"/>), decided in O(1) before any broadcast; bad input is a <see cref="HubException"/>.
/// </summary>
public sealed class RoomHub(
    RoomRegistry rooms, MarketRegistry markets, BannedWords bannedWords, FlashSaleEngine engine, IOptions<RoomOptions> options,
    TimeProvider clock, IServiceScopeFactory scopes, RoomDrawsAndCoupons drawsAndCoupons, Events.EventRecorder events) : Hub
{
    public const string Path = "/hubs/room";
    public const int MaxLikesPerCall = 50;

    private const string JoinedKey = "livecross.rooms";

    public async Task<RoomSnapshot> JoinRoom(string? sessionId, long? lastSequence, string? market)
    {
        var id = IdOf(sessionId, nameof(sessionId));
        if (lastSequence is < 0) throw new HubException("lastSequence cannot be negative.");
        var marketCode = market ?? Context.GetHttpContext()?.Request.Cookies[ShopperContext.MarketCookie] ?? ShopperContext.DefaultMarket;
        if (!markets.TryGet(marketCode, out var definition)) throw new HubException($"There is no market '{marketCode}'.");
        var room = await rooms.GetAsync(id, Context.ConnectionAborted) ?? throw new HubException($"There is no live or scheduled session {id}.");
        var user = Context.User?.UserId();
        if (user is { } u && room.Banned.ContainsKey(u)) throw new HubException("You were banned from this session's room.");

        var joined = Joined();
        if (joined.TryGetValue(id, out var before) && before != definition.Code)
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Room.MarketGroupOf(id, before));
        joined[id] = definition.Code;
        await Groups.AddToGroupAsync(Context.ConnectionId, room.Group);
        await Groups.AddToGroupAsync(Context.ConnectionId, Room.MarketGroupOf(id, definition.Code));
        room.Viewers[Context.ConnectionId] = new RoomViewer(Context.ConnectionId, user, definition.Code);
        RememberJoinTime(id);
        room.ViewersChanged();
        room.LastActivity = clock.GetUtcNow();

        var pinned = room.Pin is { } pin ? await rooms.CardAsync(pin, definition.Code) : null;
        var history = await rooms.HistoryAsync(room, lastSequence, definition.Code);
        return new RoomSnapshot(room.Id, history.Seq, room.Status, definition.Code, room.Likes, room.TotalViewers, pinned, room.FlashSale,
            history.Chat, history.Questions, history.Missed, history.Complete, CanChat(room), IsModerator(room));
    }

    public async Task LeaveRoom(string? sessionId)
    {
        var room = JoinedRoom(sessionId);
        await LeaveAsync(room, Context.ConnectionId);
    }

    public async Task<SendResult> SendChat(string? sessionId, string? text)
    {
        var room = JoinedRoom(sessionId);
        if (text is null) throw new HubException("text is required.");
        if (Refusal(room, text, room.ChatLimiter) is { } refused) return refused;
        var clean = ChatText.Neutralise(text);
        if (clean.Length == 0) return SendResult.Refused(RefusalReasons.Empty);
        if (bannedWords.Matches(clean)) return SendResult.Refused(RefusalReasons.BannedWord);
        var message = await rooms.SendChatAsync(room, Context.User!.UserId()!.Value, DisplayName(), clean);
        events.LiveRoomComment(room.Id, message.Id, message.UserId, MarketIn(room), Locale());
        if (Context.User?.IsInRole(Roles.Customer) == true)
            await drawsAndCoupons.EnterByChatAsync(room, message, Context.ConnectionId, Context.ConnectionAborted);
        return new SendResult(true, null, message.Id, message.Seq);
    }

    public async Task<SendResult> Ask(string? sessionId, string? text)
    {
        var room = JoinedRoom(sessionId);
        if (text is null) throw new HubException("text is required.");
        if (Refusal(room, text, room.ChatLimiter) is { } refused) return refused;
        var clean = ChatText.Neutralise(text);
        if (clean.Length == 0) return SendResult.Refused(RefusalReasons.Empty);
        if (bannedWords.Matches(clean)) return SendResult.Refused(RefusalReasons.BannedWord);
        var question = await rooms.AskAsync(room, Context.User!.UserId()!.Value, DisplayName(), clean);
        return new SendResult(true, null, question.Id, question.Seq);
    }

    /// <summary>A client's batch of likes (1 to 50); the room's total goes out with the viewer count a few times a second.</summary>
    public SendResult Like(string? sessionId, int? count)
    {
        var room = JoinedRoom(sessionId);
        if (count is not { } n || n is < 1 or > MaxLikesPerCall) throw new HubException($"count must be from 1 to {MaxLikesPerCall}.");
        if (IsOver(room)) return SendResult.Refused(RefusalReasons.SessionEnded);
        if (!CanChat(room)) return SendResult.Refused(RefusalReasons.SignInRequired);
        var user = Context.User!.UserId()!.Value;
        if (room.Muted.ContainsKey(user)) return SendResult.Refused(RefusalReasons.Muted);
        using var lease = room.LikeLimiter.AttemptAcquire(user);
        if (!lease.IsAcquired) return SendResult.Refused(RefusalReasons.RateLimited);
        room.AddLikes(n);
        events.LiveRoomLike(room.Id, user, MarketIn(room), Locale());
        return new SendResult(true, null, null, null);
    }

    public async Task<ModerationResult> DeleteMessage(string? sessionId, string? messageId)
    {
        var room = JoinedRoom(sessionId);
        var id = IdOf(messageId, nameof(messageId));
        if (!IsModerator(room)) return ModerationResult.Refused(RefusalReasons.NotModerator);
        return await rooms.DeleteChatAsync(room, id) ? ModerationResult.Done : ModerationResult.Refused(RefusalReasons.NotFound);
    }

    public Task<ModerationResult> Mute(string? sessionId, string? userId) => SanctionAsync(sessionId, userId, SanctionKind.Muted);

    public Task<ModerationResult> Ban(string? sessionId, string? userId) => SanctionAsync(sessionId, userId, SanctionKind.Banned);

    public async Task<ModerationResult> PinProduct(string? sessionId, string? productId)
    {
        var room = JoinedRoom(sessionId);
        var id = IdOf(productId, nameof(productId));
        if (!IsModerator(room)) return ModerationResult.Refused(RefusalReasons.NotModerator);
        if (!room.LineUp.Contains(id)) return ModerationResult.Refused(RefusalReasons.NotInLineUp);
        var pinnedAt = clock.GetUtcNow();
        await rooms.PinAsync(room, id, Context.ConnectionAborted);
        await Replays.PinHistory.RecordAsync(scopes, room.Id, id, Context.User!.UserId()!.Value, pinnedAt, CancellationToken.None);
        return ModerationResult.Done;
    }

    public Task<ModerationResult> AnswerQuestion(string? sessionId, string? questionId) =>
        QuestionAsync(sessionId, questionId, (q, seq) => q with { Seq = seq, Answered = true, Highlighted = false });

    public Task<ModerationResult> HighlightQuestion(string? sessionId, string? questionId) =>
        QuestionAsync(sessionId, questionId, (q, seq) => q with { Seq = seq, Highlighted = true });

    /// <summary>The same operation and answer as <c>POST /api/v1/flash-sales/{id}/attempts</c>.</summary>
    public async Task<AttemptResponse> AttemptFlashSale(string? saleId, string? requestKey, int? quantity)
    {
        var id = IdOf(saleId, nameof(saleId));
        var key = requestKey?.Trim() ?? "";
        if (key.Length is 0 or > FlashSaleClaim.MaxRequestKey || !key.All(c => c is > ' ' and < '\u007f'))
            throw new HubException($"requestKey is required: 1 to {FlashSaleClaim.MaxRequestKey} visible ASCII characters, made once per attempt and sent again on a retry.");
        var units = quantity ?? 1;
        if (units is < 1 or > FlashSaleEndpoints.MaxPerCustomer) throw new HubException($"quantity must be from 1 to {FlashSaleEndpoints.MaxPerCustomer}.");
        if (Context.User?.IsInRole(Roles.Customer) != true || Context.User.UserId() is not { } customer)
            throw new HubException("Sign in as a customer to buy.");
        AttemptResult? result;
        try
        {
            result = await engine.AttemptAsync(id, customer, key, units, Context.ConnectionAborted);
        }
        catch (FlashSaleUnavailableException)
        {
            throw new HubException("The sale cannot be reached just now: try again with the same requestKey.");
        }
        if (result is null) throw new HubException($"There is no flash sale {id}.");
        return new AttemptResponse(result.Outcome.ToString(), result.ClaimId, result.PayBefore);
    }

    /// <summary>Enters a watch draw of the room: the seconds count from when this connection joined, or from the draw's start if later.</summary>
    public async Task<DrawEntryResult> EnterDraw(string? sessionId, string? drawId)
    {
        var room = JoinedRoom(sessionId);
        var id = IdOf(drawId, nameof(drawId));
        if (Context.User?.IsInRole(Roles.Customer) != true || Context.User.UserId() is not { } customer) return DrawEntryResult.SignInRequired;
        var joinedAt = Context.Items.TryGetValue(JoinTimeKey(room.Id), out var value) && value is DateTimeOffset at ? at : clock.GetUtcNow();
        return await drawsAndCoupons.EnterByWatchingAsync(room, id, customer, joinedAt, Context.ConnectionAborted)
            ?? throw new HubException($"There is no lucky draw {id} in this room.");
    }

    // A rejoin on the same connection (a resync after a gap) keeps the first time: presence is per connection.
    private void RememberJoinTime(Guid roomId) => Context.Items.TryAdd(JoinTimeKey(roomId), clock.GetUtcNow());

    private static string JoinTimeKey(Guid roomId) => $"livecross.rooms.joinedAt:{roomId:N}";

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var id in Joined().Keys.ToList())
        {
            if (rooms.Find(id) is { } room) await LeaveAsync(room, Context.ConnectionId);
        }
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveAsync(Room room, string connectionId)
    {
        if (Joined().Remove(room.Id, out var market)) await Groups.RemoveFromGroupAsync(connectionId, Room.MarketGroupOf(room.Id, market));
        await Groups.RemoveFromGroupAsync(connectionId, room.Group);
        if (room.Viewers.TryRemove(connectionId, out _)) room.ViewersChanged();
    }

    /// <summary>The O(1) checks before any text work: the session still on, signed in, not muted, length, then one token from the user's bucket.</summary>
    private SendResult? Refusal(Room room, string text, System.Threading.RateLimiting.PartitionedRateLimiter<Guid> limiter)
    {
        if (IsOver(room)) return SendResult.Refused(RefusalReasons.SessionEnded);
        if (!CanChat(room)) return SendResult.Refused(RefusalReasons.SignInRequired);
        var user = Context.User!.UserId()!.Value;
        if (room.Muted.ContainsKey(user)) return SendResult.Refused(RefusalReasons.Muted);
        if (string.IsNullOrWhiteSpace(text)) return SendResult.Refused(RefusalReasons.Empty);
        if (text.Length > options.Value.MaxChatLength) return SendResult.Refused(RefusalReasons.TooLong);
        using var lease = limiter.AttemptAcquire(user);
        return lease.IsAcquired ? null : SendResult.Refused(RefusalReasons.RateLimited);
    }

    // The room learns its session's status from the database each second (RoomTicker): once the host has ended it, the
    // room is a record, not a conversation.
    private static bool IsOver(Room room) => room.Status is "ended" or "replay";

    private async Task<ModerationResult> SanctionAsync(string? sessionId, string? userId, SanctionKind kind)
    {
        var room = JoinedRoom(sessionId);
        var target = IdOf(userId, nameof(userId));
        if (!IsModerator(room)) return ModerationResult.Refused(RefusalReasons.NotModerator);
        if (target == room.HostAccountId) return ModerationResult.Refused(RefusalReasons.NotModerator);
        var set = kind == SanctionKind.Banned ? room.Banned : room.Muted;
        if (set.TryAdd(target, 0)) await SaveSanctionAsync(room, target, kind);
        await rooms.SanctionedAsync(room, target, kind);
        return ModerationResult.Done;
    }

    private async Task SaveSanctionAsync(Room room, Guid target, SanctionKind kind)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        db.LiveRoomSanctions.Add(new LiveRoomSanction { SessionId = room.Id, UserId = target, Kind = kind, ByUserId = Context.User!.UserId()!.Value, At = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(Context.ConnectionAborted);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Already recorded (by another node, or before this node loaded the room): the sanction stands either way.
        }
    }

    private async Task<ModerationResult> QuestionAsync(string? sessionId, string? questionId, Func<QuestionMessage, long, QuestionMessage> change)
    {
        var room = JoinedRoom(sessionId);
        var id = IdOf(questionId, nameof(questionId));
        if (!IsModerator(room)) return ModerationResult.Refused(RefusalReasons.NotModerator);
        return await rooms.UpdateQuestionAsync(room, id, change) is null ? ModerationResult.Refused(RefusalReasons.NotFound) : ModerationResult.Done;
    }

    /// <summary>Ids travel as strings (a GUID in JSON and MessagePack alike), so a malformed one gets a message naming the argument.</summary>
    private static Guid IdOf(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new HubException($"{name} is required.");
        return Guid.TryParse(value, out var id) ? id : throw new HubException($"{name} must be an id (a GUID such as 0190a5c2-7b1e-7c3d-9f00-2a1b3c4d5e6f).");
    }

    private Dictionary<Guid, string> Joined()
    {
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is Dictionary<Guid, string> joined) return joined;
        joined = [];
        Context.Items[JoinedKey] = joined;
        return joined;
    }

    /// <summary>The market this connection joined the room in (for its prices, and stamped on its events).</summary>
    private string MarketIn(Room room) => Joined().TryGetValue(room.Id, out var market) ? market : ShopperContext.DefaultMarket;

    /// <summary>The viewer's UI language as the connection's request negotiated it (culture cookie or Accept-Language).</summary>
    private string Locale() =>
        Context.GetHttpContext()?.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture.Name is { Length: > 0 } name ? name : "en";

    private Room JoinedRoom(string? sessionId)
    {
        var id = IdOf(sessionId, nameof(sessionId));
        if (!Joined().ContainsKey(id)) throw new HubException($"Join the room of session {id} first (JoinRoom).");
        var room = rooms.Find(id) ?? throw new HubException($"The room of session {id} is closed; join it again.");
        if (!room.Viewers.ContainsKey(Context.ConnectionId)) throw new HubException("You are no longer in this room.");
        return room;
    }

    private bool IsModerator(Room room)
    {
        var user = Context.User;
        if (user?.UserId() is not { } id) return false;
        return id == room.HostAccountId || (user.IsInRole(Roles.Seller) && user.SellerId() == room.SellerId);
    }

    private bool CanChat(Room room) =>
        Context.User?.UserId() is not null && (Context.User.IsInRole(Roles.Customer) || IsModerator(room));

    /// <summary>The account's display name, or "Viewer" and the end of its id: an e-mail address is never shown.</summary>
    private string DisplayName()
    {
        var name = Context.User?.FindFirstValue("name");
        return string.IsNullOrWhiteSpace(name) ? $"Viewer {Context.User!.UserId()!.Value.ToString("N")[^4..]}" : name;
    }
}
