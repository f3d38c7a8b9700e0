using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Quote;

/// <summary>Writes result rows as UTF-8 into a pooled buffer, flushed to the stream in large blocks.</summary>
internal sealed class QuoteCsvWriter : IDisposable
{
    public static ReadOnlySpan<byte> Header =>
        "case,payable,subsidy,basis,county_share,township_share,funding,mode,coverage_start,late,error\n"u8;

    private static readonly StandardFormat Cents = new('F', 2);
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _used;

    public QuoteCsvWriter(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        Write(Header);
    }

    public void WriteQuote(ReadOnlySpan<byte> caseId, in Domain.Rules.Quote q)
    {
        Reserve(caseId.Length * 2 + 256);
        WriteField(caseId);
        Comma();
        Money(q.Payable);
        Comma();
        Money(q.Subsidy);
        Comma();
        if (q.HasSubsidy)
        {
            Write(q.Basis.ToUtf8Code());
        }

        Comma();
        Money(q.CountyShare);
        Comma();
        Money(q.TownshipShare);
        Comma();
        if (q.HasSubsidy)
        {
            Write(q.Funding switch
            {
                FundingSource.Fiscal => "fiscal"u8,
                FundingSource.MedicalAssistance => "medical_assistance"u8,
                FundingSource.SpecialGroup => "special_group"u8,
            });
        }

        Comma();
        if (q.HasSubsidy)
        {
            Write(q.Mode == SubsidyMode.Direct ? "direct"u8 : "reimburse"u8);
        }

        Comma();
        Date(q.CoverageStart);
        Comma();
        Write(q.Late ? "true"u8 : "false"u8);
        Write(",\n"u8);
    }

    /// <summary>A row with bad input keeps its case, gets the message and empty values.</summary>
    public void WriteError(ReadOnlySpan<byte> caseId, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        Reserve((caseId.Length + bytes.Length) * 2 + 32);
        WriteField(caseId);
        Write(",,,,,,,,,,"u8);
        WriteField(bytes);
        Write("\n"u8);
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
        _stream.Flush();
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private void Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }

        if (bytes > _buffer.Length)
        {
            throw new InvalidOperationException("row larger than the output buffer");
        }
    }

    private void Comma() => _buffer[_used++] = (byte)',';

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>Quotes a field that holds a comma, quote or line break (RFC 4180).</summary>
    private void WriteField(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny(",\"\r\n"u8) < 0)
        {
            Write(value);
            return;
        }

        _buffer[_used++] = (byte)'"';
        foreach (var b in value)
        {
            if (b == '"')
            {
                _buffer[_used++] = (byte)'"';
            }

            _buffer[_used++] = b;
        }

        _buffer[_used++] = (byte)'"';
    }

    private void Money(decimal yuan)
    {
        Utf8Formatter.TryFormat(yuan, _buffer.AsSpan(_used), out var written, Cents);
        _used += written;
    }

    private void Date(DateOnly date)
    {
        var span = _buffer.AsSpan(_used, 10);
        Four(span, date.Year);
        span[4] = (byte)'-';
        Two(span[5..], date.Month);
        span[7] = (byte)'-';
        Two(span[8..], date.Day);
        _used += 10;
    }

    private static void Four(Span<byte> to, int value)
    {
        to[0] = (byte)('0' + (value / 1000));
        to[1] = (byte)('0' + (value / 100 % 10));
        to[2] = (byte)('0' + (value / 10 % 10));
        to[3] = (byte)('0' + (value % 10));
    }

    private static void Two(Span<byte> to, int value)
    {
        to[0] = (byte)('0' + (value / 10));
        to[1] = (byte)('0' + (value % 10));
    }
}
