namespace LiveCross.Server.Live.Sessions;

public static class LiveSessionsModule
{
    public static WebApplicationBuilder AddLiveSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveSecrets>();
        builder.Services.AddSingleton<LivePlayback>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveSessions(this IEndpointRouteBuilder app)
    {
        app.MapSellerLiveSessions();
        app.MapPublicLiveSessions();
        app.MapLiveIngest();
        app.MapMediaServerConfig();
        return app;
    }
}
