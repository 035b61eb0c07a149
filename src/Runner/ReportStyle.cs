namespace Differentials.Runner;

/// <summary>The stylesheet shared by the notebook reports and the index.</summary>
internal static class ReportStyle
{
    /// <summary>Plain CSS, no external resources.</summary>
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1f2328; line-height: 1.5; }
        header { border-bottom: 1px solid #d0d7de; margin-bottom: 1rem; }
        header h1 { margin: 0 0 .3rem 0; font-size: 1.6rem; }
        .meta { color: #57606a; font-size: .9rem; margin: .2rem 0; }
        .badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-weight: 600; font-size: .85rem; color: #fff; }
        .badge.pass { background: #1a7f37; } .badge.fail { background: #cf222e; }
        .cell { margin: .9rem 0; }
        .cell.code { border-left: 3px solid #d0d7de; padding-left: .7rem; }
        .cell.code.failed { border-left-color: #cf222e; }
        .cell.code.not-run { opacity: .55; }
        .prompt { color: #57606a; font-family: ui-monospace, monospace; font-size: .8rem; }
        pre { margin: .3rem 0; padding: .6rem .8rem; overflow-x: auto; font-family: ui-monospace, "Cascadia Code", Consolas, monospace; font-size: .85rem; }
        pre.source { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; }
        .output { margin: .3rem 0; overflow-x: auto; }
        pre.stream { background: #fff; border: 0; padding: .2rem .8rem; }
        pre.stderr { background: #fff8f0; }
        .error { background: #ffebe9; border: 1px solid #ff818266; border-radius: 6px; padding: .4rem .8rem; }
        .error .ename { color: #cf222e; font-weight: 600; }
        .error pre { white-space: pre-wrap; }
        .note { color: #57606a; font-style: italic; font-size: .85rem; }
        table.runs { border-collapse: collapse; width: 100%; }
        table.runs th, table.runs td { border-bottom: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left; vertical-align: top; }
        table.runs td.time { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.runs td:first-child, table.runs td:last-child { white-space: nowrap; }
        .markdown img { max-width: 100%; }
        .markdown table { border-collapse: collapse; } .markdown th, .markdown td { border: 1px solid #d0d7de; padding: .2rem .5rem; }
        div.math { overflow-x: auto; }
        """;
}
