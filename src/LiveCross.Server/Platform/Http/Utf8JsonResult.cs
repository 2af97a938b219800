namespace LiveCross.Server.Platform.Http;

/// <summary>
/// A 200 with JSON that was serialized earlier (a cached response): the bytes are copied as they are.
/// Declare what the JSON holds on the endpoint (<c>.Produces&lt;T&gt;()</c>) so the OpenAPI document describes it.
/// </summary>
public sealed class Utf8JsonResult(byte[] utf8Json) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }
}
