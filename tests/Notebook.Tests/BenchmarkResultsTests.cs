using Differentials.Notebook;

namespace Differentials.Notebook.Tests;

public class BenchmarkResultsTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bench-results-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, params string[] lines) => File.WriteAllLines(Path.Combine(_folder, name), lines);

    [Test]
    public void ReadsRowsByHeaderWithQuotedFields()
    {
        Write("results.csv",
            "suite,case,size,detail,library,backend,median_ms,min_ms,max_ms,samples,gflops",
            "chain,BackPropagate,120,\"sweep=width;width=4;depth=4\",differentials-managed,managed,0.0123,0.01,0.02,5,",
            "inverse,\"Forward, big\",4096x1024,,numpy,openblas,1.5e3,1,2,5,3.25");

        var rows = BenchmarkResults.Read(_folder);

        Assert.That(rows, Has.Count.EqualTo(2));
        var chain = rows[0];
        Assert.That(chain, Is.EqualTo(new BenchmarkResult("chain", "BackPropagate", "120", "sweep=width;width=4;depth=4",
            "differentials-managed", "managed", 0.0123, "results.csv") { Fields = chain.Fields }));
        Assert.That(chain.SizeValue, Is.EqualTo(120));
        Assert.That(chain.DetailValue("sweep"), Is.EqualTo("width"));
        Assert.That(chain.DetailValue("depth"), Is.EqualTo("4"));
        Assert.That(chain.DetailValue("order"), Is.Null);
        Assert.That(chain.Fields["samples"], Is.EqualTo("5"));
        Assert.That(rows[1].Case, Is.EqualTo("Forward, big"));
        Assert.That(rows[1].MedianMilliseconds, Is.EqualTo(1500));
        Assert.That(rows[1].SizeValue, Is.Null);
        Assert.That(rows[1].Fields["gflops"], Is.EqualTo("3.25"));
    }

    [Test]
    public void ColumnOrderComesFromTheHeader()
    {
        Write("a.csv", "median_ms,size,case,suite", "2.5,64,Backward,gram");

        var row = BenchmarkResults.Read(_folder).Single();

        Assert.That((row.Suite, row.Case, row.Size, row.MedianMilliseconds), Is.EqualTo(("gram", "Backward", "64", 2.5)));
        Assert.That((row.Detail, row.Library, row.Backend), Is.EqualTo(("", "", "")), "optional columns absent");
    }

    [Test]
    public void FilesWithoutRequiredColumnsAndBadRowsAreSkipped()
    {
        Write("ratios.csv", "goal,suite,case,size,ours,ratio", "g1,inverse,Forward,256,x,0.9");
        Write("results.csv", "suite,case,size,median_ms", "chain,A,1,not-a-number", "chain,B,2", "", "chain,C,3,0.5");
        Write("notes.txt", "suite,case,size,median_ms", "chain,D,4,1");
        Directory.CreateDirectory(Path.Combine(_folder, "suites"));
        File.WriteAllLines(Path.Combine(_folder, "suites", "chain.csv"), ["suite,case,size,median_ms", "chain,E,5,1"]);

        var rows = BenchmarkResults.Read(_folder);

        Assert.That(rows.Select(r => r.Case), Is.EqualTo(new[] { "C" }));
    }

    [Test]
    public void NumbersAreReadInInvariantCulture()
    {
        Write("r.csv", "suite,case,size,median_ms", "s,c,1,\"1,5\"", "s,d,1,2.75");

        Assert.That(BenchmarkResults.Read(_folder).Select(r => r.MedianMilliseconds), Is.EqualTo(new[] { 2.75 }),
            "a comma is not a decimal separator");
    }

    [Test]
    public void MissingOrEmptyFolderGivesNoRows()
    {
        Assert.That(BenchmarkResults.Read(Path.Combine(_folder, "absent")), Is.Empty);
        Assert.That(BenchmarkResults.Read(_folder), Is.Empty);
        Write("empty.csv");
        Assert.That(BenchmarkResults.Read(_folder), Is.Empty);
        Assert.Throws<ArgumentException>(() => BenchmarkResults.Read(""));
    }
}
