using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskFlags.Cli;

/// <summary>
/// The server's JSON API as the CLI calls it for what must carry the caller's identity (the model
/// registry): an API key or a bearer token, and the server's refusal turned into its own message.
/// </summary>
public sealed class ServerApi(HttpClient http) : IDisposable
{
    public static ServerApi Create(Uri server, string? apiKey, string? token, HttpMessageHandler? handler)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = server;
        // A model and its comparison on a large store take a while to evaluate.
        http.Timeout = TimeSpan.FromMinutes(10);
        if (apiKey is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }
        else if (token is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new ServerApi(http);
    }

    public Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonObject> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"--server: cannot reach {http.BaseAddress}: {e.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonObject? body;
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var message = body?["message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                throw new ServerRefusedException($"the server refused: {message}");
            }

            return body ?? throw new ServerRefusedException($"the server at {http.BaseAddress} answered {request.RequestUri} with something other than JSON: is --server the server's HTTP address?");
        }
    }
}
