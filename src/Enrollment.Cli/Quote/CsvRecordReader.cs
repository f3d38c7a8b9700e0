using System.Buffers;

namespace Enrollment.Cli.Quote;

/// <summary>
/// Reads UTF-8 CSV records over a pooled byte buffer without allocating per row: RFC 4180 quoting
/// (a quoted field may hold commas, doubled quotes and line breaks), LF or CRLF, a leading BOM skipped.
/// Field spans stay valid until the next <see cref="TryRead"/>.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    public const int MaxFields = 32;
    private readonly Stream _stream;
    private byte[] _buffer;
    private byte[] _scratch;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;
    private readonly Range[] _fields = new Range[MaxFields];
    private readonly bool[] _inScratch = new bool[MaxFields];

    public CsvRecordReader(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        _scratch = ArrayPool<byte>.Shared.Rent(4096);
    }

    /// <summary>Fields of the current record (at most <see cref="MaxFields"/>; more are counted, not kept).</summary>
    public int FieldCount { get; private set; }

    public ReadOnlySpan<byte> Field(int i) => _inScratch[i] ? _scratch.AsSpan(_fields[i]) : _buffer.AsSpan(_fields[i]);

    /// <summary>Reads the next record; false at end of input.</summary>
    public bool TryRead()
    {
        while (true)
        {
            var recordEnd = FindRecordEnd();
            if (recordEnd >= 0)
            {
                Split(_start, recordEnd);
                _start = recordEnd + 1;
                return true;
            }

            if (_eof)
            {
                if (_start >= _end)
                {
                    return false;
                }

                Split(_start, _end);
                _start = _end;
                return true;
            }

            Fill();
        }
    }

    private int FindRecordEnd()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var inQuotes = false;
        var offset = 0;
        while (true)
        {
            var i = inQuotes ? span[offset..].IndexOf((byte)'"') : span[offset..].IndexOfAny((byte)'"', (byte)'\n');
            if (i < 0)
            {
                return -1;
            }

            offset += i;
            if (span[offset] == '\n')
            {
                return _start + offset;
            }

            inQuotes = !inQuotes;
            offset++;
        }
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
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
        if (_first && _end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
        }

        _first = _first && _end < 3 && !_eof;
    }

    private void Split(int from, int to)
    {
        if (to > from && _buffer[to - 1] == '\r')
        {
            to--;
        }

        FieldCount = 0;
        var scratchUsed = 0;
        var pos = from;
        while (true)
        {
            int fieldEnd;
            if (pos < to && _buffer[pos] == '"')
            {
                fieldEnd = Unquote(pos, to, ref scratchUsed);
            }
            else
            {
                var comma = _buffer.AsSpan(pos, to - pos).IndexOf((byte)',');
                fieldEnd = comma < 0 ? to : pos + comma;
                Keep(new Range(pos, fieldEnd), false);
            }

            if (fieldEnd >= to)
            {
                return;
            }

            pos = fieldEnd + 1;
        }
    }

    /// <summary>Copies a quoted field, undoubling quotes, into scratch; returns where the field ends.</summary>
    private int Unquote(int pos, int to, ref int scratchUsed)
    {
        var begin = scratchUsed;
        var i = pos + 1;
        while (i < to)
        {
            var b = _buffer[i];
            if (b == '"')
            {
                if (i + 1 < to && _buffer[i + 1] == '"')
                {
                    i++;
                }
                else
                {
                    i++;
                    break;
                }
            }

            if (scratchUsed == _scratch.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_scratch.Length * 2);
                Buffer.BlockCopy(_scratch, 0, bigger, 0, scratchUsed);
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = bigger;
            }

            _scratch[scratchUsed++] = b;
            i++;
        }

        Keep(new Range(begin, scratchUsed), true);

        // Anything between the closing quote and the comma is ignored.
        var comma = _buffer.AsSpan(i, to - i).IndexOf((byte)',');
        return comma < 0 ? to : i + comma;
    }

    private void Keep(Range range, bool inScratch)
    {
        if (FieldCount < MaxFields)
        {
            _fields[FieldCount] = range;
            _inScratch[FieldCount] = inScratch;
        }

        FieldCount++;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_scratch);
    }
}
