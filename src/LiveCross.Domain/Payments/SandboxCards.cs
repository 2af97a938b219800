namespace LiveCross.Domain.Payments;

public enum SandboxCardOutcome
{
    Succeeds,
    Declined,
    NeedsAuthentication,
    Unknown,
}

/// <summary>
/// The sandbox provider's test card numbers. They are the numbers Stripe publishes for the same
/// outcomes, so people who know one sandbox know this one.
/// </summary>
public static class SandboxCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string NeedsAuthentication = "4000002500003155";

    /// <summary>What paying with <paramref name="number"/> does; spaces and dashes as people type them are ignored.</summary>
    public static SandboxCardOutcome OutcomeOf(string? number) => Normalize(number) switch
    {
        Succeeds => SandboxCardOutcome.Succeeds,
        Declined => SandboxCardOutcome.Declined,
        NeedsAuthentication => SandboxCardOutcome.NeedsAuthentication,
        _ => SandboxCardOutcome.Unknown,
    };

    /// <summary>"4242 4242 4242 4242" for display.</summary>
    public static string Grouped(string number) =>
        string.Join(' ', Enumerable.Range(0, (number.Length + 3) / 4).Select(i => number.Substring(i * 4, Math.Min(4, number.Length - i * 4))));

    private static string Normalize(string? number) =>
        number is null ? "" : new string(number.Where(c => c is not (' ' or '-')).ToArray());
}
