using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Platform.Accounts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveCross.Server.Live.Rooms;

public static class RoomsModule
{
    public static WebApplicationBuilder AddRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSignalR(o => o.AddFilter<HubFailureLog>()).AddMessagePackProtocol();
        builder.Logging.AddFilter(HubFailureLog.DispatcherCategory, LogLevel.None);
        // Read at start, so a broken list stops the server rather than the first chat line.
        builder.Services.AddSingleton(BannedWords.Load(Path.Combine(AppContext.BaseDirectory, "Live", "Rooms", "Data")));
        builder.Services.AddSingleton<RoomCluster>();
        builder.Services.AddSingleton<RoomRegistry>();
        builder.Services.AddHostedService<RoomClusterEvents>();
        builder.Services.AddSingleton<IInterceptor, SessionStatusInterceptor>();
        builder.Services.AddSingleton<IFlashSaleObserver>(s => s.GetRequiredService<RoomRegistry>());
        builder.Services.AddSingleton<RoomTicker>();
        builder.Services.AddHostedService(s => s.GetRequiredService<RoomTicker>());
        builder.Services.AddSingleton<RoomDrawsAndCoupons>();
        builder.Services.AddHostedService(s => s.GetRequiredService<RoomDrawsAndCoupons>());

        // Browsers cannot put a header on a WebSocket or server-sent-events request: there the bearer token comes as access_token.
        builder.Services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            var previous = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                if (context.Token is null && context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                    context.Token = token;
            };
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        app.MapHub<RoomHub>(RoomHub.Path).AllowAnonymous();
        return app;
    }
}
