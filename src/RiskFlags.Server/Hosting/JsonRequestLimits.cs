namespace RiskFlags.Server.Hosting;

/// <summary>
/// A JSON route's query values and path are refused past a length no real value has, naming the
/// parameter: the JSON transcoder quotes a value it cannot convert whole in its error, so a bounded
/// value is what keeps every answer short.
/// </summary>
public static class JsonRequestLimits
{
    public const int MaximumValueLength = 256;
    public const int MaximumPathLength = 1024;

    public static IApplicationBuilder UseJsonRequestLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (GrpcRequestBody.IsGrpc(context))
        {
            return next(context);
        }

        if (context.Request.Path.Value is { Length: > MaximumPathLength } path)
        {
            return RefuseAsync(context, $"path: {path.Length:N0} characters long; at most {MaximumPathLength:N0} are accepted");
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Any(v => v is { Length: > MaximumValueLength }))
            {
                return RefuseAsync(context, $"{Core.Contract.ContractFields.Shorten(name)}: {values.Max(v => v?.Length ?? 0):N0} characters long; at most {MaximumValueLength} are accepted");
            }
        }

        return next(context);
    });

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new { code = (int)Grpc.Core.StatusCode.InvalidArgument, message });
    }
}
