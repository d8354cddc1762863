using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Services;

/// <summary>
/// What a reload may load: a name, never a path. A rule set is the configured rules folder (no
/// name) or a folder inside it (rules/candidate); a model is the configured model (no name) or a
/// .zip in the same folder (models/riskflags-2026-12.zip). So an API key can make the server read
/// only what its operator put beside the live rules and model.
/// </summary>
internal static class ReloadTarget
{
    public static string Describe(string name) => string.IsNullOrWhiteSpace(name) ? "(the configured one)" : $"'{name}'";

    public static string RulesFolder(string name, RiskFlagsOptions options)
    {
        var root = options.RulesPath!;
        if (string.IsNullOrWhiteSpace(name))
        {
            return root;
        }

        var folder = Path.Combine(root, Checked(name, "a folder of rules/"));
        return Directory.Exists(folder) ? folder : throw RpcErrors.NotFound("name", $"no rule set {RpcErrors.Quote(name)} in the rules folder");
    }

    public static string ModelFile(string name, RiskFlagsOptions options)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return options.ModelPath!;
        }

        if (!Checked(name, "a .zip of models/").EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            throw RpcErrors.Invalid("name", $"{RpcErrors.Quote(name)} is not a model file name (a .zip in the models folder)");
        }

        var file = Path.Combine(Path.GetDirectoryName(options.ModelPath!)!, name);
        return File.Exists(file) ? file : throw RpcErrors.NotFound("name", $"no model {RpcErrors.Quote(name)} in the models folder");
    }

    /// <summary>A plain file or folder name: letters, digits, '_', '-' and '.', not starting with a dot, so it cannot leave the folder.</summary>
    private static string Checked(string name, string what) =>
        name.Length <= 100 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? name
            : throw RpcErrors.Invalid("name", $"{RpcErrors.Quote(name)} is not the name of {what} (letters, digits, '_', '-', '.')");
}
