namespace LiveCross.Server.Platform.Database;

/// <summary>A row that users change: stamped with UTC creation and update times on save.</summary>
public interface ITimestamped
{
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A row where a lost update would hurt (stock, prices): <see cref="Version"/> is an optimistic
/// concurrency token renewed on every save, so two editors cannot silently overwrite each other.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
