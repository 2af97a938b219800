using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCross.Server.Live.HostConsole;

/// <summary>The host console: the seller pages <c>/seller/live</c> and <c>/seller/live/{id}</c>, and the session's live figures.</summary>
public static class HostConsoleModule
{
    public static WebApplicationBuilder AddHostConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SessionFigures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHostConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{SellerLiveSessionEndpoints.Path}/{{id:guid}}/figures", Figures)
            .WithTags("Seller live sessions").RequireAuthorization(Policies.SellerStaff)
            .WithDescription("Live figures for the host: viewers now, peak, likes, and the session's orders, units and GMV (its flash-sale claims " +
                "that stand: held or paid) in the seller's currency, per minute for the last 30 minutes and per flash sale.");
        return app;
    }

    private static async Task<Results<Ok<SessionFiguresDto>, NotFound>> Figures(Guid id, SessionFigures figures, CancellationToken cancellationToken) =>
        await figures.ForAsync(id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
}
