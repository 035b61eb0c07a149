using Markdig;
using Markdig.Extensions.GenericAttributes;

namespace Differentials.Runner;

/// <summary>Markdown to HTML for reports: Markdig with its advanced extensions and math, TeX shielded from
/// the parser first (<see cref="MarkdownMath"/>) so it reaches KaTeX as written.</summary>
internal static class MarkdownRenderer
{
    /// <summary>The Markdig pipeline: advanced extensions and mathematics, without generic attributes
    /// (which would read the braces of <c>\frac{a}{b}</c> at the end of a line as HTML attributes).</summary>
    public static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>Renders <paramref name="markdown"/>.</summary>
    /// <param name="markdown">Markdown with TeX math in <c>$...$</c> or <c>$$...$$</c>.</param>
    /// <param name="sanitize">Strip scripts, event handlers and unsafe URLs from the HTML (see <see cref="HtmlSanitizer"/>).</param>
    /// <returns>HTML; math as elements with class "math" holding <c>\(...\)</c> or <c>\[...\]</c>.</returns>
    public static string ToHtml(string markdown, bool sanitize = true)
    {
        var (text, prefix, formulas) = MarkdownMath.Protect(markdown);
        var html = Markdown.ToHtml(text, Pipeline);
        // Before the math goes back: formulas are escaped text, and the sanitizer never sees them.
        return MarkdownMath.Restore(sanitize ? HtmlSanitizer.Sanitize(html) : html, prefix, formulas);
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseMathematics();
        builder.Extensions.TryRemove<GenericAttributesExtension>();
        return builder.Build();
    }
}
