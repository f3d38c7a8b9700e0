namespace Enrollment.Data.Export;

/// <summary>
/// Between the zip writer and the output. .NET's ZipArchive writes a few small pieces synchronously when the output
/// cannot seek (each entry's data descriptor, the last compressed block, the central directory), and a response body
/// refuses synchronous writes. Everything is gathered here in pieces of 64 KB and sent asynchronously; what arrives
/// synchronously waits for the next asynchronous write or the final <see cref="FlushAsync(CancellationToken)"/>.
/// </summary>
internal sealed class AsyncOutputStream(Stream inner) : Stream
{
    private const int SendAt = 64 * 1024;

    private readonly MemoryStream pending = new();
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        if (pending.Length >= SendAt)
        {
            await SendAsync(cancellationToken);
        }
    }

    /// <summary>Nothing: a synchronous flush would write synchronously; the final asynchronous flush sends all.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pending.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        if (pending.Length > 0)
        {
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
            pending.SetLength(0);
        }
    }
}
