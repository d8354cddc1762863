using RiskFlags.Server.Hosting;

// Settings sit beside the app, so the server reads them wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddRiskFlags();

var app = builder.Build();
app.MapRiskFlags();
app.Run();

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
