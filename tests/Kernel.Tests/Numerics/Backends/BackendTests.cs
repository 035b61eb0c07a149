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

    [Test]
    public void TestsRunWithoutTheUsersWisdomCache()
    {
        // tests/hermetic.runsettings turns the wisdom file off, so no test reads or writes ~/.cache.
        Assert.That(Environment.GetEnvironmentVariable(FftwRealFft.WisdomVariable), Is.EqualTo("none"));
        Assert.That(WisdomSource.FromEnvironment(), Is.EqualTo(WisdomSource.None));
        if (FftwRealFft.TryGet(measure: true, out var measured, out _)) Assert.That(measured!.WisdomFile, Is.Null);
    }

    [Test]
    public void DefaultsAreAutomaticOrSimdAndFftwWhenItLoads()
    {
        if (Environment.GetEnvironmentVariable(BackendCatalog.LinearAlgebraVariable) != null
            || Environment.GetEnvironmentVariable(BackendCatalog.FftVariable) != null)
            Assert.Ignore("A backend is forced through the environment; the automatic choice is not in effect.");
        var la = BackendCatalog.DefaultLinearAlgebra(out _);
        if (OpenBlasLinearAlgebra.TryCreate(out _, out _))
        {
            Assert.That(la, Is.InstanceOf<AutomaticLinearAlgebra>());
            var automatic = (AutomaticLinearAlgebra)la;
            Assert.That(automatic.Managed, Is.InstanceOf<SimdLinearAlgebra>());
            // tests/hermetic.runsettings turns the timings file off, so the timings come from this process.
            Assert.That(automatic.Timings.Source, Does.StartWith("in this process"));
            Assert.That(NumericBackend.Describe(), Does.Contain(automatic.Explain()));
        }
        else
        {
            Assert.That(la, Is.InstanceOf<SimdLinearAlgebra>());
        }
        var fft = BackendCatalog.DefaultFft(out _);
        if (FftwRealFft.TryGet(out _, out _)) Assert.That(fft, Is.InstanceOf<FftwRealFft>());
        else Assert.That(fft, Is.InstanceOf<ManagedRealFft>());
    }

    [Test]
    public void DescribeSaysWhyFftwIsAbsentOrNamesItsVersion()
    {
        string text = NumericBackend.Describe();
        if (FftwRealFft.TryGet(out var fftw, out string reason))
        {
            Assert.That(fftw!.Version, Does.Match(@"^\d+(\.\d+)*$"));
            Assert.That(text, Does.Not.Contain("FFTW:"));
        }
        else
        {
            Assert.That(text, Does.Contain("FFTW: " + reason));
        }
    }

    [Test]
    public void UseSwitchesBackendsAndResetRestoresTheDefault()
    {
        var la = Backend.LinearAlgebra;
        var fft = Backend.Fft;
        try
        {
            NumericBackend.UseLinearAlgebra("MathNet");
            NumericBackend.UseFft("managed");
            Assert.That(NumericBackend.LinearAlgebra, Is.EqualTo("managed-mathnet"));
            Assert.That(NumericBackend.Fft, Is.EqualTo("managed"));
            Assert.That(NumericBackend.Describe(), Does.StartWith("linear algebra: managed-mathnet; FFT: managed"));
            NumericBackend.Reset();
            Assert.That(Backend.LinearAlgebra.GetType(), Is.EqualTo(BackendCatalog.DefaultLinearAlgebra(out _).GetType()));
            Assert.That(Backend.Fft.GetType(), Is.EqualTo(BackendCatalog.DefaultFft(out _).GetType()));
        }
        finally
        {
            Backend.LinearAlgebra = la;
            Backend.Fft = fft;
        }
    }

    [Test]
    public void UseChangesBothOrNeither()
    {
        var la = Backend.LinearAlgebra;
        var fft = Backend.Fft;
        try
        {
            NumericBackend.Use(linearAlgebra: "simd-scalar", fft: "mathnet");
            Assert.That(NumericBackend.LinearAlgebra, Does.StartWith("simd-scalar"));
            Assert.That(NumericBackend.Fft, Is.EqualTo("managed-mathnet"));
            Assert.Throws<ArgumentException>(() => NumericBackend.Use(linearAlgebra: "mathnet", fft: "nope"));
            Assert.That(NumericBackend.LinearAlgebra, Does.StartWith("simd-scalar"), "a failed Use must not half-apply");
            NumericBackend.Use(fft: "managed");
            Assert.That(NumericBackend.LinearAlgebra, Does.StartWith("simd-scalar"));
            Assert.That(NumericBackend.Fft, Is.EqualTo("managed"));
        }
        finally
        {
            Backend.LinearAlgebra = la;
            Backend.Fft = fft;
        }
    }

    [Test]
    public void UnknownNamesListTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => NumericBackend.UseLinearAlgebra("cublas"));
        Assert.That(ex!.Message, Does.Contain("cublas").And.Contain("simd").And.Contain("mathnet").And.Contain("openblas"));
        ex = Assert.Throws<ArgumentException>(() => NumericBackend.UseFft("fftpack"));
        Assert.That(ex!.Message, Does.Contain("fftpack").And.Contain("fftw").And.Contain("managed"));
        Assert.Throws<ArgumentNullException>(() => NumericBackend.UseFft(null!));
    }

    [Test]
    public void AvailableBackendsAreAmongTheKnownNames()
    {
        Assert.That(NumericBackend.AvailableLinearAlgebra, Does.Contain("simd").And.Contain("mathnet").And.Contain("simd-scalar"));
        Assert.That(NumericBackend.AvailableFft, Does.Contain("managed").And.Contain("mathnet"));
        Assert.That(NumericBackend.LinearAlgebraNames, Is.SupersetOf(NumericBackend.AvailableLinearAlgebra));
        Assert.That(NumericBackend.FftNames, Is.SupersetOf(NumericBackend.AvailableFft));
        Assert.That(NumericBackend.AvailableFft.Contains("fftw"), Is.EqualTo(FftwRealFft.TryGet(out _, out _)));
    }

    [Test]
    public void SimdNameReportsVectorWidthAndThreads()
    {
        var simd = new SimdLinearAlgebra(SimdLevel.Scalar, 1);
        Assert.That(simd.Name, Is.EqualTo("simd-scalar (1 thread)"));
        Assert.That(new SimdLinearAlgebra(SimdLevel.Scalar, 2).Name, Is.EqualTo("simd-scalar (2 threads)"));
    }
}

public class MissingFftwTests
{
    [Test]
    public void AMissingLibraryGivesAReasonInsteadOfFailing()
    {
        var (fft, reason) = FftwRealFft.Load(["libfftw3-not-installed.so.3"]);
        Assert.That(fft, Is.Null);
        Assert.That(reason, Is.EqualTo("libfftw3-not-installed.so.3 not found"));
    }

    [Test]
    public void WithoutFftwTheAutomaticChoiceIsTheManagedFft()
    {
        if (FftwRealFft.TryGet(out _, out _)) Assert.Ignore("FFTW is installed here; the fallback is covered by the test above and by AvailableBackendsAreAmongTheKnownNames.");
        Assert.That(BackendCatalog.DefaultFft(out _), Is.InstanceOf<ManagedRealFft>());
        Assert.That(NumericBackend.Describe(), Does.Contain("FFTW: libfftw3.so.3 not found"));
    }
}
