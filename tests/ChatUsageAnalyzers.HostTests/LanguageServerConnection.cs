using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// The client side of a language server started over stdio: LSP's JSON-RPC with Content-Length
/// framing, requests matched to responses by id, and the server's own requests answered by a
/// callback. Disposing kills the server and everything it started.
/// </summary>
public sealed class LanguageServerConnection : IAsyncDisposable
{
    private const int StandardErrorLimit = 64 * 1024;

    private readonly Process _process;
    private readonly Stream _toServer;
    private readonly Func<string, JsonNode?, JsonNode?> _answerServerRequest;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly StringBuilder _standardError = new();
    private readonly Task _reader;
    private int _lastId;

    private LanguageServerConnection(Process process, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        _process = process;
        _toServer = process.StandardInput.BaseStream;
        _answerServerRequest = answerServerRequest;
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_standardError)
            {
                if (line.Data is not null && _standardError.Length < StandardErrorLimit)
                {
                    _standardError.AppendLine(line.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadMessagesAsync);
    }

    /// <summary>What the server wrote to stderr so far (its log), for failure messages.</summary>
    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <param name="answerServerRequest">The result for a request the server sends (method, params); null answers null.</param>
    public static LanguageServerConnection Start(string program, IEnumerable<string> arguments, string workingDirectory, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        var start = new ProcessStartInfo
        {
            FileName = program,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{program}'.");
        return new LanguageServerConnection(process, answerServerRequest);
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        try
        {
            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellationToken);
            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public Task NotifyAsync(string method, JsonNode? parameters, CancellationToken cancellationToken) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reader;
        _process.Dispose();
        _writeLock.Dispose();
    }

    private async Task WriteAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _toServer.WriteAsync(header, cancellationToken);
            await _toServer.WriteAsync(body, cancellationToken);
            await _toServer.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads framed messages until the server's stdout ends, then fails whatever is still waiting.</summary>
    private async Task ReadMessagesAsync()
    {
        var fromServer = _process.StandardOutput.BaseStream;
        try
        {
            while (await ReadFrameAsync(fromServer) is { } body)
            {
                if (JsonNode.Parse(body) is JsonObject message)
                {
                    await DispatchAsync(message);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The server was killed while a frame was in flight.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException($"The language server exited before answering.\n{StandardError}"));
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        var isRequestOrNotification = message["method"] is not null;
        if (message["id"] is not { } id)
        {
            return; // a notification: logs, progress, pushed diagnostics (these tests pull them)
        }

        if (isRequestOrNotification)
        {
            var result = _answerServerRequest(message["method"]!.GetValue<string>(), message["params"]);
            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result }, CancellationToken.None);
        }
        else if (_pending.TryGetValue(id.GetValue<int>(), out var response))
        {
            if (message["error"] is { } error)
            {
                response.TrySetException(new InvalidOperationException($"The language server answered with an error: {error.ToJsonString()}"));
            }
            else
            {
                response.TrySetResult(message["result"]);
            }
        }
    }

    /// <summary>One message body, or null at the end of the stream.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Stream stream)
    {
        var contentLength = -1;
        while (await ReadHeaderLineAsync(stream) is { } line)
        {
            if (line.Length == 0)
            {
                if (contentLength < 0)
                {
                    throw new InvalidDataException("A language server message had no Content-Length header.");
                }

                var body = new byte[contentLength];
                await stream.ReadExactlyAsync(body);
                return body;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>A header line without its CRLF, or null at the end of the stream.</summary>
    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return null;
    }
}
