using System.Text.Json;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Markets;

/// <summary>Brings the market files and the shipped exchange-rate snapshot into the database on start.</summary>
public static class MarketDataSeeder
{
    public static async Task SyncAsync(LiveCrossDbContext db, IReadOnlyList<MarketFile> files, ExchangeRateSnapshot snapshot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Markets.ToDictionaryAsync(m => m.Code, cancellationToken);
        foreach (var file in files)
        {
            var json = JsonSerializer.Serialize(file.Definition, MarketFiles.Json);
            if (!existing.TryGetValue(file.Definition.Code, out var row))
            {
                db.Markets.Add(new MarketRecord { Code = file.Definition.Code, DefinitionJson = json, SourceHash = file.Hash });
            }
            else if (row.SourceHash != file.Hash && !row.EditedByAdmin)
            {
                row.DefinitionJson = json;
                row.SourceHash = file.Hash;
            }
        }

        var known = await db.ExchangeRates
            .Where(r => r.BaseCurrency == snapshot.Base && r.AsOf == snapshot.AsOf)
            .Select(r => r.QuoteCurrency)
            .ToListAsync(cancellationToken);
        foreach (var (quote, rate) in snapshot.Rates)
        {
            if (known.Contains(quote) || quote == snapshot.Base) continue;
            db.ExchangeRates.Add(new ExchangeRateRecord
            {
                BaseCurrency = snapshot.Base,
                QuoteCurrency = quote,
                Rate = rate,
                Source = snapshot.Source,
                AsOf = snapshot.AsOf,
                CreatedAt = clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
