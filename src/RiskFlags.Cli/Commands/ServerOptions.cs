using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace RiskFlags.Cli.Commands;

/// <summary>--server, --api-key, --token: which server a verb calls and who the caller is.</summary>
internal sealed class ServerOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The server's HTTP address. Default: RISKFLAGS_SERVER, else {DefaultServer}.",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The caller's API key (better: RISKFLAGS_API_KEY, which stays out of the shell's history).",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The caller's bearer token from the council's identity provider (or RISKFLAGS_TOKEN).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
        command.Options.Add(Token);
    }

    public ServerApi Connect(ParseResult parse, CliContext context)
    {
        var given = parse.GetValue(Server);
        var text = given ?? (context.Configuration["SERVER"] is { Length: > 0 } configured ? configured : DefaultServer);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"{(given is null ? "RISKFLAGS_SERVER" : "--server")}: '{text}' is not an http:// or https:// address");
        }

        var key = parse.GetValue(ApiKey) ?? context.Configuration["API_KEY"];
        var token = parse.GetValue(Token) ?? context.Configuration["TOKEN"];
        if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(token))
        {
            throw new UsageException("the registry records who publishes: give an API key (RISKFLAGS_API_KEY or --api-key) or a token (RISKFLAGS_TOKEN or --token)");
        }

        return ServerApi.Create(server, key, token, context.ServerHandler);
    }
}
