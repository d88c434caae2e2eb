using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Options;
using Microsoft.CodeAnalysis.Simplification;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Finishes a fixed document the way its file is written: adds the <c>using</c> directives that new
/// type names need, simplifies those names, and formats the annotated nodes with the file's own line
/// ending and indentation. A host formats with its defaults otherwise ("\n" in a CRLF file, spaces
/// in a tab-indented one), so the annotations are removed afterwards and its clean-up leaves the
/// result alone.
/// </summary>
internal static class FileStyle
{
    public static async Task<Document> FinishAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var options = WithStyleOf(root, await document.GetOptionsAsync(cancellationToken).ConfigureAwait(false));
        // Generated type names carry the simplifier's annotation: the namespaces they need get a using directive, then the names shorten.
        document = await ImportAdder.AddImportsAsync(document, Simplifier.Annotation, options, cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, options, cancellationToken).ConfigureAwait(false);
        document = await Formatter.FormatAsync(document, Formatter.Annotation, options, cancellationToken).ConfigureAwait(false);

        root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(WithoutCleanupAnnotations(root));
    }

    /// <summary>The line ending of the file's first line break; tabs when its first indented line starts with one, else its member indentation width.</summary>
    private static OptionSet WithStyleOf(SyntaxNode root, OptionSet options)
    {
        var lineBreak = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (lineBreak.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            options = options.WithChangedOption(FormattingOptions.NewLine, LanguageNames.CSharp, lineBreak.ToString());
        }

        if (FirstIndentation(root) is { Length: > 0 } indentation)
        {
            var useTabs = indentation[0] == '\t';
            options = options.WithChangedOption(FormattingOptions.UseTabs, LanguageNames.CSharp, useTabs);
            if (useTabs)
            {
                // One tab per level, whatever width the editor shows it at.
                var tabSize = options.GetOption(FormattingOptions.TabSize, LanguageNames.CSharp);
                options = options.WithChangedOption(FormattingOptions.IndentationSize, LanguageNames.CSharp, tabSize);
            }
            else if (MemberIndentationWidth(root) is { } width)
            {
                options = options.WithChangedOption(FormattingOptions.IndentationSize, LanguageNames.CSharp, width);
            }
        }

        return options;
    }

    private static string? FirstIndentation(SyntaxNode root)
    {
        foreach (var token in root.DescendantTokens())
        {
            var leading = token.LeadingTrivia;
            for (var i = leading.Count - 1; i >= 0; i--)
            {
                if (leading[i].IsKind(SyntaxKind.WhitespaceTrivia) && (i == 0 ? IsLineStart(token) : leading[i - 1].IsKind(SyntaxKind.EndOfLineTrivia)))
                {
                    return leading[i].ToString();
                }
            }
        }

        return null;
    }

    private static bool IsLineStart(SyntaxToken token) =>
        token.GetPreviousToken() is var previous && (previous.IsKind(SyntaxKind.None) || previous.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));

    /// <summary>How far the first member of a type is indented past the type itself.</summary>
    private static int? MemberIndentationWidth(SyntaxNode root)
    {
        foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            if (type.Members.FirstOrDefault() is { } member)
            {
                var width = Column(member) - Column(type);
                return width > 0 ? width : null;
            }
        }

        return null;
    }

    private static int Column(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Character;

    /// <summary>
    /// Drops the annotations a host's clean-up acts on, and freezes elastic trivia (which it would
    /// format again with its own defaults) as the whitespace the formatter chose.
    /// </summary>
    private static SyntaxNode WithoutCleanupAnnotations(SyntaxNode root)
    {
        var annotations = new[] { Formatter.Annotation, Simplifier.Annotation, Simplifier.AddImportsAnnotation };
        var nodes = annotations.SelectMany(a => root.GetAnnotatedNodes(a)).Distinct().ToList();
        var tokens = annotations.SelectMany(a => root.GetAnnotatedTokens(a)).Distinct().ToList();
        var elastic = root.DescendantTrivia().Where(t => t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)).ToList();
        return root.ReplaceSyntax(
            nodes,
            (_, rewritten) => rewritten.WithoutAnnotations(annotations),
            tokens,
            (_, rewritten) => rewritten.WithoutAnnotations(annotations),
            elastic,
            (original, _) => original.IsKind(SyntaxKind.EndOfLineTrivia)
                ? SyntaxFactory.EndOfLine(original.ToString())
                : SyntaxFactory.Whitespace(original.ToString()));
    }
}
