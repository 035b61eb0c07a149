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

    /// <summary>Execute only: write no .ipynb, .html or index.</summary>
    public bool NoReports { get; init; }

    /// <summary>Skip building the notebook library first.</summary>
    public bool NoBuild { get; init; }

    /// <summary>Print usage and exit.</summary>
    public bool Help { get; init; }

    /// <summary>The usage text printed by --help and after a bad command line.</summary>
    public const string Usage = """
        Usage: dotnet run --project src/Runner -c Release -- [options] [notebook ...]

        Executes C# notebooks in-process (a fresh .NET Interactive kernel per notebook, working directory
        = the notebook's folder) and writes, per notebook, the executed .ipynb and a self-contained .html
        report, plus index.html. The last line printed is "N passed, N failed" (notebooks).

        Arguments:
          notebook            A name or glob matched in notebooks/ (".ipynb" optional, e.g. 10-gram-matrix or "10-*"),
                              or a path to an .ipynb file or a folder of them. Default: every notebooks/*.ipynb.
        Options:
          --output DIR        Report folder (default: artifacts/reports under the repository root).
          --timeout SECONDS   Time one cell may run before it fails (default: 120).
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
                    options = options with { OutputDirectory = Value(args, ref i) };
                    break;
                case "--timeout":
                    var text = Value(args, ref i);
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || double.IsInfinity(seconds))
                        throw new RunnerOptionsException($"--timeout takes a positive number of seconds; got \"{text}\".");
                    options = options with { CellTimeout = TimeSpan.FromSeconds(seconds) };
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

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            throw new RunnerOptionsException($"{args[i]} needs a value.");
        return args[++i];
    }
}
