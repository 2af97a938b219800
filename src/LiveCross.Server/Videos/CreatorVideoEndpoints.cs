using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Videos;

/// <summary>
/// The creators' video console: the seller console's operations and handlers (<see cref="SellerVideoEndpoints"/>), on the
/// signed-in creator's own videos. A creator may tag any seller's active product sold in one of the video's markets.
/// </summary>
public static class CreatorVideoEndpoints
{
    public const string Path = "/api/v1/creator/videos";

    public static IEndpointRouteBuilder MapCreatorVideos(this IEndpointRouteBuilder app)
    {
        var creator = app.MapGroup(Path).WithTags("Creator videos").RequireAuthorization(p => p.RequireRole(Roles.Creator)).WithMetadata(VideoConsole.Creators);
        SellerVideoEndpoints.MapConsole(creator,
            "Replaces the product tags on the timeline: each an active product of any seller, sold in at least one of the video's markets, with start and end second within the video.");
        return app;
    }
}
