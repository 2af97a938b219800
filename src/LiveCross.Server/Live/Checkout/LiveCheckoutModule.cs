namespace LiveCross.Server.Live.Checkout;

public static class LiveCheckoutModule
{
    public static WebApplicationBuilder AddLiveCheckout(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClaimCheckout>();
        builder.Services.AddScoped<CouponCheckout>();
        return builder;
    }
}
