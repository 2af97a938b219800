using LiveCross.Server.Platform.Database;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Videos;

public static class VideosModule
{
    public static WebApplicationBuilder AddVideos(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<VideoOptions>().BindConfiguration(VideoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IVideoStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<VideoOptions>>().Value;
            return options.Storage == VideoStorageKind.S3
                ? S3VideoStore.Create(options.S3)
                : new LocalVideoStore(Path.Combine(services.GetRequiredService<IOptions<LiveCrossOptions>>().Value.DataPath, "media-store"));
        });
        builder.Services.AddSingleton<VideoCommentLimiter>();
        builder.Services.AddScoped<CreatorReferrals>();
        builder.Services.AddSingleton<TranscodeJob>();
        builder.Services.AddSingleton<VideoRemoval>();
        builder.Services.AddSingleton<VideoUploads>();
        builder.Services.AddSingleton<VideoCleanup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<VideoCleanup>());
        builder.Services.AddHostedService(services => services.GetRequiredService<TranscodeJob>());
        return builder;
    }

    public static IEndpointRouteBuilder MapVideos(this IEndpointRouteBuilder app)
    {
        app.MapSellerVideos();
        app.MapCreatorVideos();
        app.MapPublicVideos();
        return app;
    }
}
