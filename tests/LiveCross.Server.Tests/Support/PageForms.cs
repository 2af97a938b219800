using System.Net;
using System.Text.RegularExpressions;

namespace LiveCross.Server.Tests.Support;

/// <summary>Fills in a server-rendered form as a browser would: reads the page, takes its antiforgery token, posts the fields.</summary>
public static partial class PageForms
{
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient browser, string pageUrl)
    {
        var page = await browser.GetAsync(pageUrl, Api.Cancel);
        var html = await page.Content.ReadAsStringAsync(Api.Cancel);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var token = Token().Match(html);
        token.Success.ShouldBeTrue($"{pageUrl} has no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts <paramref name="fields"/> with the antiforgery token of <paramref name="pageUrl"/> to <paramref name="action"/> (the page itself when null).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient browser, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var token = await browser.AntiforgeryTokenAsync(pageUrl);
        var form = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        return await browser.PostAsync(action ?? pageUrl, form, Api.Cancel);
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex Token();
}
