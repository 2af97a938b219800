using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.Draws;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Browser.Tests;

/// <summary>The public page that checks a finished lucky draw, and the form where anyone re-runs it with their own input.</summary>
public sealed class DrawVerifyTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_finished_draw_shows_as_verified_and_a_changed_seed_does_not_match()
    {
        var ct = TestContext.Current.CancellationToken;
        var (drawId, seed, winners) = await FinishedDrawAsync(ct);

        await Page.GotoAsync($"/draws/{drawId}/verify");

        await Expect(Page.GetByTestId("draw-verified")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("draw-mismatch")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("draw-seed")).ToHaveTextAsync(seed);
        await Expect(Page.GetByTestId("draw-winners").Locator("li")).ToHaveTextAsync(winners.ToArray());
        await Expect(Page.GetByTestId("draw-entrant-count")).ToContainTextAsync("4");

        // The form starts from the published figures: checking them as they are matches.
        await Page.GetByTestId("check-button").ClickAsync();
        await Expect(Page.GetByTestId("check-result")).ToHaveAttributeAsync("data-matches", "true");
        await Expect(Page.GetByTestId("check-winners-list").Locator("li")).ToHaveTextAsync(winners.ToArray());

        // One hex digit of the seed changed: neither the commitment nor (in general) the winners match any more.
        var changed = (seed[0] == '0' ? '1' : '0') + seed[1..];
        await Page.GetByTestId("check-seed").FillAsync(changed);
        await Page.GetByTestId("check-button").ClickAsync();
        await Expect(Page.GetByTestId("check-result")).ToHaveAttributeAsync("data-matches", "false");
        await Expect(Page.GetByTestId("check-result")).ToContainTextAsync("Does not match this draw.");
    }

    /// <summary>A phrase draw in a live session of seller 1 with four entrants (entered as the room hub will), ended by the seller.</summary>
    private async Task<(Guid Id, string Seed, IReadOnlyList<string> Winners)> FinishedDrawAsync(CancellationToken ct)
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await ReadAsync(await seller.PostAsJsonAsync("/api/v1/seller/live-sessions", new
        {
            titles = new[] { new { locale = "en", title = "Browser draw " + Guid.NewGuid().ToString("N")[..6] } },
            defaultLocale = "en",
            markets = new[] { "US" },
            scheduledStart = DateTimeOffset.UtcNow.AddDays(1),
        }, ct), HttpStatusCode.Created, ct);
        var sessionId = session.GetProperty("id").GetGuid();
        await ReadAsync(await seller.PostAsync($"/api/v1/seller/live-sessions/{sessionId}/go-live", null, ct), HttpStatusCode.OK, ct);
        var draw = await ReadAsync(await seller.PostAsJsonAsync($"/api/v1/seller/live-sessions/{sessionId}/draws", new
        {
            prize = "Mystery bag",
            winners = 2,
            durationSeconds = 600,
            entryRule = new { kind = "phrase", phrase = "lucky me" },
        }, ct), HttpStatusCode.Created, ct);
        var drawId = draw.GetProperty("id").GetGuid();
        for (var i = 0; i < 4; i++)
        {
            await using var scope = App.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<LuckyDrawService>().EnterAsync(drawId, Guid.NewGuid(), new EntryEvidence.Chat("Lucky me!"), ct)).ShouldBe(EntryOutcome.Entered);
        }
        var ended = await ReadAsync(await seller.PostAsync($"/api/v1/seller/draws/{drawId}/end", null, ct), HttpStatusCode.OK, ct);
        return (drawId, ended.GetProperty("seed").GetString()!, ended.GetProperty("winnerIds").EnumerateArray().Select(w => w.GetString()!).ToList());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken ct)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync(ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, ct);
    }
}
