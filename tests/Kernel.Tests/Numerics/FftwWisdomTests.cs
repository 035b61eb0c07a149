using System.Numerics;
using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The wisdom file of the measuring FFTW backend: written after a measured plan (atomically, nothing
/// left behind), read back by a new backend, never written by estimated plans, and a file that is
/// not wisdom or cannot be written is reported by name, with the user's file untouched.
/// Each test uses its own FFTW backend instance and its own temporary folder.
/// </summary>
public class FftwWisdomTests
{
    private static readonly double Tolerance120 = 8 * 2.220446049250313e-16 * (1 + Math.Log2(120));

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("fftw-wisdom-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static FftwRealFft LoadOrIgnore(bool measure, string file)
    {
        var (fft, reason) = FftwRealFft.Load(["libfftw3.so.3"], measure, file);
        if (fft == null) Assert.Ignore($"FFTW is not available on this machine: {reason}");
        return fft!;
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
        var fft = LoadOrIgnore(measure: true, file);
        var ex = Assert.Throws<InvalidOperationException>(() => fft.Forward(new double[16], new Complex[9]));
        Assert.That(ex!.Message, Does.Contain(file).And.Contain(FftwRealFft.WisdomVariable));
        Assert.That(File.ReadAllText(file), Is.EqualTo("these are notes, not FFTW wisdom"), "the user's file is left as it was");
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
