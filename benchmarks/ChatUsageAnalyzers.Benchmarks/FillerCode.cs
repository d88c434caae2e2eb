using System;
using System.Globalization;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>
/// Ordinary application code around the planted chat usages: services, view models, Blazor
/// components, Unity behaviours and records, with loops, lambdas, LINQ, events and async. It is what
/// the analyzers mostly see, so it is full of invocations, creations and event subscriptions, and of
/// methods named like connect methods on types that are not chat clients.
/// </summary>
internal static class FillerCode
{
    private static readonly string[] Entities =
        ["Order", "Invoice", "Customer", "Product", "Shipment", "Ticket", "Booking", "Report", "Payment", "Profile", "Device", "Playlist"];

    /// <summary>One block of code, <c>{id}</c>-unique within the corpus; returns its text.</summary>
    public static string Block(Random random, string id)
    {
        var entity = Entities[random.Next(Entities.Length)];
        var limit = random.Next(3, 40).ToString(CultureInfo.InvariantCulture);
        var factor = random.Next(2, 9).ToString(CultureInfo.InvariantCulture);
        var template = random.Next(5) switch
        {
            0 => Service,
            1 => ViewModel,
            2 => Component,
            3 => Behaviour,
            _ => Records,
        };
        return template.Replace("{E}", entity, StringComparison.Ordinal)
            .Replace("{id}", id, StringComparison.Ordinal)
            .Replace("{limit}", limit, StringComparison.Ordinal)
            .Replace("{factor}", factor, StringComparison.Ordinal);
    }

    private const string Service = """
        public sealed record {E}Item{id}(int Id, string Name, decimal Amount, DateTime CreatedAt);

        public sealed class {E}Connection{id} : IAsyncDisposable
        {
            public bool IsOpen { get; private set; }

            public Task ConnectAsync(string endpoint, CancellationToken cancellationToken = default)
            {
                IsOpen = endpoint.Length > 0 && !cancellationToken.IsCancellationRequested;
                return Task.CompletedTask;
            }

            public Task<int> ConnectUserAsync(string user, string token) => Task.FromResult(user.Length + token.Length);

            public ValueTask DisposeAsync()
            {
                IsOpen = false;
                return ValueTask.CompletedTask;
            }
        }

        public sealed class {E}Service{id} : IDisposable
        {
            private readonly List<{E}Item{id}> _items = new();
            private readonly Dictionary<int, {E}Item{id}> _byId = new();
            private readonly {E}Connection{id} _connection = new();
            private readonly SemaphoreSlim _gate = new(1, 1);

            public event EventHandler? Changed;

            public int Count => _items.Count;

            public async Task LoadAsync(CancellationToken cancellationToken)
            {
                await _connection.ConnectAsync("https://api.example.test/{E}", cancellationToken);
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    for (var i = 0; i < {limit}; i++)
                    {
                        var item = new {E}Item{id}(i, "{E} " + i, i * {factor}.5m, DateTime.UnixEpoch.AddDays(i));
                        _items.Add(item);
                        _byId[item.Id] = item;
                    }
                }
                finally
                {
                    _gate.Release();
                }

                Changed?.Invoke(this, EventArgs.Empty);
            }

            public IReadOnlyList<string> Describe(decimal minimum) =>
                _items.Where(item => item.Amount >= minimum)
                    .OrderByDescending(item => item.CreatedAt)
                    .Select(item => $"{item.Name}: {item.Amount:0.00}")
                    .ToList();

            public decimal Total()
            {
                decimal total = 0;
                foreach (var item in _items)
                {
                    if (item.Amount > {limit})
                    {
                        total += item.Amount * {factor};
                        continue;
                    }

                    total += item.Amount;
                }

                return total;
            }

            public async Task<int> SyncAsync(IEnumerable<string> users)
            {
                var synced = 0;
                foreach (var user in users)
                {
                    synced += await _connection.ConnectUserAsync(user, "token-" + user);
                }

                return synced;
            }

            public {E}Item{id}? Find(int id) => _byId.TryGetValue(id, out var item) ? item : null;

            public void Dispose() => _gate.Dispose();
        }

        """;

    private const string ViewModel = """
        public sealed class {E}ViewModel{id} : System.ComponentModel.INotifyPropertyChanged
        {
            private readonly List<string> _lines = new();
            private string _title = "{E}";
            private int _selected;
            private bool _busy;

            public event System.ComponentModel.PropertyChangedEventHandler? PropertyChanged;

            public string Title
            {
                get => _title;
                set => SetField(ref _title, value, nameof(Title));
            }

            public int Selected
            {
                get => _selected;
                set => SetField(ref _selected, value, nameof(Selected));
            }

            public bool Busy
            {
                get => _busy;
                private set => SetField(ref _busy, value, nameof(Busy));
            }

            public IReadOnlyList<string> Lines => _lines;

            public Func<Task> Refresh => RefreshAsync;

            public void Attach({E}ViewModel{id} other)
            {
                other.PropertyChanged += OnOtherChanged;
                PropertyChanged += (_, e) => _lines.Add(e.PropertyName ?? "");
            }

            public void Detach({E}ViewModel{id} other) => other.PropertyChanged -= OnOtherChanged;

            private void OnOtherChanged(object? sender, System.ComponentModel.PropertyChangedEventArgs e)
            {
                if (sender is {E}ViewModel{id} other && e.PropertyName == nameof(Title))
                {
                    Title = other.Title + " (linked)";
                }
            }

            private async Task RefreshAsync()
            {
                Busy = true;
                try
                {
                    _lines.Clear();
                    var numbers = Enumerable.Range(0, {limit}).Select(n => n * {factor}).Where(n => n % 3 != 0);
                    foreach (var number in numbers)
                    {
                        _lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} #{1}", Title, number));
                        await Task.Yield();
                    }

                    Selected = _lines.Count > 0 ? _lines.Count - 1 : 0;
                }
                finally
                {
                    Busy = false;
                }
            }

            private void SetField<T>(ref T field, T value, string name)
            {
                if (EqualityComparer<T>.Default.Equals(field, value))
                {
                    return;
                }

                field = value;
                PropertyChanged?.Invoke(this, new System.ComponentModel.PropertyChangedEventArgs(name));
            }
        }

        """;

    private const string Component = """
        public sealed class {E}List{id} : Microsoft.AspNetCore.Components.ComponentBase, IDisposable
        {
            private readonly List<string> _rows = new();
            private readonly CancellationTokenSource _cancellation = new();
            private int _renders;

            [Microsoft.AspNetCore.Components.Parameter]
            public string Filter { get; set; } = "";

            [Microsoft.AspNetCore.Components.Parameter]
            public int PageSize { get; set; } = {limit};

            protected override async Task OnInitializedAsync()
            {
                for (var page = 0; page < 3; page++)
                {
                    await Task.Delay(1, _cancellation.Token);
                    _rows.AddRange(Enumerable.Range(page * PageSize, PageSize).Select(i => "{E} " + i));
                }
            }

            protected override void OnParametersSet()
            {
                _rows.RemoveAll(row => Filter.Length > 0 && !row.Contains(Filter, StringComparison.OrdinalIgnoreCase));
            }

            protected override void OnAfterRender(bool firstRender)
            {
                _renders++;
                if (firstRender)
                {
                    _rows.Sort(StringComparer.Ordinal);
                }
            }

            protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
            {
                builder.OpenElement(0, "ul");
                var sequence = 1;
                foreach (var row in _rows.Take(PageSize * {factor}))
                {
                    builder.OpenElement(sequence++, "li");
                    builder.AddContent(sequence++, row);
                    builder.CloseElement();
                }

                builder.AddContent(sequence, _renders);
                builder.CloseElement();
            }

            public void Dispose()
            {
                _cancellation.Cancel();
                _cancellation.Dispose();
            }
        }

        """;

    private const string Behaviour = """
        public struct {E}Point{id}
        {
            public float X;
            public float Y;

            public {E}Point{id}(float x, float y)
            {
                X = x;
                Y = y;
            }

            public float Length => MathF.Sqrt(X * X + Y * Y);
        }

        public sealed class {E}Mover{id} : UnityEngine.MonoBehaviour
        {
            private readonly List<{E}Point{id}> _trail = new();
            private {E}Point{id} _position;
            private float _speed = {factor};
            private int _frames;

            public event Action<int>? Moved;

            private void Start()
            {
                _position = new {E}Point{id}(0, 0);
                Moved += frames => _speed = frames % {limit} == 0 ? _speed * 0.9f : _speed;
            }

            private void Update()
            {
                _frames++;
                Step(1f / 60);
                if (_trail.Count > {limit})
                {
                    _trail.RemoveRange(0, _trail.Count - {limit});
                }

                Moved?.Invoke(_frames);
            }

            private void FixedUpdate()
            {
                var farthest = _trail.Count == 0 ? 0 : _trail.Max(point => point.Length);
                if (farthest > 100)
                {
                    _position = new {E}Point{id}(0, 0);
                }
            }

            private void Step(float delta)
            {
                _position = new {E}Point{id}(_position.X + _speed * delta, _position.Y + MathF.Sin(_frames * delta));
                _trail.Add(_position);
            }

            private void OnDestroy() => _trail.Clear();
        }

        """;

    private const string Records = """
        public enum {E}State{id}
        {
            Draft,
            Active,
            Closed,
        }

        public sealed record {E}Entry{id}(string Key, {E}State{id} State, int Quantity)
        {
            public bool IsOpen => State is {E}State{id}.Draft or {E}State{id}.Active;
        }

        public static class {E}Rules{id}
        {
            public static string Label(this {E}Entry{id} entry) => entry.State switch
            {
                {E}State{id}.Draft => "draft " + entry.Key,
                {E}State{id}.Active when entry.Quantity > {limit} => "busy " + entry.Key,
                {E}State{id}.Active => "active " + entry.Key,
                _ => "closed",
            };

            public static Dictionary<{E}State{id}, int> Tally(IEnumerable<{E}Entry{id}> entries) =>
                entries.GroupBy(entry => entry.State).ToDictionary(group => group.Key, group => group.Sum(entry => entry.Quantity));

            public static async IAsyncEnumerable<{E}Entry{id}> StreamAsync(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await Task.Yield();
                    yield return new {E}Entry{id}("k" + i, ({E}State{id})(i % 3), i * {factor});
                }
            }

            public static async Task<int> CountOpenAsync(int count)
            {
                var open = 0;
                await foreach (var entry in StreamAsync(count))
                {
                    open += entry.IsOpen ? 1 : 0;
                }

                return open;
            }

            public static IEnumerable<string> Labels(IEnumerable<{E}Entry{id}> entries)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in entries)
                {
                    var label = entry.Label();
                    if (seen.Add(label))
                    {
                        yield return label;
                    }
                }
            }
        }

        """;
}
