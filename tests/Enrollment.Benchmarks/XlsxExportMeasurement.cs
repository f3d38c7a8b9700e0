using System.Diagnostics;
using System.Globalization;
using Enrollment.Data.Export;

namespace Enrollment.Benchmarks;

/// <summary>
/// Time and peak memory of writing one sheet of N rows × 10 typed columns, each writer in a process of its own so
/// the peak (VmHWM, the resident set's high-water mark) is that writer's. The new writer streams into a write-only,
/// non-seekable sink as into a response body; the old one into a MemoryStream, as its endpoint had to.
/// </summary>
internal static class XlsxExportMeasurement
{
    private static readonly XlsxColumn[] Columns =
    [
        new("序号", XlsxKind.Count), new("镇街"), new("村（社区）"), new("人数", XlsxKind.Count), new("已缴费", XlsxKind.Count),
        new("应缴金额", XlsxKind.Money), new("实缴金额", XlsxKind.Money), new("缴费日期", XlsxKind.Date), new("登记日期", XlsxKind.Date), new("说明"),
    ];

    /// <summary>Runs every writer at every size in child processes and prints a Markdown table.</summary>
    public static int RunAll(string[] sizes)
    {
        var rows = sizes.Length > 0 ? sizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];
        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| writer | rows | elapsed | peak RSS | allocated | file |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var n in rows)
        {
            foreach (var writer in new[] { "spreadcheetah", "openxml-sax" })
            {
                var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
                start.ArgumentList.Add(typeof(XlsxExportMeasurement).Assembly.Location);
                start.ArgumentList.Add("xlsx-one");
                start.ArgumentList.Add(writer);
                start.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
                using var child = Process.Start(start)!;
                var line = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                Console.WriteLine(child.ExitCode == 0 ? line : $"| {writer} | {n:N0} | failed ({child.ExitCode}) | | | |");
            }
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>One writer, one size, in this process: prints one table row.</summary>
    public static async Task<int> RunOneAsync(string writer, int rows)
    {
        var sheet = new XlsxSheet("明细", "参保缴费明细", Columns, Rows(rows));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        long size;
        switch (writer)
        {
            case "spreadcheetah":
                await using (var sink = new CountingSink())
                {
                    await XlsxWorkbook.WriteAsync(sink, [sheet]);
                    size = sink.Count;
                }
                break;
            case "openxml-sax":
                using (var buffer = new MemoryStream())
                {
                    OpenXmlSaxWorkbook.Write(buffer, [sheet]);
                    size = buffer.Length;
                }
                break;
            default:
                throw new ArgumentException($"Unknown writer {writer}.", nameof(writer));
        }
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {writer} | {rows:N0} | {clock.Elapsed.TotalSeconds:F2} s | {PeakResidentMegabytes():N0} MB | {allocated / 1048576.0:N0} MB | {size / 1048576.0:N1} MB |"));
        return 0;
    }

    /// <summary>Rows made as they are asked for, the same for both writers: a generator, not a list held in memory.</summary>
    private static IEnumerable<IReadOnlyList<object?>> Rows(int count)
    {
        var random = new Random(2025);
        var day = new DateOnly(2024, 9, 1);
        for (var i = 1; i <= count; i++)
        {
            var people = random.Next(1, 7);
            var paid = random.Next(0, people + 1);
            yield return
            [
                i, $"第{i % 21 + 1}镇", $"第{i % 1200 + 1}村", people, paid, people * 380m, paid * 380m,
                day.AddDays(i % 120), day.AddDays(-(i % 365)), i % 10 == 0 ? "示例（系统生成）" : null,
            ];
        }
    }

    private static long PeakResidentMegabytes() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

    /// <summary>Write-only and not seekable, like a response body; counts what it is given and keeps nothing.</summary>
    private sealed class CountingSink : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
