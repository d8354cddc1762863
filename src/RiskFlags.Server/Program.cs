using RiskFlags.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRiskFlags();

var app = builder.Build();
app.MapRiskFlags();
app.Run();

/// <summary>The entry point, visible to the in-process tests.</summary>
public partial class Program;
