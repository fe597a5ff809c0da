return await SmartSync.Benchmarks.BenchmarkApp.MainAsync(args);
