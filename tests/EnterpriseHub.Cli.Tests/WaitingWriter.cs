using System.Text;

namespace EnterpriseHub.Cli.Tests;

/// <summary>A text writer another task may wait on: <see cref="WaitForAsync"/> completes when the text has been written.</summary>
internal sealed class WaitingWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
            var written = _text.ToString();
            foreach (var waiter in _waiters.Where(w => written.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public override void WriteLine(string? value) => Write(value + NewLine);

    /// <summary>Completes once <paramref name="text"/> has been written; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(string text, TimeSpan timeout)
    {
        lock (_text)
        {
            if (_text.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task.WaitAsync(timeout);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
