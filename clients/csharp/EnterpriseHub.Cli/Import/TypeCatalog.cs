using EnterpriseHub.Client;
using EnterpriseHub.Core.Catalog;
using CoreCatalog = EnterpriseHub.Core.Catalog;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// The hub's catalog as the Core's own definitions, so that lines are checked locally by the very
/// <see cref="AttributeValidator"/> the hub runs on them.
/// </summary>
internal sealed class TypeCatalog(IReadOnlyDictionary<string, FactTypeDefinition> types)
{
    public FactTypeDefinition? Find(string name) => types.GetValueOrDefault(name);

    public IEnumerable<FactTypeDefinition> All => types.Values;

    public static async Task<TypeCatalog> LoadAsync(HubClient hub, CancellationToken cancellationToken)
    {
        var reply = await hub.Catalog.ListFactTypesAsync(new V1.ListFactTypesRequest(), cancellationToken: cancellationToken);
        return new TypeCatalog(reply.FactTypes.ToDictionary(t => t.Name, ToDefinition, StringComparer.Ordinal));
    }

    public static FactTypeDefinition ToDefinition(V1.FactType type) => new(
        type.Name,
        type.Sharing switch
        {
            V1.SharingClass.Conditional => SharingClass.Conditional,
            V1.SharingClass.NotShared => SharingClass.NotShared,
            _ => SharingClass.Unconditional,
        },
        type.DescriptionZh,
        type.DescriptionEn,
        type.Version,
        [.. type.Fields.Select(ToField)]);

    private static CoreCatalog.FieldSchema ToField(V1.FieldSchema field) => new(
        field.Name,
        field.Type switch
        {
            V1.FieldType.Integer => FieldType.Integer,
            V1.FieldType.Decimal => FieldType.Decimal,
            V1.FieldType.Boolean => FieldType.Boolean,
            V1.FieldType.Date => FieldType.Date,
            V1.FieldType.Enum => FieldType.Enum,
            _ => FieldType.String,
        },
        field.Required,
        field.MaxLength > 0 ? field.MaxLength : null,
        [.. field.EnumValues],
        field.Description);
}
