using RiskFlags.Bench;

return await BenchRunner.RunAsync(args);
