using System.Text.Json;
using LiveCross.Domain.Orders;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Orders;

public sealed record WarehouseRef(Guid Id, string Name, string Country);

public sealed record SellerRef(Guid Id, string Name);

public sealed record OrderLineDto(
    string Sku, Guid VariantId, Guid ProductId, string Title, string Options, int Quantity, MoneyDto UnitPrice, MoneyDto LineTotal,
    WarehouseRef Warehouse, SellerRef Seller);

public sealed record DeliveryEstimate(DateOnly? From, DateOnly? To);

/// <summary>The itemized charges. <c>total</c> = goods + shipping + insurance + duty + tax; fees are listed apart; <c>amountDue</c> is what is paid at checkout.</summary>
public sealed record ChargesDto(
    MoneyDto Goods, MoneyDto Shipping, MoneyDto Insurance, MoneyDto Duty, MoneyDto Tax, MoneyDto Fees, MoneyDto Total,
    MoneyDto DutyAtCheckout, MoneyDto TaxAtCheckout, MoneyDto AmountDue, string CollectedAt, string Scheme,
    string? QuoteId, string? RuleVersion, JsonElement Explanation, string? ShippingOptionId, string? Carrier, DeliveryEstimate? EstimatedDelivery,
    MoneyDto Discount)
{
    public static ChargesDto From(OrderCharges c, string currency) => new(
        MoneyDto.From(c.Goods, currency), MoneyDto.From(c.Shipping, currency), MoneyDto.From(c.Insurance, currency),
        MoneyDto.From(c.Duty, currency), MoneyDto.From(c.Tax, currency), MoneyDto.From(c.Fees, currency), MoneyDto.From(c.Total, currency),
        MoneyDto.From(c.DutyAtCheckout, currency), MoneyDto.From(c.TaxAtCheckout, currency), MoneyDto.From(c.AmountDue, currency),
        c.CollectedAt, c.Scheme, c.QuoteId, c.RuleVersion, JsonDocument.Parse(c.ExplanationJson).RootElement.Clone(),
        c.ShippingOptionId, c.Carrier,
        c.EstimatedDeliveryFrom is null && c.EstimatedDeliveryTo is null ? null : new DeliveryEstimate(c.EstimatedDeliveryFrom, c.EstimatedDeliveryTo),
        MoneyDto.From(c.Discount, currency));
}

public sealed record TransitionDto(string? From, string To, string Actor, DateTimeOffset At, string Reason);

public sealed record OrderLinks(string Self, string Page);

/// <summary>An order as its buyer sees it. <c>accessToken</c> is given to guests only: with it they can read and cancel the order.</summary>
public sealed record OrderDto(
    Guid Id, string Number, string Status, string Market, string Region, string Locale, string Currency, string Email,
    ShippingAddress ShipTo, IReadOnlyList<OrderLineDto> Lines, ChargesDto Charges, MoneyDto Refunded, bool RefundRequired,
    DateTimeOffset ReservationExpiresAt, DateTimeOffset CreatedAt, IReadOnlyList<TransitionDto> Transitions, string? AccessToken, OrderLinks Links);

public sealed record OrderSummaryDto(Guid Id, string Number, string Status, string Market, MoneyDto Total, MoneyDto AmountDue, int Items, DateTimeOffset CreatedAt);

public sealed record OrderList(int Page, int PageSize, int Total, IReadOnlyList<OrderSummaryDto> Items);

/// <summary>
/// An order as one of its sellers sees it: only that seller's lines and their value, the address to ship to,
/// status and history. Other sellers' lines and the order's totals are not shown.
/// </summary>
public sealed record SellerOrderDto(
    Guid Id, string Number, string Status, string Market, string Currency, ShippingAddress ShipTo, IReadOnlyList<OrderLineDto> Lines,
    MoneyDto Goods, DateTimeOffset CreatedAt, IReadOnlyList<TransitionDto> Transitions, CreatorReferralDto? Referral);

/// <summary>The creator's share link the buyer came through, with the creator's name and the video's title.</summary>
public sealed record CreatorReferralDto(Guid CreatorId, string Creator, Guid VideoId, string Video);

public sealed record SellerOrderRow(Guid Id, string Number, string Status, string Market, MoneyDto Goods, int Items, DateTimeOffset CreatedAt);

public sealed record SellerOrderList(int Page, int PageSize, int Total, IReadOnlyList<SellerOrderRow> Items);

/// <summary>
/// The secret that lets a guest open their order without an account: the order id protected with the
/// platform's Data Protection keys (shared by every node), so it needs no storage and cannot be forged.
/// </summary>
public sealed class OrderAccessTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("LiveCross.Orders.GuestAccess.v1");

    public string For(Guid orderId) => _protector.Protect(orderId.ToString("N"));

    public bool Opens(string? token, Guid orderId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500) return false;
        try
        {
            return _protector.Unprotect(token) == orderId.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The order's page: the account's order page, or for a guest the link that carries <paramref name="token"/>.</summary>
    public string PagePath(Order order, string? token = null) =>
        order.CustomerId is null ? $"/orders/{order.Id}?token={Uri.EscapeDataString(token ?? For(order.Id))}" : $"/account/orders/{order.Id}";
}

public static class OrderViews
{
    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending_payment",
        OrderStatus.PartiallyRefunded => "partially_refunded",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>An order with its lines and history, as tracked entities (for changes) or not.</summary>
    public static Task<Order?> LoadAsync(LiveCrossDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        var orders = db.Orders.Include(o => o.Lines).Include(o => o.Transitions).AsSplitQuery();
        return (track ? orders : orders.AsNoTracking()).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    public static async Task<OrderDto> ToDtoAsync(LiveCrossDbContext db, Order order, OrderAccessTokens tokens, CancellationToken cancellationToken)
    {
        var lines = await LinesAsync(db, order, cancellationToken);
        var token = order.CustomerId is null ? tokens.For(order.Id) : null;
        return new OrderDto(
            order.Id, order.Number, StatusName(order.Status), order.MarketCode, order.Region, order.Locale, order.Currency, order.Email,
            order.ShipTo, lines, ChargesDto.From(order.Charges, order.Currency), MoneyDto.From(order.RefundedAmount, order.Currency), order.RefundRequired,
            order.ReservationExpiresAt, order.CreatedAt, Transitions(order), token, new OrderLinks($"/api/v1/orders/{order.Id}", tokens.PagePath(order, token)));
    }

    public static async Task<SellerOrderDto> ToSellerDtoAsync(LiveCrossDbContext db, Order order, CancellationToken cancellationToken)
    {
        var lines = await LinesAsync(db, order, cancellationToken);
        return new SellerOrderDto(order.Id, order.Number, StatusName(order.Status), order.MarketCode, order.Currency, order.ShipTo, lines,
            MoneyDto.From(order.Lines.Sum(l => l.LineTotal), order.Currency), order.CreatedAt, Transitions(order), await ReferralAsync(db, order, cancellationToken));
    }

    private static async Task<CreatorReferralDto?> ReferralAsync(LiveCrossDbContext db, Order order, CancellationToken cancellationToken)
    {
        if (order is not { ReferredByCreatorId: { } creatorId, ReferredFromVideoId: { } videoId }) return null;
        var creator = await db.Users.Where(u => u.Id == creatorId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(cancellationToken);
        var video = await db.Videos.IgnoreQueryFilters().AsNoTracking().Include(v => v.Texts).FirstOrDefaultAsync(v => v.Id == videoId, cancellationToken);
        return new CreatorReferralDto(creatorId, creator ?? "", videoId, video is null ? "" : Videos.VideoViews.Text(video, video.DefaultLocale)?.Title ?? "");
    }

    private static List<TransitionDto> Transitions(Order order) =>
        order.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new TransitionDto(t.From is { } from ? StatusName(from) : null, StatusName(t.To), t.Actor, t.At, t.Reason)).ToList();

    private static async Task<List<OrderLineDto>> LinesAsync(LiveCrossDbContext db, Order order, CancellationToken cancellationToken)
    {
        var warehouseIds = order.Lines.Select(l => l.WarehouseId).Distinct().ToList();
        var sellerIds = order.Lines.Select(l => l.SellerId).Distinct().ToList();
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => warehouseIds.Contains(w.Id))
            .ToDictionaryAsync(w => w.Id, w => new WarehouseRef(w.Id, w.Name, w.Country), cancellationToken);
        var sellers = await db.Sellers.AsNoTracking().Where(s => sellerIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new SellerRef(s.Id, s.Name), cancellationToken);
        return order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => warehouses.GetValueOrDefault(l.WarehouseId)?.Name, StringComparer.Ordinal)
            .Select(l => new OrderLineDto(l.Sku, l.VariantId, l.ProductId, l.Title, l.Options, l.Quantity,
                MoneyDto.From(l.UnitPrice, order.Currency), MoneyDto.From(l.LineTotal, order.Currency),
                warehouses.GetValueOrDefault(l.WarehouseId) ?? new WarehouseRef(l.WarehouseId, "", ""),
                sellers.GetValueOrDefault(l.SellerId) ?? new SellerRef(l.SellerId, "")))
            .ToList();
    }
}
