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

    [TestCase("no-such-folder/wisdom.txt")]
    [TestCase("")]
    public void AWisdomFileThatCannotBeWrittenIsANoteForATransformAndAnErrorForAnExplicitMeasurement(string relative)
    {
        // A missing parent folder, or the path of a folder itself: a convolution that happened to measure
        // keeps its plans for this process and Describe() says why nothing was kept; MeasureFftPlans, whose
        // whole point is to keep them, says so with an exception.
        string file = relative.Length == 0 ? _folder : Path.Combine(_folder, relative);
        var fft = LoadOrIgnore(measure: true, file);
        double[] x = RealFftTests.RandomSignal(new Random(3), 24);
        var spectrum = new Complex[13];
        Assert.DoesNotThrow(() => fft.Forward(x, spectrum));
        Assert.That(RealFftTests.RelativeError(RealFftTests.DirectDft(x), spectrum), Is.LessThanOrEqualTo(Tolerance120));
        Assert.That(fft.WisdomNote, Does.Contain(file).And.Contain("Could not write").And.Contain("this process only"));
        var ex = Assert.Throws<InvalidOperationException>(() => NumericBackend.MeasurePlans(fft, [40]));
        Assert.That(ex!.Message, Does.Contain(file));
        Assert.That(Directory.GetFiles(_folder), Is.Empty, "no temporary file is left behind");
        fft.ForgetWisdom();
    }

    // Runs a transform on another thread and fails, rather than hanging the run, when it does not finish:
    // before the wisdom file was inspected first, a FIFO blocked in open() and /dev/zero read for ever,
    // both inside the planner lock.
    private static void TransformFinishes(FftwRealFft fft, int n)
    {
        var work = Task.Run(() => fft.Forward(new double[n], new Complex[n / 2 + 1]));
        Assert.That(work.Wait(TimeSpan.FromSeconds(20)), Is.True, "the transform finished");
    }

    [Test]
    public void AFifoNamedAsTheWisdomFileIsNotOpened()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("mkfifo is a Unix tool; the check under test is Linux's statx.");
        string fifo = Path.Combine(_folder, "wisdom.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        foreach (bool measure in new[] { false, true })
        {
            var fft = LoadOrIgnore(measure, fifo);
            TransformFinishes(fft, measure ? 48 : 32);
            Assert.That(fft.WisdomNote, Does.Contain(fifo).And.Contain("a FIFO"));
            Assert.That(RegularFile.Inspect(fifo).Kind, Is.EqualTo(RegularFile.Kind.Special), "measuring did not replace the FIFO");
            fft.ForgetWisdom();
        }
    }

    [Test]
    public void ADeviceNamedAsTheWisdomFileIsNotReadNorReplaced()
    {
        if (!File.Exists("/dev/zero")) Assert.Ignore("No /dev/zero here.");
        foreach (bool measure in new[] { false, true })
        {
            var fft = LoadOrIgnore(measure, "/dev/zero");
            TransformFinishes(fft, measure ? 72 : 64);
            Assert.That(fft.WisdomNote, Does.Contain("/dev/zero").And.Contain("character device"));
            Assert.That(RegularFile.Inspect("/dev/zero").Kind, Is.EqualTo(RegularFile.Kind.Special));
            fft.ForgetWisdom();
        }
    }

    [Test]
    public void AWisdomFileLargerThanWisdomCanBeIsNotRead()
    {
        string file = Path.Combine(_folder, "huge.wisdom");
        using (var stream = File.Create(file)) stream.SetLength(FftwLibrary.MaxWisdomBytes + 1); // sparse: no disk used
        var fft = LoadOrIgnore(measure: false, file);
        TransformFinishes(fft, 80);
        Assert.That(fft.WisdomNote, Does.Contain(file).And.Contain("more than"));
        Assert.That(new FileInfo(file).Length, Is.EqualTo(FftwLibrary.MaxWisdomBytes + 1), "the user's file is untouched");
    }

    [Test]
    public void StatxTellsAnEmptyRegularFileFromADirectoryAndANonexistentPath()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("statx is Linux's.");
        string empty = Path.Combine(_folder, "empty");
        File.WriteAllBytes(empty, []);
        Assert.That(RegularFile.Inspect(empty), Is.EqualTo((RegularFile.Kind.Regular, 0L, "a regular file")));
        Assert.That(RegularFile.Inspect(_folder).Kind, Is.EqualTo(RegularFile.Kind.Directory));
        Assert.That(RegularFile.Inspect(Path.Combine(_folder, "absent", "x")).Kind, Is.EqualTo(RegularFile.Kind.Missing));
        Assert.That(RegularFile.Inspect(Path.Combine(empty, "below-a-file")).Kind, Is.EqualTo(RegularFile.Kind.Missing));
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
