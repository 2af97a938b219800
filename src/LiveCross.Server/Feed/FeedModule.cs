using LiveCross.Server.Live.Viewer;
using LiveCross.Server.Recommendations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCross.Server.Feed;

public static class FeedModule
{
    /// <summary>The feed and "similar items", over the recommender with the platform's videos, live sessions and products as its catalogue.</summary>
    public static WebApplicationBuilder AddFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ICatalogueSource, PlatformCatalogue>();
        builder.Services.AddSingleton<IInteractionSource, EventInteractionSource>();
        builder.Services.TryAddScoped<LiveViewerQueries>();
        builder.Services.AddScoped<FeedComposer>();
        builder.Services.AddSingleton<FeedRankings>();
        builder.Services.AddSingleton<ProductCards>();
        builder.Services.AddScoped<FeedService>();
        return builder;
    }
}
