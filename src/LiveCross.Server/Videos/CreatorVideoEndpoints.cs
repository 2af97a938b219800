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
        creator.MapGet("/", SellerVideoEndpoints.List);
        creator.MapGet("/{id:guid}", SellerVideoEndpoints.Get).WithDescription("A video with its transcode progress (percent), then ready or failed with the reason.");
        creator.MapPut("/{id:guid}", SellerVideoEndpoints.UpdateDetails).WithDescription("Titles and descriptions per locale, the default locale and the target markets.");
        creator.MapPut("/{id:guid}/tags", SellerVideoEndpoints.UpdateTags)
            .WithDescription("Replaces the product tags on the timeline: each an active product of any seller, sold in at least one of the video's markets, with start and end second within the video.");
        creator.MapPut("/{id:guid}/captions/{locale}", SellerVideoEndpoints.PutCaptions).WithDescription("Stores a WebVTT caption file (text/vtt body) for a locale.");
        creator.MapPost("/{id:guid}/publish", SellerVideoEndpoints.Publish).WithDescription("Shows a ready (transcoded) video to viewers.");
        creator.MapPost("/{id:guid}/hide", SellerVideoEndpoints.Hide).WithDescription("Takes a published video down; viewers get 404.");
        creator.MapPost("/uploads", SellerVideoEndpoints.StartUpload).WithDescription("Starts a chunked upload of totalBytes; answers its id and URL.");
        creator.MapGet("/uploads/{id:guid}", SellerVideoEndpoints.GetUpload).WithDescription("How many bytes arrived, so a client resumes from there.");
        creator.MapPut("/uploads/{id:guid}", SellerVideoEndpoints.PutChunk).WithDescription("One chunk, raw bytes, with Content-Range: bytes start-end/total; start must be the bytes received so far.");
        creator.MapPost("/uploads/{id:guid}/finish", SellerVideoEndpoints.FinishUpload)
            .WithDescription("Checks the whole file with ffprobe (container, codecs, duration, size) and makes a video that is transcoded in the background; a bad file is refused and removed.");
        VideoRemoval.MapVideoRemoval(creator);
        return app;
    }
}
