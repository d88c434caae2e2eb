using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

internal static class TaskExtensions
{
    /// <summary>Completes when <paramref name="task"/> completes or <paramref name="cancellationToken"/> is canceled, whichever comes first. Never throws.</summary>
    public static async Task WhenCompletedOrCanceled(this Task task, CancellationToken cancellationToken)
    {
        var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => canceled.TrySetResult(true)))
        {
            await Task.WhenAny(task, canceled.Task).ConfigureAwait(false);
        }
    }

#if !NET6_0_OR_GREATER
    // Task.WaitAsync arrived in .NET 6; netstandard2.1 needs its own.
    public static async Task WaitAsync(this Task task, CancellationToken cancellationToken)
    {
        var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => canceled.TrySetCanceled(cancellationToken)))
        {
            await (await Task.WhenAny(task, canceled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    public static async Task<T> WaitAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
        await ((Task)task).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }
#endif
}
