using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Enrollment.Testing.Imports;

/// <summary>
/// Writes an old-format Excel workbook (.xls: BIFF8 records in an OLE compound file) of one sheet whose cells are
/// text (LABEL records, UTF-16) — what Excel 97–2003 saves, reduced to what a reader needs: no library writes .xls
/// any more, so tests build their own. Small files only (the workbook stream fits one FAT sector's chain).
/// </summary>
public static class XlsFile
{
    private const int Sector = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint Free = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;

    /// <summary>Streams shorter than this live in the compound file's mini stream; padding past it keeps one layout.</summary>
    private const int MiniStreamCutoff = 4096;

    public static byte[] Write(IEnumerable<IReadOnlyList<object?>> rows) => Compound(Workbook([.. rows]));

    private static byte[] Workbook(List<IReadOnlyList<object?>> rows)
    {
        var globals = new MemoryStream();
        Record(globals, 0x0809, Bof(0x0005));
        Record(globals, 0x0042, [0xB0, 0x04]); // CODEPAGE 1200: strings are UTF-16
        var sheetName = "人口";
        var boundSheetLength = 4 + 2 + 2 + sheetName.Length * 2;
        var sheetOffset = (int)globals.Length + 4 + boundSheetLength + 4; // after BOUNDSHEET and EOF
        var boundSheet = new byte[boundSheetLength];
        BinaryPrimitives.WriteInt32LittleEndian(boundSheet, sheetOffset);
        boundSheet[6] = (byte)sheetName.Length;
        boundSheet[7] = 1; // UTF-16 characters
        Encoding.Unicode.GetBytes(sheetName).CopyTo(boundSheet, 8);
        Record(globals, 0x0085, boundSheet);
        Record(globals, 0x000A, []);

        var sheet = globals;
        Record(sheet, 0x0809, Bof(0x0010));
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var dimensions = new byte[14];
        BinaryPrimitives.WriteInt32LittleEndian(dimensions, 0);
        BinaryPrimitives.WriteInt32LittleEndian(dimensions.AsSpan(4), rows.Count);
        BinaryPrimitives.WriteInt16LittleEndian(dimensions.AsSpan(10), (short)columns);
        Record(sheet, 0x0200, dimensions);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (Convert.ToString(rows[r][c], CultureInfo.InvariantCulture) is { Length: > 0 } text)
                {
                    Record(sheet, 0x0204, Label(r, c, text));
                }
            }
        }
        Record(sheet, 0x000A, []);
        var bytes = sheet.ToArray();
        return bytes.Length >= MiniStreamCutoff ? bytes : [.. bytes, .. new byte[MiniStreamCutoff - bytes.Length]];
    }

    private static byte[] Bof(ushort type)
    {
        var bof = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(bof, 0x0600); // BIFF8
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(4), 0x0DBB);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(6), 0x07CC);
        return bof;
    }

    private static byte[] Label(int row, int column, string text)
    {
        var label = new byte[6 + 3 + text.Length * 2];
        BinaryPrimitives.WriteUInt16LittleEndian(label, (ushort)row);
        BinaryPrimitives.WriteUInt16LittleEndian(label.AsSpan(2), (ushort)column);
        BinaryPrimitives.WriteUInt16LittleEndian(label.AsSpan(6), (ushort)text.Length);
        label[8] = 1; // UTF-16 characters
        Encoding.Unicode.GetBytes(text).CopyTo(label, 9);
        return label;
    }

    private static void Record(Stream stream, ushort type, byte[] data)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)data.Length);
        stream.Write(header);
        stream.Write(data);
    }

    /// <summary>Header, one FAT sector, one directory sector (root and "Workbook"), then the stream's sectors.</summary>
    private static byte[] Compound(byte[] workbook)
    {
        var streamSectors = (workbook.Length + Sector - 1) / Sector;
        if (streamSectors > Sector / 4 - 2)
        {
            throw new ArgumentException("Too many cells for this small writer.", nameof(workbook));
        }
        var file = new byte[Sector * (3 + streamSectors)];
        var header = file.AsSpan(0, Sector);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9); // 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6); // 64-byte mini sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1); // FAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1); // first directory sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], MiniStreamCutoff);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain); // no mini FAT
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain); // no DIFAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[76..], 0); // the FAT is sector 0
        for (var i = 1; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + i * 4)..], Free);
        }

        var fat = file.AsSpan(Sector, Sector);
        for (var i = 0; i < Sector / 4; i++)
        {
            var entry = i switch
            {
                0 => FatSector,
                1 => EndOfChain,
                _ when i - 2 < streamSectors - 1 => (uint)(i + 1),
                _ when i - 2 == streamSectors - 1 => EndOfChain,
                _ => Free,
            };
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], entry);
        }

        var directory = file.AsSpan(Sector * 2, Sector);
        DirectoryEntry(directory[..128], "Root Entry", 5, child: 1, start: EndOfChain, size: 0);
        DirectoryEntry(directory[128..256], "Workbook", 2, child: Free, start: 2, size: workbook.Length);
        DirectoryEntry(directory[256..384], "", 0, child: Free, start: 0, size: 0);
        DirectoryEntry(directory[384..], "", 0, child: Free, start: 0, size: 0);

        workbook.CopyTo(file.AsSpan(Sector * 3));
        return file;
    }

    private static void DirectoryEntry(Span<byte> entry, string name, byte type, uint child, uint start, int size)
    {
        if (name.Length > 0)
        {
            Encoding.Unicode.GetBytes(name).CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)((name.Length + 1) * 2));
        }
        entry[66] = type;
        entry[67] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], Free);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], Free);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], start);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[120..], (uint)size);
    }
}
