using System.Net;
using System.Text;
using System.Text.Json;
using RiskFlags.Server.Tests.Support;

namespace RiskFlags.Server.Tests.Fuzz;

/// <summary>
/// Seeded random values in every JSON route's path, query and body, sent by an admin (who may call
/// everything): never a 5xx, and every refusal carries a message naming what was wrong.
/// </summary>
public sealed class JsonRouteFuzzTests
{
    public const int Cases = 1_500;

    private static readonly string[] Values =
    [
        "", " ", "x", "-1", "0", "1e309", "NaN", "Infinity", "-0.5", "2.5", "99999999999", "0001-01-01", "1899-12-31", "2099-01-01", "2025-02-30", "2024-03-31",
        "F000001", "F999999", "s_x", "e_x", "steps", "pause", "edge_of_care", "nonsense", "high", "HIGH", "open", "waiting", "../../etc/passwd", "a/b",
        "é日本", "\u202e", "\0", "'; DROP TABLE families;--", "<script>", "%", new string('x', 5000), "bzpaOTk5OTk5OTk5OTk5", "o:1", "{}", "null", "true",
    ];

    private static readonly (string Method, string Path, string[] Query, string? Body)[] Routes =
    [
        ("GET", "/v1/families/{}/assessment", ["as_of"], null),
        ("GET", "/v1/families/{}/timeline", ["as_of"], null),
        ("GET", "/v1/suggestions", ["programme", "pathway", "status", "min_risk", "area", "page_size", "page_token"], null),
        ("GET", "/v1/cohort/flagged", ["programme", "pathway", "risk_band", "area", "status", "page_size", "page_token", "as_of"], null),
        ("GET", "/v1/programmes/{}/waiting-list", [], null),
        ("GET", "/v1/programmes/{}/impact", ["places"], null),
        ("GET", "/v1/capacity", ["as_of"], null),
        ("GET", "/v1/admin/audit", ["family_id", "caller", "action", "page_size", "page_token"], null),
        ("POST", "/v1/suggestions/{}/decision", [], "{\"decision\":\"DEFER\",\"reason\":\"next week\",\"worker\":\"W1\"}"),
        ("PATCH", "/v1/programmes/{}", [], "{\"version\":0,\"placesPerYear\":3,\"eligibility\":\"families\"}"),
        ("PATCH", "/v1/cost-model", [], "{\"version\":0,\"weeksInCarePerYear\":35}"),
        ("POST", "/v1/enrolments/{}:end", [], "{\"reason\":\"moved away\"}"),
        ("POST", "/v1/admin/rules:reload", [], "{\"name\":\"\"}"),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Random_values_in_every_route_get_an_answer_that_names_the_problem_never_a_server_error()
    {
        await using var server = new ServerFactory { DemoFamilies = 120 };
        var http = server.CreateClient();
        http.DefaultRequestHeaders.Add("x-api-key", Keys.Admin);
        var random = new Random(20_261_203);
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var n = 0; n < Cases; n++)
        {
            var (method, path, query, body) = Routes[random.Next(Routes.Length)];
            string Value() => Values[random.Next(Values.Length)];
            // A NUL in a path is refused by the HTTP layer before the server sees it (Kestrel: 400); the test host throws instead.
            var url = path.Replace("{}", Uri.EscapeDataString(Value().Replace("\0", "", StringComparison.Ordinal)), StringComparison.Ordinal);
            var parameters = query.Where(_ => random.Next(3) == 0).Select(q => $"{q}={Uri.EscapeDataString(Value())}").ToList();
            if (parameters.Count > 0)
            {
                url += "?" + string.Join("&", parameters);
            }

            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(Damage(body, random), Encoding.UTF8, "application/json");
            }

            var response = await http.SendAsync(request, Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            Assert.True((int)response.StatusCode < 500, $"case {n}: {method} {Shorten(url)} -> {(int)response.StatusCode} {Shorten(text)}");
            if (!response.IsSuccessStatusCode)
            {
                Assert.True(text.StartsWith('{'), $"case {n}: {method} {Shorten(url)} -> {(int)response.StatusCode} with body '{Shorten(text)}'");
                using var error = JsonDocument.Parse(text);
                var message = error.RootElement.GetProperty("message").GetString();
                Assert.False(string.IsNullOrWhiteSpace(message), $"case {n}: {method} {Shorten(url)} -> {(int)response.StatusCode} without a message");
                Assert.True(message!.Length < 1000, $"case {n}: {method} {Shorten(url)} -> a {message.Length}-character message: {Shorten(message)}");
            }
        }

        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > 0 && statuses.Keys.Count(k => (int)k >= 400) >= 2, string.Join(", ", statuses));
    }

    /// <summary>A JSON body with one value replaced by a random one, or a byte of it changed.</summary>
    private static string Damage(string json, Random random)
    {
        if (random.Next(3) == 0)
        {
            var chars = json.ToCharArray();
            chars[random.Next(chars.Length)] = "{}[]\":,0a\\ "[random.Next(11)];
            return new string(chars);
        }

        var value = Values[random.Next(Values.Length)];
        var quoted = random.Next(2) == 0 ? JsonSerializer.Serialize(value) : value.Length == 0 ? "\"\"" : value;
        var colon = json.IndexOf(':', random.Next(json.Length / 2));
        if (colon < 0)
        {
            return json;
        }

        var end = json.IndexOfAny([',', '}'], colon);
        return string.Concat(json.AsSpan(0, colon + 1), quoted, json.AsSpan(end));
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
