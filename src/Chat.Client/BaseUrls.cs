using System;

namespace Chat.Client;

internal static class BaseUrls
{
    /// <summary>
    /// The URL with <paramref name="scheme"/>, no query or fragment, and a trailing slash, so that relative
    /// paths such as <c>connect</c> resolve under its path instead of replacing its last segment.
    /// </summary>
    public static Uri AsDirectory(Uri url, string scheme)
    {
        var builder = new UriBuilder(url) { Scheme = scheme, Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith("/", StringComparison.Ordinal))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }
}
