using System;
using System.IO;
using System.Linq;
using ChatUsageAnalyzers.Benchmarks;

try
{
    var settings = BenchmarkSettings.Parse(args, DefaultResultsPath);
    var loadBefore = Report.LoadAverage();
    var results = await AnalyzerCostBenchmark.RunAsync(settings, Console.Out);
    var command = "dotnet run -c Release --project benchmarks/ChatUsageAnalyzers.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
    var markdown = Report.Render(results, settings, command, loadBefore, Report.LoadAverage());
    Console.WriteLine();
    Console.WriteLine(markdown);
    if (settings.ResultsPath is { } path)
    {
        File.WriteAllText(path, markdown);
        Console.WriteLine($"written to {path}");
    }

    // A run whose analyzers miss a planted diagnostic measured the wrong thing.
    return results.All(r => r.ReportsWhatWasPlanted) ? 0 : 2;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// benchmarks/RESULTS.md of the repository the command runs in.
static string DefaultResultsPath()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "ChatUsageAnalyzers.sln")))
        {
            return Path.Combine(directory.FullName, "benchmarks", "RESULTS.md");
        }
    }

    throw new ArgumentException("run from inside the repository (no ChatUsageAnalyzers.sln above the current directory), or pass --results PATH or --no-results");
}
