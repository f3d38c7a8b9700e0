using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.PolicyEdit;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The policy editor beyond shares, through its handler: list edits in memory (add, reorder, remove), certification
/// cut-offs, township mode overrides, timing rules, phases, and text that does not read. Each test edits a draft of its
/// own made from the tengzhou-2025 template, so the open campaign is left alone and no test waits on another.
/// </summary>
public sealed class PolicyEditorTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task A_rule_is_added_moved_and_saved_in_its_place_while_list_edits_save_nothing()
    {
        var code = await app.NewDraftAsync("editor-add-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var count = form.Subsidies.Count;

        PolicyListEdits.Apply(form.Subsidies, ListEdit.Add, -1, () => PolicyListEdits.NewSubsidy("wubao"), "资助规则").ShouldBe("已在末尾添加一条资助规则（尚未保存）。");
        PolicyListEdits.Apply(form.Subsidies, ListEdit.Up, count, () => PolicyListEdits.NewSubsidy("wubao"), "资助规则").ShouldBe($"已将第 {count + 1} 条资助规则上移（尚未保存）。");
        (await app.VersionOfAsync(code)).ShouldBe(1);
        form.Subsidies[count - 1].Basis.ShouldBe("wubao");
        form.Subsidies[count - 1].Share = "50%";
        form.Subsidies[count - 1].CountyPart = "０.６";
        (await app.SaveAsync(model, form)).Outcome.ShouldBe(PolicySaveOutcome.Saved);

        (await app.VersionOfAsync(code)).ShouldBe(2);
        (await app.LatestAsync(code, $"{{subsidies,{count - 1},basis}}")).ShouldBe("wubao");
        (await app.LatestAsync(code, $"{{subsidies,{count - 1},share}}")).ShouldBe("0.5");
        (await app.LatestAsync(code, $"{{subsidies,{count - 1},countyPart}}")).ShouldBe("0.6");
        (await app.LatestAsync(code, $"{{subsidies,{count - 1},department}}")).ShouldBe("民政局");
        (await app.LatestAsync(code, $"{{subsidies,{count},basis}}")).ShouldNotBe("wubao");
        (await app.ScalarAsync<int>("""
            SELECT jsonb_array_length(v.document->'subsidies') FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id
            WHERE c.code = $1 AND v.version = 2
            """, code)).ShouldBe(count + 1);

        // The comparison matches rules by category and names settings in Chinese: one new rule, one rule moved down.
        await using var session = await app.SessionAsync("tz-admin");
        var compared = (await session.Get<CampaignQueries>().CompareAsync(code, 1, 2))!;
        var share = compared.Changes.Single(c => c.Path == "subsidies[wubao].share");
        share.Setting.ShouldBe("资助规则「农村五保对象」 · 资助比例");
        (share.Before, share.After).ShouldBe(("（无）", "50%"));
        var last = (await app.LatestAsync(code, $"{{subsidies,{count},basis}}"))!;
        compared.Changes.Single(c => c.Path == $"subsidies[{last}].order").After.ShouldBe($"第 {count + 1} 条");
        compared.Changes.Count(c => c.Path.EndsWith(".share", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_removed_rule_is_gone_from_the_saved_version()
    {
        var code = await app.NewDraftAsync("editor-remove-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var count = form.Subsidies.Count;
        var first = form.Subsidies[0].Basis;
        var second = form.Subsidies[1].Basis;

        PolicyListEdits.Apply(form.Subsidies, ListEdit.Remove, 0, () => new SubsidyEdit(), "资助规则")
            .ShouldBe("已删除第 1 条资助规则（尚未保存）。");
        (await app.SaveAsync(model, form)).Outcome.ShouldBe(PolicySaveOutcome.Saved);

        (await app.ScalarAsync<int>("""
            SELECT jsonb_array_length(v.document->'subsidies') FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id
            WHERE c.code = $1 AND v.version = 2
            """, code)).ShouldBe(count - 1);
        (await app.LatestAsync(code, "{subsidies,0,basis}")).ShouldBe(second);
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_cutoff_and_a_township_mode_are_saved_into_the_policy()
    {
        var code = await app.NewDraftAsync("editor-cutoff-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var i = form.IndexOf("dibao");
        // The township rows come when asked for, in official order, none chosen yet.
        form.Subsidies[i].TownshipModes.ShouldBeEmpty();
        PolicyListEdits.ShowTownships(form, i, model.Townships).ShouldBe($"请在第 {i + 1} 条资助规则下为另选方式的镇街选择资助方式（尚未保存）。");
        form.Subsidies[i].TownshipModes.Select(t => t.Township).ShouldBe(await app.TownshipsAsync());
        form.Subsidies[i].TownshipModes.ShouldAllBe(t => t.Mode == null);

        form.Subsidies[i].CutoffKind = "onOrAfter";
        form.Subsidies[i].CutoffDate = "2025-01-01";
        form.Subsidies[i].MissingDateEligible = true;
        form.Subsidies[i].TownshipModes.Single(t => t.Township == "鲍沟镇").Mode = "reimburse";
        (await app.SaveAsync(model, form)).Outcome.ShouldBe(PolicySaveOutcome.Saved);

        (await app.LatestAsync(code, $"{{subsidies,{i},firstCertified,onOrAfter}}")).ShouldBe("2025-01-01");
        (await app.LatestAsync(code, $"{{subsidies,{i},firstCertified,missingDateEligible}}")).ShouldBe("true");
        (await app.LatestAsync(code, $"{{subsidies,{i},modeByTownship,鲍沟镇}}")).ShouldBe("reimburse");
        (await app.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM jsonb_object_keys(v.document->'subsidies'->$2->'modeByTownship'))
            FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id WHERE c.code = $1 AND v.version = 2
            """, code, i)).ShouldBe(1);

        // Opened again, the rule shows its township rows with the one choice made.
        var again = (await app.OpenEditorAsync(code)).Form.Subsidies[i].TownshipModes;
        again.Count(t => t.Mode is not null).ShouldBe(1);
        again.Select(t => t.Township).ShouldBe(await app.TownshipsAsync());
    }

    [Fact]
    public async Task A_phase_and_a_timing_rule_are_added_and_the_campaign_row_mirrors_the_phases()
    {
        var code = await app.NewDraftAsync("editor-phase-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var timingCount = form.Timing.Count;

        PolicyListEdits.Apply(form.Phases, ListEdit.Add, -1, PolicyListEdits.NewPhase, "征缴阶段");
        form.Phases[0].Name = "集中征缴";
        form.Phases[0].First = "2025-10-01";
        form.Phases[0].Last = "2025-12-31";
        PolicyListEdits.Apply(form.Timing, ListEdit.Add, -1, PolicyListEdits.NewTiming, "缴费时间规则");
        // A newborn rule first: born this year and paid within 90 days, covered from birth.
        var newborn = form.Timing[timingCount];
        newborn.Label = "新生儿出生90日内参保";
        newborn.NewbornDays = "90";
        newborn.CoverageStart = "birth_date";
        newborn.Amount = "individual";
        for (var k = timingCount; k > 0; k--)
        {
            PolicyListEdits.Apply(form.Timing, ListEdit.Up, k, PolicyListEdits.NewTiming, "缴费时间规则");
        }
        (await app.SaveAsync(model, form)).Outcome.ShouldBe(PolicySaveOutcome.Saved);

        (await app.LatestAsync(code, "{timing,0,label}")).ShouldBe("新生儿出生90日内参保");
        (await app.LatestAsync(code, "{timing,0,newbornWithin,days}")).ShouldBe("90");
        (await app.LatestAsync(code, "{timing,0,coverage,start}")).ShouldBe("birth_date");
        (await app.LatestAsync(code, "{collectionWindow,phases,0,name}")).ShouldBe("集中征缴");
        (await app.ScalarAsync<string>("""
            SELECT p.name || ' ' || p.starts_on || ' ' || p.ends_on FROM campaign_phases p
            JOIN campaigns c ON c.id = p.campaign_id AND c.tenant_id = p.tenant_id WHERE c.code = $1 ORDER BY p.ordinal LIMIT 1
            """, code)).ShouldBe("集中征缴 2025-10-01 2025-12-31");
    }

    [Fact]
    public async Task Text_that_does_not_read_is_explained_beside_its_field_and_nothing_is_saved()
    {
        var code = await app.NewDraftAsync("editor-typos-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var i = form.IndexOf("age_60_69");
        var j = form.IndexOf("dibao");
        form.Subsidies[i].Share = "一半";
        form.IndividualContribution = "";
        form.Subsidies[j].CutoffKind = "before";
        form.Subsidies[j].CutoffDate = "";
        form.Timing[0].PaidThrough = "2025-13-40";

        var check = PolicyEditor.Check(model, form);
        var saved = await app.SaveAsync(model, form);

        string MessageAt(string path) => check.Problems.First(p => p.Path == path).ChineseMessage;
        MessageAt($"subsidies[{i}].share").ShouldContain("应填写数字，实际为“一半”");
        MessageAt("individualContribution").ShouldContain("「个人缴费标准」不能为空");
        MessageAt($"subsidies[{j}].firstCertified").ShouldContain("首次认定日期」不能为空");
        MessageAt("timing[0].paidThroughInclusive").ShouldContain("应为日期");
        // An unreadable share is explained as such, not as 未规定.
        check.Problems.Where(p => p.Path == $"subsidies[{i}].share").ShouldHaveSingleItem();
        saved.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        (await app.VersionOfAsync(code)).ShouldBe(1);
    }

    [Fact]
    public async Task A_call_with_more_rules_than_any_policy_has_is_refused_before_anything_is_read()
    {
        var code = await app.NewDraftAsync("editor-many-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        while (form.Subsidies.Count <= PolicyEditHandler.MostSubsidies)
        {
            form.Subsidies.Add(PolicyListEdits.NewSubsidy("wubao"));
        }

        var saved = await app.SaveAsync(model, form);

        saved.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        saved.Check!.Problems.ShouldHaveSingleItem().ChineseMessage.ShouldBe($"资助规则不能超过 {PolicyEditHandler.MostSubsidies} 条，现有 {PolicyEditHandler.MostSubsidies + 1} 条");
        (await app.VersionOfAsync(code)).ShouldBe(1);
    }

    [Fact]
    public async Task A_township_campaign_offers_and_accepts_no_township_overrides()
    {
        var township = await app.NewDraftAsync("editor-baogou-2026", template: "baogou-2022", township: "鲍沟镇");
        var county = await app.NewDraftAsync("editor-county-2026");
        var (townshipModel, townshipForm) = await app.OpenEditorAsync(township);
        var (countyModel, _) = await app.OpenEditorAsync(county);

        // The county's campaign has its townships to choose between; 鲍沟镇's own campaign has none.
        countyModel.Townships.ShouldBe(await app.TownshipsAsync());
        townshipModel.TownshipCampaign.ShouldBeTrue();
        townshipModel.Townships.ShouldBeEmpty();
        PolicyListEdits.ShowTownships(townshipForm, 0, townshipModel.Townships).ShouldBe("");
        townshipForm.Subsidies[0].TownshipModes.ShouldBeEmpty();

        // A call that sends a per-township mode anyway is refused at the rule, and nothing is saved.
        townshipForm.Subsidies[0].TownshipModes = [new TownshipModeEdit { Township = "鲍沟镇", Mode = "reimburse" }];
        var saved = await app.SaveAsync(townshipModel, townshipForm);
        saved.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        saved.Check!.Problems.Single(p => p.Path == "subsidies[0].modeByTownship").ChineseMessage.ShouldBe("本活动由一个镇（街道）单独组织，不能按镇街另选资助方式");
        (await app.VersionOfAsync(township)).ShouldBe(1);
    }

    [Fact]
    public async Task English_maintainer_notes_are_kept_in_the_document_but_never_put_in_front_of_a_user()
    {
        var code = await app.NewDraftAsync("editor-notes-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var english = model.BaseDocument.Notes!.Where(PolicyNotes.IsForMaintainers).ToList();
        english.ShouldNotBeEmpty();

        // The form shows the Chinese notes only; the rule explanations written in English are not shown either.
        form.Notes!.Split('\n').ShouldAllBe(n => !PolicyNotes.IsForMaintainers(n));
        form.Notes.ShouldContain("核对确认");
        var newborn = form.Timing[1];
        newborn.Interpretation.ShouldBeNull();
        newborn.MaintainerInterpretation.ShouldNotBeNull();

        form.Notes += "\n县医保局：60岁以上按身份证出生日期计算";
        (await app.SaveAsync(model, form)).Outcome.ShouldBe(PolicySaveOutcome.Saved);
        var saved = (await app.OpenEditorAsync(code)).Model.BaseDocument;
        saved.Notes!.Where(PolicyNotes.IsForMaintainers).ShouldBe(english);
        saved.Notes!.ShouldContain("县医保局：60岁以上按身份证出生日期计算");
        saved.Timing![1].Interpretation.ShouldBe(newborn.MaintainerInterpretation);
    }
}
