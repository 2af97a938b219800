using LiveCross.Server.Catalog;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// The names of the messages the room hub sends to clients. Every message starts with the room id and the room's
/// sequence number (<see cref="IRoomMessage"/>), so a client can tell what it missed after a reconnect.
/// </summary>
public static class RoomEvents
{
    public const string Chat = "chat";
    public const string ChatDeleted = "chatDeleted";
    public const string Counters = "counters";
    public const string Pinned = "pinned";
    public const string Question = "question";
    public const string FlashSale = "flashSale";
    public const string FlashSaleStock = "flashSaleStock";
    public const string Moderated = "moderated";
    public const string DrawStarted = "drawStarted";
    public const string DrawEnded = "drawEnded";
    public const string DrawEntered = "drawEntered";
    public const string CouponDropped = "couponDropped";
    public const string CouponClaimedOut = "couponClaimedOut";
}

public interface IRoomMessage
{
    Guid RoomId { get; }

    long Seq { get; }
}

public sealed record ChatMessage(Guid RoomId, long Seq, Guid Id, Guid UserId, string Name, string Text, DateTimeOffset At) : IRoomMessage;

public sealed record ChatDeletedMessage(Guid RoomId, long Seq, Guid MessageId) : IRoomMessage;

/// <summary>Likes and viewers, the room's totals over every node, sent at most a few times a second.</summary>
public sealed record CountersMessage(Guid RoomId, long Seq, long Likes, int Viewers) : IRoomMessage;

/// <summary>
/// The pinned product as one market sees it: <see cref="Price"/> is the shelf price in the market's currency,
/// <see cref="Landed"/> what a shopper there pays delivered (goods, cheapest shipping, duty and tax), when it can be quoted.
/// <see cref="Available"/> is false when the product is not sold in that market.
/// </summary>
public sealed record PinnedCard(Guid ProductId, string Market, bool Available, string Title, ImageDto? Image, MoneyDto? Price, MoneyDto? Landed, string BuyUrl);

public sealed record PinnedMessage(Guid RoomId, long Seq, PinnedCard Card) : IRoomMessage;

/// <summary>A viewer's question; sent when asked and again when the host marks it answered or highlights it.</summary>
public sealed record QuestionMessage(Guid RoomId, long Seq, Guid Id, Guid UserId, string Name, string Text, DateTimeOffset At, bool Answered, bool Highlighted)
    : IRoomMessage;

public sealed record RoomFlashSale(Guid SaleId, Guid ProductId, Guid SkuId, int Quantity, int Remaining, MoneyDto Price, int PerCustomerLimit, string Status, DateTimeOffset EndsAt);

public sealed record FlashSaleMessage(Guid RoomId, long Seq, RoomFlashSale Sale) : IRoomMessage;

/// <summary>The remaining quantity of the room's flash sale; <c>status</c>: active, sold_out or ended.</summary>
public sealed record FlashSaleStockMessage(Guid RoomId, long Seq, Guid SaleId, int Remaining, string Status) : IRoomMessage;

/// <summary>Sent only to the user concerned: <c>action</c> is muted or banned.</summary>
public sealed record ModeratedMessage(Guid RoomId, long Seq, string Action) : IRoomMessage;

/// <summary>
/// What <c>JoinRoom</c> answers: the room's state now, the last chat messages and open questions with their sequence
/// numbers. <see cref="Missed"/> holds the chat messages after the client's <c>lastSequence</c>; <see cref="MissedComplete"/>
/// is false when older ones than this node keeps were missed too.
/// </summary>
public sealed record RoomSnapshot(
    Guid RoomId, long Seq, string Status, string Market, long Likes, int Viewers, PinnedCard? Pinned, RoomFlashSale? FlashSale,
    IReadOnlyList<ChatMessage> Chat, IReadOnlyList<QuestionMessage> Questions, IReadOnlyList<ChatMessage> Missed, bool MissedComplete,
    bool CanChat, bool CanModerate);

/// <summary>
/// The answer to a chat line, a question or likes. <c>reason</c> when refused: sign_in_required, muted, empty, too_long,
/// rate_limited or banned_word.
/// </summary>
public sealed record SendResult(bool Accepted, string? Reason, Guid? Id, long? Seq)
{
    public static SendResult Refused(string reason) => new(false, reason, null, null);
}

/// <summary>The answer to a host's action. <c>reason</c> when refused: not_moderator, not_found or not_in_line_up.</summary>
public sealed record ModerationResult(bool Accepted, string? Reason)
{
    public static readonly ModerationResult Done = new(true, null);

    public static ModerationResult Refused(string reason) => new(false, reason);
}

public static class RefusalReasons
{
    public const string SignInRequired = "sign_in_required";
    public const string Muted = "muted";
    public const string Empty = "empty";
    public const string TooLong = "too_long";
    public const string RateLimited = "rate_limited";
    public const string BannedWord = "banned_word";
    public const string NotModerator = "not_moderator";
    public const string NotFound = "not_found";
    public const string NotInLineUp = "not_in_line_up";
    public const string SessionEnded = "session_ended";
}
