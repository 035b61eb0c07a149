using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Differentials.Runner;

/// <summary>Makes rendered markdown safe to open: an allow-list of elements and attributes is rebuilt tag by
/// tag, so no script, event handler, frame or <c>javascript:</c> URL survives, whatever the raw HTML in the
/// markdown looked like. Text between tags passes unchanged (the markdown renderer escaped it); a
/// <c>&lt;</c> that starts no well-formed tag is escaped, so nothing unparsed reaches the browser as markup.</summary>
internal static partial class HtmlSanitizer
{
    // Everything Markdig's advanced extensions emit, plus the plain HTML a notebook's prose uses.
    private static readonly HashSet<string> AllowedElements = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins",
        "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
    };

    // Removed together with everything up to their end tag.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select", "svg", "math", "frameset", "applet",
    };

    private static readonly HashSet<string> AllowedAttributes = new(StringComparer.Ordinal)
    {
        "id", "class", "title", "alt", "src", "href", "width", "height", "align", "colspan", "rowspan", "start", "open",
        "lang", "dir", "scope", "style", "type", "checked", "disabled", "valign", "reversed",
    };

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>Sanitizes <paramref name="html"/>.</summary>
    /// <param name="html">HTML rendered from markdown, raw HTML included.</param>
    /// <returns>The same document with only allowed elements and attributes and safe URLs.</returns>
    public static string Sanitize(string html)
    {
        var result = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                result.Append(html, i, html.Length - i);
                break;
            }
            result.Append(html, i, lt - i);
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }
            var tag = TagPattern().Match(html, lt);
            if (!tag.Success || tag.Index != lt)
            {
                result.Append("&lt;");
                i = lt + 1;
                continue;
            }
            i = lt + tag.Length;
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            var closing = tag.Groups["close"].Success;
            if (DroppedWithContent.Contains(name))
            {
                if (!closing && !tag.Groups["self"].Success)
                {
                    var end = Regex.Match(html[i..], $@"</{Regex.Escape(name)}\s*>", RegexOptions.IgnoreCase);
                    i = end.Success ? i + end.Index + end.Length : html.Length;
                }
                continue;
            }
            if (!AllowedElements.Contains(name))
                continue; // the element goes, its text stays
            if (closing)
            {
                result.Append("</").Append(name).Append('>');
                continue;
            }
            result.Append('<').Append(name);
            foreach (Match attribute in AttributePattern().Matches(tag.Groups["attributes"].Value))
                AppendAttribute(result, attribute);
            result.Append(tag.Groups["self"].Success ? " />" : ">");
        }
        return result.ToString();
    }

    private static void AppendAttribute(StringBuilder result, Match attribute)
    {
        var name = attribute.Groups["name"].Value.ToLowerInvariant();
        if (!AllowedAttributes.Contains(name))
            return; // event handlers (on…), srcdoc, formaction, xlink:href and anything unknown
        var raw = attribute.Groups["dq"].Success ? attribute.Groups["dq"].Value
            : attribute.Groups["sq"].Success ? attribute.Groups["sq"].Value
            : attribute.Groups["bare"].Value;
        var value = WebUtility.HtmlDecode(raw);
        if (name is "href" or "src" && !IsSafeUrl(value, image: name == "src"))
            return;
        if (name == "style" && UnsafeStyle().IsMatch(value))
            return;
        if (name == "type" && !value.Equals("checkbox", StringComparison.OrdinalIgnoreCase))
            return; // task-list checkboxes only: no buttons or file pickers
        result.Append(' ').Append(name);
        if (attribute.Groups["value"].Success)
            result.Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
    }

    /// <summary>Whether a URL is relative or uses http, https or mailto (for images also a raster data: URL).</summary>
    /// <param name="url">The decoded attribute value.</param>
    /// <param name="image">True for an img src.</param>
    /// <returns>True when a browser can follow it without running code.</returns>
    public static bool IsSafeUrl(string url, bool image)
    {
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): so do we.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':');
        var boundary = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (boundary >= 0 && boundary < colon))
            return true; // relative
        var scheme = compact[..colon];
        if (SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            return true;
        return image && scheme.Equals("data", StringComparison.OrdinalIgnoreCase)
            && RasterDataUrl().IsMatch(compact);
    }

    [GeneratedRegex(@"<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attributes>(?:\s+[^\s""'>/=]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'=<>`]+))?)*)\s*(?<self>/)?>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"(?<name>[^\s""'>/=]+)(?<value>\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'=<>`]+)))?")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeStyle();

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp);", RegexOptions.IgnoreCase)]
    private static partial Regex RasterDataUrl();
}
