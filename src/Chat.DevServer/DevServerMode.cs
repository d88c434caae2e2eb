namespace Chat.DevServer;

/// <summary>How strict the development server is.</summary>
public enum DevServerMode
{
    /// <summary>Development tokens are accepted and each user may hold 3 open connections.</summary>
    Development,

    /// <summary>Only tokens signed with the API secret are accepted and each user may hold 50 open connections.</summary>
    Production,
}
