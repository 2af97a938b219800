using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Videos;

/// <summary>Creators upload and publish their own videos, tag any seller's products sold in the video's markets, and their share links credit them on orders.</summary>
public abstract class CreatorVideoTests(OrdersAppFixture fixture)
{
    private const string Creator = "/api/v1/creator/videos";

    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task A_creator_uploads_a_video_tags_another_sellers_product_publishes_it_and_viewers_see_who_made_it()
    {
        var file = await VideosApi.MakeAsync(320, 240, 2);
        using var creator = await App.ClientForAsync(DemoAccounts.Creator);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        var scarf = await seller2.StockedSkuAsync(150.00m, 5);

        var created = await (await UploadAsync(creator, file, "travel.mp4")).ShouldBeJsonAsync(HttpStatusCode.Created);
        var id = created.Id();
        var done = await WaitForJobAsync(creator, id);
        done.GetProperty("job").GetString().ShouldBe("done", done.ToString());
        done.GetProperty("status").GetString().ShouldBe("ready");
        var rendition = done.GetProperty("files").EnumerateArray().First(f => f.GetProperty("name").GetString()!.EndsWith('p')).GetProperty("url").GetString();
        (await VideosApi.ProbeAsync(await creator.GetByteArrayAsync(rendition, Api.Cancel))).VideoCodec.ShouldBe("h264");
        (await creator.GetJsonAsync(Creator)).Ids().ShouldContain(id);

        var tagged = await (await creator.SendJsonAsync(HttpMethod.Put, $"{Creator}/{id}/tags", Tags((scarf.ProductId, 0.2, 1.5)))).ShouldBeJsonAsync();
        tagged.GetProperty("tags")[0].GetProperty("productId").GetGuid().ShouldBe(scarf.ProductId);
        await (await creator.SendJsonAsync(HttpMethod.Put, $"{Creator}/{id}", new JsonObject { ["texts"] = new JsonArray(new JsonObject { ["locale"] = "en", ["title"] = "Silk for the evening" }) }))
            .ShouldBeJsonAsync();
        (await (await creator.PostAsync($"{Creator}/{id}/publish", null, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("status").GetString().ShouldBe("published");

        using var viewer = App.CreateClient();
        var shown = await viewer.GetJsonAsync($"/api/v1/videos/{id}?market=DE&locale=en");
        shown.GetProperty("creator").GetString().ShouldBe("Mia Creator");
        shown.GetProperty("tags")[0].GetProperty("productId").GetGuid().ShouldBe(scarf.ProductId);
        (await viewer.GetJsonAsync("/api/v1/videos?market=DE")).Items().Single(v => v.Id() == id).GetProperty("creator").GetString().ShouldBe("Mia Creator");
        var page = await viewer.GetStringAsync($"/videos/{id}", Api.Cancel);
        page.ShouldContain("by Mia Creator");
        page.ShouldContain("Silk for the evening");
    }

    [Fact]
    public async Task Another_creator_and_seller_staff_cannot_see_or_change_a_creators_video()
    {
        var (creatorId, _) = await CreatorAsync(DemoAccounts.Creator);
        var video = await CreatorVideoAsync(creatorId, VideoStatus.Ready, "DE");
        var (_, otherEmail) = await CreatorAsync(Unique.Email("creator"));
        using var other = await App.ClientForAsync(otherEmail);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var owner = await App.ClientForAsync(DemoAccounts.Creator);
        var before = (await owner.GetJsonAsync($"{Creator}/{video}")).GetRawText();

        foreach (var (client, root) in new[] { (other, Creator), (seller, VideosApi.Seller) })
        {
            (await client.GetAsync($"{root}/{video}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.SendJsonAsync(HttpMethod.Put, $"{root}/{video}", new JsonObject { ["markets"] = new JsonArray("FR") })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.SendJsonAsync(HttpMethod.Put, $"{root}/{video}/tags", new JsonObject { ["tags"] = new JsonArray() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsync($"{root}/{video}/publish", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsync($"{root}/{video}/hide", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.DeleteAsync($"{root}/{video}/captions/de", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.DeleteAsync($"{root}/{video}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetJsonAsync(root)).Ids().ShouldNotContain(video);
        }
        (await seller.GetAsync(Creator, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.GetAsync(VideosApi.Seller, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // An unpublished video's files are the owner's alone.
        using var anonymous = App.CreateClient();
        (await anonymous.GetAsync($"/api/v1/videos/{video}/files/360p.mp4", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.GetJsonAsync($"{Creator}/{video}")).GetRawText().ShouldBe(before);

        // The creator deletes their own.
        (await owner.DeleteAsync($"{Creator}/{video}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.GetAsync($"{Creator}/{video}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.GetJsonAsync(Creator)).Ids().ShouldNotContain(video);
    }

    [Fact]
    public async Task A_tag_of_a_product_not_sold_in_the_videos_markets_or_not_active_is_refused_naming_it_and_changes_nothing()
    {
        var (creatorId, _) = await CreatorAsync(DemoAccounts.Creator);
        var video = await CreatorVideoAsync(creatorId, VideoStatus.Ready, "DE", "FR");
        using var creator = await App.ClientForAsync(DemoAccounts.Creator);
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        var sold = await seller1.StockedSkuAsync(20.00m, 5);
        await (await creator.SendJsonAsync(HttpMethod.Put, $"{Creator}/{video}/tags", Tags((sold.ProductId, 0, 2)))).ShouldBeJsonAsync();
        var before = (await creator.GetJsonAsync($"{Creator}/{video}")).GetRawText();

        var blocked = await seller1.StockedSkuAsync(30.00m, 5);
        foreach (var market in new[] { "DE", "FR" })
            await (await seller1.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{blocked.ProductId}/markets/{market}", new JsonObject { ["blocked"] = true, ["reason"] = "Not certified" }))
                .ShouldBeJsonAsync();
        var notSold = await (await creator.SendJsonAsync(HttpMethod.Put, $"{Creator}/{video}/tags", Tags((sold.ProductId, 0, 2), (blocked.ProductId, 1, 3))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[1].productId");
        var message = notSold.GetProperty("errors").GetProperty("tags[1].productId")[0].GetString()!;
        message.ShouldContain(blocked.ProductId.ToString());
        message.ShouldContain("DE, FR");

        var draft = await seller1.CreateProductAsync(ProductBuilder.Titled($"Draft cable {Unique.Word()}").Variant(Unique.Sku("DRF"), 5m).Status("draft"));
        (await (await creator.SendJsonAsync(HttpMethod.Put, $"{Creator}/{video}/tags", Tags((draft.Id(), 0, 1))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[0].productId")).GetProperty("errors").GetProperty("tags[0].productId")[0].GetString()!.ShouldContain("not on sale");
        await (await creator.SendJsonAsync(HttpMethod.Put, $"{Creator}/{video}/tags", Tags((Guid.NewGuid(), 0, 1)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[0].productId");

        (await creator.GetJsonAsync($"{Creator}/{video}")).GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task An_order_placed_after_following_a_creators_share_link_records_the_creator_and_video_for_the_seller()
    {
        var (creatorId, _) = await CreatorAsync(DemoAccounts.Creator);
        var video = await CreatorVideoAsync(creatorId, VideoStatus.Published, "DE");
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        var scarf = await seller2.StockedSkuAsync(150.00m, 5);
        using var shopper = App.CreateClient();
        using var creator = await App.ClientForAsync(DemoAccounts.Creator);
        // The link the creator shares (API and page alike) carries their id; anyone else's is the plain page.
        var shareUrl = (await creator.GetJsonAsync($"/api/v1/videos/{video}?market=DE")).GetProperty("shareUrl").GetString();
        shareUrl.ShouldBe($"/videos/{video}?ref={creatorId}");
        (await shopper.GetJsonAsync($"/api/v1/videos/{video}?market=DE")).GetProperty("shareUrl").GetString().ShouldBe($"/videos/{video}");
        (await seller2.GetJsonAsync($"/api/v1/videos/{video}?market=DE")).GetProperty("shareUrl").GetString().ShouldBe($"/videos/{video}");

        var opened = await shopper.GetAsync(shareUrl, Api.Cancel);
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        opened.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(CreatorReferrals.Cookie + "=", StringComparison.Ordinal));
        var order = await shopper.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("referred"), (scarf.Sku, 1)));

        var seen = await seller2.GetJsonAsync($"/api/v1/seller/orders/{order.Id()}");
        var referral = seen.GetProperty("referral");
        referral.GetProperty("creatorId").GetGuid().ShouldBe(creatorId);
        referral.GetProperty("creator").GetString().ShouldBe("Mia Creator");
        referral.GetProperty("videoId").GetGuid().ShouldBe(video);
        referral.GetProperty("video").GetString().ShouldBe("Creator's pick");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var stored = await db.Orders.IgnoreQueryFilters().SingleAsync(o => o.Id == order.Id(), Api.Cancel);
        (stored.ReferredByCreatorId, stored.ReferredFromVideoId).ShouldBe((creatorId, video));

        using var browser = App.CreateClient();
        (await browser.SubmitAsync("/account/login", [new("_handler", "login"), new("Input.Email", DemoAccounts.Seller2), new("Input.Password", DemoAccounts.Password)]))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = WebUtility.HtmlDecode(await browser.GetStringAsync($"/seller/orders/{order.Id()}", Api.Cancel));
        detail.ShouldContain("via Mia Creator's video “Creator's pick”");
    }

    [Fact]
    public async Task A_forged_or_garbage_referral_cookie_is_ignored_and_the_order_is_still_placed()
    {
        var (creatorId, _) = await CreatorAsync(DemoAccounts.Creator);
        var video = await CreatorVideoAsync(creatorId, VideoStatus.Published, "DE");
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        var scarf = await seller2.StockedSkuAsync(150.00m, 20);
        var customer = await UserIdAsync(DemoAccounts.Customer1);
        var protector = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(CreatorReferrals.Purpose);
        var cookies = new[]
        {
            "garbage",
            creatorId.ToString(),
            new string('x', 5000),
            protector.Protect($"{customer:N}.{video:N}"),
            protector.Protect($"{creatorId:N}.{Guid.NewGuid():N}"),
            protector.Protect("not-two-ids"),
        };
        foreach (var cookie in cookies)
        {
            using var shopper = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
            var request = new HttpRequestMessage(HttpMethod.Post, OrdersApi.Orders) { Content = Api.JsonContent(OrdersApi.GuestOrder(Unique.Email("forged"), (scarf.Sku, 1))) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            request.Headers.Add("Cookie", $"{CreatorReferrals.Cookie}={cookie}");
            var order = await (await shopper.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync(HttpStatusCode.Created);
            var seen = await seller2.GetJsonAsync($"/api/v1/seller/orders/{order.Id()}");
            (seen.TryGetProperty("referral", out var referral) ? referral.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null, cookie);
        }

        using var follower = App.CreateClient();
        var notCreator = await follower.GetAsync($"/videos/{video}?ref={customer}", Api.Cancel);
        notCreator.StatusCode.ShouldBe(HttpStatusCode.OK);
        (notCreator.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).ShouldNotContain(c => c.StartsWith(CreatorReferrals.Cookie + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_data_has_a_published_video_by_the_demo_creator_tagging_products_of_two_sellers()
    {
        _ = VideosApi.Ffmpeg; // the demo videos reuse the demo live video that ffmpeg makes at the first start
        var (creatorId, _) = await CreatorAsync(DemoAccounts.Creator);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var demo = await db.Videos.Include(v => v.Tags).Include(v => v.Texts).AsSplitQuery()
            .SingleAsync(v => v.CreatorId == creatorId && v.Texts.Any(t => t.Title == "Mia's travel picks"), Api.Cancel);

        demo.Status.ShouldBe(VideoStatus.Published);
        demo.SellerId.ShouldBeNull();
        var tagged = demo.Tags.Select(t => t.ProductId).ToList();
        (await db.Products.Where(p => tagged.Contains(p.Id)).Select(p => p.SellerId).Distinct().CountAsync(Api.Cancel)).ShouldBe(2);
        using var viewer = App.CreateClient();
        (await viewer.GetJsonAsync($"/api/v1/videos/{demo.Id}?market=DE")).GetProperty("creator").GetString().ShouldBe("Mia Creator");

        // The feed takes a creator's video like any other published one.
        await App.Services.GetRequiredService<Server.Recommendations.RecommendationRetrainer>().RetrainAsync(Api.Cancel);
        var clientId = "test-" + Guid.NewGuid().ToString("N");
        string? cursor = null;
        JsonElement? found = null;
        for (var pages = 0; pages < 70 && found is null; pages++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/feed?market=DE&locale=en{(cursor is null ? "" : $"&cursor={cursor}")}");
            request.Headers.Add("X-LiveCross-Client", clientId);
            var page = await (await viewer.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync();
            found = page.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "video" && e.Id() == demo.Id).Select(e => (JsonElement?)e).FirstOrDefault();
            if (page.GetProperty("nextCursor").ValueKind != JsonValueKind.String) break;
            cursor = page.GetProperty("nextCursor").GetString();
        }
        found.ShouldNotBeNull("the demo creator's video is in the German feed");
        found.Value.GetProperty("video").GetProperty("seller").GetString().ShouldBe("Mia Creator");
    }

    private static JsonObject Tags(params (Guid Product, double Start, double End)[] tags) => new()
    {
        ["tags"] = new JsonArray(tags.Select(t => (JsonNode)new JsonObject { ["productId"] = t.Product.ToString(), ["startSecond"] = t.Start, ["endSecond"] = t.End }).ToArray()),
    };

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient creator, byte[] file, string fileName)
    {
        var upload = (await (await creator.SendJsonAsync(HttpMethod.Post, $"{Creator}/uploads", new JsonObject { ["fileName"] = fileName, ["totalBytes"] = file.Length }))
            .ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var chunk = file.Length / 2 + 1;
        for (var from = 0; from < file.Length; from += chunk)
        {
            var to = Math.Min(from + chunk, file.Length) - 1;
            var content = new ByteArrayContent(file, from, to - from + 1);
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, file.Length);
            await (await creator.PutAsync($"{Creator}/uploads/{upload}", content, Api.Cancel)).ShouldBeJsonAsync();
        }
        return await creator.SendJsonAsync(HttpMethod.Post, $"{Creator}/uploads/{upload}/finish", new JsonObject());
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient creator, Guid id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        for (var i = 0; i < 1800 && DateTime.UtcNow < deadline; i++)
        {
            var video = await creator.GetJsonAsync($"{Creator}/{id}");
            if (video.GetProperty("job").GetString() is "done" or "failed") return video;
            await Task.Delay(100, Api.Cancel);
        }
        throw new TimeoutException($"The transcode of video {id} did not end in time.");
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Api.Cancel);
    }

    /// <summary>The creator account with this e-mail, made (with the demo password) when it does not exist.</summary>
    private async Task<(Guid Id, string Email)> CreatorAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is { } existing) return (existing.Id, email);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Other Creator" };
        (await users.CreateAsync(user, DemoAccounts.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, Roles.Creator)).Succeeded.ShouldBeTrue();
        return (user.Id, email);
    }

    /// <summary>A transcoded video of the creator, written straight to the database so the test needs no ffmpeg.</summary>
    private async Task<Guid> CreatorVideoAsync(Guid creatorId, VideoStatus status, params string[] markets)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var video = new Video
        {
            CreatorId = creatorId,
            UploadedBy = creatorId,
            SourceKey = "videos/none/source.mp4",
            DurationSeconds = 5,
            Width = 320,
            Height = 240,
            Status = status,
            Job = TranscodeState.Done,
            Progress = 100,
            PublishedAt = status == VideoStatus.Published ? DateTimeOffset.UtcNow : null,
        };
        video.Texts.Add(new VideoText { VideoId = video.Id, Locale = "en", Title = "Creator's pick" });
        video.Markets.AddRange(markets.Select(m => new VideoMarket { VideoId = video.Id, MarketCode = m }));
        video.Renditions.Add(new VideoRendition { VideoId = video.Id, Name = "360p", Key = "videos/none/360p.mp4", ContentType = "video/mp4", Width = 320, Height = 240, Bytes = 1 });
        db.Videos.Add(video);
        await db.SaveChangesAsync(Api.Cancel);
        return video.Id;
    }
}

public sealed class CreatorVideoTestsOnSqlite(SqliteOrdersAppFixture fixture) : CreatorVideoTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class CreatorVideoTestsOnPostgres(PostgresOrdersAppFixture fixture) : CreatorVideoTests(fixture), IClassFixture<PostgresOrdersAppFixture>;
