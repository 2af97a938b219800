using LiveCross.Server.Live.Rooms;
using Microsoft.Extensions.Caching.Memory;

namespace LiveCross.Server.Feed;

/// <summary>
/// A product's card (title, image, price and landed price) for a market, as feed entries and video tags show it. A landed
/// price needs shipping and duty quotes, and many feeds and video pages show the same products, so a card is kept
/// <see cref="Lifetime"/> per product and market; checkout prices afresh.
/// </summary>
public sealed class ProductCards(RoomRegistry rooms, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<PinnedCard> GetAsync(Guid productId, string marketCode) =>
        (await cache.GetOrCreateAsync(("product-card", productId, marketCode), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return rooms.ComputeCardAsync(productId, marketCode);
        }))!;
}
