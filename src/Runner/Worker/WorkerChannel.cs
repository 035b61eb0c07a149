using System.Text;
using System.Text.Json.Nodes;

namespace Differentials.Runner;

/// <summary>The worker's side of the pipe to the runner: writes whole message lines under a lock, each one
/// flushed, so that whatever reached the pipe survives the process being killed a moment later.</summary>
/// <remarks>Text that a running cell prints is forwarded in batches: immediately when nothing was sent for
/// <see cref="BatchInterval"/>, otherwise at the end of that interval, so a cell printing 200,000 lines
/// costs a few hundred writes rather than 200,000, and a crash loses at most one interval of text that the
/// cell printed in a burst. At most <paramref name="maxForwarded"/> characters per cell are forwarded.</remarks>
/// <param name="pipe">The connected pipe.</param>
/// <param name="maxForwarded">The most characters of a cell's text forwarded before the cell ends.</param>
internal sealed class WorkerChannel(Stream pipe, int maxForwarded) : IDisposable
{
    /// <summary>How long printed text may wait before it is forwarded.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(50);

    private readonly object gate = new();
    private readonly StreamWriter writer = new(pipe, new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
    private readonly StringBuilder pending = new();
    private string pendingName = "stdout";
    private int forwarded;
    private long lastSent;
    private bool closed;
    private Timer? timer;

    /// <summary>Sends one message now.</summary>
    /// <param name="message">The message.</param>
    public void Send(JsonObject message)
    {
        lock (gate)
        {
            FlushPendingLocked();
            WriteLocked(message);
        }
    }

    /// <summary>A cell starts: forwarding of its printed text begins.</summary>
    /// <param name="cellIndex">The cell's index in the notebook.</param>
    public void CellStarted(int cellIndex)
    {
        lock (gate)
        {
            pending.Clear();
            forwarded = 0;
            var message = WorkerProtocol.Message(WorkerProtocol.Start);
            message["cell"] = cellIndex;
            WriteLocked(message);
            timer ??= new Timer(_ => FlushPending(), null, BatchInterval, BatchInterval);
        }
    }

    /// <summary>A cell ended: text not yet forwarded is dropped (the end message carries all of it).</summary>
    /// <param name="end">The end message.</param>
    public void CellEnded(JsonObject end)
    {
        lock (gate)
        {
            pending.Clear();
            WriteLocked(end);
        }
    }

    /// <summary>Text the running cell printed.</summary>
    /// <param name="name">"stdout" or "stderr".</param>
    /// <param name="text">The text.</param>
    public void Printed(string name, string text)
    {
        lock (gate)
        {
            if (closed || forwarded >= maxForwarded)
                return;
            if (pending.Length > 0 && pendingName != name)
                FlushPendingLocked();
            pendingName = name;
            var room = maxForwarded - forwarded;
            pending.Append(text, 0, Math.Min(text.Length, room));
            forwarded += Math.Min(text.Length, room);
            if (Environment.TickCount64 - lastSent >= BatchInterval.TotalMilliseconds || pending.Length >= 1 << 16)
                FlushPendingLocked();
        }
    }

    /// <summary>Forwards text waiting for its batch (from the timer, and before the process exits).</summary>
    public void FlushPending()
    {
        lock (gate)
            FlushPendingLocked();
    }

    private void FlushPendingLocked()
    {
        if (pending.Length == 0)
            return;
        var message = WorkerProtocol.Message(WorkerProtocol.Text);
        message["name"] = pendingName;
        message["text"] = pending.ToString();
        pending.Clear();
        WriteLocked(message);
    }

    private void WriteLocked(JsonObject message)
    {
        if (closed)
            return;
        try
        {
            writer.Write(WorkerProtocol.ToLine(message));
            writer.Write('\n');
            writer.Flush();
            lastSent = Environment.TickCount64;
        }
        catch (IOException)
        {
            // The runner is gone (it killed this worker's notebook, or ended): nobody is listening.
            closed = true;
        }
    }

    /// <summary>Stops the batch timer and closes the pipe.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            FlushPendingLocked();
            closed = true;
            try { writer.Dispose(); }
            catch (IOException) { }
        }
    }
}
