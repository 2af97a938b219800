using LiveCross.Server.Platform.Database;

namespace LiveCross.Server.Markets;

/// <summary>
/// The live copy of a market definition. Seeded from <c>Markets/Data/{code}.json</c>; a file that
/// changes updates the row on the next start unless a platform admin has edited the market since.
/// </summary>
public sealed class MarketRecord : ITimestamped, IVersioned
{
    public required string Code { get; set; }

    /// <summary>The <see cref="LiveCross.Domain.Markets.MarketDefinition"/> as JSON.</summary>
    public required string DefinitionJson { get; set; }

    /// <summary>SHA-256 of the file the row was last loaded from.</summary>
    public required string SourceHash { get; set; }

    public bool EditedByAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }
}

public sealed class ExchangeRateRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string BaseCurrency { get; set; }

    public required string QuoteCurrency { get; set; }

    public decimal Rate { get; set; }

    public required string Source { get; set; }

    public DateOnly AsOf { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
