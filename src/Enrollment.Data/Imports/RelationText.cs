using Enrollment.Data.Entities;

namespace Enrollment.Data.Imports;

/// <summary>与户主关系 as household registers write it, onto the app's relations.</summary>
public static class RelationText
{
    private static readonly Dictionary<string, RelationToHead> Known = new()
    {
        ["户主"] = RelationToHead.Self, ["本人"] = RelationToHead.Self, ["本人(户主)"] = RelationToHead.Self,
        ["配偶"] = RelationToHead.Spouse, ["妻"] = RelationToHead.Spouse, ["夫"] = RelationToHead.Spouse, ["妻子"] = RelationToHead.Spouse,
        ["丈夫"] = RelationToHead.Spouse,
        ["子"] = RelationToHead.Child, ["女"] = RelationToHead.Child, ["子女"] = RelationToHead.Child, ["儿子"] = RelationToHead.Child,
        ["女儿"] = RelationToHead.Child, ["长子"] = RelationToHead.Child, ["次子"] = RelationToHead.Child, ["三子"] = RelationToHead.Child,
        ["长女"] = RelationToHead.Child, ["次女"] = RelationToHead.Child, ["三女"] = RelationToHead.Child, ["独生子"] = RelationToHead.Child,
        ["独生女"] = RelationToHead.Child, ["养子"] = RelationToHead.Child, ["养女"] = RelationToHead.Child, ["继子"] = RelationToHead.Child,
        ["继女"] = RelationToHead.Child,
        ["父亲"] = RelationToHead.Parent, ["母亲"] = RelationToHead.Parent, ["父"] = RelationToHead.Parent, ["母"] = RelationToHead.Parent,
        ["父母"] = RelationToHead.Parent, ["公公"] = RelationToHead.Parent, ["婆婆"] = RelationToHead.Parent, ["岳父"] = RelationToHead.Parent,
        ["岳母"] = RelationToHead.Parent,
        ["孙子"] = RelationToHead.Grandchild, ["孙女"] = RelationToHead.Grandchild, ["孙子女"] = RelationToHead.Grandchild,
        ["外孙子"] = RelationToHead.Grandchild, ["外孙女"] = RelationToHead.Grandchild, ["外孙"] = RelationToHead.Grandchild,
        ["外孙子女"] = RelationToHead.Grandchild,
        ["祖父"] = RelationToHead.Grandparent, ["祖母"] = RelationToHead.Grandparent, ["祖父母"] = RelationToHead.Grandparent,
        ["爷爷"] = RelationToHead.Grandparent, ["奶奶"] = RelationToHead.Grandparent, ["外祖父"] = RelationToHead.Grandparent,
        ["外祖母"] = RelationToHead.Grandparent,
        ["兄弟姐妹"] = RelationToHead.Sibling, ["兄"] = RelationToHead.Sibling, ["弟"] = RelationToHead.Sibling, ["姐"] = RelationToHead.Sibling,
        ["妹"] = RelationToHead.Sibling, ["哥哥"] = RelationToHead.Sibling, ["弟弟"] = RelationToHead.Sibling, ["姐姐"] = RelationToHead.Sibling,
        ["妹妹"] = RelationToHead.Sibling,
        ["儿媳"] = RelationToHead.ChildInLaw, ["女婿"] = RelationToHead.ChildInLaw, ["媳妇"] = RelationToHead.ChildInLaw,
        ["儿媳妇"] = RelationToHead.ChildInLaw,
        ["其他"] = RelationToHead.Other, ["其它"] = RelationToHead.Other,
    };

    /// <summary>The relation, or null when the text is none the register uses.</summary>
    public static RelationToHead? Parse(string text) =>
        Known.TryGetValue(ImportText.Header(text), out var relation) ? relation : null;
}
