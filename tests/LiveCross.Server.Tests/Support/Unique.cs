namespace LiveCross.Server.Tests.Support;

/// <summary>Names no other test uses, so tests sharing one app do not see each other's data.</summary>
public static class Unique
{
    /// <summary>A lower-case word of letters only, e.g. "qkzmfwtr": safe inside titles and searchable.</summary>
    public static string Word()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return new string(bytes.Take(8).Select(b => (char)('a' + b % 26)).ToArray());
    }

    public static string Sku(string prefix = "T") => $"{prefix}-{Guid.NewGuid().ToString("N")[..16].ToUpperInvariant()}";

    public static string Email(string prefix = "user") => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}@example.test";

    /// <summary>A valid EAN-13: twelve random digits and their GS1 mod-10 check digit.</summary>
    public static string Gtin()
    {
        var data = string.Concat(Guid.NewGuid().ToByteArray().Take(12).Select(b => (char)('0' + b % 10)));
        return data + CheckDigit(data);
    }

    /// <summary>The same EAN-13 with its check digit off by one: a typo a barcode check must catch.</summary>
    public static string GtinWithWrongCheckDigit()
    {
        var valid = Gtin();
        return valid[..^1] + (char)('0' + (valid[^1] - '0' + 1) % 10);
    }

    private static int CheckDigit(string data)
    {
        var sum = data.Reverse().Select((c, i) => (c - '0') * (i % 2 == 0 ? 3 : 1)).Sum();
        return (10 - sum % 10) % 10;
    }
}
