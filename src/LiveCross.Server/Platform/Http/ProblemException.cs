namespace LiveCross.Server.Platform.Http;

/// <summary>
/// A refusal that a service deep in a call chain can raise and any endpoint turns into an RFC 9457
/// problem (<see cref="ClientErrorExceptionHandler"/>): a 400 naming the fields, a 404, a 409, or a 502
/// when a provider we depend on refused. Callers that want to answer differently catch it.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
        : base(detail ?? title)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    public ProblemException()
        : this(StatusCodes.Status400BadRequest, "The request is invalid.")
    {
    }

    public ProblemException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Title = message;
    }

    public int Status { get; }

    public string Title { get; }

    public string? Detail { get; }

    /// <summary>Field name → messages, as in a validation problem.</summary>
    public IDictionary<string, string[]>? Errors { get; }

    public static ProblemException Invalid(ValidationErrors errors) =>
        new(StatusCodes.Status400BadRequest, "The request is invalid.", string.Join(" ", errors.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}")), errors.ToDictionary());

    public static ProblemException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "The request is invalid.", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });
}
