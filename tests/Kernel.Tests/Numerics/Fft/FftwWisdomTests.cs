using System.Numerics;
using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The wisdom file: written after a measured plan (atomically, nothing left behind), read back by a new
/// backend, used by the estimating backend for the lengths it holds, never written by estimated plans;
/// a named file that is not wisdom or cannot be written is reported by name, with the user's file
/// untouched, while a stale default cache file is passed over and replaced.
/// Each test uses its own FFTW backend instances and its own temporary folder; forgetting FFTW's
/// process-wide wisdom stands in for starting a new process.
/// </summary>
public class FftwWisdomTests
{
    private static readonly double Tolerance120 = 8 * 2.220446049250313e-16 * (1 + Math.Log2(120));

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("fftw-wisdom-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static FftwRealFft LoadOrIgnore(bool measure, string file) => LoadOrIgnore(measure, WisdomSource.Named(file));

    private static FftwRealFft LoadOrIgnore(bool measure, WisdomSource wisdom)
    {
        var (fft, reason) = FftwRealFft.Load(["libfftw3.so.3"], measure, wisdom);
        if (fft == null) Assert.Ignore($"FFTW is not available on this machine: {reason}");
        return fft!;
    }

    [Test]
    public void EstimatedPlansTakeTheMeasuredPlanFromTheWisdomFile()
    {
        string file = Path.Combine(_folder, "wisdom.txt");
        const int n = 240;
        var measuring = LoadOrIgnore(measure: true, file);
        Assert.That(measuring.Prepare(n), Is.False, "a length new to the file is measured");
        measuring.ForgetWisdom();

        // As a new process: without the file FFTW_ESTIMATE plans on its own; with it, from the wisdom.
        var alone = LoadOrIgnore(measure: false, WisdomSource.None);
        Assert.That(alone.HasWisdomFor(n), Is.False);
        alone.Forward(new double[n], new Complex[n / 2 + 1]);
        Assert.That(alone.LengthsFromWisdom, Is.Empty);
        alone.ForgetWisdom();

        var wise = LoadOrIgnore(measure: false, file);
        Assert.That(wise.HasWisdomFor(n), Is.True);
        Assert.That(wise.HasWisdomFor(2 * n), Is.False);
        double[] x = RealFftTests.RandomSignal(new Random(7), n);
        var spectrum = new Complex[n / 2 + 1];
        wise.Forward(x, spectrum);
        Assert.That(wise.LengthsFromWisdom, Is.EquivalentTo(new[] { n }));
        Assert.That(RealFftTests.RelativeError(RealFftTests.DirectDft(x), spectrum), Is.LessThanOrEqualTo(8 * 2.220446049250313e-16 * (1 + Math.Log2(n))));
        var back = new double[n];
        wise.Inverse(spectrum, back);
        for (int i = 0; i < n; i++) Assert.That(back[i], Is.EqualTo(x[i]).Within(8 * 2.220446049250313e-16 * (1 + Math.Log2(n))));
        wise.ForgetWisdom();
    }

    [Test]
    public void MeasuringPlansForConvolutionsCoversTheirPaddedLengthsOnceAndThenFindsThemKnown()
    {
        string file = Path.Combine(_folder, "wisdom.txt");
        var measuring = LoadOrIgnore(measure: true, file);
        // 1031 is prime, so its convolution runs zero-padded at 4096; 96 = 2^5·3 runs at 96 itself.
        var first = NumericBackend.MeasurePlans(measuring, [96, 1031, 96]);
        Assert.That(first.Select(m => (m.ConvolutionLength, m.TransformLength, m.WasKnown)),
            Is.EqualTo(new[] { (96, 96, false), (1031, 4096, false) }));
        Assert.That(first.Select(m => m.WisdomFile), Is.All.EqualTo(file));
        measuring.ForgetWisdom();

        var again = NumericBackend.MeasurePlans(LoadOrIgnore(measure: true, file), [1031, 96]);
        Assert.That(again.Select(m => (m.TransformLength, m.WasKnown)), Is.EqualTo(new[] { (4096, true), (96, true) }));
        measuring.ForgetWisdom();
    }

    [Test]
    public void MeasureFftPlansRejectsBadLengthsBeforeMeasuringAnything()
    {
        Assert.Throws<ArgumentNullException>(() => NumericBackend.MeasureFftPlans(null!));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NumericBackend.MeasureFftPlans([64, 0]));
        Assert.That(ex!.ParamName, Is.EqualTo("convolutionLengths"));
    }

    [Test]
    public void AStaleDefaultWisdomFileIsPassedOverThenReplacedByMeasuredWisdom()
    {
        string file = Path.Combine(_folder, "cache", "differentials", "fftw.wisdom");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "(fftw-3.0.0 fftw_wisdom #x0 #x0 #x0 #x0 stale)");
        var source = new WisdomSource(file, IsDefault: true);

        var estimating = LoadOrIgnore(measure: false, source);
        double[] x = RealFftTests.RandomSignal(new Random(9), 48);
        var spectrum = new Complex[25];
        Assert.DoesNotThrow(() => estimating.Forward(x, spectrum), "a stale cache must not stop a transform");
        Assert.That(estimating.WisdomNote, Does.Contain(file));
        Assert.That(RealFftTests.RelativeError(RealFftTests.DirectDft(x), spectrum), Is.LessThanOrEqualTo(Tolerance120));

        var measuring = LoadOrIgnore(measure: true, source);
        measuring.Forward(x, spectrum);
        Assert.That(measuring.WisdomNote, Is.Empty);
        Assert.That(File.ReadAllText(file), Does.StartWith("(fftw-3").And.Not.Contain("stale"));
        measuring.ForgetWisdom();
    }

    [Test]
    public void TheDefaultCacheFolderIsCreatedButANamedFolderIsNot()
    {
        string file = Path.Combine(_folder, "new-cache", "differentials", "fftw.wisdom");
        LoadOrIgnore(measure: true, new WisdomSource(file, IsDefault: true)).Forward(new double[56], new Complex[29]);
        Assert.That(File.Exists(file), "the kernel makes its own cache folder");
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(file)!), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void MeasuredPlansAreKeptInTheWisdomFileAndReadBack()
    {
        string file = Path.Combine(_folder, "wisdom.txt");
        var first = LoadOrIgnore(measure: true, file);
        Assert.That(first.WisdomFile, Is.EqualTo(file));
        const int n = 120;
        double[] x = RealFftTests.RandomSignal(new Random(5), n);
        var spectrum = new Complex[n / 2 + 1];
        first.Forward(x, spectrum);
        Assert.That(File.Exists(file), "the measured plan's wisdom was written");
        Assert.That(File.ReadAllText(file), Does.StartWith("(fftw-3"));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temporary file is left behind");

        // A second backend (as a new process would) reads the file before planning and transforms alike.
        var second = LoadOrIgnore(measure: true, file);
        var again = new Complex[n / 2 + 1];
        second.Forward(x, again);
        Assert.That(RealFftTests.RelativeError(RealFftTests.DirectDft(x), again), Is.LessThanOrEqualTo(Tolerance120));
    }

    [Test]
    public void AWisdomFileThatIsNotWisdomIsRejectedByName()
    {
        string file = Path.Combine(_folder, "not-wisdom.txt");
        File.WriteAllText(file, "these are notes, not FFTW wisdom");
        foreach (bool measure in new[] { true, false })
        {
            var fft = LoadOrIgnore(measure, file);
            var ex = Assert.Throws<InvalidOperationException>(() => fft.Forward(new double[16], new Complex[9]));
            Assert.That(ex!.Message, Does.Contain(file).And.Contain(FftwRealFft.WisdomVariable));
            Assert.That(File.ReadAllText(file), Is.EqualTo("these are notes, not FFTW wisdom"), "the user's file is left as it was");
        }
    }

    [Test]
    public void AnUnwritableWisdomFileIsReportedByName()
    {
        string file = Path.Combine(_folder, "no-such-folder", "wisdom.txt");
        var fft = LoadOrIgnore(measure: true, file);
        var ex = Assert.Throws<InvalidOperationException>(() => fft.Forward(new double[24], new Complex[13]));
        Assert.That(ex!.Message, Does.Contain(file));
    }

    [Test]
    public void EstimatedPlansWriteNoWisdom()
    {
        string file = Path.Combine(_folder, "wisdom.txt");
        var fft = LoadOrIgnore(measure: false, file);
        fft.Forward(new double[40], new Complex[21]);
        Assert.That(File.Exists(file), Is.False);
    }
}
