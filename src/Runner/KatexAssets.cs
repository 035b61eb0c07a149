using System.Reflection;
using System.Text.RegularExpressions;

namespace Differentials.Runner;

/// <summary>KaTeX (vendored from npm under assets/katex, embedded in this assembly) as inline blocks:
/// the stylesheet with its woff2 fonts as data: URIs, katex.min.js and the auto-render extension.</summary>
internal static partial class KatexAssets
{
    private static readonly Lazy<string> LazyStyle = new(BuildStyle);
    private static readonly Lazy<string> LazyScript = new(() => Read("katex.min.js"));
    private static readonly Lazy<string> LazyAutoRender = new(() => Read("contrib/auto-render.min.js"));

    /// <summary>katex.min.css with every font as an inline woff2 data: URI (no other font formats).</summary>
    public static string Style => LazyStyle.Value;

    /// <summary>katex.min.js.</summary>
    public static string Script => LazyScript.Value;

    /// <summary>contrib/auto-render.min.js (defines renderMathInElement).</summary>
    public static string AutoRender => LazyAutoRender.Value;

    private static string BuildStyle()
    {
        var css = Read("katex.min.css");
        // Each @font-face lists woff2, woff and ttf; browsers that run KaTeX read woff2, so only it is inlined.
        var inlined = FontSources().Replace(css, match =>
        {
            var font = Convert.ToBase64String(ReadBytes($"fonts/{match.Groups["name"].Value}.woff2"));
            return $"src:url(data:font/woff2;base64,{font}) format(\"woff2\")";
        });
        if (inlined.Contains("url(fonts/", StringComparison.Ordinal))
            throw new InvalidOperationException("katex.min.css has a font reference the runner does not inline; update KatexAssets for this KaTeX version.");
        return inlined;
    }

    [GeneratedRegex("""src:url\(fonts/(?<name>[A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(?:,url\(fonts/[^)]+\) format\("[a-z]+"\))*""")]
    private static partial Regex FontSources();

    private static string Read(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }

    private static byte[] ReadBytes(string name)
    {
        using var stream = Open(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Open(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"assets/katex/{name}")
        ?? throw new InvalidOperationException($"The runner assembly lacks the embedded KaTeX asset assets/katex/{name}.");
}
