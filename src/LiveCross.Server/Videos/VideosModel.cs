using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Videos;

public static class VideosModel
{
    /// <summary>A video or upload belongs to a seller or to a creator, never both, never neither.</summary>
    private const string OneOwner = "(\"SellerId\" IS NULL) <> (\"CreatorId\" IS NULL)";
    /// <summary>Videos and uploads are seller-owned: the tenant filter reads the seller from <paramref name="db"/> per query, as the catalog's does.</summary>
    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<Video>(v =>
        {
            v.ToTable("Videos");
            v.Property(x => x.Id).ValueGeneratedNever();
            v.HasQueryFilter(x => (db.TenantSellerId == null || x.SellerId == db.TenantSellerId) && x.Status != VideoStatus.Deleted);
            v.HasOne<Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
            v.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatorId).OnDelete(DeleteBehavior.Restrict);
            v.ToTable(t => t.HasCheckConstraint("CK_Videos_OneOwner", OneOwner));
            v.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UploadedBy).OnDelete(DeleteBehavior.Restrict);
            v.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            v.Property(x => x.Job).HasConversion<string>().HasMaxLength(20);
            v.Property(x => x.DefaultLocale).HasMaxLength(20);
            v.Property(x => x.SourceKey).HasMaxLength(300);
            v.Property(x => x.LastError).HasMaxLength(Video.MaxError);
            v.Property(x => x.Version).IsConcurrencyToken();
            v.HasIndex(x => new { x.SellerId, x.CreatedAt });
            v.HasIndex(x => new { x.CreatorId, x.CreatedAt });
            v.HasIndex(x => new { x.Status, x.PublishedAt });
            v.HasIndex(x => new { x.Job, x.NextAttemptAt });
            v.HasMany(x => x.Texts).WithOne().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
            v.HasMany(x => x.Markets).WithOne().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
            v.HasMany(x => x.Tags).WithOne().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
            v.HasMany(x => x.Renditions).WithOne().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
            v.HasMany(x => x.Captions).WithOne().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<VideoText>(t =>
        {
            t.ToTable("VideoTexts");
            t.HasKey(x => new { x.VideoId, x.Locale });
            t.Property(x => x.Locale).HasMaxLength(20);
            t.Property(x => x.Title).HasMaxLength(VideoRules.MaxTitle);
            t.Property(x => x.Description).HasMaxLength(VideoRules.MaxDescription);
        });

        builder.Entity<VideoMarket>(m =>
        {
            m.ToTable("VideoMarkets");
            m.HasKey(x => new { x.VideoId, x.MarketCode });
            m.Property(x => x.MarketCode).HasMaxLength(2);
            m.HasIndex(x => x.MarketCode);
        });

        builder.Entity<VideoTag>(t =>
        {
            t.ToTable("VideoTags");
            t.Property(x => x.Id).ValueGeneratedNever();
            t.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
            t.HasIndex(x => new { x.VideoId, x.StartSecond });
        });

        builder.Entity<VideoRendition>(r =>
        {
            r.ToTable("VideoRenditions");
            r.HasKey(x => new { x.VideoId, x.Name });
            r.Property(x => x.Name).HasMaxLength(20);
            r.Property(x => x.Key).HasMaxLength(300);
            r.Property(x => x.ContentType).HasMaxLength(50);
        });

        builder.Entity<VideoCaption>(c =>
        {
            c.ToTable("VideoCaptions");
            c.HasKey(x => new { x.VideoId, x.Locale });
            c.Property(x => x.Locale).HasMaxLength(20);
            c.Property(x => x.Key).HasMaxLength(300);
        });

        builder.Entity<VideoLike>(l =>
        {
            l.ToTable("VideoLikes");
            l.HasKey(x => new { x.VideoId, x.UserId });
            l.HasOne<Video>().WithMany().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
            l.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<VideoComment>(c =>
        {
            c.ToTable("VideoComments");
            c.Property(x => x.Id).ValueGeneratedNever();
            c.HasOne<Video>().WithMany().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            c.Property(x => x.Author).HasMaxLength(VideoComment.MaxAuthor);
            c.Property(x => x.Text).HasMaxLength(2000);
            c.HasIndex(x => new { x.VideoId, x.At });
        });

        builder.Entity<VideoUpload>(u =>
        {
            u.ToTable("VideoUploads");
            u.Property(x => x.Id).ValueGeneratedNever();
            u.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            u.HasOne<Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
            u.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatorId).OnDelete(DeleteBehavior.Restrict);
            u.ToTable(t => t.HasCheckConstraint("CK_VideoUploads_OneOwner", OneOwner));
            u.Property(x => x.FileName).HasMaxLength(VideoRules.MaxFileName);
        });
    }
}
