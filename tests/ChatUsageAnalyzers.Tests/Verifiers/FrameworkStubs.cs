using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>
/// Minimal source stubs, with the exact full names, for the frameworks that cannot run or be
/// referenced here (Unity, Godot, MonoGame, WPF, WinForms, Avalonia, MAUI) and for Stream's Unity
/// SDK (shipped as a Unity package, not on NuGet). .NET, ASP.NET Core and Blazor are real
/// reference assemblies instead (see <see cref="TestReferences"/>).
/// </summary>
public static class FrameworkStubs
{
    public const string Unity = """
        namespace UnityEngine
        {
            public class Object { }
            public class Component : Object { }
            public class Behaviour : Component { public bool enabled { get; set; } }
            public class MonoBehaviour : Behaviour { }
            public class RenderTexture : Object { }
            public static class Debug { public static void Log(object message) { } }
        }
        """;

    public const string Godot = """
        namespace Godot
        {
            public partial class GodotObject { }
            public partial class Node : GodotObject
            {
                public virtual void _Ready() { }
                public virtual void _EnterTree() { }
                public virtual void _ExitTree() { }
                public virtual void _Process(double delta) { }
                public virtual void _PhysicsProcess(double delta) { }
            }
            public partial class CanvasItem : Node { public virtual void _Draw() { } }
            public partial class Node2D : CanvasItem { }
            public partial class Control : CanvasItem { }
        }
        """;

    public const string MonoGame = """
        namespace Microsoft.Xna.Framework
        {
            public class GameTime { }
            public class Game : System.IDisposable
            {
                protected virtual void Initialize() { }
                protected virtual void LoadContent() { }
                protected virtual void UnloadContent() { }
                protected virtual void Update(GameTime gameTime) { }
                protected virtual void Draw(GameTime gameTime) { }
                protected virtual void OnExiting(object sender, System.EventArgs args) { }
                public void Dispose() { Dispose(true); }
                protected virtual void Dispose(bool disposing) { }
            }
            public class GameComponent : System.IDisposable
            {
                public GameComponent(Game game) { }
                public virtual void Initialize() { }
                public virtual void Update(GameTime gameTime) { }
                public void Dispose() { Dispose(true); }
                protected virtual void Dispose(bool disposing) { }
            }
            public class DrawableGameComponent : GameComponent
            {
                public DrawableGameComponent(Game game) : base(game) { }
                public virtual void Draw(GameTime gameTime) { }
                protected virtual void LoadContent() { }
                protected virtual void UnloadContent() { }
            }
        }
        """;

    public const string Wpf = """
        namespace System.Windows
        {
            public struct Size { }
            public class RoutedEventArgs : System.EventArgs { }
            public delegate void RoutedEventHandler(object sender, RoutedEventArgs e);
            public class DependencyObject { }
            public class Visual : DependencyObject { }
            public class UIElement : Visual
            {
                protected virtual void OnRender(System.Windows.Media.DrawingContext drawingContext) { }
            }
            public class FrameworkElement : UIElement
            {
                public event RoutedEventHandler Loaded { add { } remove { } }
                public event RoutedEventHandler Unloaded { add { } remove { } }
                protected virtual Size MeasureOverride(Size availableSize) => availableSize;
                protected virtual Size ArrangeOverride(Size finalSize) => finalSize;
                protected virtual void OnInitialized(System.EventArgs e) { }
            }
            public class Window : System.Windows.Controls.ContentControl
            {
                protected virtual void OnClosed(System.EventArgs e) { }
                protected virtual void OnActivated(System.EventArgs e) { }
            }
        }
        namespace System.Windows.Controls
        {
            public class Control : System.Windows.FrameworkElement { }
            public class ContentControl : Control { }
            public class UserControl : ContentControl { }
        }
        namespace System.Windows.Media
        {
            public class DrawingContext { }
            public static class CompositionTarget { public static event System.EventHandler Rendering { add { } remove { } } }
        }
        """;

    public const string WinForms = """
        namespace System.Windows.Forms
        {
            public class PaintEventArgs : System.EventArgs { }
            public delegate void PaintEventHandler(object sender, PaintEventArgs e);
            public class FormClosedEventArgs : System.EventArgs { }
            public class Control : System.ComponentModel.Component
            {
                public event PaintEventHandler Paint { add { } remove { } }
                public event System.EventHandler VisibleChanged { add { } remove { } }
                protected virtual void OnPaint(PaintEventArgs e) { }
                protected virtual void OnPaintBackground(PaintEventArgs e) { }
                protected virtual void OnHandleCreated(System.EventArgs e) { }
            }
            public class ScrollableControl : Control { }
            public class ContainerControl : ScrollableControl { }
            public class Form : ContainerControl
            {
                public event System.EventHandler Activated { add { } remove { } }
                protected virtual void OnLoad(System.EventArgs e) { }
                protected virtual void OnActivated(System.EventArgs e) { }
                protected virtual void OnFormClosed(FormClosedEventArgs e) { }
            }
            public class UserControl : ContainerControl { protected virtual void OnLoad(System.EventArgs e) { } }
        }
        """;

    public const string Avalonia = """
        namespace Avalonia
        {
            public class VisualTreeAttachmentEventArgs : System.EventArgs { }
            public class AvaloniaObject { }
            public class Visual : AvaloniaObject
            {
                public virtual void Render(Avalonia.Media.DrawingContext context) { }
                protected virtual void OnAttachedToVisualTree(VisualTreeAttachmentEventArgs e) { }
                protected virtual void OnDetachedFromVisualTree(VisualTreeAttachmentEventArgs e) { }
            }
        }
        namespace Avalonia.Media { public class DrawingContext { } }
        namespace Avalonia.Controls { public class Control : Avalonia.Visual { } public class UserControl : Control { } }
        """;

    public const string Maui = """
        namespace Microsoft.Maui.Graphics
        {
            public interface ICanvas { }
            public struct RectF { }
            public interface IDrawable { void Draw(ICanvas canvas, RectF dirtyRect); }
        }
        namespace Microsoft.Maui.Controls
        {
            public class NavigatedToEventArgs : System.EventArgs { }
            public class NavigatedFromEventArgs : System.EventArgs { }
            public class Element { }
            public class VisualElement : Element { }
            public class Page : VisualElement
            {
                protected virtual void OnAppearing() { }
                protected virtual void OnDisappearing() { }
                protected virtual void OnNavigatedTo(NavigatedToEventArgs args) { }
                protected virtual void OnNavigatedFrom(NavigatedFromEventArgs args) { }
            }
            public class ContentPage : Page { }
            public class Window : Element
            {
                public event System.EventHandler Activated { add { } remove { } }
                public event System.EventHandler Resumed { add { } remove { } }
            }
        }
        """;

    /// <summary>
    /// The public surface of Stream's Unity SDK that the rules key on. It is compiled as the SDK
    /// ships, an assembly named <c>StreamChat.Core</c> (the analyzers look for built-in clients in
    /// their own assemblies only).
    /// </summary>
    public const string StreamChat = """
        namespace StreamChat.Libs.Auth
        {
            public readonly struct AuthCredentials
            {
                public readonly string ApiKey;
                public readonly string UserId;
                public readonly string UserToken;
                public AuthCredentials(string apiKey, string userId, string userToken) { ApiKey = apiKey; UserId = userId; UserToken = userToken; }
            }
            public interface ITokenProvider { System.Threading.Tasks.Task<string> GetTokenAsync(string userId); }
        }
        namespace StreamChat.Core.StatefulModels { public interface IStreamLocalUserData { } }
        namespace StreamChat.Core
        {
            public enum ConnectionState { Disconnected, Connecting, WaitToReconnect, Connected, Closing }
            public interface IStreamChatClient : System.IDisposable
            {
                ConnectionState ConnectionState { get; }
                bool IsConnected { get; }
                bool IsConnecting { get; }
                System.Threading.Tasks.Task<StreamChat.Core.StatefulModels.IStreamLocalUserData> ConnectUserAsync(StreamChat.Libs.Auth.AuthCredentials userAuthCredentials, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.Task<StreamChat.Core.StatefulModels.IStreamLocalUserData> ConnectUserAsync(string apiKey, string userId, string userAuthToken, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.Task<StreamChat.Core.StatefulModels.IStreamLocalUserData> ConnectUserAsync(string apiKey, string userId, StreamChat.Libs.Auth.ITokenProvider tokenProvider, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.Task DisconnectUserAsync();
            }
            public sealed class StreamChatClient
            {
                public static IStreamChatClient CreateDefaultClient() => null!;
            }
        }
        """;

    /// <summary>The stubs that stand for an SDK assembly of their own, by that assembly's name.</summary>
    private static readonly Dictionary<string, string> OwnAssemblies = new() { [StreamChat] = "StreamChat.Core" };

    /// <summary>
    /// Adds <paramref name="stubs"/> to a test's state: SDK stubs as a referenced project named after
    /// the SDK's assembly, framework stubs as sources of the test project.
    /// </summary>
    public static void AddTo(SolutionState state, string[] stubs)
    {
        for (var i = 0; i < stubs.Length; i++)
        {
            if (OwnAssemblies.TryGetValue(stubs[i], out var assemblyName))
            {
                var project = new ProjectState(assemblyName, LanguageNames.CSharp, $"/{assemblyName}/Stub", "cs");
                // Another vendor's API, stubbed: its documentation is not this test's business.
                project.Sources.Add(($"/{assemblyName}/Stub.cs", "#pragma warning disable CS1591\n" + stubs[i]));
                state.AdditionalProjects.Add(assemblyName, project);
                state.AdditionalProjectReferences.Add(assemblyName);
            }
            else
            {
                state.Sources.Add(($"/0/Stubs{i}.cs", stubs[i]));
            }
        }
    }
}
