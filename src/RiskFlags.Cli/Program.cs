using RiskFlags.Cli;

return await RiskFlagsCli.RunAsync(args, CliConsole.System, TimeProvider.System);
