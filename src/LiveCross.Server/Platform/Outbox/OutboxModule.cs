using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.Outbox;

public static class OutboxModule
{
    /// <summary>The worker; capability modules register their <see cref="IOutboxHandler"/>s as singletons.</summary>
    public static WebApplicationBuilder AddOutbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutboxWorker>();
        builder.Services.AddHostedService(s => s.GetRequiredService<OutboxWorker>());
        return builder;
    }

    public static void ConfigureModel(ModelBuilder builder) =>
        builder.Entity<OutboxMessage>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.Type).HasMaxLength(100);
            m.Property(x => x.LastError).HasMaxLength(2000);
            m.HasIndex(x => new { x.DeliveredAt, x.FailedAt, x.NextAttemptAt });
        });
}
