using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Replays;

public static class ReplaysModel
{
    public static void ConfigureModel(ModelBuilder builder)
    {
        builder.Entity<LiveReplay>(r =>
        {
            r.ToTable("LiveReplays");
            r.HasKey(x => x.SessionId);
            r.HasOne<LiveSession>().WithOne().HasForeignKey<LiveReplay>(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            r.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.RecordingPath).HasMaxLength(500);
            r.Property(x => x.VideoUrl).HasMaxLength(500);
            r.Property(x => x.LastError).HasMaxLength(LiveReplay.MaxError);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });

        builder.Entity<LivePin>(p =>
        {
            p.ToTable("LivePins");
            p.Property(x => x.Id).ValueGeneratedNever();
            p.HasOne<LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            p.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => new { x.SessionId, x.PinnedAt });
        });
    }
}
