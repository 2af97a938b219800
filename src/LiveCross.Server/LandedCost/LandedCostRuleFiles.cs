using LiveCross.Domain.LandedCost;

namespace LiveCross.Server.LandedCost;

/// <summary>Reads <c>LandedCost/Data/Regimes/*.json</c> and <c>Tariffs/*.json</c>; any broken file stops the start.</summary>
public static class LandedCostRuleFiles
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "LandedCost", "Data");

    public static RuleBook Load(string folder, IReadOnlyCollection<string> requiredMarkets)
    {
        var regimes = Path.Combine(folder, "Regimes");
        var tariffs = Path.Combine(folder, "Tariffs");
        foreach (var dir in new[] { regimes, tariffs })
        {
            if (!Directory.Exists(dir)) throw new ImportRuleDataException($"Import rule folder '{dir}' does not exist.");
        }
        var book = ImportRuleFiles.Parse(Read(regimes), Read(tariffs));
        var missing = requiredMarkets.Where(m => !book.TryGet(m, out _)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new ImportRuleDataException($"Import rule folder '{regimes}': no regime file for market(s) {string.Join(", ", missing)} (each market needs Regimes/{{CODE}}.json).");
        return book;
    }

    private static IEnumerable<RuleFileText> Read(string folder) =>
        Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(p => new RuleFileText(Path.GetFileName(p), File.ReadAllText(p)));
}
