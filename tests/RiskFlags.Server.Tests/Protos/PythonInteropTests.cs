

using System.Reflection;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RiskFlags.Core.Hosting;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Protos;

/// <summary>
/// An independent client, Python grpcio from Debian's packages with stubs generated from the same
/// .proto, calls health, AssessFamily and RecordDecision over a real socket; the decision is still
/// there after the server restarts on the same store.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_python_client_gets_serving_an_assessment_with_reasons_and_a_decision_that_survives_a_restart()
    {
        Assert.SkipUnless(ExternalProcess.Run(Python, "-c \"import grpc, grpc_tools\"").ExitCode == 0,
            "the interop test needs Python grpcio: apt-get install -y python3-grpcio python3-grpc-tools (.ci/run installs them)");
        var stubs = GenerateStubs();
        var database = folder.File("store.db");
        string family, suggestion;

        await using (var first = new KestrelServer(database))
        {
            family = await first.FamilyWithSuggestionsAsync();
            var run = Client(stubs, "assess", first.GrpcAddress, Keys.Mash, family);
            using var json = JsonDocument.Parse(run.Output);
            var root = json.RootElement;
            Assert.Equal("SERVING", root.GetProperty("health").GetString());
            var assessment = root.GetProperty("assessment");
            Assert.Equal(family, assessment.GetProperty("family_id").GetString());
            Assert.Matches("^[0-9a-f]{12}$", assessment.GetProperty("model_version").GetString());
            Assert.Matches("^[0-9a-f]{12}$", assessment.GetProperty("rules_version").GetString());
            Assert.NotEmpty(assessment.GetProperty("reasons").EnumerateArray());
            suggestion = assessment.GetProperty("suggestions")[0].GetString()!;
            Assert.Equal("accepted", root.GetProperty("decision").GetProperty("status").GetString());
        }

        await using var second = new KestrelServer(database);
        var after = Client(stubs, "decision", second.GrpcAddress, Keys.Manager, suggestion);
        using var persisted = JsonDocument.Parse(after.Output);
        Assert.Equal(1, persisted.RootElement.GetProperty("found").GetInt32());
        Assert.Single(persisted.RootElement.GetProperty("decisions").EnumerateArray());
    }

    private string GenerateStubs()
    {
        var output = folder.File("stubs");
        Directory.CreateDirectory(output);
        var protos = Path.Combine(InstallLayout.Find().Root, "src", "RiskFlags.Server", "Protos");
        var googleApi = typeof(PythonInteropTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GoogleApiProtos").Value!;
        var result = ExternalProcess.Run(Python, $"-m grpc_tools.protoc -I \"{protos}\" -I \"{googleApi}\" --python_out=\"{output}\" --grpc_python_out=\"{output}\" riskflags/v1/riskflags.proto google/api/annotations.proto google/api/http.proto");
        Assert.True(result.ExitCode == 0, $"protoc failed: {result.Error}");
        return output;
    }

    private static (int ExitCode, string Output, string Error) Client(string stubs, string mode, string address, string key, string subject)
    {
        var script = Path.Combine(InstallLayout.Find().Root, "tests", "interop", "riskflags_client.py");
        var result = ExternalProcess.Run(Python, $"\"{script}\" {mode} {address} {key} {subject}", null, ("PYTHONPATH", stubs));
        Assert.True(result.ExitCode == 0, $"the Python client failed: {result.Error}");
        return result;
    }
}
