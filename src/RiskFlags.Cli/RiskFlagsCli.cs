using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RiskFlags.Cli.Commands;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using Serilog;

namespace RiskFlags.Cli;

/// <summary>The riskflags command: builds the verbs, parses, runs, and turns failures into exit codes with their place.</summary>
public static class RiskFlagsCli
{
    /// <param name="serverHandler">Sends the calls made to the server (tests pass an in-process server's); null: over the network.</param>
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider time, HttpMessageHandler? serverHandler = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            // Not appsettings.json: the server's settings file has that name, and both can sit in one folder.
            .AddJsonFile("riskflags.settings.json", optional: true)
            .AddEnvironmentVariables("RISKFLAGS_")
            .Build();
        await using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
        var context = new CliContext(console, time, logger, configuration, serverHandler);

        var root = new RootCommand("RiskFlags: early-warning flags for children's services, from linked multi-agency records.")
        {
            DemoDataCommand.Create(context),
            ImportCommand.Create(context),
            ConvertCommand.Create(context),
            RulesCommand.Create(context),
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
            MonitorCommand.Create(context),
            CardCommand.Create(context),
            ModelCommand.Create(context),
            ExportCommand.Person(context),
            ExportCommand.Family(context),
            RetentionCommand.Create(context),
            ScoreCommand.Create(context),
            ImpactCommand.Create(context),
            ForecastCommand.Create(context),
            FootprintCommand.Create(context),
            DemandCommand.Create(context),
            CapacityCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"riskflags: {error.Message}");
            }

            await console.Error.WriteLineAsync("Run 'riskflags --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (ContractFileException e)
        {
            logger.Error("Unreadable input: {Message}", e.Message);
            await console.Error.WriteLineAsync($"riskflags: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"riskflags: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is StoreUnavailableException or RuleSetException or CatalogueException or ModelLoadException)
        {
            // Inputs the operator named (--db, --rules, --model) that cannot be used: their own message says which and why.
            logger.Error("Unusable input: {Message}", e.Message);
            await console.Error.WriteLineAsync($"riskflags: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ServerRefusedException e)
        {
            await console.Error.WriteLineAsync($"riskflags: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("riskflags: cancelled");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            // Not an input problem we know: one line for the operator; the trace only for whoever asks for it.
            logger.Debug(e, "riskflags failed");
            await console.Error.WriteLineAsync($"riskflags: failed: {e.GetType().Name}: {e.Message} (RISKFLAGS_Serilog__MinimumLevel__Default=Debug shows where)");
            return ExitCodes.Failed;
        }
    }
}
