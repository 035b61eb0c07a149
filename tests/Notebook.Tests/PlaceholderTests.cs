namespace Differentials.Notebook.Tests;

public class PlaceholderTests
{
    [Test]
    public void NotebookAssemblyBuilds() => Assert.That(typeof(PlaceholderTests).Assembly, Is.Not.Null);
}
