using Differentials.Notebook;
using Microsoft.DotNet.Interactive.Formatting;

namespace Differentials.Notebook.Tests;

public class TableTests
{
    private sealed record Row(string Name, double Error, int Count);

    [Test]
    public void ColumnsComeFromPropertiesAndNumbersFromNumberText()
    {
        var table = Table.Of([new Row("a", 1.23456789e-10, 3), new Row("b", 0.5, 12)], caption: "errors");

        Assert.That(table.Columns, Is.EqualTo(new[] { "Name", "Error", "Count" }));
        Assert.That(table.Cells, Has.Count.EqualTo(2));
        Assert.That(table.Cells[0], Is.EqualTo(new[] { "a", "1.235e-10", "3" }));
        Assert.That(table.Cells[1], Is.EqualTo(new[] { "b", "0.5", "12" }));
        Assert.That(table.Caption, Is.EqualTo("errors"));
    }

    [Test]
    public void SignificantDigitsAreHonoured()
    {
        var table = Table.Of(new[] { new { t = 1e-3, r = 1.0 / 3 } }, significantDigits: 7);

        Assert.That(table.Cells[0], Is.EqualTo(new[] { "0.001", "0.3333333" }));
    }

    [Test]
    public void HtmlHasCaptionHeadersAndOneRowPerItem()
    {
        var html = Table.Of(new[] { new { n = 4, ms = 0.125 }, new { n = 8, ms = 1.5 } }, caption: "timings").ToHtml();

        Assert.That(html, Does.StartWith("<table class=\"differentials-table\"").And.EndWith("</table>"));
        Assert.That(html, Does.Contain(">timings</caption>"));
        Assert.That(html, Does.Contain(">n</th>").And.Contain(">ms</th>"));
        Assert.That(CountOf(html, "<tr>"), Is.EqualTo(3), "a header row and two data rows");
        Assert.That(html, Does.Contain(">0.125</td>").And.Contain(">1.5</td>").And.Contain(">8</td>"));
        Assert.That(html, Does.Contain("text-align:right"), "numbers are right-aligned");
    }

    [Test]
    public void CellsCaptionAndHeadersAreHtmlEscaped()
    {
        var html = Table.Of(new[] { new { name = "<script>alert('x')</script> & co" } }, caption: "a < b").ToHtml();

        Assert.That(html, Does.Not.Contain("<script>"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        Assert.That(html, Does.Contain(">a &lt; b</caption>"));
    }

    [Test]
    public void ListOfObjectsUsesRunTimeTypesAndBlanksForMissingColumns()
    {
        var rows = new List<object> { new { n = 8, time = "0.1 ms" }, new { n = 100, note = "not timed" }, null! };
        var table = Table.Of(rows);

        Assert.That(table.Columns, Is.EqualTo(new[] { "n", "time", "note" }));
        Assert.That(table.Cells[0], Is.EqualTo(new[] { "8", "0.1 ms", "" }));
        Assert.That(table.Cells[1], Is.EqualTo(new[] { "100", "", "not timed" }));
        Assert.That(table.Cells[2], Is.EqualTo(new[] { "", "", "" }));
    }

    [Test]
    public void SimpleValuesFormOneColumnAndEmptyInputKeepsHeaders()
    {
        Assert.That(Table.Of(new[] { 1.5, 2.0 }).Columns, Is.EqualTo(new[] { "value" }));
        Assert.That(Table.Of(new[] { 1.5, 2.0 }).Cells[1], Is.EqualTo(new[] { "2" }));
        var empty = Table.Of(Array.Empty<Row>());
        Assert.That(empty.Columns, Is.EqualTo(new[] { "Name", "Error", "Count" }));
        Assert.That(empty.Cells, Is.Empty);
    }

    [Test]
    public void ValueTuplesShowTheirFields()
    {
        var table = Table.Of(new[] { (4, 0.25), (8, 1.0) });

        Assert.That(table.Columns, Is.EqualTo(new[] { "Item1", "Item2" }));
        Assert.That(table.Cells[0], Is.EqualTo(new[] { "4", "0.25" }));
    }

    [Test]
    public void TextFormAlignsColumns()
    {
        var text = Table.Of(new[] { new { name = "a", x = 1.5 }, new { name = "long", x = 10.25 } }).ToString();

        Assert.That(text.Split('\n'), Is.EqualTo(new[] { "name      x", "a       1.5", "long  10.25" }));
    }

    [Test]
    public void TableDisplaysAsHtmlThroughTheFormatter()
    {
        var table = Table.Of(new[] { new { n = 1 } });

        Assert.That(table.ToDisplayString("text/html"), Is.EqualTo(table.ToHtml()));
    }

    [Test]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Table.Of<Row>(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Table.Of(new[] { 1.0 }, significantDigits: 0));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
