using RiskFlags.Load;

return await LoadRun.RunAsync(LoadOptions.Parse(args));
