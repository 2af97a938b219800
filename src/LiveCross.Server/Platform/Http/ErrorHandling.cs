using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.Http;

/// <summary>Turns the exceptions a client can cause into RFC 9457 problem details instead of a 500.</summary>
public sealed class ClientErrorExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", bad.InnerException?.Message ?? bad.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The resource was changed by someone else.", "Reload it and apply your change again."),
            TenantViolationException => (StatusCodes.Status404NotFound, "Not found.", null),
            _ => (0, "", null),
        };
        if (status == 0) return false;
        if (exception is TenantViolationException) logger.LogWarning(exception, "Cross-tenant write refused");
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
