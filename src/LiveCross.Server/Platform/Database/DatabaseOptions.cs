using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Platform.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL. For SQLite it defaults to <c>livecross.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:ConnectionString is required when Database:Provider is Postgres (e.g. LIVECROSS__Database__ConnectionString=\"Host=...;Database=livecross;Username=...\").",
                [nameof(ConnectionString)]);
        }
    }
}

public sealed class LiveCrossOptions
{
    /// <summary>Folder for the SQLite database and uploaded or generated media; relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed demo sellers, products and accounts into an empty database.</summary>
    public bool DemoData { get; set; } = true;

    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>Uploaded and generated media, served under /media.</summary>
    public string MediaPath => Path.Combine(DataPath, "media");
}
