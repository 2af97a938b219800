using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LiveCross.Server.Events;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Events;

/// <summary>
/// <c>POST /api/v1/events</c>: each event is judged on its own, the good ones are stored with who, where and when,
/// and an event sent again by the same client is counted as a duplicate and stored once.
/// </summary>
public sealed class EventIngestTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private LiveCrossApp App => fixture.App;

    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task Bad_events_are_rejected_with_their_reason_and_the_good_ones_in_the_same_batch_are_kept()
    {
        using var client = App.CreateClient();
        var clientId = EventsApi.ClientId();
        var video = Guid.NewGuid();
        var product = Guid.NewGuid();
        var missingId = EventsApi.Event("like", Now, videoId: video);
        missingId.Remove("eventId");
        var late = EventsApi.Event("view_start", Now, videoId: video);
        late["occurredAt"] = Now.AddDays(-30).ToString("O");
        var ahead = EventsApi.Event("view_start", Now, videoId: video);
        ahead["occurredAt"] = Now.AddHours(1).ToString("O");
        var noOffset = EventsApi.Event("view_start", Now, videoId: video);
        noOffset["occurredAt"] = "2026-12-03T10:00:00";
        var badVideo = EventsApi.Event("view_start", Now);
        badVideo["videoId"] = "not-a-uuid";
        var longId = EventsApi.Event("like", Now, videoId: video, eventId: new string('e', 65));
        var batch = new JsonArray(
            EventsApi.Event("view_start", Now, videoId: video),
            EventsApi.Event("dance", Now, videoId: video),
            missingId,
            EventsApi.Event("watch_progress", Now, videoId: video, percent: 30),
            EventsApi.Event("tag_click", Now, videoId: video),
            late,
            ahead,
            noOffset,
            badVideo,
            longId,
            EventsApi.Event("payment_success", Now, productId: product),
            "not an object",
            EventsApi.Event("product_view", Now, productId: product),
            EventsApi.Event("watch_progress", Now, liveSessionId: Guid.NewGuid(), percent: 50, watchSeconds: 42.5),
            EventsApi.Event("tag_click", Now, liveSessionId: Guid.NewGuid(), productId: product));

        var answer = await client.PostEventsOkAsync(batch, clientId);

        answer.GetProperty("accepted").GetInt32().ShouldBe(4);
        answer.GetProperty("duplicates").GetInt32().ShouldBe(0);
        var rejected = answer.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString()!);
        rejected.Keys.Order().ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        rejected[1].ShouldContain("type 'dance'");
        rejected[2].ShouldContain("eventId is required");
        rejected[3].ShouldContain("percent must be 25, 50, 75 or 100");
        rejected[4].ShouldContain("tag_click needs productId and the videoId or liveSessionId");
        rejected[5].ShouldContain("days old");
        rejected[6].ShouldContain("ahead");
        rejected[7].ShouldContain("Z or an offset");
        rejected[8].ShouldContain("videoId must be a UUID");
        rejected[9].ShouldContain("longer than 64");
        rejected[10].ShouldContain("recorded by the server");
        rejected[11].ShouldContain("JSON object");
        var stored = await App.StoredRowsAsync($"c:{clientId}");
        stored.Select(r => r["type"]).Order().ShouldBe(["product_view", "tag_click", "view_start", "watch_progress"]);
        stored.Single(r => (string)r["type"]! == "watch_progress")["watch_seconds"].ShouldBe(42.5);
    }

    [Fact]
    public async Task An_event_sent_twice_is_a_duplicate_stored_once_within_a_batch_and_when_the_batch_is_retried()
    {
        using var client = App.CreateClient();
        var clientId = EventsApi.ClientId();
        var video = Guid.NewGuid();
        var first = EventsApi.Event("view_start", Now, videoId: video);
        var batch = EventsApi.Batch(first, EventsApi.Event("like", Now, videoId: video), first, EventsApi.Event("share", Now, videoId: video));

        var sent = await client.PostEventsOkAsync(batch, clientId);
        var retried = await client.PostEventsOkAsync(batch, clientId);

        (sent.GetProperty("accepted").GetInt32(), sent.GetProperty("duplicates").GetInt32()).ShouldBe((3, 1));
        (retried.GetProperty("accepted").GetInt32(), retried.GetProperty("duplicates").GetInt32()).ShouldBe((0, 4));
        (await App.StoredRowsAsync($"c:{clientId}")).Count.ShouldBe(3);

        // Event ids are the client's own: another client using the same ids has events of its own.
        var other = EventsApi.ClientId();
        (await client.PostEventsOkAsync(batch, other)).GetProperty("accepted").GetInt32().ShouldBe(3);
        (await App.StoredRowsAsync($"c:{other}")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Events_are_stamped_with_the_anonymous_client_id_from_header_or_cookie_the_market_the_locale_and_the_server_s_time()
    {
        var video = Guid.NewGuid();
        using var byHeader = App.CreateClient();
        var headerId = EventsApi.ClientId();
        await byHeader.PostEventsOkAsync(EventsApi.Batch(EventsApi.Event("view_start", Now, videoId: video)), headerId, "?market=DE&locale=de");

        using var byCookie = App.CreateClient();
        var cookieId = EventsApi.ClientId();
        var request = new HttpRequestMessage(HttpMethod.Post, EventsApi.Events + "?market=JP&locale=ja") { Content = Api.JsonContent(EventsApi.Batch(EventsApi.Event("like", Now, videoId: video))) };
        request.Headers.Add("Cookie", $"{EventIngest.ClientCookie}={cookieId}");
        await (await byCookie.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync();

        var before = Now;
        var header = (await App.StoredRowsAsync($"c:{headerId}")).ShouldHaveSingleItem();
        header["client_id"].ShouldBe(headerId);
        header["user_id"].ShouldBeNull();
        (header["market"], header["locale"], header["source"]).ShouldBe(("DE", "de", "client"));
        ((DateTime)header["received_at"]!).ShouldBeLessThanOrEqualTo(before.UtcDateTime);
        var cookie = (await App.StoredRowsAsync($"c:{cookieId}")).ShouldHaveSingleItem();
        (cookie["client_id"], cookie["market"], cookie["locale"]).ShouldBe((cookieId, "JP", "ja"));
    }

    [Fact]
    public async Task A_signed_in_shopper_s_events_carry_their_user_id_without_a_client_id()
    {
        using var customer = await App.ClientForAsync(DemoAccounts.Customer1);
        var me = await customer.GetJsonAsync("/api/v1/account/me");
        var userId = me.Id();
        var eventId = Guid.NewGuid().ToString();

        (await customer.PostEventsOkAsync(EventsApi.Batch(EventsApi.Event("product_view", Now, productId: Guid.NewGuid(), eventId: eventId)), clientId: null))
            .GetProperty("accepted").GetInt32().ShouldBe(1);

        var row = (await App.StoredRowsAsync($"u:{userId:N}")).Single(r => (string)r["event_id"]! == eventId);
        row["user_id"].ShouldBe(userId);
    }

    [Fact]
    public async Task Every_page_loads_the_tracker_once_and_the_product_page_declares_its_product_view()
    {
        using var browser = App.CreateClient();
        var product = (await browser.GetJsonAsync("/api/v1/products?market=DE&locale=de")).Items()[0].Id();

        var html = await browser.GetStringAsync($"/products/{product}", Api.Cancel);
        var script = await browser.GetAsync("/events/tracker.js", Api.Cancel);

        html.Split("events/tracker.js").Length.ShouldBe(2);
        html.ShouldContain($"data-lc-track=\"product_view\" data-product-id=\"{product}\"");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await script.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain("window.LiveCrossEvents = { track");
    }

    public static TheoryData<string, string?, string> WholeBatchProblems => new()
    {
        { "an object, not an array", EventsApi.ClientId(), """{"eventId":"a","type":"like"}""" },
        { "malformed JSON", EventsApi.ClientId(), """[{"eventId": """ },
        { "empty body", EventsApi.ClientId(), "" },
        { "501 events", EventsApi.ClientId(), "[" + string.Join(',', Enumerable.Repeat("{}", 501)) + "]" },
        { "over 1 MiB", EventsApi.ClientId(), "[" + string.Join(',', Enumerable.Repeat($"{{\"pad\":\"{new string('x', 4000)}\"}}", 300)) + "]" },
        { "no client id and not signed in", null, "[]" },
        { "a client id with a space", "not a valid id", "[]" },
    };

    [Theory]
    [MemberData(nameof(WholeBatchProblems))]
    public async Task A_batch_that_cannot_be_read_as_a_whole_is_a_400_problem_and_stores_nothing(string why, string? clientId, string body)
    {
        using var client = App.CreateClient();
        var writer = App.Services.GetRequiredService<EventWriter>();
        var before = writer.Enqueued;
        var request = new HttpRequestMessage(HttpMethod.Post, EventsApi.Events) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (clientId is not null) request.Headers.Add(EventIngest.ClientHeader, clientId);

        var response = await client.SendAsync(request, Api.Cancel);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty(why);
        writer.Enqueued.ShouldBe(before, why);
    }
}
