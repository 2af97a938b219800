using LiveCross.Domain.LandedCost;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.LandedCost;

/// <summary>A broken import-rule file stops the server's start with a message naming the file, the entry and the field.</summary>
public sealed class BrokenRuleFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "livecross-rules-" + Guid.NewGuid().ToString("N")[..12]);

    public BrokenRuleFileTests()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "LandedCost", "Data");
        foreach (var file in Directory.GetFiles(shipped, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Exception StartFails()
    {
        using var app = new LiveCrossApp(TestDatabase.Sqlite, demoData: false).WithSetting("LandedCost:DataPath", _folder);
        return Should.Throw<Exception>(() => _ = app.Server);
    }

    private static ImportRuleDataException RuleError(Exception e) =>
        e as ImportRuleDataException ?? e.InnerException as ImportRuleDataException ?? throw new ShouldAssertException($"Not a rule-file error: {e}");

    [Fact]
    public void A_rate_out_of_range_stops_the_start_naming_file_entry_and_field()
    {
        var path = Path.Combine(_folder, "Regimes", "CA.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"NS\": 14", "\"NS\": 140", StringComparison.Ordinal));

        RuleError(StartFails()).Message.ShouldBe("Import rule file CA.json: entry CA-2025-04-01: field tax.regionalRatesPercent.NS: Between 0 and 100.");
    }

    [Fact]
    public void A_market_without_a_regime_file_stops_the_start()
    {
        File.Delete(Path.Combine(_folder, "Regimes", "VN.json"));

        RuleError(StartFails()).Message.ShouldContain("no regime file for market(s) VN");
    }
}
