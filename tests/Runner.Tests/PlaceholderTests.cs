namespace Differentials.Runner.Tests;

public class PlaceholderTests
{
    [Test]
    public void RunnerAssemblyBuilds() => Assert.That(typeof(PlaceholderTests).Assembly, Is.Not.Null);
}
