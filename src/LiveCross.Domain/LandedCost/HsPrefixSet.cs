namespace LiveCross.Domain.LandedCost;

/// <summary>
/// A list of HS prefixes compiled for the hot path: two-digit chapters are a table lookup, longer prefixes a short
/// scan. Built once per rule and cached, so a quote does not compare strings against every chapter of a list.
/// </summary>
public sealed class HsPrefixSet
{
    private readonly bool[] _chapters = new bool[100];
    private readonly string[] _longer;

    public HsPrefixSet(IEnumerable<string>? prefixes)
    {
        var longer = new List<string>();
        foreach (var prefix in prefixes ?? [])
        {
            if (prefix.Length == 2 && char.IsAsciiDigit(prefix[0]) && char.IsAsciiDigit(prefix[1])) _chapters[(prefix[0] - '0') * 10 + prefix[1] - '0'] = true;
            else longer.Add(prefix);
        }
        _longer = [.. longer];
    }

    public bool Contains(string hsDigits)
    {
        if (hsDigits.Length >= 2 && _chapters[(hsDigits[0] - '0') * 10 + hsDigits[1] - '0']) return true;
        foreach (var prefix in _longer)
        {
            if (hsDigits.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
