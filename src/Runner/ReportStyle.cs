namespace Differentials.Runner;

/// <summary>The stylesheet shared by the notebook reports and the index.</summary>
internal static class ReportStyle
{
    /// <summary>Plain CSS, no external resources. Text is set at a comfortable size and measure on a laptop
    /// screen; code and output lines wrap inside their cell rather than run past its edge (wide tables and
    /// charts scroll inside it); a print style sheet drops the screen furniture and keeps cells whole.</summary>
    public const string Css = """
        :root { --text: #1f2328; --muted: #57606a; --line: #d0d7de; --code-bg: #f6f8fa; --fail: #cf222e; --pass: #1a7f37; }
        html { font-size: 17px; -webkit-text-size-adjust: 100%; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 58rem; padding: 1.5rem 1.25rem 4rem; color: var(--text); line-height: 1.6; overflow-wrap: break-word; }
        header { border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
        header h1 { margin: 0 0 .3rem 0; font-size: 1.7rem; line-height: 1.25; }
        h1, h2, h3, h4 { line-height: 1.3; scroll-margin-top: 1rem; }
        h2 { font-size: 1.4rem; margin-top: 2rem; } h3 { font-size: 1.15rem; }
        a { color: #0969da; }
        a.anchor { color: var(--line); text-decoration: none; font-weight: 400; margin-left: .25rem; visibility: hidden; }
        h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, h5:hover a.anchor, h6:hover a.anchor, a.anchor:focus { visibility: visible; }
        .meta { color: var(--muted); font-size: .85rem; margin: .2rem 0; }
        .meta.problem { color: var(--fail); }
        .badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-weight: 600; font-size: .8rem; color: #fff; vertical-align: middle; }
        .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
        nav.toc { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0 1.5rem; font-size: .9rem; background: #fbfcfd; }
        nav.toc .toc-title { font-weight: 600; margin: 0 0 .2rem; }
        nav.toc ul { list-style: none; margin: 0; padding: 0; columns: 2 18rem; column-gap: 2rem; }
        nav.toc li { break-inside: avoid; margin: .1rem 0; }
        nav.toc li.toc-2 { padding-left: 1rem; } nav.toc li.toc-3 { padding-left: 2rem; font-size: .85rem; }
        .cell { margin: 1rem 0; min-width: 0; }
        .cell.code { border-left: 3px solid var(--line); padding-left: .7rem; }
        .cell.code.failed { border-left-color: var(--fail); }
        .cell.code.not-run { opacity: .55; }
        .prompt { color: var(--muted); font-family: ui-monospace, monospace; font-size: .75rem; }
        pre, code { font-family: ui-monospace, "Cascadia Code", "DejaVu Sans Mono", Consolas, monospace; }
        pre { margin: .3rem 0; padding: .6rem .8rem; font-size: .8rem; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
        :not(pre) > code { font-size: .88em; background: var(--code-bg); padding: .05em .3em; border-radius: 4px; }
        pre.source { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; }
        .output { margin: .3rem 0; overflow-x: auto; max-width: 100%; }
        .output > img, .output svg { max-width: 100%; height: auto; }
        pre.stream { background: #fff; border: 0; padding: .2rem .8rem; }
        pre.stderr { background: #fff8f0; }
        .error { background: #ffebe9; border: 1px solid #ff818266; border-radius: 6px; padding: .4rem .8rem; overflow-wrap: anywhere; }
        .error .ename { color: var(--fail); font-weight: 600; }
        .note { color: var(--muted); font-style: italic; font-size: .85rem; }
        table.runs { border-collapse: collapse; width: 100%; font-size: .9rem; }
        table.runs th, table.runs td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
        table.runs td.time { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.runs td:first-child, table.runs td:last-child { white-space: nowrap; }
        .markdown img { max-width: 100%; }
        .markdown table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
        .markdown th, .markdown td { border: 1px solid var(--line); padding: .2rem .5rem; }
        .markdown details { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .8rem; margin: .6rem 0; }
        .markdown summary { cursor: pointer; font-weight: 600; }
        div.math, .math-display { overflow-x: auto; overflow-y: hidden; max-width: 100%; }
        @media (max-width: 40rem) { html { font-size: 15px; } body { padding: 1rem .7rem; } nav.toc ul { columns: 1; } }
        @media print {
          @page { margin: 16mm 14mm; }
          html { font-size: 10.5pt; }
          body { max-width: none; padding: 0; color: #000; }
          a { color: inherit; text-decoration: none; }
          a.anchor, .prompt { display: none; }
          nav.toc { break-after: page; background: none; border: 0; padding: 0; }
          nav.toc ul { columns: 1; }
          .badge { color: #000; background: none !important; border: 1px solid #000; }
          pre, .error { white-space: pre-wrap; overflow: visible; break-inside: auto; }
          pre.source { background: none; }
          .output, div.math, .math-display, .markdown table { overflow: visible; }
          h1, h2, h3, h4 { break-after: avoid; }
          .cell.code { break-inside: avoid-page; }
          .markdown details > *:not(summary) { display: block; }
        }
        """;
}
