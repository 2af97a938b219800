using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.Draws;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>
/// A lucky draw publishes its commitment at the start, hides its seed until the end, takes one entry per customer,
/// and is drawn exactly once by the close job, with winners anyone can recompute. The job's own timer is set to an
/// hour so that each test decides when a sweep runs.
/// </summary>
public abstract class LuckyDrawTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task A_draw_runs_from_commitment_to_verified_winners_and_the_seed_stays_hidden_until_the_end()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var anonymous = App.CreateClient();
        var session = await seller.LiveSessionAsync();
        var created = await seller.StartDrawAsync(session, DrawsApi.WatchDraw(winners: 2, seconds: 30, durationSeconds: 120));
        var id = created.Id();
        var seed = await SeedAsync(id);

        var open = await anonymous.GetJsonAsync($"/api/v1/draws/{id}?locale=zh-Hans");
        open.GetProperty("status").GetString().ShouldBe("open");
        open.GetProperty("prize").GetString().ShouldBe("福袋");
        open.GetProperty("commitment").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seed))));
        open.GetProperty("seed").ValueKind.ShouldBe(JsonValueKind.Null);
        open.GetProperty("entrants").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await anonymous.GetAsync($"/api/v1/draws/{id}/verify", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var pageBefore = await anonymous.GetStringAsync($"/draws/{id}/verify", Api.Cancel);
        foreach (var text in new[] { created.GetRawText(), open.GetRawText(), pageBefore }) text.ShouldNotContain(seed, Case.Insensitive);

        using var early = await App.NewCustomerAsync();
        using var patient = await App.NewCustomerAsync();
        (await EnterAsync(early, id)).ShouldBe("NotQualified");
        App.Clock.Advance(TimeSpan.FromSeconds(31));
        (await EnterAsync(early, id)).ShouldBe("Entered");
        (await EnterAsync(early, id)).ShouldBe("AlreadyEntered");
        (await EnterAsync(patient, id)).ShouldBe("Entered");
        var viewers = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var viewer in viewers) (await EnterViaHubAsync(id, viewer, new EntryEvidence.Watched(45))).ShouldBe(EntryOutcome.Entered);
        (await EnterViaHubAsync(id, Guid.NewGuid(), new EntryEvidence.Watched(29))).ShouldBe(EntryOutcome.NotQualified);
        (await anonymous.GetJsonAsync($"/api/v1/draws/{id}")).GetProperty("entrantCount").GetInt32().ShouldBe(8);
        (await anonymous.GetStringAsync($"/api/v1/draws/{id}", Api.Cancel)).ShouldNotContain(seed, Case.Insensitive);

        App.Clock.Advance(TimeSpan.FromSeconds(90));
        (await anonymous.GetJsonAsync($"/api/v1/draws/{id}")).GetProperty("status").GetString().ShouldBe("closing");
        // Two nodes sweep at the same moment: the draw is drawn once.
        var nodeB = ActivatorUtilities.CreateInstance<DrawCloseJob>(App.Services);
        var job = App.Services.GetRequiredService<DrawCloseJob>();
        var sweeps = await Task.WhenAll(job.SweepAsync(Api.Cancel), nodeB.SweepAsync(Api.Cancel));
        sweeps.Sum().ShouldBeGreaterThanOrEqualTo(1);
        var drawn = await anonymous.GetJsonAsync($"/api/v1/draws/{id}");
        (await job.SweepAsync(Api.Cancel)).ShouldBe(0);
        (await anonymous.GetJsonAsync($"/api/v1/draws/{id}")).GetRawText().ShouldBe(drawn.GetRawText(), "a later sweep changes nothing");

        drawn.GetProperty("status").GetString().ShouldBe("drawn");
        drawn.GetProperty("seed").GetString().ShouldBe(seed);
        var entrants = drawn.GetProperty("entrants").EnumerateArray().Select(e => e.GetString()!).ToList();
        var winners = drawn.GetProperty("winnerIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        entrants.Count.ShouldBe(8);
        entrants.ShouldBe(entrants.Order(StringComparer.Ordinal).ToList());
        entrants.ShouldContain(viewers[0].ToString());
        winners.Count.ShouldBe(2);
        winners.ShouldBe(LuckyDrawFairness.Draw(Convert.FromHexString(seed), entrants, 2).Winners);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            (await db.LuckyDrawEntries.CountAsync(e => e.DrawId == id && e.WinnerRank != null, Api.Cancel)).ShouldBe(2);
        }

        var verified = await anonymous.GetJsonAsync($"/api/v1/draws/{id}/verify");
        verified.GetProperty("valid").GetBoolean().ShouldBeTrue(verified.GetRawText());
        verified.GetProperty("steps").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
        (await EnterAsync(await App.NewCustomerAsync(), id)).ShouldBe("Closed");
        (await anonymous.GetJsonAsync($"/api/v1/live-sessions/{session}/draws")).EnumerateArray().ShouldHaveSingleItem().GetRawText().ShouldBe(drawn.GetRawText());
        (await anonymous.GetStringAsync($"/draws/{id}/verify", Api.Cancel)).ShouldContain("data-testid=\"draw-verified\"");
    }

    [Fact]
    public async Task Verification_fails_when_the_published_winners_are_altered_after_the_draw()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        var id = (await seller.StartDrawAsync(session, DrawsApi.WatchDraw(winners: 1, seconds: 1))).Id();
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 5; i++) await EnterViaHubAsync(id, Guid.NewGuid(), new EntryEvidence.Watched(10));
        (await (await seller.PostAsync($"/api/v1/seller/draws/{id}/end", null, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("status").GetString().ShouldBe("drawn");

        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Someone edits the record: the win moves to another entrant.
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var winner = await db.LuckyDrawEntries.Where(e => e.DrawId == id && e.WinnerRank == 0).Select(e => e.Id).SingleAsync(Api.Cancel);
            var other = await db.LuckyDrawEntries.Where(e => e.DrawId == id && e.WinnerRank == null).Select(e => e.Id).FirstAsync(Api.Cancel);
            await db.LuckyDrawEntries.Where(e => e.Id == winner).ExecuteUpdateAsync(s => s.SetProperty(e => e.WinnerRank, (int?)null), Api.Cancel);
            await db.LuckyDrawEntries.Where(e => e.Id == other).ExecuteUpdateAsync(s => s.SetProperty(e => e.WinnerRank, 0), Api.Cancel);
        }

        var result = await App.CreateClient().GetJsonAsync($"/api/v1/draws/{id}/verify");
        result.GetProperty("valid").GetBoolean().ShouldBeFalse();
        result.GetProperty("commitmentMatches").GetBoolean().ShouldBeTrue();
        result.GetProperty("winnersMatch").GetBoolean().ShouldBeFalse();
        (await App.CreateClient().GetStringAsync($"/draws/{id}/verify", Api.Cancel)).ShouldContain("data-testid=\"draw-mismatch\"");
    }

    [Fact]
    public async Task A_phrase_draw_takes_entries_that_post_the_phrase_and_the_seller_can_end_it_early()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = await App.NewCustomerAsync();
        var session = await seller.LiveSessionAsync();
        var id = (await seller.StartDrawAsync(session, DrawsApi.PhraseDraw("Lucky  ME"))).Id();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        (await App.CreateClient().GetJsonAsync($"/api/v1/draws/{id}")).GetProperty("entryRule").GetProperty("phrase").GetString().ShouldBe("lucky me");
        (await EnterViaHubAsync(id, a, new EntryEvidence.Chat("hello everyone"))).ShouldBe(EntryOutcome.NotQualified);
        (await EnterViaHubAsync(id, a, new EntryEvidence.Watched(3600))).ShouldBe(EntryOutcome.NotQualified);
        (await EnterViaHubAsync(id, a, new EntryEvidence.Chat("pick me, LUCKY me!"))).ShouldBe(EntryOutcome.Entered);
        (await EnterViaHubAsync(id, a, new EntryEvidence.Chat("lucky me again"))).ShouldBe(EntryOutcome.AlreadyEntered);
        (await EnterViaHubAsync(id, b, new EntryEvidence.Chat("Lucky me"))).ShouldBe(EntryOutcome.Entered);
        (await EnterViaHubAsync(Guid.NewGuid(), b, new EntryEvidence.Chat("Lucky me"))).ShouldBeNull();
        await (await viewer.PostAsync($"/api/v1/draws/{id}/entries", null, Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var ended = await (await seller.PostAsync($"/api/v1/seller/draws/{id}/end", null, Api.Cancel)).ShouldBeJsonAsync();
        ended.GetProperty("status").GetString().ShouldBe("drawn");
        ended.GetProperty("entrants").EnumerateArray().Select(e => e.GetString()).ShouldBe(new[] { a.ToString(), b.ToString() }.Order(StringComparer.Ordinal));
        ended.GetProperty("winnerIds").GetArrayLength().ShouldBe(1);
        await (await seller.PostAsync($"/api/v1/seller/draws/{id}/end", null, Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await EnterViaHubAsync(id, Guid.NewGuid(), new EntryEvidence.Chat("lucky me"))).ShouldBe(EntryOutcome.Closed);
    }

    [Fact]
    public async Task One_customer_qualifying_many_times_at_once_is_one_entrant()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var session = await seller.LiveSessionAsync();
        var id = (await seller.StartDrawAsync(session, DrawsApi.PhraseDraw("好运来"))).Id();
        var customer = Guid.NewGuid();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => EnterViaHubAsync(id, customer, new EntryEvidence.Chat("好运来!!")))));

        outcomes.Count(o => o == EntryOutcome.Entered).ShouldBe(1);
        outcomes.ShouldAllBe(o => o == EntryOutcome.Entered || o == EntryOutcome.AlreadyEntered);
        (await App.CreateClient().GetJsonAsync($"/api/v1/draws/{id}")).GetProperty("entrantCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Draws_need_a_live_session_of_the_seller_and_valid_terms()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        var scheduled = (await seller1.CreateSessionAsync(LiveApi.Session($"Later {Unique.Word()}"))).Id();
        var live = await seller1.LiveSessionAsync();

        await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Draws(scheduled), DrawsApi.WatchDraw())).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await seller2.SendJsonAsync(HttpMethod.Post, DrawsApi.Draws(live), DrawsApi.WatchDraw())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Draws(live), DrawsApi.WatchDraw(seconds: 500, durationSeconds: 60))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "entryRule.seconds");
        await (await seller1.SendJsonAsync(HttpMethod.Post, DrawsApi.Draws(live), DrawsApi.PhraseDraw("   "))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "entryRule.phrase");
        var id = (await seller1.StartDrawAsync(live, DrawsApi.WatchDraw())).Id();
        (await seller2.PostAsync($"/api/v1/seller/draws/{id}/end", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await App.CreateClient().GetJsonAsync($"/api/v1/draws/{id}")).GetProperty("status").GetString().ShouldBe("open");
    }

    private async Task<string> SeedAsync(Guid drawId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var draw = await db.LuckyDraws.AsNoTracking().SingleAsync(d => d.Id == drawId, Api.Cancel);
        draw.RevealedSeed.ShouldBeNull();
        return scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("LiveCross.Live.Draws.Seed.v1").Unprotect(draw.SealedSeed);
    }

    private async Task<EntryOutcome?> EnterViaHubAsync(Guid drawId, Guid customerId, EntryEvidence evidence)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LuckyDrawService>().EnterAsync(drawId, customerId, evidence, Api.Cancel);
    }

    private static async Task<string> EnterAsync(HttpClient customer, Guid drawId) =>
        (await (await customer.PostAsync($"/api/v1/draws/{drawId}/entries", null, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("outcome").GetString()!;
}

public sealed class DrawsSqliteFixture() : AppFixture(TestDatabase.Sqlite)
{
    protected override void Configure(LiveCrossApp app) => app.WithSetting("Draws:CloseSweepInterval", "01:00:00");
}

public sealed class DrawsPostgresFixture() : AppFixture(TestDatabase.Postgres)
{
    protected override void Configure(LiveCrossApp app) => app.WithSetting("Draws:CloseSweepInterval", "01:00:00");
}

public sealed class LuckyDrawTestsOnSqlite(DrawsSqliteFixture fixture) : LuckyDrawTests(fixture), IClassFixture<DrawsSqliteFixture>;

public sealed class LuckyDrawTestsOnPostgres(DrawsPostgresFixture fixture) : LuckyDrawTests(fixture), IClassFixture<DrawsPostgresFixture>;
