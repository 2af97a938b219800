using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Domain.Live;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Live;

public abstract class LiveSessionApiTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private async Task<Guid> ProductOfAsync(HttpClient seller) =>
        (await seller.CreateProductAsync(ProductBuilder.Titled($"Ring Light {Unique.Word()}").Variant(Unique.Sku("VW"), 25.00m))).Id();

    [Fact]
    public async Task A_seller_schedules_a_session_and_sees_its_stream_key_only_in_that_answer()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var first = await ProductOfAsync(seller);
        var second = await ProductOfAsync(seller);
        var title = $"Desk setup night {Unique.Word()}";

        var created = await seller.CreateSessionAsync(LiveApi.Session(title, second, first));

        var key = created.GetProperty("streamKey").GetString()!;
        StreamKeys.IsWellFormed(key).ShouldBeTrue(key);
        created.GetProperty("ingestUrl").GetString().ShouldBe("rtmp://127.0.0.1:1935/live");
        created.GetProperty("streamKeyHint").GetString().ShouldBe("…" + key[^4..]);
        created.Status().ShouldBe("scheduled");
        created.GetProperty("products").EnumerateArray().Select(p => p.GetGuid()).ShouldBe([second, first]);
        created.GetProperty("markets").EnumerateArray().Select(m => m.GetString()).ShouldBe(["DE", "GB"]);
        var read = await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{created.Id()}");
        read.GetProperty("streamKey").ValueKind.ShouldBe(JsonValueKind.Null);
        read.GetRawText().ShouldNotContain(key[4..]);
        (await seller.GetJsonAsync($"{LiveApi.SellerSessions}?status=scheduled&pageSize=100")).Ids().ShouldContain(created.Id());
    }

    [Fact]
    public async Task A_session_is_changed_deleted_or_given_a_new_key_only_while_scheduled()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var product = await ProductOfAsync(seller);
        var created = await seller.CreateSessionAsync(LiveApi.Session("Before", product));
        var id = created.Id();
        var change = LiveApi.Session("After", product);
        change["markets"] = new JsonArray("JP");
        change["version"] = created.GetProperty("version").GetGuid();

        var changed = await (await seller.SendJsonAsync(HttpMethod.Put, $"{LiveApi.SellerSessions}/{id}", change)).ShouldBeJsonAsync();
        var stale = await seller.SendJsonAsync(HttpMethod.Put, $"{LiveApi.SellerSessions}/{id}", change);
        var rotated = await (await seller.MoveAsync(id, "stream-key")).ShouldBeJsonAsync();
        var live = await (await seller.MoveAsync(id, "go-live")).ShouldBeJsonAsync();
        change["version"] = live.GetProperty("version").GetGuid();
        var changeWhileLive = await seller.SendJsonAsync(HttpMethod.Put, $"{LiveApi.SellerSessions}/{id}", change);
        var deleteWhileLive = await seller.DeleteAsync($"{LiveApi.SellerSessions}/{id}", Api.Cancel);
        var rotateWhileLive = await seller.MoveAsync(id, "stream-key");
        var ended = await (await seller.MoveAsync(id, "end")).ShouldBeJsonAsync();
        var liveAgain = await seller.MoveAsync(id, "go-live");

        changed.GetProperty("titles")[0].GetProperty("title").GetString().ShouldBe("After (DE)");
        changed.GetProperty("markets").EnumerateArray().Select(m => m.GetString()).ShouldBe(["JP"]);
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        rotated.GetProperty("streamKey").GetString().ShouldNotBe(created.GetProperty("streamKey").GetString());
        live.Status().ShouldBe("live");
        live.GetProperty("source").GetString().ShouldBe("manual");
        await changeWhileLive.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await deleteWhileLive.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await rotateWhileLive.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        ended.Status().ShouldBe("ended");
        ended.GetProperty("endedAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(ended.GetProperty("startedAt").GetDateTimeOffset());
        (await liveAgain.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("A session that is ended cannot become live.");
        var history = ended.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}").ToList();
        history.ShouldBe(["scheduled>live", "live>ended"]);
        ended.GetProperty("history")[0].GetProperty("actor").GetString().ShouldStartWith("account:");
    }

    [Fact]
    public async Task A_scheduled_session_can_be_deleted()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var created = await seller.CreateSessionAsync(LiveApi.Session("Cancelled show"));

        (await seller.DeleteAsync($"{LiveApi.SellerSessions}/{created.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await seller.GetAsync($"{LiveApi.SellerSessions}/{created.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewers_see_live_and_upcoming_sessions_of_their_market_and_what_to_play()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = App.CreateClient();
        var word = Unique.Word();
        var upcoming = await seller.CreateSessionAsync(LiveApi.Session($"Upcoming {word}"));
        var live = await seller.CreateSessionAsync(LiveApi.Session($"Live {word}"));
        await (await seller.MoveAsync(live.Id(), "go-live")).ShouldBeJsonAsync();

        var germany = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}?market=DE&locale=de");
        var japan = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}?market=JP");
        var one = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/{live.Id()}?locale=de");
        var scheduled = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/{upcoming.Id()}");

        germany.GetProperty("live").EnumerateArray().Select(s => s.Id()).ShouldContain(live.Id());
        germany.GetProperty("upcoming").EnumerateArray().Select(s => s.Id()).ShouldContain(upcoming.Id());
        germany.GetProperty("upcoming").EnumerateArray().Select(s => s.Id()).ShouldNotContain(live.Id());
        japan.GetProperty("live").EnumerateArray().Concat(japan.GetProperty("upcoming").EnumerateArray()).Select(s => s.Id()).ShouldNotContain(live.Id());
        one.GetProperty("title").GetString().ShouldBe($"Live {word} (DE)");
        one.GetProperty("seller").GetProperty("name").GetString().ShouldBe("Shenzhen VoltWave Electronics");
        one.GetProperty("host").GetString().ShouldBe("Li Wei (VoltWave)");
        one.GetProperty("playback").GetProperty("kind").GetString().ShouldBe("video");
        scheduled.GetProperty("playback").ValueKind.ShouldBe(JsonValueKind.Null);
        one.GetRawText().ShouldNotContain("streamKey", Case.Insensitive);
    }

    [Fact]
    public async Task The_demo_data_has_a_live_and_a_scheduled_VoltWave_session_with_a_line_up()
    {
        using var viewer = App.CreateClient();

        var germany = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}?market=DE");

        var demo = germany.GetProperty("live").EnumerateArray().Concat(germany.GetProperty("upcoming").EnumerateArray())
            .Where(s => s.GetProperty("title").GetString()!.StartsWith("VoltWave Live", StringComparison.Ordinal) || s.GetProperty("title").GetString()!.StartsWith("Smart home week", StringComparison.Ordinal))
            .ToList();
        demo.Select(s => s.Status()).ShouldBe(["live", "scheduled"], ignoreOrder: true);
        demo.ShouldAllBe(s => s.GetProperty("products").GetArrayLength() > 0);
        var live = demo.Single(s => s.Status() == "live").GetProperty("playback");
        live.GetProperty("kind").GetString().ShouldBe("video");
        // ffmpeg made the demo video at seeding when it is installed; otherwise there is honestly nothing to play.
        var url = live.GetProperty("url");
        if (File.Exists("/usr/bin/ffmpeg"))
            (await viewer.GetAsync(url.GetString(), Api.Cancel)).Content.Headers.ContentType?.MediaType.ShouldBe("video/mp4");
        else
            url.ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_line_up_and_the_host_must_be_the_sellers_own()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var customer = await App.ClientForAsync(DemoAccounts.Customer1);
        using var creator = await App.ClientForAsync(DemoAccounts.Creator);
        var theirs = (await seller2.CreateProductAsync(ProductBuilder.Titled($"Silk Scarf {Unique.Word()}").Category("apparel/accessories").HsCode("611780"))).Id();
        var customerId = (await customer.GetJsonAsync("/api/v1/account/me")).Id();
        var creatorId = (await creator.GetJsonAsync("/api/v1/account/me")).Id();
        var seller2Id = (await seller2.GetJsonAsync("/api/v1/account/me")).Id();
        var withTheirProduct = LiveApi.Session("Borrowed goods", theirs);
        var customerHost = LiveApi.Session("Customer host");
        customerHost["hostAccountId"] = customerId.ToString();
        var otherStaffHost = LiveApi.Session("Other seller's staff");
        otherStaffHost["hostAccountId"] = seller2Id.ToString();
        var creatorHost = LiveApi.Session("With a creator");
        creatorHost["hostAccountId"] = creatorId.ToString();

        await (await seller1.SendJsonAsync(HttpMethod.Post, LiveApi.SellerSessions, withTheirProduct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "products[0]");
        await (await seller1.SendJsonAsync(HttpMethod.Post, LiveApi.SellerSessions, customerHost)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "hostAccountId");
        await (await seller1.SendJsonAsync(HttpMethod.Post, LiveApi.SellerSessions, otherStaffHost)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "hostAccountId");
        (await seller1.CreateSessionAsync(creatorHost)).GetProperty("hostAccountId").GetGuid().ShouldBe(creatorId);
    }

    [Fact]
    public async Task An_admin_gets_the_nginx_config_with_the_callbacks_of_this_server_and_a_secret_that_the_callbacks_demand()
    {
        using var admin = await App.ClientForAsync(DemoAccounts.Admin);
        using var mediaServer = App.CreateClient();

        var response = await admin.GetAsync("/api/v1/admin/media-server/nginx.conf?dataFolder=/srv/livecross/media-server&rtmpPort=1936&httpPort=8089", Api.Cancel);

        var config = await response.Content.ReadAsStringAsync(Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, config);
        config.ShouldContain("listen 127.0.0.1:1936;");
        config.ShouldContain("listen 127.0.0.1:8089;");
        config.ShouldContain("hls_path /srv/livecross/media-server/hls;");
        config.ShouldContain("hls_fragment 2s;");
        var onPublish = System.Text.RegularExpressions.Regex.Match(config, @"on_publish (\S+);").Groups[1].Value;
        onPublish.ShouldStartWith("http://localhost/api/v1/live/ingest/publish?secret=lmc_");
        onPublish.ShouldEndWith("&relay=rtmp://127.0.0.1:1936/hls");
        var path = onPublish["http://localhost".Length..];
        var form = new FormUrlEncodedContent([new("app", "live"), new("name", StreamKeys.New()), new("addr", "127.0.0.1")]);
        var madeUpKey = await (await mediaServer.PostAsync(path, form, Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var wrongSecret = await (await mediaServer.PostAsync(path.Replace("secret=lmc_", "secret=lmc_0", StringComparison.Ordinal), form, Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        madeUpKey.GetProperty("detail").GetString().ShouldBe("No such stream key.");
        wrongSecret.GetProperty("detail").GetString().ShouldBe("The callback secret is missing or wrong.");
    }

    [Fact]
    public async Task Another_seller_gets_404_for_a_sellers_session_and_changes_nothing()
    {
        using var owner = await App.ClientForAsync(DemoAccounts.Seller1);
        using var stranger = await App.ClientForAsync(DemoAccounts.Seller2);
        var session = await owner.CreateSessionAsync(LiveApi.Session("Mine"));
        var id = session.Id();
        var before = (await owner.GetJsonAsync($"{LiveApi.SellerSessions}/{id}")).GetRawText();
        var change = LiveApi.Session("Hijacked");
        change["version"] = session.GetProperty("version").GetGuid();

        var answers = new[]
        {
            await stranger.GetAsync($"{LiveApi.SellerSessions}/{id}", Api.Cancel),
            await stranger.SendJsonAsync(HttpMethod.Put, $"{LiveApi.SellerSessions}/{id}", change),
            await stranger.DeleteAsync($"{LiveApi.SellerSessions}/{id}", Api.Cancel),
            await stranger.MoveAsync(id, "stream-key"),
            await stranger.MoveAsync(id, "go-live"),
            await stranger.MoveAsync(id, "end"),
        };

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.NotFound);
        (await stranger.GetJsonAsync($"{LiveApi.SellerSessions}?pageSize=100")).Ids().ShouldNotContain(id);
        (await owner.GetJsonAsync($"{LiveApi.SellerSessions}/{id}")).GetRawText().ShouldBe(before);
    }
}

public sealed class LiveSessionApiTestsOnSqlite(SqliteAppFixture fixture) : LiveSessionApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class LiveSessionApiTestsOnPostgres(PostgresAppFixture fixture) : LiveSessionApiTests(fixture), IClassFixture<PostgresAppFixture>;
