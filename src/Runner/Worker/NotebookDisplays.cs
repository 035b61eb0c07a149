namespace Differentials.Runner;

/// <summary>Where each displayed value with an id sits among a notebook's cell runs, so that an update
/// published by a later cell replaces the value where it was shown, as Polyglot Notebooks does, instead
/// of appearing a second time in the later cell.</summary>
/// <param name="runs">The notebook's cell runs so far; the cell being mapped will be added at its end.</param>
internal sealed class NotebookDisplays(List<CellRun> runs)
{
    private readonly Dictionary<string, (int Run, int Output)> places = [];
    private readonly SortedSet<int> changed = [];

    /// <summary>The indices of earlier runs whose outputs were replaced since the last call, which it clears.</summary>
    /// <returns>The indices, ascending.</returns>
    public int[] TakeChanged()
    {
        var indices = changed.ToArray();
        changed.Clear();
        return indices;
    }

    /// <summary>Records the displayed values of the cell that will be added next to the runs.</summary>
    /// <param name="displayIndex">Each display id of that cell and the index of its output.</param>
    public void RecordNextCell(IReadOnlyDictionary<string, int> displayIndex)
    {
        foreach (var (id, output) in displayIndex)
            places[id] = (runs.Count, output);
    }

    /// <summary>Replaces the value shown under <paramref name="id"/> by an earlier cell.</summary>
    /// <param name="id">The display id the update names.</param>
    /// <param name="replacement">The updated value.</param>
    /// <returns>False when no earlier cell showed a value with that id.</returns>
    public bool TryUpdateEarlier(string id, DataOutput replacement)
    {
        if (!places.TryGetValue(id, out var place))
            return false;
        var run = runs[place.Run];
        var outputs = run.Outputs.ToList();
        outputs[place.Output] = replacement;
        runs[place.Run] = run with { Outputs = outputs };
        changed.Add(place.Run);
        return true;
    }
}
