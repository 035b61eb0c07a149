using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The automatic backend's dispatch (which library each routine runs on, by order), its timings file (read,
/// written, replaced when stale, never replaced when foreign), and the self-check that keeps a library whose
/// results are wrong out of it.
/// </summary>
public class AutomaticLinearAlgebraTests
{
    /// <summary>A backend that records the routines called on it and delegates to the SIMD kernels.</summary>
    private sealed class Recording(string name) : ILinearAlgebra
    {
        private readonly SimdLinearAlgebra _inner = new(SimdLevels.Best, 1);

        public List<string> Calls { get; } = [];

        public string Name => name;

        public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB, Span<double> c, int m, int n, int k)
        {
            Calls.Add("multiply");
            _inner.Multiply(a, transposeA, b, transposeB, c, m, n, k);
        }

        public void Gram(ReadOnlySpan<double> a, int rows, int cols, Span<double> c)
        {
            Calls.Add("gram");
            _inner.Gram(a, rows, cols, c);
        }

        public int LuFactor(Span<double> a, int n, Span<int> pivots)
        {
            Calls.Add("lu-factor");
            return _inner.LuFactor(a, n, pivots);
        }

        public void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse)
        {
            Calls.Add("lu-invert");
            _inner.LuInvert(lu, pivots, n, inverse);
        }

        public void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
        {
            Calls.Add("lu-solve");
            _inner.LuSolve(lu, pivots, n, b, columns);
        }

        public void LuSolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
        {
            Calls.Add("lu-solve-transposed");
            _inner.LuSolveTransposed(lu, pivots, n, b, columns);
        }

        public void SolveLower(ReadOnlySpan<double> l, int n, bool transposeL, Span<double> b, int columns)
        {
            Calls.Add("solve-lower");
            _inner.SolveLower(l, n, transposeL, b, columns);
        }
    }

    private static RoutineTiming[,] Timings(Func<LinearAlgebraRoutine, int, RoutineTiming> timing)
    {
        var timings = new RoutineTiming[Enum.GetValues<LinearAlgebraRoutine>().Length, LinearAlgebraTimings.Orders.Length];
        foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
            for (int o = 0; o < LinearAlgebraTimings.Orders.Length; o++) timings[(int)routine, o] = timing(routine, o);
        return timings;
    }

    // Native wins every routine at the large order and none at the small one, except lu-solve, which it wins at both.
    private static (AutomaticLinearAlgebra Auto, Recording Managed, Recording Native) Split()
    {
        var managed = new Recording("managed");
        var native = new Recording("native");
        var timings = Timings((routine, o) => o == 1 || routine == LinearAlgebraRoutine.LuSolve ? new RoutineTiming(10, 5) : new RoutineTiming(5, 10));
        return (new AutomaticLinearAlgebra(managed, native, new LinearAlgebraTimings(timings, "given")), managed, native);
    }

    private static readonly object[] DispatchCases =
    [
        // routine, order, the backend expected to run it
        new object[] { "multiply", 100, "managed" }, new object[] { "multiply", 300, "managed" }, new object[] { "multiply", 500, "native" },
        new object[] { "gram", 100, "managed" }, new object[] { "gram", 300, "managed" }, new object[] { "gram", 450, "native" },
        new object[] { "lu-factor", 191, "managed" }, new object[] { "lu-factor", 399, "managed" }, new object[] { "lu-factor", 400, "native" },
        new object[] { "lu-invert", 150, "managed" }, new object[] { "lu-invert", 256, "managed" }, new object[] { "lu-invert", 640, "native" },
        new object[] { "lu-solve", 100, "managed" }, new object[] { "lu-solve", 256, "native" }, new object[] { "lu-solve", 700, "native" },
        new object[] { "lu-solve-transposed", 100, "managed" }, new object[] { "lu-solve-transposed", 300, "native" },
        // Triangular solves follow the LU solves' timing.
        new object[] { "solve-lower", 150, "managed" }, new object[] { "solve-lower", 256, "native" },
    ];

    [TestCaseSource(nameof(DispatchCases))]
    public void EachRoutineRunsWhereItsTimingAtThatOrderSends(string routine, int order, string expected)
    {
        var (auto, managed, native) = Split();
        int n = order;
        double[] a = new double[n * n], c = new double[n * n];
        for (int i = 0; i < n; i++) a[i + i * n] = 2;
        int[] pivots = new int[n];
        for (int i = 0; i < n; i++) pivots[i] = i;
        switch (routine)
        {
            case "multiply": auto.Multiply(a, false, a, false, c, n, n, n); break;
            case "gram": auto.Gram(a, n, n, c); break;
            case "lu-factor": auto.LuFactor(a, n, pivots); break;
            case "lu-invert": auto.LuInvert(a, pivots, n, c); break;
            case "lu-solve": auto.LuSolve(a, pivots, n, c, n); break;
            case "solve-lower": auto.SolveLower(a, n, false, c, n); break;
            default: auto.LuSolveTransposed(a, pivots, n, c, n); break;
        }
        var ran = expected == "managed" ? managed : native;
        var idle = expected == "managed" ? native : managed;
        Assert.That(ran.Calls, Is.EqualTo(new[] { routine }));
        Assert.That(idle.Calls, Is.Empty);
    }

    [Test]
    public void AFlatProductIsSizedByItsWork()
    {
        var (auto, managed, native) = Split();
        // 2000×20 by 20×2000: 8·10⁷ multiply-adds, the cube root is 431, so the large order's winner runs it.
        double[] a = new double[2000 * 20], c = new double[2000 * 2000];
        auto.Multiply(a, false, a, true, c, 2000, 2000, 20);
        Assert.That(native.Calls, Is.EqualTo(new[] { "multiply" }));
        // 2000×20 by 20×20: 8·10⁵, order 93: the C# kernels.
        auto.Multiply(a, false, new double[400], false, c, 2000, 20, 20);
        Assert.That(managed.Calls, Is.EqualTo(new[] { "multiply" }));
    }

    [TestCase(8.9, 10.0, true)]
    [TestCase(9.0, 10.0, false)]
    [TestCase(10.0, 8.0, false)]
    public void TheLibraryMustBeATenthFasterToWin(double native, double managed, bool wins)
    {
        Assert.That(AutomaticLinearAlgebra.NativeWins(new RoutineTiming(managed, native)), Is.EqualTo(wins));
    }

    [Test]
    public void TheNameSaysWhatTheLibraryWonAndTheExplanationGivesEveryTiming()
    {
        var (auto, _, _) = Split();
        Assert.That(auto.Name, Is.EqualTo("auto: managed + native (multiply from order 400, gram from order 400, lu-factor from order 400, lu-invert from order 400, lu-solve)"));
        Assert.That(auto.Explain(), Is.EqualTo("native took multiply at order 640 in 5 ms against 10 ms, gram at order 640 in 5 ms against 10 ms, "
            + "lu-factor at order 640 in 5 ms against 10 ms, lu-invert at order 640 in 5 ms against 10 ms, lu-solve at order 256 in 5 ms against 10 ms, "
            + "lu-solve at order 640 in 5 ms against 10 ms, and was not a tenth faster elsewhere; timed in this process"));

        var none = new AutomaticLinearAlgebra(new Recording("managed"), new Recording("native"),
            new LinearAlgebraTimings(Timings((_, _) => new RoutineTiming(1, 1)), "given"));
        Assert.That(none.Name, Is.EqualTo("auto: managed"));
        Assert.That(none.Explain(), Is.EqualTo("native was not a tenth faster than the C# kernels at any routine; timed in this process"));
    }

    // ---- the timings file ----

    // Runs a test in a fresh folder of its own, deleted afterwards whatever the test does.
    private static void InTemporaryFolder(Action<string> test)
    {
        string folder = Path.Combine(Path.GetTempPath(), "differentials-timings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly LinearAlgebraTimings Sample = new(Timings((routine, o) => new RoutineTiming(1 + (int)routine, 0.5 + o)), "given");

    [Test]
    public void TheFileRoundTrips()
    {
        string text = Sample.Format("machine A");
        var read = LinearAlgebraTimings.Parse(text, "machine A", "/f");
        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Source, Does.StartWith("from /f, written 20"));
        foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
            for (int o = 0; o < LinearAlgebraTimings.Orders.Length; o++) Assert.That(read[routine, o], Is.EqualTo(Sample[routine, o]));
    }

    private static IEnumerable<TestCaseData> DamagedFiles()
    {
        string good = Sample.Format("machine A");
        string[] lines = good.Split('\n');
        yield return new TestCaseData(good, "machine B").SetArgDisplayNames("another machine");
        yield return new TestCaseData(good.Replace(LinearAlgebraTimings.Header, "# something else"), "machine A").SetArgDisplayNames("no header");
        yield return new TestCaseData(string.Join('\n', lines.Where(l => !l.StartsWith("gram\t640", StringComparison.Ordinal))), "machine A").SetArgDisplayNames("a row missing");
        yield return new TestCaseData(good.Replace("lu-invert\t256\t4\t", "lu-invert\t256\t0\t"), "machine A").SetArgDisplayNames("a zero time");
        yield return new TestCaseData(good.Replace("lu-invert\t256\t4\t", "lu-invert\t256\tfast\t"), "machine A").SetArgDisplayNames("not a number");
        yield return new TestCaseData(good.Replace("lu-invert\t256\t", "lu-invert\t300\t"), "machine A").SetArgDisplayNames("an order not timed");
        yield return new TestCaseData(good.Replace("gram\t256", "syrk\t256"), "machine A").SetArgDisplayNames("an unknown routine");
        yield return new TestCaseData(good[..(good.Length / 2)], "machine A").SetArgDisplayNames("cut short");
        yield return new TestCaseData("", "machine A").SetArgDisplayNames("empty");
    }

    [TestCaseSource(nameof(DamagedFiles))]
    public void AFileForAnotherMachineOrDamagedIsNotUsed(string text, string signature)
    {
        Assert.That(LinearAlgebraTimings.Parse(text, signature, "/f"), Is.Null);
    }

    // Two SIMD backends stand in for the C# kernels and a native library, so these tests run without OpenBLAS.
    private static readonly ILinearAlgebra First = new SimdLinearAlgebra(SimdLevels.Best, 2);
    private static readonly ILinearAlgebra Second = new SimdLinearAlgebra(SimdLevels.Best, 1);

    [Test]
    public void TheFirstProcessTimesAndWritesTheNextReads()
    {
        InTemporaryFolder(folder =>
        {
            var file = new UserCacheFile(Path.Combine(folder, "sub", LinearAlgebraTimings.FileName), IsDefault: true);
            var measured = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: 0);
            Assert.That(measured.Source, Is.EqualTo("in this process"));
            Assert.That(measured.Note, Is.Empty);
            Assert.That(File.ReadAllText(file.File!), Does.StartWith(LinearAlgebraTimings.Header + "\nmachine\t" + LinearAlgebraTimings.Signature(First, Second)));
            Assert.That(Directory.GetFiles(Path.Combine(folder, "sub")).Select(Path.GetFileName),
                Is.EquivalentTo(new[] { LinearAlgebraTimings.FileName, LinearAlgebraTimings.FileName + ".lock" }), "no temporary file is left behind");

            Assert.That(measured.KeptIn, Is.EqualTo(file.File));
            var read = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: 0);
            Assert.That(read.Source, Does.StartWith($"from {file.File}, written "));
            Assert.That(read.KeptIn, Is.EqualTo(file.File));
            Assert.That(read[LinearAlgebraRoutine.LuSolve, 1], Is.EqualTo(measured[LinearAlgebraRoutine.LuSolve, 1]));
        });
    }

    [Test]
    public void AStaleFileIsTimedAgainAndReplaced()
    {
        InTemporaryFolder(folder =>
        {
            string path = Path.Combine(folder, "named.tsv");
            File.WriteAllText(path, Sample.Format("another machine"));
            var timings = LinearAlgebraTimings.ForThisMachine(First, Second, new UserCacheFile(path, IsDefault: false), loadAverage: 0);
            Assert.That(timings.Source, Is.EqualTo("in this process"));
            Assert.That(File.ReadAllText(path), Does.Contain("machine\t" + LinearAlgebraTimings.Signature(First, Second)));
        });
    }

    [Test]
    public void AFileTheUserNamedThatIsNotATimingsFileIsLeftAsItIs()
    {
        InTemporaryFolder(folder =>
        {
            string path = Path.Combine(folder, "notes.txt");
            File.WriteAllText(path, "my notes\n");
            var timings = LinearAlgebraTimings.ForThisMachine(First, Second, new UserCacheFile(path, IsDefault: false), loadAverage: 0);
            Assert.That(File.ReadAllText(path), Is.EqualTo("my notes\n"));
            Assert.That(timings.Source, Is.EqualTo("in this process"));
            Assert.That(timings.Note, Is.EqualTo($"{path} is not a timings file, so it was left as it is; timed in this process"));
            Assert.That(timings.KeptIn, Is.Null);
        });
    }

    [Test]
    public void AFileThatCannotBeWrittenLeavesANoteAndTheTimingsStillServe()
    {
        InTemporaryFolder(folder =>
        {
            // A folder the user named that does not exist is not created.
            string path = Path.Combine(folder, "missing", "timings.tsv");
            var timings = LinearAlgebraTimings.ForThisMachine(First, Second, new UserCacheFile(path, IsDefault: false), loadAverage: 0);
            Assert.That(timings.Note, Does.StartWith($"{path} could not be written (").And.EndWith("); timed in this process"));
            Assert.That(Directory.Exists(Path.Combine(folder, "missing")), Is.False);
            Assert.That(timings[LinearAlgebraRoutine.Multiply, 0].ManagedMilliseconds, Is.GreaterThan(0));
        });
    }

    [Test]
    public void BusyTimingsServeBusyProcessesUntilAQuietOneTimesAgain()
    {
        InTemporaryFolder(folder =>
        {
            var file = new UserCacheFile(Path.Combine(folder, "timings.tsv"), IsDefault: true);
            double load = Environment.ProcessorCount / 2.0 + 0.25;
            string busy = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"while the machine was busy (load average {load:0.##} on {Environment.ProcessorCount} cores)");
            var first = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: load);
            Assert.That(first.Source, Is.EqualTo("in this process " + busy));
            Assert.That(first.Busy, Is.EqualTo(busy));

            var second = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: load + 1);
            Assert.That(second.Source, Does.StartWith($"from {file.File}, written ").And.EndWith(busy), "a busy process takes the busy timings");
            Assert.That(second[LinearAlgebraRoutine.Gram, 1], Is.EqualTo(first[LinearAlgebraRoutine.Gram, 1]));

            var quiet = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: 0);
            Assert.That(quiet.Source, Is.EqualTo("in this process"), "a quiet process times again");
            Assert.That(quiet.Busy, Is.Empty);
            var after = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: load);
            Assert.That(after.Source, Does.StartWith($"from {file.File}, written ").And.Not.Contain("busy"), "quiet timings serve everyone");
        });
    }

    [Test]
    public void ProcessesThatStartTogetherShareOneTiming()
    {
        InTemporaryFolder(folder =>
        {
            var file = new UserCacheFile(Path.Combine(folder, LinearAlgebraTimings.FileName), IsDefault: true);
            // Four at once, as a runner's workers start: one times, the others read what it wrote.
            var results = new LinearAlgebraTimings[4];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length },
                i => results[i] = LinearAlgebraTimings.ForThisMachine(First, Second, file, loadAverage: 0));
            Assert.That(results.Count(r => r.Source == "in this process"), Is.EqualTo(1));
            Assert.That(results.Count(r => r.Source.StartsWith($"from {file.File}", StringComparison.Ordinal)), Is.EqualTo(results.Length - 1));
            foreach (var r in results) Assert.That(r[LinearAlgebraRoutine.Multiply, 1], Is.EqualTo(results[0][LinearAlgebraRoutine.Multiply, 1]));
        });
    }

    [Test]
    public void NoFileMeansTimingInTheProcess()
    {
        var timings = LinearAlgebraTimings.ForThisMachine(First, Second, new UserCacheFile(null, false), loadAverage: 0);
        Assert.That(timings.Source, Is.EqualTo("in this process"));
        Assert.That(timings.Note, Is.Empty);
        Assert.That(UserCacheFile.Resolve("none", null, "/home/u", LinearAlgebraTimings.FileName).File, Is.Null);
        Assert.That(UserCacheFile.Resolve(null, null, "/home/u", LinearAlgebraTimings.FileName),
            Is.EqualTo(new UserCacheFile("/home/u/.cache/differentials/linalg-timings.tsv", true)));
    }
}
