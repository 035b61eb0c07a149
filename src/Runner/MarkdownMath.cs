using System.Net;
using System.Text;

namespace Differentials.Runner;

/// <summary>Finds TeX math in markdown the way notebook front ends do (<c>$...$</c> inline, <c>$$...$$</c>
/// display, both may span lines within a paragraph) and shields it from the markdown parser with
/// placeholders, so that <c>_</c>, <c>\,</c> and <c>{...}</c> reach KaTeX untouched. Code spans and fenced
/// code blocks are left alone.</summary>
internal static class MarkdownMath
{
    /// <summary>One piece of math taken out of the markdown.</summary>
    /// <param name="Tex">The TeX between the delimiters.</param>
    /// <param name="Display">True for <c>$$...$$</c>.</param>
    public sealed record Formula(string Tex, bool Display);

    /// <summary>Replaces each formula by a placeholder made of letters and digits (which markdown leaves as is).</summary>
    /// <param name="markdown">The markdown source.</param>
    /// <returns>The markdown with placeholders, the placeholder prefix, and the formulas in order.</returns>
    public static (string Text, string Prefix, IReadOnlyList<Formula> Formulas) Protect(string markdown)
    {
        var prefix = "MATH" + Guid.NewGuid().ToString("N")[..12] + "N";
        var formulas = new List<Formula>();
        var text = new StringBuilder(markdown.Length);
        string? fence = null;
        var i = 0;
        while (i < markdown.Length)
        {
            if (IsLineStart(markdown, i) && FenceAt(markdown, i) is { } marker)
            {
                // Opening or closing a fenced code block: copy the whole line.
                if (fence is null)
                    fence = marker;
                else if (marker.StartsWith(fence, StringComparison.Ordinal) && marker[0] == fence[0])
                    fence = null;
                i = CopyLine(markdown, i, text);
                continue;
            }
            if (fence is not null)
            {
                i = CopyLine(markdown, i, text);
                continue;
            }

            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length)
            {
                text.Append(c).Append(markdown[i + 1]);
                i += 2;
            }
            else if (c == '`')
            {
                i = CopyCodeSpan(markdown, i, text);
            }
            else if (c == '$' && TryReadFormula(markdown, i, out var formula, out var end))
            {
                text.Append(prefix).Append(formulas.Count).Append('Z');
                formulas.Add(formula);
                i = end;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        return (text.ToString(), prefix, formulas);
    }

    /// <summary>Puts the formulas back into the rendered HTML as elements KaTeX's auto-render typesets.</summary>
    /// <param name="html">The markdown parser's output.</param>
    /// <param name="prefix">The placeholder prefix from <see cref="Protect"/>.</param>
    /// <param name="formulas">The formulas from <see cref="Protect"/>.</param>
    /// <returns>HTML with <c>&lt;span class="math"&gt;\(...\)&lt;/span&gt;</c> (display: <c>\[...\]</c>).</returns>
    public static string Restore(string html, string prefix, IReadOnlyList<Formula> formulas)
    {
        // Highest index first, so "…1Z" never matches inside "…12Z" (the Z ends each number anyway).
        var result = new StringBuilder(html);
        for (var n = formulas.Count - 1; n >= 0; n--)
        {
            var formula = formulas[n];
            var tex = WebUtility.HtmlEncode(formula.Tex);
            var element = formula.Display
                ? $"<span class=\"math math-display\">\\[{tex}\\]</span>"
                : $"<span class=\"math\">\\({tex}\\)</span>";
            result.Replace(prefix + n + "Z", element);
        }
        return result.ToString();
    }

    private static bool TryReadFormula(string s, int start, out Formula formula, out int end)
    {
        formula = null!;
        end = start;
        var display = start + 1 < s.Length && s[start + 1] == '$';
        var open = display ? 2 : 1;
        var from = start + open;
        if (from >= s.Length || (!display && char.IsWhiteSpace(s[from])))
            return false;
        for (var j = from; j < s.Length; j++)
        {
            var c = s[j];
            if (c == '\\')
            {
                j++;
                continue;
            }
            // Math stays within a paragraph: a blank line ends the search.
            if (c == '\n' && IsBlankLineAfter(s, j))
                return false;
            if (c != '$')
                continue;
            if (display)
            {
                if (j + 1 < s.Length && s[j + 1] == '$' && j > from)
                {
                    formula = new Formula(s[from..j].Trim(), Display: true);
                    end = j + 2;
                    return true;
                }
                return false;
            }
            // Inline: the closing $ follows non-space and is not followed by a digit ("$5 and $10" is money).
            if (char.IsWhiteSpace(s[j - 1]) || (j + 1 < s.Length && char.IsAsciiDigit(s[j + 1])))
                return false;
            if (j == from)
                return false;
            formula = new Formula(s[from..j], Display: false);
            end = j + 1;
            return true;
        }
        return false;
    }

    private static bool IsBlankLineAfter(string s, int newline)
    {
        for (var k = newline + 1; k < s.Length && s[k] != '\n'; k++)
            if (!char.IsWhiteSpace(s[k]))
                return false;
        return true;
    }

    private static int CopyCodeSpan(string s, int start, StringBuilder text)
    {
        var run = 0;
        while (start + run < s.Length && s[start + run] == '`')
            run++;
        var ticks = new string('`', run);
        for (var j = s.IndexOf(ticks, start + run, StringComparison.Ordinal); j >= 0; j = s.IndexOf(ticks, j + 1, StringComparison.Ordinal))
        {
            var closingRun = 0;
            while (j + closingRun < s.Length && s[j + closingRun] == '`')
                closingRun++;
            if (closingRun == run)
            {
                text.Append(s, start, j + run - start);
                return j + run;
            }
            j += closingRun - 1;
        }
        text.Append(ticks);
        return start + run;
    }

    private static bool IsLineStart(string s, int i) => i == 0 || s[i - 1] == '\n';

    private static string? FenceAt(string s, int i)
    {
        var j = i;
        while (j < s.Length && j - i < 3 && s[j] == ' ')
            j++;
        if (j >= s.Length || (s[j] != '`' && s[j] != '~'))
            return null;
        var k = j;
        while (k < s.Length && s[k] == s[j])
            k++;
        return k - j >= 3 ? s[j..k] : null;
    }

    private static int CopyLine(string s, int i, StringBuilder text)
    {
        var newline = s.IndexOf('\n', i);
        var end = newline < 0 ? s.Length : newline + 1;
        text.Append(s, i, end - i);
        return end;
    }
}
