using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Videos;

/// <summary>Marks a route group as the video console of sellers or of creators; <see cref="VideoOwner.BindAsync"/> reads it.</summary>
public sealed record VideoConsole(bool ForCreators)
{
    public static readonly VideoConsole Sellers = new(false);

    public static readonly VideoConsole Creators = new(true);
}

/// <summary>
/// Whose videos a request of the video console works on: the signed-in staff member's seller or the signed-in creator.
/// The video handlers are written once against this; each owner says which rows are its own and which products it may tag.
/// </summary>
public abstract record VideoOwner
{
    public sealed record Seller(Guid Id) : VideoOwner;

    public sealed record Creator(Guid Id) : VideoOwner;

    /// <summary>Taken from the route group's <see cref="VideoConsole"/> and the signed-in account (the group's policy has checked its role).</summary>
    public static ValueTask<VideoOwner?> BindAsync(HttpContext context)
    {
        var console = context.GetEndpoint()?.Metadata.GetMetadata<VideoConsole>();
        VideoOwner? owner = console switch
        {
            { ForCreators: true } when context.User.UserId() is { } creator => new Creator(creator),
            { ForCreators: false } when context.User.SellerId() is { } seller => new Seller(seller),
            _ => null,
        };
        return ValueTask.FromResult(owner);
    }

    /// <summary>The owner's videos (a seller's also pass the tenant filter; a creator's are the creator's alone).</summary>
    public IQueryable<Video> Videos(LiveCrossDbContext db) => this switch
    {
        Seller s => db.Videos.Where(v => v.SellerId == s.Id),
        Creator c => db.Videos.Where(v => v.CreatorId == c.Id),
        _ => throw new InvalidOperationException("Unknown video owner."),
    };

    public IQueryable<VideoUpload> Uploads(LiveCrossDbContext db) => this switch
    {
        Seller s => db.VideoUploads.Where(u => u.SellerId == s.Id),
        Creator c => db.VideoUploads.Where(u => u.CreatorId == c.Id),
        _ => throw new InvalidOperationException("Unknown video owner."),
    };

    public Guid? SellerId => (this as Seller)?.Id;

    /// <summary>Where the owner's video API lives, for the Location of what it creates.</summary>
    public string ApiPath => this is Creator ? CreatorVideoEndpoints.Path : SellerVideoEndpoints.Path;

    public Guid? CreatorId => (this as Creator)?.Id;

    /// <summary>
    /// Which of <paramref name="productIds"/> the owner may not tag on <paramref name="video"/>, each with the reason.
    /// A seller tags only its own products; a creator tags any seller's active product that is sold in at least one of the
    /// video's markets, so a tag never sends a viewer to a product none of them can buy.
    /// </summary>
    public async Task<Dictionary<Guid, string>> UntaggableAsync(LiveCrossDbContext db, Video video, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        if (this is Seller seller)
        {
            var own = await db.Products.Where(p => productIds.Contains(p.Id) && p.SellerId == seller.Id).Select(p => p.Id).ToListAsync(cancellationToken);
            return productIds.Except(own).ToDictionary(id => id, _ => "No product of yours has this id.");
        }
        var markets = video.Markets.Select(m => m.MarketCode).ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Status, Blocked = p.MarketRules.Where(r => r.Blocked && markets.Contains(r.MarketCode)).Select(r => r.MarketCode).ToList() })
            .ToListAsync(cancellationToken);
        var problems = new Dictionary<Guid, string>();
        foreach (var id in productIds)
        {
            var product = products.FirstOrDefault(p => p.Id == id);
            if (product is null) problems[id] = "There is no product with this id.";
            else if (product.Status != Catalog.ProductStatus.Active) problems[id] = $"Product {id} is not on sale (it is {product.Status.ToString().ToLowerInvariant()}).";
            else if (markets.Count == 0 || markets.All(product.Blocked.Contains))
                problems[id] = $"Product {id} is not sold in any of the video's markets ({(markets.Count == 0 ? "none chosen" : string.Join(", ", markets.Order(StringComparer.Ordinal)))}).";
        }
        return problems;
    }

    public static bool Owns(System.Security.Claims.ClaimsPrincipal user, Video video) =>
        (video.SellerId is { } seller && user.SellerId() == seller) || (video.CreatorId is { } creator && user.UserId() == creator);

    public static ProblemException NotFound() =>
        new(StatusCodes.Status404NotFound, "No such video.", "You have no video with this id.");
}
