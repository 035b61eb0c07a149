using System.Net;

namespace Differentials.Notebook;

/// <summary>HTML escaping for text placed in element content or attribute values.</summary>
internal static class HtmlText
{
    /// <summary>Escapes &amp;, &lt;, &gt;, quotes and apostrophes.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
