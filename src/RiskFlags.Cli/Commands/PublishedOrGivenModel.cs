using RiskFlags.Core.Hosting;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>
/// The model a verb reading a store scores with: the one named by --model, else the store's
/// published model (what the server scores with), else this installation's shipped model.
/// </summary>
internal static class PublishedOrGivenModel
{
    /// <summary>The model, said on the error stream (which model stands behind the figures is part of them).</summary>
    public static async Task<RiskModel> LoadAsync(FileInfo? given, StoreConnection? store, CliContext context, CancellationToken cancellationToken)
    {
        var model = await LoadAsync(given, store, cancellationToken);
        await context.Console.Error.WriteLineAsync($"riskflags: scoring with model {model.Version} ({model.Path})");
        return model;
    }

    private static async Task<RiskModel> LoadAsync(FileInfo? given, StoreConnection? store, CancellationToken cancellationToken)
    {
        if (given is not null || store is null)
        {
            return EvaluateCommand.Load(given ?? new FileInfo(InstallLayout.Find().Model));
        }

        await using var db = store.CreateContext();
        if (await ModelRegistry.LiveAsync(db, cancellationToken) is not { } live)
        {
            return EvaluateCommand.Load(new FileInfo(InstallLayout.Find().Model));
        }

        try
        {
            return RiskModel.Load(live.Model, $"{store.Describe()}'s published model {live.Version}");
        }
        catch (ModelLoadException e)
        {
            throw new UsageException($"--model: {e.Message}; name a model this build can load with --model");
        }
    }
}
