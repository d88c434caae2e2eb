using System;
using System.Net.Http;

namespace Chat.Client;

/// <summary>Settings for <see cref="ChatServerClient"/>.</summary>
public sealed class ChatServerClientOptions
{
    private Uri _baseUrl = new("http://127.0.0.1:3030/");

    /// <summary>The server's REST base URL (<c>http</c> or <c>https</c>). Defaults to the development server's default, <c>http://127.0.0.1:3030/</c>.</summary>
    public Uri BaseUrl
    {
        get => _baseUrl;
        set
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            if (!value.IsAbsoluteUri || value.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"BaseUrl must be an absolute http:// or https:// URL; got '{value}'.", nameof(value));
            }

            _baseUrl = value;
        }
    }

    /// <summary>The HTTP client to send requests with; it is not disposed with the server client. <see langword="null"/> creates one.</summary>
    public HttpClient? HttpClient { get; set; }
}
