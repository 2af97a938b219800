namespace LiveCross.Server.Live.FlashSales;

public static class FlashSalesModule
{
    public static WebApplicationBuilder AddFlashSales(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FlashSaleOptions>().BindConfiguration(FlashSaleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FlashSaleMetrics>();
        builder.Services.AddSingleton<FlashSaleEngine>();
        builder.Services.AddSingleton<FlashSaleReleases>();
        builder.Services.AddHostedService(s => s.GetRequiredService<FlashSaleReleases>());
        builder.Services.AddSingleton<ClaimExpiryJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ClaimExpiryJob>());
        return builder;
    }
}
