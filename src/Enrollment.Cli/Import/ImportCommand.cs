using System.CommandLine;

namespace Enrollment.Cli.Import;

/// <summary><c>import residents|payments …</c>: files from other systems, checked row by row, stored only with --commit.</summary>
internal static class ImportCommand
{
    public static Command Create() => new("import", "Import a file (checked row by row; stored only with --commit).")
    {
        ResidentsImportCommand.Create(),
        PaymentsImportCommand.Create(),
    };
}
