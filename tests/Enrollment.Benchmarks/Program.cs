using BenchmarkDotNet.Running;
using Enrollment.Benchmarks;

// Benchmarks: dotnet run -c Release --project tests/Enrollment.Benchmarks -- --filter '*'
// CSV for the quote command: dotnet run -c Release --project tests/Enrollment.Benchmarks -- generate-csv <path> [rows]
// Excel export, time and peak memory per writer: dotnet run -c Release --project tests/Enrollment.Benchmarks -- xlsx-export [rows...]
if (args.Length > 0 && args[0] == "generate-csv")
{
    var rows = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_400_000;
    QuoteCsvGenerator.Write(args[1], rows, seed: 2025);
    Console.WriteLine($"wrote {rows} rows to {args[1]}");
    return 0;
}

if (args.Length > 0 && args[0] == "xlsx-export")
{
    return XlsxExportMeasurement.RunAll(args[1..]);
}
if (args.Length == 3 && args[0] == "xlsx-one")
{
    return await XlsxExportMeasurement.RunOneAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(QuoteBenchmarks).Assembly).Run(args);
return 0;
