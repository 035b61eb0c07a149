namespace Differentials.Runner.Tests;

/// <summary>The markdown sanitizer, case by case: what a hostile notebook writes, and what must survive.</summary>
[TestFixture]
public sealed class HtmlSanitizerTests
{
    [TestCase("<script>alert(1)</script>ok", "ok")]
    [TestCase("<SCRIPT type=\"text/javascript\">alert(1)</SCRIPT >ok", "ok")]
    [TestCase("<img src=x onerror=alert(1)>", "<img src=\"x\">")]
    [TestCase("<img src=\"x\" ONERROR=\"alert(1)\" alt=\"a\">", "<img src=\"x\" alt=\"a\">")]
    [TestCase("<iframe src=\"javascript:alert(2)\"></iframe>after", "after")]
    [TestCase("<a href=\"javascript:alert(3)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"java&#x09;script:alert(3)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\" JAVASCRIPT:alert(3)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"vbscript:x\">x</a>", "<a>x</a>")]
    [TestCase("<img src=\"data:text/html;base64,PHNjcmlwdD4=\">", "<img>")]
    [TestCase("<img src=\"data:image/png;base64,iVBO\">", "<img src=\"data:image/png;base64,iVBO\">")]
    [TestCase("<a href=\"https://example.org/?a=1&amp;b=2\" title=\"t\">x</a>", "<a href=\"https://example.org/?a=1&amp;b=2\" title=\"t\">x</a>")]
    [TestCase("<a href=\"#section\">x</a>", "<a href=\"#section\">x</a>")]
    [TestCase("<a href=\"../other.html\">x</a>", "<a href=\"../other.html\">x</a>")]
    [TestCase("<div style=\"background:url(javascript:alert(1))\">x</div>", "<div>x</div>")]
    [TestCase("<th style=\"text-align: right\">x</th>", "<th style=\"text-align: right\">x</th>")]
    [TestCase("<svg onload=alert(1)><circle/></svg>after", "after")]
    [TestCase("<form action=\"x\"><button formaction=\"javascript:alert(1)\">b</button></form>", "b")]
    [TestCase("<!-- <script>alert(1)</script> -->x", "x")]
    [TestCase("a < b and <notatag", "a &lt; b and &lt;notatag")]
    [TestCase("<details open><summary>Answer</summary>42</details>", "<details open><summary>Answer</summary>42</details>")]
    [TestCase("<input type=\"checkbox\" disabled checked>", "<input type=\"checkbox\" disabled checked>")]
    [TestCase("<input type=\"image\" src=\"x\">", "<input src=\"x\">")]
    public void KeepsOnlyWhatCannotRunCode(string html, string expected) =>
        Assert.That(HtmlSanitizer.Sanitize(html), Is.EqualTo(expected));

    [Test]
    public void MathSurvivesSanitizing()
    {
        var html = MarkdownRenderer.ToHtml("Inline $a<b$ and <b onclick=\"x()\">bold</b>.");
        Assert.That(html, Is.EqualTo("<p>Inline <span class=\"math\">\\(a&lt;b\\)</span> and <b>bold</b>.</p>\n"));
    }

    [Test]
    public void SanitizingCanBeTurnedOff() =>
        Assert.That(MarkdownRenderer.ToHtml("<b onclick=\"x()\">bold</b>", sanitize: false), Does.Contain("onclick"));
}
