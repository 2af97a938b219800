namespace LiveCross.Server.Live.Replays;

public static class ReplaysModule
{
    public static WebApplicationBuilder AddReplays(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplayOptions>().BindConfiguration(ReplayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<ReplayJob>();
        return builder;
    }
}
