using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Line breaks for blocks a fix grows: the formatter indents lines but keeps what is on one line
/// (<c>void Start() { Log(); }</c>, a lambda's body), so a block that gains a multi-line statement
/// gets its braces and statements on lines of their own first.
/// </summary>
internal static class BlockLayout
{
    /// <summary>The file's line break (its first one), so that new lines match the others.</summary>
    public static SyntaxTrivia EndOfLineOf(SyntaxNode node)
    {
        var first = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return first.IsKind(SyntaxKind.EndOfLineTrivia) ? first : ElasticCarriageReturnLineFeed;
    }

    /// <summary>The whitespace that starts the line <paramref name="node"/> starts on; null when there is none.</summary>
    public static SyntaxTrivia? IndentationOf(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var line = text.Lines.GetLineFromPosition(node.SpanStart);
        var lineText = line.ToString();
        var width = lineText.Length - lineText.TrimStart(' ', '\t').Length;
        return width == 0 ? null : Whitespace(lineText.Substring(0, width));
    }

    /// <summary>True when the block's braces are on the same line of its (original) tree.</summary>
    public static bool IsSingleLine(BlockSyntax block)
    {
        var text = block.SyntaxTree.GetText();
        return text.Lines.GetLineFromPosition(block.OpenBraceToken.SpanStart).LineNumber
            == text.Lines.GetLineFromPosition(block.CloseBraceToken.SpanStart).LineNumber;
    }

    /// <summary>
    /// The block with each brace and statement on its own line (comments stay with their statement),
    /// marked for the formatter to indent.
    /// </summary>
    /// <param name="braceIndentation">
    /// Where the braces start, for a lambda's body: the formatter keeps a lambda body's braces where
    /// they are and indents the statements from them.
    /// </param>
    public static BlockSyntax OnSeparateLines(BlockSyntax block, SyntaxTrivia endOfLine, SyntaxTrivia? braceIndentation = null)
    {
        var statements = block.Statements.Select(statement =>
        {
            var leading = statement.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var trailing = statement.GetTrailingTrivia();
            if (!trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                trailing = TriviaList(trailing.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)).Append(endOfLine));
            }

            return statement.WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
        });
        var openBrace = block.OpenBraceToken;
        var startsLine = openBrace.GetPreviousToken().TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var indentation = braceIndentation is { } whitespace ? TriviaList(whitespace) : TriviaList();
        return block
            .WithOpenBraceToken(openBrace.WithLeadingTrivia(startsLine ? openBrace.LeadingTrivia : TriviaList(endOfLine).AddRange(indentation)).WithTrailingTrivia(endOfLine))
            .WithStatements(List(statements))
            .WithCloseBraceToken(block.CloseBraceToken.WithLeadingTrivia(indentation))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
