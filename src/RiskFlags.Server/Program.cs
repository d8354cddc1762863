using RiskFlags.Server.Hosting;

try
{
    // Settings sit beside the app, so the server reads them wherever it is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddRiskFlags();

    var app = builder.Build();
    app.MapRiskFlags();
    app.Run();
    return 0;
}
catch (Exception e) when (StartupFailure.Explain(e) is { } reason)
{
    // One line an operator can act on, not a stack trace.
    Console.Error.WriteLine($"riskflags server: not started: {reason}");
    return 1;
}

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
