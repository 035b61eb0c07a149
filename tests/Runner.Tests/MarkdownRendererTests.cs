namespace Differentials.Runner.Tests;

/// <summary>Math in markdown reaches KaTeX as written, as in VS Code's notebook renderer.</summary>
[TestFixture]
public sealed class MarkdownRendererTests
{
    [Test]
    public void DisplayMathMaySpanLinesInsideAParagraph()
    {
        var html = MarkdownRenderer.ToHtml("Writing it,\n$$dY_{ij} = -Y_{ik}\\,dX\n\\quad\\Longrightarrow\\quad\n\\frac{a}{b} = -Y_{ik}\\,Y_{\\ell j}.$$\nA four-index array.");
        Assert.That(html, Does.Contain("<span class=\"math math-display\">\\[dY_{ij} = -Y_{ik}\\,dX\n\\quad\\Longrightarrow\\quad\n\\frac{a}{b} = -Y_{ik}\\,Y_{\\ell j}.\\]</span>"));
        Assert.That(html, Does.StartWith("<p>Writing it,"));
    }

    [Test]
    public void InlineMathKeepsUnderscoresBackslashesAndBraces()
    {
        var html = MarkdownRenderer.ToHtml("The entry $Y_{ik}\\,Y_{\\ell j}$ and $a_i b_i$ and $x<y$.");
        Assert.That(html, Is.EqualTo("<p>The entry <span class=\"math\">\\(Y_{ik}\\,Y_{\\ell j}\\)</span> and <span class=\"math\">\\(a_i b_i\\)</span> and <span class=\"math\">\\(x&lt;y\\)</span>.</p>\n"));
    }

    [Test]
    public void BlockDisplayMathOnItsOwnLines()
    {
        var html = MarkdownRenderer.ToHtml("Before.\n\n$$\n\\nabla f = A^\\top (Ax - b)\n$$\n\nAfter.");
        Assert.That(html, Does.Contain("<span class=\"math math-display\">\\[\\nabla f = A^\\top (Ax - b)\\]</span>"));
        Assert.That(html, Does.Contain("<p>After.</p>"));
    }

    [Test]
    public void CodeMoneyAndEscapedDollarsAreNotMath()
    {
        var html = MarkdownRenderer.ToHtml("Costs $5 and $10; `a $x$ b`; \\$y\\$.\n\n```\nvar s = $\"{x}\"; // $z$\n```\n");
        Assert.That(html, Does.Not.Contain("class=\"math"));
        Assert.That(html, Does.Contain("<code>a $x$ b</code>"));
        Assert.That(html, Does.Contain("var s = $&quot;{x}&quot;; // $z$"));
    }

    [Test]
    public void MathDoesNotCrossParagraphs()
    {
        var html = MarkdownRenderer.ToHtml("A $x\n\ny$ b");
        Assert.That(html, Does.Not.Contain("class=\"math"));
    }

    [Test]
    public void BracesAtTheEndOfALineStayText() =>
        Assert.That(MarkdownRenderer.ToHtml("The set {a, b}\nnext"), Does.Contain("The set {a, b}"));

    [Test]
    public void MarkdownAroundMathStillRenders()
    {
        var html = MarkdownRenderer.ToHtml("**Bold** $x^2$ and a [link](https://example.org) | and _emphasis_");
        Assert.That(html, Does.Contain("<strong>Bold</strong> <span class=\"math\">\\(x^2\\)</span>"));
        Assert.That(html, Does.Contain("<em>emphasis</em>"));
    }
}
