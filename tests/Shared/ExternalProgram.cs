namespace LiveCross.Testing;

/// <summary>
/// Locates a program a test needs (PostgreSQL, Chromium, ...). When it is absent a plain
/// <c>dotnet test</c> skips the test with the reason; under CI=true nothing may be skipped, so the
/// test fails instead. <c>./scripts/test</c> installs every such program first.
/// </summary>
public static class ExternalProgram
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(params string[] candidates) =>
        candidates.SelectMany(Expand).FirstOrDefault(File.Exists);

    /// <summary>Skips (or, under CI, fails) the calling test when <paramref name="path"/> is null.</summary>
    public static string Require(string? path, string what)
    {
        if (path is not null) return path;
        var reason = $"{what} is not installed; ./scripts/test installs it.";
        if (IsCi) throw new InvalidOperationException($"CI=true and {reason}");
        Xunit.Assert.Skip(reason);
        return "";
    }

    /// <summary>One '*' stands for a folder name, e.g. /usr/lib/postgresql/*/bin/initdb (newest version first).</summary>
    private static IEnumerable<string> Expand(string candidate)
    {
        var star = candidate.IndexOf('*', StringComparison.Ordinal);
        if (star < 0) return [candidate];
        var parent = candidate[..star];
        var rest = candidate[(star + 1)..];
        if (!Directory.Exists(parent)) return [];
        return Directory.GetDirectories(parent).OrderDescending(StringComparer.Ordinal).Select(d => d + rest);
    }
}
