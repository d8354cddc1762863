using System.Text;

namespace RiskFlags.Testing;

/// <summary>A scratch folder for one test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "riskflags-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes text exactly as given (line endings included), optionally with a UTF-8 BOM.</summary>
    public void Write(string name, string text, bool bom = false) =>
        System.IO.File.WriteAllText(File(name), text, new UTF8Encoding(bom));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow runner must not fail the test; the OS temp cleaner removes it.
        }
    }
}
