using BenchmarkDotNet.Running;
using Differentials;
using Differentials.Bench.Benchmarks;
using Differentials.Bench.Infrastructure;

// The workbook's benchmarks. Usage (bench/run wraps this):
//   Bench [--smoke | --dry | --quick] [--out DIR] [BenchmarkDotNet switches, e.g. --filter *Inverse*]
//   Bench --tune-fft [--smoke]: measure the FFTW plans of the convolution lengths into the wisdom file, then exit
// --smoke: tiny sizes, one invocation each (CI). --dry: full sizes, one invocation each (a quick look).
// --quick: full sizes, fewer and shorter iterations (a busy machine or a short time budget).
//   Bench --plain-process [--smoke] [--out DIR]: inverse and Gram forward, tuned process vs .NET defaults (PlainProcess)
// Writes DIR/dotnet.csv (tidy rows) and DIR/dotnet-environment.json; exits 1 if any benchmark failed.
if (args.Contains("--plain-process") || args.Contains("--plain-child")) return PlainProcess.Run(args);
bool smoke = false, dry = false, quick = false, tune = false;
string output = Path.Combine("data", "benchmarks", "raw");
var passThrough = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--smoke": smoke = true; break;
        case "--dry": dry = true; break;
        case "--quick": quick = true; break;
        case "--tune-fft": tune = true; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        default: passThrough.Add(args[i]); break;
    }
}
// Without a filter BenchmarkSwitcher asks interactively; a script wants everything.
if (!passThrough.Contains("--filter") && !passThrough.Contains("-f")) passThrough.AddRange(["--filter", "*"]);

BenchSettings.Smoke = smoke;
if (tune) return FftTuning.Run(CircularConvolutionBenchmarks.Lengths());
var environment = RunEnvironment.Collect(smoke ? "smoke" : dry ? "dry" : quick ? "quick" : "full");
Console.WriteLine($"Kernel backend at start-up: {environment["kernel_backend"]}");

var config = BenchConfig.Create(singleShot: smoke || dry, quick, Path.Combine(output, "artifacts"));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchSettings).Assembly).Run([.. passThrough], config).ToList();

var (rows, failures) = ResultsWriter.Rows(summaries);
ResultsWriter.WriteCsv(Path.Combine(output, "dotnet.csv"), rows);
environment["load_average_at_end"] = RunEnvironment.LoadAverage();
RunEnvironment.Write(Path.Combine(output, "dotnet-environment.json"), environment);
Console.WriteLine($"{rows.Count} results written to {Path.Combine(output, "dotnet.csv")}");
if (failures.Count > 0)
{
    Console.Error.WriteLine($"{failures.Count} benchmark(s) failed:");
    foreach (var failure in failures) Console.Error.WriteLine("  " + failure);
    return 1;
}
if (rows.Count == 0)
{
    Console.Error.WriteLine("No benchmark ran (check the filter).");
    return 1;
}
return 0;
