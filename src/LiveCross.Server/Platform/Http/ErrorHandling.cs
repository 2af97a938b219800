using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.Http;

/// <summary>Turns the exceptions a client can cause into RFC 9457 problem details instead of a 500.</summary>
public sealed partial class ClientErrorExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ProblemException refusal) return await WriteAsync(httpContext, refusal);
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", bad.InnerException?.Message ?? bad.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The resource was changed by someone else.", "Reload it and apply your change again."),
            DbUpdateException update when DbErrors.IsUniqueViolation(update) =>
                (StatusCodes.Status409Conflict, "Something with the same key was saved at the same moment.", "A request saved the same SKU, slug or e-mail just before this one. Check and try again."),
            TenantViolationException => (StatusCodes.Status404NotFound, "Not found.", null),
            _ => (0, "", null),
        };
        if (status == 0) return false;
        if (exception is TenantViolationException) logger.LogWarning(exception, "Cross-tenant write refused");
        httpContext.Response.StatusCode = status;
        var problem = exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } unreadable && FieldOf(unreadable) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Name] = [field.Message] })
            : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = status;
        problem.Title = title;
        // The framework's own messages name .NET types; a client is better served by the field and the position.
        problem.Detail = problem is HttpValidationProblemDetails validation ? ReadableDetail(validation, exception) : detail;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, ProblemException refusal)
    {
        httpContext.Response.StatusCode = refusal.Status;
        var problem = refusal.Errors is { Count: > 0 } errors ? new HttpValidationProblemDetails(errors) : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = refusal.Status;
        problem.Title = refusal.Title;
        problem.Detail = refusal.Detail;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = refusal, ProblemDetails = problem });
    }

    /// <summary>
    /// The field a request could not be bound at, so that a value of the wrong type or broken JSON is
    /// reported like any other invalid field: the JSON path of the body ("variants[0].price"), or the
    /// query or route parameter.
    /// </summary>
    private static (string Name, string Message)? FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";
            var wrongType = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            return (path, wrongType ? "The value has the wrong type." : "The JSON is malformed here.");
        }
        var parameter = BindFailure().Match(exception.Message);
        if (parameter.Success) return (parameter.Groups["name"].Value, $"'{parameter.Groups["value"].Value}' is not a valid value.");
        // "Required parameter ... was not provided from body" or "Implicit body inferred ... but no body was provided".
        if (exception.Message.Contains("body", StringComparison.Ordinal)) return ("body", "A JSON body is required.");
        return null;
    }

    private static string ReadableDetail(HttpValidationProblemDetails validation, Exception exception)
    {
        var (field, messages) = validation.Errors.First();
        var where = exception.InnerException is JsonException { LineNumber: { } line } json
            ? $" (line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1})"
            : "";
        return $"{field}: {messages[0]}{where}";
    }

    [GeneratedRegex("""^Failed to bind parameter "(?:.* )?(?<name>[^ "]+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindFailure();
}
