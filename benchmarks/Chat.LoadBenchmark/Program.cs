using System;
using System.IO;
using System.Linq;
using Chat.LoadBenchmark;

if (args.FirstOrDefault() == BenchmarkServer.ServeArgument)
{
    await BenchmarkServer.ServeAsync(args[1..]);
    return 0;
}

LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

var report = await LoadRun.RunAsync(settings, Console.Out);
var command = "dotnet run -c Release --project benchmarks/Chat.LoadBenchmark" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
var markdown = report.ToMarkdown(command);
Console.WriteLine(markdown);
if (settings.OutputPath is not null)
{
    File.WriteAllText(settings.OutputPath, "# Client/server figures on loopback\n\n" + markdown);
}

// A run that lost or leaked a socket is a failed run, whatever the figures say.
return report.HeldEveryConnection ? 0 : 1;
