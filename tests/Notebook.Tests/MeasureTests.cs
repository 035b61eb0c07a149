using System.Diagnostics;
using Differentials.Notebook;

namespace Differentials.Notebook.Tests;

/// <summary>The timing protocol: sane medians, the inner loop, sample counts, the thread CPU clock.</summary>
public class MeasureTests
{
    // Spins (no sleeping) for the given wall time: work the CPU clock must see.
    private static void BusyWait(double milliseconds)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalMilliseconds < milliseconds) { }
    }

    [Test]
    public void BusyWaitGivesPositiveMediansNearItsDuration()
    {
        var timing = Measure.Median(() => BusyWait(2));

        // 5 samples, unless preemption stretched the probe call past the slow threshold (a shared machine).
        Assert.That(timing.Samples, Is.EqualTo(5).Or.EqualTo(Measure.SlowSamples));
        Assert.That(timing.InnerLoops, Is.EqualTo(1), "one 2 ms call already exceeds the 0.5 ms minimum sample");
        Assert.That(timing.WallMilliseconds, Is.GreaterThanOrEqualTo(2.0).And.LessThan(100), "the spin lasts at least 2 ms of wall time");
        Assert.That(timing.CpuMilliseconds, Is.GreaterThan(0));
        Assert.That(timing.CpuMilliseconds, Is.LessThanOrEqualTo(timing.WallMilliseconds * 1.05 + 0.05),
            "one thread cannot use more CPU time than wall time");
        Assert.That(timing.CpuClock, Is.EqualTo(Measure.CpuClock));
    }

    [Test]
    public void FastCallsAreRepeatedInAnInnerLoop()
    {
        var calls = 0;
        // 2 µs per call: far below the 0.5 ms sample, and short enough that preemption rarely hits the probe call.
        var timing = Measure.Median(() => { calls++; BusyWait(0.002); }, samples: 3);

        Assert.That(timing.InnerLoops, Is.GreaterThan(1));
        Assert.That(calls, Is.EqualTo(2 + timing.Samples * timing.InnerLoops), "warm-up, probe, then samples × inner loops");
        // A call lasts at least 2 µs, and preemption can only lengthen the probe call: never more loops than that implies.
        Assert.That(timing.InnerLoops, Is.LessThanOrEqualTo(Measure.InnerLoopsFor(0.002)));
        Assert.That(timing.WallMilliseconds, Is.GreaterThanOrEqualTo(0.002));
    }

    [TestCase(2.0, 1)]
    [TestCase(0.5, 1)]
    [TestCase(0.2, 3)]
    [TestCase(0.001, 500)]
    [TestCase(0.0, 5000)]   // a probe that reads zero is taken as 0.1 µs
    public void InnerLoopMakesASampleLastAtLeastTheMinimum(double onceMilliseconds, int expected)
    {
        Assert.That(Measure.InnerLoopsFor(onceMilliseconds), Is.EqualTo(expected));
    }

    [TestCase(1.0, 5, 5)]
    [TestCase(20.0, 5, 5)]
    [TestCase(25.0, 5, 3)]
    [TestCase(25.0, 1, 1)]
    [TestCase(25.0, 9, 3)]
    public void SlowCallsAreSampledAtMostThreeTimes(double onceMilliseconds, int asked, int expected)
    {
        Assert.That(Measure.SampleCountFor(onceMilliseconds, asked), Is.EqualTo(expected));
    }

    [Test]
    public void SlowCallsTakeFewerSamples()
    {
        var timing = Measure.Median(() => BusyWait(Measure.SlowCallMilliseconds + 1), samples: 5);

        Assert.That(timing.Samples, Is.EqualTo(Measure.SlowSamples));
        Assert.That(timing.InnerLoops, Is.EqualTo(1));
    }

    [Test]
    public void ResultOfTheLastCallIsHandedBack()
    {
        var counter = 0;
        var timing = Measure.Median(() => ++counter, out var last, samples: 1);

        Assert.That(last, Is.EqualTo(counter));
        Assert.That(counter, Is.EqualTo(2 + timing.Samples * timing.InnerLoops));
    }

    [Test]
    public void ThreadCpuClockAdvancesWithWorkOnLinux()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the thread CPU clock is read on Linux only");
        Assert.That(ThreadCpuClock.Available, Is.True, "glibc's clock_gettime should bind on Linux x64");
        Assert.That(Measure.CpuClock, Is.EqualTo(CpuClock.ThreadCpuTime));

        var before = ThreadCpuClock.Milliseconds()!.Value;
        BusyWait(20);
        var after = ThreadCpuClock.Milliseconds()!.Value;
        Assert.That(after - before, Is.GreaterThan(1), "20 ms of spinning must consume CPU time");

        var idleBefore = ThreadCpuClock.Milliseconds()!.Value;
        Thread.Sleep(50);
        var idle = ThreadCpuClock.Milliseconds()!.Value - idleBefore;
        Assert.That(idle, Is.LessThan(25), "sleeping consumes (almost) no CPU time of this thread");
    }

    [Test]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Measure.Median(null!));
        Assert.Throws<ArgumentNullException>(() => Measure.Median<int>(null!, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Median(() => { }, samples: 0));
    }

    [Test]
    public void MachineDescriptionNamesCoresRuntimeAndBackend()
    {
        var text = Measure.MachineDescription();

        Assert.That(text, Does.Contain($"{Environment.ProcessorCount} logical processors"));
        Assert.That(text, Does.Contain(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription));
        Assert.That(text, Does.Contain(NumericBackend.Describe()));
        Assert.That(text, Does.Contain("CPU clock"));
    }

    [Test]
    public void TimingTextSaysHowItWasTaken()
    {
        var text = new Timing(0.25, 0.125, 5, 8, CpuClock.ThreadCpuTime).ToString();

        Assert.That(text, Is.EqualTo("0.125 ms CPU, 0.25 ms wall (median of 5 samples × 8 calls, thread CPU clock)"));
    }
}
