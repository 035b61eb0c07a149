using System.Globalization;
using System.Text;
using Differentials.Verification;

namespace Differentials.Notebook;

/// <summary>
/// HTML for verification results: a PASS or FAIL badge, the check's name, and the measured error against
/// its tolerance, with their ratio so that a near miss is visible.
/// </summary>
public static class VerificationHtml
{
    private const string PassColor = "#1a7f37";
    private const string FailColor = "#cf222e";
    private const string RejectedColor = "#6e7781";
    private const string ClaimColor = "#0969da";
    private const string BadgeStyle = "display:inline-block;min-width:3.2em;text-align:center;color:#fff;font-weight:bold;font-family:sans-serif;font-size:0.8em;padding:1px 6px;border-radius:3px;margin-right:0.5em;background:";

    /// <summary>Writes one result as a single line: badge, name, error, comparison, tolerance, ratio.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Result(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.Append("<div class=\"differentials-verification\" style=\"font-family:sans-serif;margin:0.2em 0;\">");
        Badge(html, result.Passed);
        html.Append(CultureInfo.InvariantCulture, $"<span>{HtmlText.Escape(result.Name)}</span>: ");
        Comparison(html, result);
        return html.Append("</div>").ToString();
    }

    /// <summary>Writes several results as a table, with a summary caption ("3 of 4 checks passed").</summary>
    /// <param name="results">The results, in the order to show them.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> or one of its items is null.</exception>
    public static string Table(IEnumerable<VerificationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        if (list.Any(r => r is null))
            throw new ArgumentNullException(nameof(results), "The list of verification results holds a null entry.");
        var passed = list.Count(r => r.Passed);
        var html = new StringBuilder();
        html.Append("<table class=\"differentials-verifications\" style=\"border-collapse:collapse;font-family:sans-serif;\">");
        html.Append(CultureInfo.InvariantCulture,
            $"<caption style=\"caption-side:top;text-align:left;font-size:0.85em;color:#555;\">{passed} of {list.Count} checks passed</caption>");
        html.Append("<tr><th></th><th style=\"text-align:left;padding:1px 8px;\">check</th><th style=\"text-align:left;padding:1px 8px;\">error vs tolerance</th></tr>");
        foreach (var r in list)
        {
            html.Append("<tr><td>");
            Badge(html, r.Passed);
            html.Append(CultureInfo.InvariantCulture, $"</td><td style=\"padding:1px 8px;\">{HtmlText.Escape(r.Name)}</td><td style=\"padding:1px 8px;\">");
            Comparison(html, r);
            html.Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>
    /// Writes a check that must fail, and did, as one line in its own style: a grey "REJECTED" badge, the
    /// check's name, the error against the tolerance and how many tolerances it is off, marked "as it must".
    /// </summary>
    /// <param name="failure">The expected failure.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public static string ExpectedFailure(ExpectedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var r = failure.Result;
        var html = new StringBuilder();
        html.Append("<div class=\"differentials-expected-failure\" style=\"font-family:sans-serif;margin:0.2em 0;color:#444;\">");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"rejected\" style=\"{BadgeStyle}{RejectedColor};\">REJECTED</span>");
        html.Append(CultureInfo.InvariantCulture, $"<span>{HtmlText.Escape(r.Name)}</span>: ");
        html.Append(CultureInfo.InvariantCulture,
            $"error <code>{NumberText.Format(r.Error, 3)}</code> &gt; tolerance <code>{NumberText.Format(r.Tolerance, 3)}</code>");
        if (double.IsFinite(failure.TolerancesOff))
            html.Append(CultureInfo.InvariantCulture, $", <b>{NumberText.Format(failure.TolerancesOff, 2)}</b> tolerances off");
        html.Append(" <span style=\"color:#666;font-style:italic;\">(a wrong formula, rejected as it must be)</span>");
        return html.Append("</div>").ToString();
    }

    /// <summary>Writes several expected failures, one line each.</summary>
    /// <param name="failures">The expected failures.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failures"/> or one of its items is null.</exception>
    public static string ExpectedFailures(IEnumerable<ExpectedFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var html = new StringBuilder("<div class=\"differentials-expected-failures\">");
        foreach (var f in failures)
        {
            if (f is null) throw new ArgumentNullException(nameof(failures), "The list of expected failures holds a null entry.");
            html.Append(ExpectedFailure(f));
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>Writes a checked claim of the prose: a "HOLDS" badge, the statement and the measured figures.</summary>
    /// <param name="claim">The claim (it held: <see cref="Claim.That"/> throws otherwise).</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    public static string Claim(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var html = new StringBuilder();
        html.Append("<div class=\"differentials-claim\" style=\"font-family:sans-serif;margin:0.2em 0;\">");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"holds\" style=\"{BadgeStyle}{ClaimColor};\">HOLDS</span>");
        html.Append(CultureInfo.InvariantCulture, $"<span>{HtmlText.Escape(claim.Statement)}</span>");
        if (!string.IsNullOrEmpty(claim.Measured))
            html.Append(CultureInfo.InvariantCulture, $" <span style=\"color:#555;\">— measured: {HtmlText.Escape(claim.Measured)}</span>");
        return html.Append("</div>").ToString();
    }

    private static void Badge(StringBuilder html, bool passed) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<span class=\"{(passed ? "pass" : "fail")}\" style=\"{BadgeStyle}{(passed ? PassColor : FailColor)};\">{(passed ? "PASS" : "FAIL")}</span>");

    private static void Comparison(StringBuilder html, VerificationResult r)
    {
        var relation = r.Passed ? "≤" : double.IsNaN(r.Error) ? "is not a number, against" : ">";
        html.Append(CultureInfo.InvariantCulture,
            $"error <code>{NumberText.Format(r.Error, 3)}</code> {relation} tolerance <code>{NumberText.Format(r.Tolerance, 3)}</code>");
        if (double.IsFinite(r.Error) && double.IsFinite(r.Tolerance) && r.Tolerance > 0)
            html.Append(CultureInfo.InvariantCulture, $" <span style=\"color:#666;\">(ratio {NumberText.Format(r.Error / r.Tolerance, 2)})</span>");
    }
}
