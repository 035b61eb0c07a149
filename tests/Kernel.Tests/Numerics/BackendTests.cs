using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

public class BackendTests
{
    [Test]
    public void DescribeNamesBothBackends()
    {
        string text = NumericBackend.Describe();
        Assert.That(text, Does.Contain(Backend.LinearAlgebra.Name).And.Contain(Backend.Fft.Name));
    }
}
