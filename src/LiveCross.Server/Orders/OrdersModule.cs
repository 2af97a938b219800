using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Outbox;

namespace LiveCross.Server.Orders;

public static class OrdersModule
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrdersOptions>().BindConfiguration(OrdersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OrderAccessTokens>();
        builder.Services.AddScoped<CheckoutCharges>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<OrderPayments>();
        builder.Services.AddScoped<OrderLifecycle>();
        builder.Services.AddScoped<IPaymentOutcomeHandler>(s => s.GetRequiredService<OrderLifecycle>());
        builder.Services.AddSingleton<IOutboxHandler, OrderEmails>();
        builder.Services.AddSingleton<ReservationExpiryJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ReservationExpiryJob>());
        return builder;
    }
}
