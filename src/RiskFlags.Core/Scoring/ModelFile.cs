using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;

namespace RiskFlags.Core.Scoring;

/// <summary>
/// Model files: ML.NET's zip rewritten with fixed entry times, so the same training gives the same
/// bytes, and a manifest entry naming the features, so a model built for another feature schema
/// is refused at load. The version of a model is a hash of its bytes.
/// </summary>
public static class ModelFile
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, ModelManifest manifest, string path)
    {
        using var original = new MemoryStream();
        ml.Model.Save(model, inputSchema, original);
        original.Position = 0;
        using var rewritten = new MemoryStream();
        using (var source = new ZipArchive(original, ZipArchiveMode.Read))
        using (var target = new ZipArchive(rewritten, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var from = entry.Open();
                Write(target, entry.FullName, from);
            }

            using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Indented));
            Write(target, ModelManifest.Entry, json);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(directory!);
        File.WriteAllBytes(path, rewritten.ToArray());
        return VersionOf(rewritten.ToArray());
    }

    public static string VersionOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];

    /// <exception cref="ModelLoadException">The file is not a RiskFlags model for this build's features.</exception>
    public static ModelManifest ReadManifest(byte[] bytes, string path)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entry = zip.GetEntry(ModelManifest.Entry)
                ?? throw new ModelLoadException(path, $"it has no {ModelManifest.Entry}: not a model written by riskflags train");
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<ModelManifest>(stream)
                ?? throw new ModelLoadException(path, $"{ModelManifest.Entry} is empty");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            throw new ModelLoadException(path, $"it is not a readable model file ({Contract.ContractFields.Shorten(e.Message, 200)})", e);
        }
    }

    private static void Write(ZipArchive zip, string name, Stream content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTime;
        using var to = entry.Open();
        content.CopyTo(to);
    }
}
