namespace LiveCross.Server.Payments.Pages;

public static class NotFoundStatus
{
    /// <summary>
    /// A page that sets 404 while rendering gets an empty body from .NET 10 (see the product page); setting
    /// it as the response starts keeps the page's own message.
    /// </summary>
    public static void SetWhenResponseStarts(HttpContext context)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
