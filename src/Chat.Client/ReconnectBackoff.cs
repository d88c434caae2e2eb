using System;

namespace Chat.Client;

/// <summary>The jittered reconnect delay the JavaScript SDK uses, capped by <see cref="ChatClientOptions.MaxReconnectDelay"/>.</summary>
internal static class ReconnectBackoff
{
    /// <summary>The bounds, in milliseconds, of the delay before reconnect attempt <paramref name="attempt"/> (1-based).</summary>
    public static (double Min, double Max) Bounds(int attempt, TimeSpan maxDelay)
    {
        if (attempt < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "Attempts are numbered from 1.");
        }

        var cap = maxDelay.TotalMilliseconds;
        // Computed in double so that a long outage (large attempt numbers) cannot overflow.
        var min = Math.Min(Math.Max(250d, (attempt - 1) * 2000d), cap);
        var max = Math.Min(500d + (attempt * 2000d), cap);
        return (min, max);
    }

    public static TimeSpan Delay(int attempt, TimeSpan maxDelay, Random random)
    {
        var (min, max) = Bounds(attempt, maxDelay);
        return TimeSpan.FromMilliseconds(min + (random.NextDouble() * (max - min)));
    }
}
