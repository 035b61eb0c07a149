using System.Text;

namespace Differentials.Notebook;

/// <summary>HTML escaping for text placed in element content or attribute values.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Escapes &amp;, &lt;, &gt;, quotes and apostrophes, and nothing else: names such as "x₀" or "sin²"
    /// stay readable in the HTML source (WebUtility.HtmlEncode would turn them into numeric entities).
    /// </summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var html = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            html.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }
        return html.ToString();
    }
}
