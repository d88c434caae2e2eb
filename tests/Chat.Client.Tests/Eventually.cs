using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Chat.Client.Tests;

/// <summary>Waits for an asynchronous outcome by polling, failing after a generous bound instead of sleeping a guessed time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > _timeout)
            {
                Assert.Fail($"Gave up after {_timeout.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(_pollInterval);
        }
    }
}
