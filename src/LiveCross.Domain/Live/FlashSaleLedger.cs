namespace LiveCross.Domain.Live;

/// <summary>What a purchase attempt in a flash sale gets. Refusals are answers, not errors.</summary>
public enum AttemptOutcome
{
    /// <summary>Units are held for the buyer, who pays before the claim's deadline or gives them back.</summary>
    Accepted,

    /// <summary>Fewer units are left than were asked for.</summary>
    SoldOut,

    /// <summary>The buyer's claims would go above the sale's per-customer limit.</summary>
    LimitReached,

    /// <summary>The sale is over (its time ran out, or the host ended it).</summary>
    Ended,
}

/// <summary>The fixed terms of a flash sale.</summary>
public sealed record FlashSaleTerms(int Quantity, int PerCustomerLimit, DateTimeOffset EndsAt);

/// <summary>
/// Decides attempts one after another against the units a sale has left. The caller reads <paramref name="claimed"/>
/// and each buyer's held units while holding the sale's lock, decides a whole batch here, and writes the accepted
/// claims and the new <see cref="Claimed"/> before releasing it: the ledger never lets <see cref="Claimed"/> pass
/// <see cref="FlashSaleTerms.Quantity"/>, so no interleaving of batches can oversell.
/// </summary>
public sealed class FlashSaleLedger(FlashSaleTerms terms, int claimed, bool endedByHost)
{
    public FlashSaleTerms Terms { get; } = terms;

    public int Claimed { get; private set; } = claimed;

    public int Remaining => Terms.Quantity - Claimed;

    public bool IsOver(DateTimeOffset now) => endedByHost || now >= Terms.EndsAt;

    /// <param name="heldByBuyer">Units the buyer already holds or has paid for in this sale.</param>
    public AttemptOutcome Decide(int heldByBuyer, int quantity, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        if (IsOver(now)) return AttemptOutcome.Ended;
        if (heldByBuyer + quantity > Terms.PerCustomerLimit) return AttemptOutcome.LimitReached;
        if (quantity > Remaining) return AttemptOutcome.SoldOut;
        Claimed += quantity;
        return AttemptOutcome.Accepted;
    }
}
