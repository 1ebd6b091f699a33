using System.Text;

namespace EnterpriseHub.Cli.Import;

/// <summary>One physical or logical line of the input: its number (from 1), text, and the byte offset just after it.</summary>
internal readonly record struct InputLine(long Number, string Text, long EndOffset);

/// <summary>
/// Reads a file line by line from a byte offset, in constant memory whatever its size, knowing the
/// byte offset after every line so that a resumed import seeks straight to where it stopped.
/// Lines end with LF or CRLF; a UTF-8 byte order mark at the start is skipped.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly FileStream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(string path, long offset, long linesBefore)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        _stream.Seek(offset, SeekOrigin.Begin);
        Offset = offset;
        LinesRead = linesBefore;
        if (offset == 0)
        {
            Fill();
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
                Offset = 3;
            }
        }
    }

    /// <summary>The byte offset just after the last line returned.</summary>
    public long Offset { get; private set; }

    /// <summary>The number of the last line returned.</summary>
    public long LinesRead { get; private set; }

    /// <summary>The file's length.</summary>
    public long Length => _stream.Length;

    public bool TryRead(out InputLine line)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                line = Take(newline - _start, newline + 1 - _start);
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = Take(_end - _start, _end - _start);
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private InputLine Take(int length, int consumed)
    {
        var textLength = length > 0 && _buffer[_start + length - 1] == '\r' ? length - 1 : length;
        var text = Utf8.GetString(_buffer, _start, textLength);
        _start += consumed;
        Offset += consumed;
        LinesRead++;
        return new InputLine(LinesRead, text, Offset);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow it, as rarely as lines are that long.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }
}
