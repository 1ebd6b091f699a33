using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// What a checked condition reads while it is evaluated: an enterprise's current facts for policies
/// and reminders (<see cref="ConditionFacts"/>), or the one fact a credit rule is testing.
/// </summary>
internal interface IConditionFacts
{
    /// <summary>A builtin such as zone or industry; unknown where the condition has no enterprise.</summary>
    ConditionValue Builtin(string name);

    bool Exists(string factType);

    /// <summary>The attribute as a value of its field's type; unknown when missing, null or of another type.</summary>
    ConditionValue Attribute(string factType, string field, FieldType type);
}
