using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Chat.DevServer;

/// <summary>Settings of a <see cref="DevServer"/>; <see cref="Parse"/> reads them from command-line arguments.</summary>
public sealed class DevServerOptions
{
    /// <summary>
    /// HS256 keys must be at least as long as the hash output (RFC 7518, section 3.2), and
    /// JsonWebTokenHandler refuses shorter ones (IDX10720). Padding a short secret is no way
    /// out: tokens signed elsewhere with the short secret would then fail, so a short secret
    /// is refused up front with a clear message instead.
    /// </summary>
    public const int MinimumApiSecretBytes = 32;

    /// <summary>Smallest frame limit that still lets every client frame of the protocol through.</summary>
    public const int MinimumMaxFrameBytes = 1024;

    /// <summary>
    /// The stream-chat JavaScript SDK derives its WebSocket URL from its base URL by replacing
    /// ":3030" with ":8800" (the layout of Stream's own local test setup). A dev server on its
    /// default port therefore also answers on 8800, so that SDK connects unchanged.
    /// </summary>
    public const int JavaScriptSdkHttpPort = 3030;

    /// <summary>The port the JavaScript SDK connects its WebSocket to when its base URL uses <see cref="JavaScriptSdkHttpPort"/>.</summary>
    public const int JavaScriptSdkWebSocketPort = 8800;

    /// <summary>Development default; any real deployment passes its own.</summary>
    public const string DefaultApiKey = "dev-api-key";

    /// <summary>Development default, long enough for HS256 (see <see cref="MinimumApiSecretBytes"/>).</summary>
    public const string DefaultApiSecret = "chat-dev-server-secret-for-local-development-only";

    public string ApiKey { get; set; } = DefaultApiKey;

    public string ApiSecret { get; set; } = DefaultApiSecret;

    public DevServerMode Mode { get; set; } = DevServerMode.Development;

    /// <summary>TCP port for HTTP and WebSocket; 0 picks a free port (see <see cref="DevServer.Port"/>).</summary>
    public int Port { get; set; } = 3030;

    /// <summary>IP address to listen on (or "localhost"); loopback by default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Open connections allowed per user; null means 3 in development mode and 50 in production mode.</summary>
    public int? ConnectionLimitPerUser { get; set; }

    /// <summary>Largest client WebSocket message accepted; a bigger one closes the socket with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>When <see cref="Port"/> is 3030, also listen on 8800 (see <see cref="JavaScriptSdkWebSocketPort"/>).</summary>
    public bool ServeJavaScriptSdkWebSocketPort { get; set; } = true;

    /// <summary>Quiet by default so that test output stays readable.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>The limit in force: <see cref="ConnectionLimitPerUser"/> or the mode's default.</summary>
    public int EffectiveConnectionLimitPerUser =>
        ConnectionLimitPerUser ?? (Mode == DevServerMode.Production ? 50 : 3);

    /// <summary>Command-line help, printed by the executable for --help.</summary>
    public static string Usage { get; } =
        """
        Usage: dotnet run --project src/Chat.DevServer -- [options]
               dotnet run --project src/Chat.DevServer -- token <user-id> [options]
                 (prints a token for <user-id> signed with the API secret, and exits)

          --mode development|production  dev tokens and 3 connections per user, or signed tokens only
                                         and 50 connections per user (default: development)
          --api-key KEY                  API key clients must send (default: dev-api-key)
          --api-secret SECRET            HS256 secret, at least 32 bytes (default: a built-in dev secret)
          --port N                       TCP port, 0 for any free port (default: 3030)
          --host ADDRESS                 IP address to listen on (default: 127.0.0.1)
          --connection-limit N           open connections allowed per user (default: 3 or 50 by mode)
          --max-frame-bytes N            largest client WebSocket message (default: 65536)
          --no-js-sdk-ws-port            on port 3030, do not also listen on 8800 for the JS SDK
          --log-level LEVEL              Trace, Debug, Information, Warning, Error (default: Warning)
          --help                         show this help
        """;

    /// <summary>Reads options from command-line arguments ("--name value" or "--name=value").</summary>
    /// <exception cref="ArgumentException">An argument is unknown, lacks its value, or has an invalid value.</exception>
    public static DevServerOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DevServerOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < args.Length; index++)
        {
            var argument = args[index];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{argument}'. Options start with '--'; see --help.", nameof(args));
            }

            var name = argument;
            string? inlineValue = null;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                name = argument[..equals];
                inlineValue = argument[(equals + 1)..];
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Option '{name}' is given more than once.", nameof(args));
            }

            if (name == "--no-js-sdk-ws-port")
            {
                if (inlineValue is not null)
                {
                    throw new ArgumentException("Option '--no-js-sdk-ws-port' takes no value.", nameof(args));
                }

                options.ServeJavaScriptSdkWebSocketPort = false;
                continue;
            }

            string value;
            if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++index];
            }
            else
            {
                throw new ArgumentException($"Option '{name}' needs a value; see --help.", nameof(args));
            }

            switch (name)
            {
                case "--mode":
                    options.Mode = value.ToLowerInvariant() switch
                    {
                        "development" or "dev" => DevServerMode.Development,
                        "production" or "prod" => DevServerMode.Production,
                        _ => throw new ArgumentException($"--mode must be 'development' or 'production', not '{value}'.", nameof(args)),
                    };
                    break;
                case "--api-key":
                    options.ApiKey = value;
                    break;
                case "--api-secret":
                    options.ApiSecret = value;
                    break;
                case "--port":
                    options.Port = ParseInteger(name, value);
                    break;
                case "--host":
                    options.Host = value;
                    break;
                case "--connection-limit":
                    options.ConnectionLimitPerUser = ParseInteger(name, value);
                    break;
                case "--max-frame-bytes":
                    options.MaxFrameBytes = ParseInteger(name, value);
                    break;
                case "--log-level":
                    if (!Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) || !Enum.IsDefined(level))
                    {
                        throw new ArgumentException($"--log-level must be one of {string.Join(", ", Enum.GetNames<LogLevel>())}, not '{value}'.", nameof(args));
                    }

                    options.MinimumLogLevel = level;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'; see --help.", nameof(args));
            }
        }

        options.Validate();
        return options;
    }

    /// <summary>Checks every setting; <see cref="DevServer.StartAsync"/> calls it too.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("The API key must not be empty.", nameof(ApiKey));
        }

        if (ApiSecret is null || Encoding.UTF8.GetByteCount(ApiSecret) < MinimumApiSecretBytes)
        {
            throw new ArgumentException(
                $"The API secret must be at least {MinimumApiSecretBytes} bytes long: HS256 needs a key at least as long as its 256-bit hash (RFC 7518, section 3.2).",
                nameof(ApiSecret));
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Unknown mode '{Mode}'.", nameof(Mode));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"The port must be between 0 and 65535, not {Port}.", nameof(Port));
        }

        _ = ResolveHostAddress();

        if (ConnectionLimitPerUser is < 1)
        {
            throw new ArgumentException($"The connection limit per user must be at least 1, not {ConnectionLimitPerUser}.", nameof(ConnectionLimitPerUser));
        }

        if (MaxFrameBytes < MinimumMaxFrameBytes)
        {
            throw new ArgumentException($"The maximum frame size must be at least {MinimumMaxFrameBytes} bytes, not {MaxFrameBytes}.", nameof(MaxFrameBytes));
        }
    }

    internal IPAddress ResolveHostAddress()
    {
        // Kestrel cannot bind "localhost" to a dynamic port, and one address keeps the printed URL exact.
        if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (string.IsNullOrWhiteSpace(Host) || !IPAddress.TryParse(Host, out var address))
        {
            throw new ArgumentException($"The host must be an IP address or 'localhost', not '{Host}'.", nameof(Host));
        }

        return address;
    }

    internal DevServerOptions Clone() => (DevServerOptions)MemberwiseClone();

    private static int ParseInteger(string name, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new ArgumentException($"{name} must be a whole number, not '{value}'.", "args");
        }

        return number;
    }
}
