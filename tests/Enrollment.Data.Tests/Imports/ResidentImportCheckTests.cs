using Enrollment.Data.Imports;
using Enrollment.Data.Tenancy;
using Enrollment.Testing.Imports;
using static Enrollment.Data.Tests.Imports.ImportWorld;

namespace Enrollment.Data.Tests.Imports;

/// <summary>Every verdict and code of the residents import's check, on the real database as the app role.</summary>
public sealed class ResidentImportCheckTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TenantContext County => TenantContext.For(fixture.World.TenantA, "test");

    [Fact]
    public async Task Each_row_gets_its_verdict_code_and_reason()
    {
        var otherCounty = Id("19700101", 801);
        await fixture.Db.ScalarAsync("INSERT INTO id_hash_registry (id_hash, tenant_id) VALUES ($1, $2) RETURNING 1",
            TestDb.Hasher.Hash(otherCounty), fixture.World.TenantB);
        var head = Id("19800101", 11);
        var file = await XlsxAsync(
            Row("鲍沟镇", "大北坞村", "C-1", "王建国", head, "户主"),                                       // 2 accepted
            Row("鲍沟镇", "大北坞村", "C-1", "刘芳", Id("19820202", 22), "妻", insured: null),              // 3 accepted, history said
            Row("鲍沟镇", "大北坞村", "C-1", "王小", "370481201001011235", "子"),                           // 4 check character
            Row("鲍沟镇", "大北坞村", "C-1", "", Id("20100101", 31), "子"),                                 // 5 missing name
            Row("不存在镇", "大北坞村", "C-2", "赵一", Id("19900101", 41), "户主"),                          // 6 unknown township
            Row("鲍沟镇", "不存在村", "C-3", "赵二", Id("19900101", 51), "户主"),                           // 7 unknown village
            Row("鲍沟镇", "大北坞村", "C-4", "钱三", Id("19900101", 61), "户主"),                           // 8 kept
            Row("鲍沟镇", "大北坞村", "C-4", "钱三", Id("19900101", 61), "户主"),                           // 9 identical duplicate
            Row("鲍沟镇", "大北坞村", "C-5", "孙四", Id("19900101", 71), "户主"),                           // 10 differing duplicates
            Row("鲍沟镇", "大北坞村", "C-5", "孙肆", Id("19900101", 71), "户主"),                           // 11
            Row("鲍沟镇", "大北坞村", "C-6", "李强", Id("19800505", 1), "户主"),                            // 12 registered in 滨湖镇
            Row("鲍沟镇", "大北坞村", "C-7", "张秀英", World.SharedId, "户主"),                             // 13 differs (household)
            Row("鲍沟镇", "大北坞村", "C-8", "周五", otherCounty, "户主"),                                  // 14 other county
            Row("鲍沟镇", "大北坞村", "C-9", "吴六", Id("19900101", 91), "户主"),                           // 15 two heads
            Row("鲍沟镇", "大北坞村", "C-9", "郑七", Id("19900101", 101), "户主"),                          // 16
            Row("鲍沟镇", "大北坞村", "C-10", "冯八", Id("19900101", 111), "户主", phone: "12345"),          // 17 phone
            Row("鲍沟镇", "大北坞村", "C-11", "陈九", Id("19900101", 121), "邻居"),                         // 18 relation
            Row("鲍沟镇", "大北坞村", "C-12", "褚十", 3.70481199001011e17, "户主"),                        // 19 number cell
            Row("鲍沟镇", "大北坞村", "C-13", "卫一", "３７０４８１１９９００１０１１３１Ｘ", "户主"),         // 20 full-width digits
            Row("鲍沟镇", "大北坞村", "C-14", "蒋二", Id("19900101", 141, "110105"), "户主"),               // 21 region outside county
            Row(" 鲍沟镇\u00A0", "大北坞村\u200B", "C-15", "沈三\u200B ", " " + Id("19900101", 151) + "\u00A0", "户主 "), // 22 invisible characters
            Row("鲍沟镇", "大北坞村", "C-16", "韩四", Id("19900101", 161), "户主", insured: "也许"));        // 23 last year unreadable

        var preview = await CheckAsync(fixture.Db, County, file);

        preview.Refusal.ShouldBeNull();
        preview.Counts.Rows.ShouldBe(22);
        Expect(preview, 2, ImportVerdict.Accepted, null);
        Expect(preview, 3, ImportVerdict.Accepted, null, "按上年度已参保");
        Expect(preview, 4, ImportVerdict.Rejected, ImportCodes.InvalidIdNumber, "校验");
        Expect(preview, 5, ImportVerdict.Rejected, ImportCodes.MissingValue, "姓名");
        Expect(preview, 6, ImportVerdict.Rejected, ImportCodes.UnknownTownship, "不存在镇");
        Expect(preview, 7, ImportVerdict.Rejected, ImportCodes.UnknownVillage, "不存在村");
        Expect(preview, 8, ImportVerdict.Accepted, null);
        Expect(preview, 9, ImportVerdict.Rejected, ImportCodes.DuplicateInFile, "第 8 行");
        Expect(preview, 10, ImportVerdict.Rejected, ImportCodes.DuplicateInFile, "10、11");
        Expect(preview, 11, ImportVerdict.Rejected, ImportCodes.DuplicateInFile);
        Expect(preview, 12, ImportVerdict.Rejected, ImportCodes.RegisteredElsewhere, "滨湖镇");
        Expect(preview, 13, ImportVerdict.Rejected, ImportCodes.DiffersFromRegistry, "户号");
        Expect(preview, 14, ImportVerdict.Rejected, ImportCodes.InsuredInOtherCounty, "其他县");
        Expect(preview, 15, ImportVerdict.Rejected, ImportCodes.HouseholdConflict, "2 个户主");
        Expect(preview, 16, ImportVerdict.Rejected, ImportCodes.HouseholdConflict);
        Expect(preview, 17, ImportVerdict.Rejected, ImportCodes.InvalidValue, "联系电话");
        Expect(preview, 18, ImportVerdict.Rejected, ImportCodes.InvalidValue, "与户主关系");
        Expect(preview, 19, ImportVerdict.Rejected, ImportCodes.InvalidIdNumber, "丢失");
        Expect(preview, 20, ImportVerdict.Rejected, ImportCodes.InvalidIdNumber, "全角");
        Expect(preview, 21, ImportVerdict.Accepted, null, "110105");
        Expect(preview, 22, ImportVerdict.Accepted, null);
        Expect(preview, 23, ImportVerdict.Rejected, ImportCodes.InvalidValue, "上年度是否参保");
        preview.At(14).Message.ShouldNotBeNull().ShouldNotContain("浦北");
        preview.ToStore.Single(s => s.Row.Row == 22).Row.Name.ShouldBe("沈三");
        preview.ToStore.Single(s => s.Row.Row == 3).Row.History.ShouldBe(Entities.EnrollmentHistory.Continuing);
    }

    [Fact]
    public async Task A_village_collector_is_not_told_the_township()
    {
        var file = await XlsxAsync(Row("鲍沟镇", "大北坞村", "D-1", "李强", Id("19800505", 1), "户主"));

        var preview = await CheckAsync(fixture.Db, County, file, nameTownships: false);

        preview.At(2).Code.ShouldBe(ImportCodes.RegisteredElsewhere);
        preview.At(2).Message.ShouldNotBeNull().ShouldNotContain("滨湖");
    }

    [Fact]
    public async Task A_township_clerk_cannot_import_another_townships_rows()
    {
        var clerk = TenantContext.For(fixture.World.TenantA, "clerk", jurisdictionPath: fixture.World.BaogouTownship.Path);
        var file = await XlsxAsync(
            Row("滨湖镇", "渠庄村", "E-1", "杨一", Id("19900101", 201), "户主"),
            Row("鲍沟镇", "大北坞村", "E-2", "杨二", Id("19900101", 211), "户主"));

        var preview = await CheckAsync(fixture.Db, clerk, file);

        preview.At(2).Code.ShouldBe(ImportCodes.OutsideScope);
        preview.At(3).Verdict.ShouldBe(ImportVerdict.Accepted);
    }

    [Fact]
    public async Task A_header_below_a_title_is_found_in_a_gb18030_csv_with_synonyms_in_any_order()
    {
        var file = ImportFiles.Csv(
        [
            ["鲍沟镇2024年户籍人口名单"],
            [],
            ["身份证号", "姓名", "关系", "户编号", "所属村居", "镇街", "备注"],
            [Id("19900101", 221), "朱一", "本人", "F-1", "大北坞村", "鲍沟镇", "无"],
        ], ImportFiles.Gb18030);

        var preview = await CheckAsync(fixture.Db, County, file);

        preview.Refusal.ShouldBeNull();
        preview.Notice!.ShouldContain("第 3 行");
        preview.At(4).Verdict.ShouldBe(ImportVerdict.Accepted);
        preview.ToStore.Single().Row.Name.ShouldBe("朱一");
    }

    [Fact]
    public async Task Merged_village_cells_and_formulas_read_as_excel_shows_them()
    {
        var file = await ImportFiles.XlsxAsync(
        [
            ImportFiles.ResidentHeader,
            Row("鲍沟镇", "大北坞村", "G-1", "秦一", Id("19900101", 231), "户主"),
            Row(null, null, "G-1", "秦二", Id("19920101", 242), "女儿"),
            Row("鲍沟镇", "大北坞村", "G-2", new ImportFiles.FormulaCell("\"尤\"&\"三\"", "尤三"), Id("19900101", 251), "户主"),
        ], "A2:A3", "B2:B3");

        var preview = await CheckAsync(fixture.Db, County, file);

        preview.Counts.ShouldBe(new ImportCounts(3, 3, 0, 0), string.Join("\n", preview.Results.Select(r => r.Message)));
        preview.ToStore.Single(s => s.Row.Row == 4).Row.Name.ShouldBe("尤三");
    }

    [Theory]
    [InlineData("empty", "空")]
    [InlineData("pdf", "不是 Excel")]
    [InlineData("garbage", "不是 Excel")]
    [InlineData("no-header", "表头")]
    [InlineData("missing-column", "公民身份号码")]
    [InlineData("header-only", "没有数据行")]
    public async Task A_file_that_cannot_be_read_is_refused_whole_with_a_reason(string kind, string reason)
    {
        var file = kind switch
        {
            "empty" => [],
            "pdf" => "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"u8.ToArray(),
            "garbage" => Garbage(20 * 1024 * 1024),
            "no-header" => ImportFiles.Csv([["a", "b"], ["1", "2"]], System.Text.Encoding.UTF8),
            "missing-column" => ImportFiles.Csv([["乡镇", "村居", "户号", "姓名", "关系"], ["鲍沟镇", "大北坞村", "1", "张三", "户主"]], System.Text.Encoding.UTF8, bom: true),
            _ => await ImportFiles.XlsxAsync([ImportFiles.ResidentHeader]),
        };

        var preview = await CheckAsync(fixture.Db, County, file);

        preview.Refusal.ShouldNotBeNull().ShouldContain(reason);
        preview.Results.ShouldBeEmpty();
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static void Expect(ResidentImportPreview preview, int row, ImportVerdict verdict, string? code, string? messagePart = null)
    {
        var result = preview.At(row);
        (result.Verdict, result.Code).ShouldBe((verdict, code), $"row {row}: {result.Message}");
        if (messagePart is not null)
        {
            result.Message.ShouldNotBeNull().ShouldContain(messagePart, Case.Sensitive, $"row {row}");
        }
    }
}
