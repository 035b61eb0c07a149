using Differentials.Notebook;
using Differentials.Verification;

namespace Differentials.Notebook.Tests;

public class VerificationHtmlTests
{
    [Test]
    public void PassingCheckShowsPassBadgeErrorAndTolerance()
    {
        var html = VerificationHtml.Result(new VerificationResult("dot-product test", 1.234e-15, 2.22e-14));

        Assert.That(html, Does.Contain(">PASS</span>").And.Not.Contain("FAIL"));
        Assert.That(html, Does.Contain("dot-product test"));
        Assert.That(html, Does.Contain("error <code>1.23e-15</code> ≤ tolerance <code>2.22e-14</code>"));
        Assert.That(html, Does.Contain("(ratio 0.056)"));
    }

    [Test]
    public void FailingCheckShowsFailBadgeAndTheExcess()
    {
        var html = VerificationHtml.Result(new VerificationResult("gradient check", 3e-4, 1e-6));

        Assert.That(html, Does.Contain(">FAIL</span>").And.Not.Contain("PASS"));
        Assert.That(html, Does.Contain("error <code>3e-4</code> > tolerance <code>1e-6</code>"));
        Assert.That(html, Does.Contain("(ratio 300)"));
    }

    [Test]
    public void NaNErrorFailsAndSaysSo()
    {
        var html = VerificationHtml.Result(new VerificationResult("diverged", double.NaN, 1e-8));

        Assert.That(html, Does.Contain(">FAIL</span>"));
        Assert.That(html, Does.Contain("<code>NaN</code> is not a number"));
        Assert.That(html, Does.Not.Contain("ratio"));
    }

    [Test]
    public void NamesAreHtmlEscaped()
    {
        var html = VerificationHtml.Result(new VerificationResult("<b>A & B</b> \"quoted\"", 0, 1));

        Assert.That(html, Does.Contain("&lt;b&gt;A &amp; B&lt;/b&gt; &quot;quoted&quot;"));
        Assert.That(html, Does.Not.Contain("<b>A"));
    }

    [Test]
    public void NonAsciiNamesStayReadable()
    {
        Assert.That(VerificationHtml.Result(new VerificationResult("sin² at x₀ it's", 0, 1)), Does.Contain("sin² at x₀ it&#39;s"));
    }

    [Test]
    public void TableSummarisesHowManyPassed()
    {
        var html = VerificationHtml.Table([
            new VerificationResult("first", 1e-16, 1e-15),
            new VerificationResult("second <x>", 1.0, 1e-15),
        ]);

        Assert.That(html, Does.Contain(">1 of 2 checks passed</caption>"));
        Assert.That(html, Does.Contain(">PASS</span>").And.Contain(">FAIL</span>"));
        Assert.That(html, Does.Contain("second &lt;x&gt;"));
    }

    [Test]
    public void NullIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => VerificationHtml.Result(null!));
        Assert.Throws<ArgumentNullException>(() => VerificationHtml.Table(null!));
        Assert.Throws<ArgumentNullException>(() => VerificationHtml.Table([new VerificationResult("a", 0, 1), null!]));
    }
}
