using System.Text.Json;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// The one fact a <see cref="CreditCondition"/> is tested on, pointed at each fact in turn: one per
/// evaluation, so testing a fact allocates nothing beyond the strings its attributes hold.
/// </summary>
internal sealed class CreditFactView : IConditionFacts
{
    /// <summary>The fact's attributes; undefined (every field missing) when the stored text is not JSON.</summary>
    public JsonElement Attributes { get; set; }

    // The checker refuses builtins and exists(...) in a credit condition.
    public ConditionValue Builtin(string name) => ConditionValue.Unknown;

    public bool Exists(string factType) => false;

    public ConditionValue Attribute(string factType, string field, FieldType type) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(field, out var value)
            ? ConditionValue.Of(value, type)
            : ConditionValue.Unknown;
}
