using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ChatUsageAnalyzers.Tests;

/// <summary>
/// The rules' plain-text pre-filter: a type is followed only when one of its declarations spells a
/// name the rule looks for. Wrong answers here would hide findings, so the edges are pinned down.
/// </summary>
public class TextMentionsTests
{
    private static readonly TextMentions ConnectNames = new(new[] { "ConnectUserAsync", "Reconnect" }, new TypeDeclarations());

    [Theory]
    [InlineData("class A { void M(C c) => c.ConnectUserAsync(); }", true)]
    [InlineData("class A { void M(C c) => c.Reconnect(); }", true)]
    [InlineData("class A { void M(C c) => c.DisconnectUserAsync(); }", false)]
    [InlineData("class A { /* ConnectUserAsync: a comment counts too (text, not syntax: never too little) */ }", true)]
    public void A_type_is_followed_when_its_text_spells_a_name(string source, bool followed)
    {
        var type = Compile(source).GetTypeByMetadataName("A")!;

        Assert.Equal(followed, ConnectNames.InType(type));
    }

    [Fact]
    public void Any_partial_part_counts()
    {
        var compilation = Compile(
            "partial class A { void M() { } }",
            "partial class A { void N(C c) => c.ConnectUserAsync(); }");

        Assert.True(ConnectNames.InType(compilation.GetTypeByMetadataName("A")!));
    }

    [Fact]
    public void Filters_sharing_the_declarations_of_a_type_answer_for_their_own_names()
    {
        // The filters of one compilation share where a type is declared, asked one after another.
        var declarations = new TypeDeclarations();
        var connect = new TextMentions(new[] { "ConnectUserAsync" }, declarations);
        var creation = new TextMentions(new[] { "ChatClient" }, declarations);
        var compilation = Compile(
            "partial class A { void M(C c) => c.ConnectUserAsync(); }",
            "partial class A { void N() { } } class B { object client = new ChatClient(); }");
        var a = compilation.GetTypeByMetadataName("A")!;
        var b = compilation.GetTypeByMetadataName("B")!;

        Assert.True(connect.InType(a));
        Assert.False(creation.InType(a));
        Assert.False(connect.InType(b));
        Assert.True(creation.InType(b));
        Assert.True(connect.InType(a));
    }

    [Fact]
    public void Only_the_span_asked_about_counts()
    {
        var tree = CSharpSyntaxTree.ParseText("class A { } class B { void M(C c) => c.ConnectUserAsync(); }");
        var text = tree.ToString();
        var a = new TextSpan(0, text.IndexOf("class B"));
        var b = TextSpan.FromBounds(text.IndexOf("class B"), text.Length);

        Assert.False(ConnectNames.In(tree, a));
        Assert.True(ConnectNames.In(tree, b));
        // A name that starts inside the span counts; one that starts at its end does not.
        var start = text.IndexOf("ConnectUserAsync");
        Assert.True(ConnectNames.In(tree, new TextSpan(start, 1)));
        Assert.False(ConnectNames.In(tree, TextSpan.FromBounds(0, start)));
    }

    [Fact]
    public void No_names_follow_nothing()
    {
        var tree = CSharpSyntaxTree.ParseText("class A { void M(C c) => c.ConnectUserAsync(); }");

        Assert.True(new TextMentions(Enumerable.Empty<string>(), new TypeDeclarations()).IsEmpty);
        Assert.False(new TextMentions(new[] { "" }, new TypeDeclarations()).In(tree, new TextSpan(0, tree.Length)));
    }

    private static Compilation Compile(params string[] sources) =>
        CSharpCompilation.Create("Mentions", sources.Select(source => CSharpSyntaxTree.ParseText(source)));
}
