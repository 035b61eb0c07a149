using System.Globalization;

namespace Differentials.Runner;

/// <summary>The runner's command line.</summary>
internal sealed record RunnerOptions
{
    /// <summary>The default per-cell timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Notebook names, globs or paths; empty means every notebooks/*.ipynb.</summary>
    public IReadOnlyList<string> Notebooks { get; init; } = [];

    /// <summary>The report folder; null means artifacts/reports under the repository root.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>How long one cell may run.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultTimeout;

    /// <summary>The shortest --timeout accepted, in seconds.</summary>
    public const double MinTimeoutSeconds = 0.1;

    /// <summary>The longest --timeout accepted, in seconds (one day).</summary>
    public const double MaxTimeoutSeconds = 86_400;

    /// <summary>The default cap on output kept per cell, in MB (millions of characters, 2^20 each).</summary>
    public const int DefaultMaxOutputMb = 4;

    /// <summary>How many notebooks run at once (default: the number of cores).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Each notebook's GC heap limit in bytes, or null for none.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The most output characters kept per cell.</summary>
    public int MaxOutputChars { get; init; } = DefaultMaxOutputMb << 20;

    /// <summary>Strip scripts, event handlers and javascript: URLs from markdown in the reports.</summary>
    public bool SanitizeHtml { get; init; } = true;

    /// <summary>Execute only: write no .ipynb, .html or index.</summary>
    public bool NoReports { get; init; }

    /// <summary>Skip building the notebook library first.</summary>
    public bool NoBuild { get; init; }

    /// <summary>Print usage and exit.</summary>
    public bool Help { get; init; }

    /// <summary>The usage text printed by --help and after a bad command line.</summary>
    public const string Usage = """
        Usage: dotnet run --project src/Runner -c Release -- [options] [notebook ...]

        Executes C# notebooks, each in a worker process of its own (a fresh .NET Interactive kernel and
        runtime, working directory = the notebook's folder, standard input closed), and writes, per notebook,
        the executed .ipynb and a self-contained .html report, plus index.html. A notebook whose process
        exits, crashes or runs past the timeout fails at the cell that was running; the run goes on. The last
        line printed is "N passed, N failed" (notebooks).

        Arguments:
          notebook            A name or glob matched in notebooks/ (".ipynb" optional, e.g. 10-gram-matrix or "10-*"),
                              or a path to an .ipynb file or a folder of them. Default: every notebooks/*.ipynb.
        Options:
          --output DIR        Report folder (default: artifacts/reports under the repository root).
          --timeout SECONDS   Time one cell may run before it fails and its process is killed
                              (0.1 to 86400; default: 120).
          --jobs N            Notebooks run at once, each in its own process (default: the number of cores).
          --memory-limit MB   Each notebook's managed heap limit (DOTNET_GCHeapHardLimit; default: none).
          --max-output MB     Output kept per cell, the rest dropped with a note (default: 4).
          --no-sanitize-html  Keep scripts, event handlers and javascript: URLs in markdown (the default
                              --sanitize-html strips them; chart and other HTML outputs are never changed).
          --no-reports        Execute only; write no reports.
          --no-build          Do not build src/Notebook (which the notebooks #r) first.
          -h, --help          Show this help.

        Exit code: 0 when every notebook passed, 1 when any failed or could not be read, 2 for a bad command line.
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="RunnerOptionsException">An unknown option, a missing or bad value.</exception>
    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new RunnerOptions();
        var notebooks = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    options = options with { Help = true };
                    break;
                case "--no-reports":
                    options = options with { NoReports = true };
                    break;
                case "--no-build":
                    options = options with { NoBuild = true };
                    break;
                case "--output" or "-o":
                    var folder = Value(args, ref i);
                    if (string.IsNullOrWhiteSpace(folder))
                        throw new RunnerOptionsException($"{arg} needs a folder; got an empty path.");
                    options = options with { OutputDirectory = folder };
                    break;
                case "--timeout":
                    var text = Value(args, ref i);
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || double.IsInfinity(seconds))
                        throw new RunnerOptionsException($"--timeout takes a positive number of seconds; got \"{text}\".");
                    if (seconds is < MinTimeoutSeconds or > MaxTimeoutSeconds)
                        throw new RunnerOptionsException($"--timeout takes {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds; got {text}.");
                    options = options with { CellTimeout = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--jobs" or "-j":
                    options = options with { Jobs = Whole(args, ref i, 1, 256) };
                    break;
                case "--memory-limit":
                    options = options with { MemoryLimitBytes = (long)Whole(args, ref i, 64, 1 << 24) << 20 };
                    break;
                case "--max-output":
                    options = options with { MaxOutputChars = Whole(args, ref i, 1, 1024) << 20 };
                    break;
                case "--sanitize-html":
                    options = options with { SanitizeHtml = true };
                    break;
                case "--no-sanitize-html":
                    options = options with { SanitizeHtml = false };
                    break;
                case "--":
                    notebooks.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                        throw new RunnerOptionsException($"Unknown option \"{arg}\" (see --help).");
                    notebooks.Add(arg);
                    break;
            }
        }
        return options with { Notebooks = notebooks };
    }

    private static int Whole(IReadOnlyList<string> args, ref int i, int min, int max)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new RunnerOptionsException($"{name} takes a whole number from {min} to {max}; got \"{text}\".");
        return value;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            throw new RunnerOptionsException($"{args[i]} needs a value.");
        return args[++i];
    }
}
