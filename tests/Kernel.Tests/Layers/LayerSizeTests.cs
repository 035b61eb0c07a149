namespace Differentials.Tests.Layers;

/// <summary>Layer sizes whose element counts overflow int are refused when the layer is made (issue 15).</summary>
public class LayerSizeTests
{
    [Test]
    public void AnAffineLayerWhoseParameterCountOverflowsIsRefused()
    {
        // 65536·65536 + 65536 = 4,295,032,832 parameters; the old ParameterCount wrapped to 65536.
        var ex = Assert.Throws<ArgumentException>(() => new AffineLayer(65536, 65536));
        Assert.That(ex!.Message, Does.Contain("4,295,032,832").And.Contain(Array.MaxLength.ToString("N0")));
        Assert.That(new AffineLayer(300, 200).ParameterCount, Is.EqualTo(300 * 200 + 200));
    }

    [Test]
    public void AGramLayerWhoseOutputLengthOverflowsIsRefused()
    {
        // n² = 65536² = 4,294,967,296 outputs; the old OutputLength wrapped to 0.
        var ex = Assert.Throws<ArgumentException>(() => new GramLayer(1, 65536));
        Assert.That(ex!.Message, Does.Contain("65536×65536").And.Contain("4,294,967,296"));
        Assert.That(() => new ShiftedInverseLayer(50000), Throws.ArgumentException.With.Message.Contain("50000×50000"));
        Assert.That(() => new GramLayer(0, 3), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
