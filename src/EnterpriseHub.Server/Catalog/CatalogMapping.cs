using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;
using Google.Protobuf.WellKnownTypes;
using CoreField = EnterpriseHub.Core.Catalog.FieldSchema;
using CoreFieldType = EnterpriseHub.Core.Catalog.FieldType;
using CoreSharing = EnterpriseHub.Core.Catalog.SharingClass;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Server.Catalog;

/// <summary>Proto ↔ domain mapping of fact types and grants.</summary>
internal static class CatalogMapping
{
    public static V1.FactType ToProto(FactTypeDefinition definition)
    {
        var proto = new V1.FactType
        {
            Name = definition.Name,
            Owner = definition.Owner,
            Sharing = ToProto(definition.Sharing),
            DescriptionZh = definition.DescriptionZh,
            DescriptionEn = definition.DescriptionEn,
            Version = definition.Version,
        };
        proto.Fields.AddRange(definition.Fields.Select(f => new V1.FieldSchema
        {
            Name = f.Name,
            Type = (V1.FieldType)((int)f.Type + 1),
            Required = f.Required,
            MaxLength = f.MaxLength ?? 0,
            EnumValues = { f.EnumValues },
            Description = f.Description,
        }));
        return proto;
    }

    /// <summary>A proposed definition; every malformed part is one violation.</summary>
    public static FactTypeDefinition FromProto(V1.FactType? proto)
    {
        if (proto is null)
        {
            throw new HubValidationException("fact_type", "is required");
        }

        var violations = new List<FieldViolation>();
        if (Core.Facts.FactTypeName.Problem(proto.Name) is { } nameProblem)
        {
            violations.Add(new FieldViolation("fact_type.name", nameProblem));
        }

        if (proto.Sharing == V1.SharingClass.Unspecified)
        {
            violations.Add(new FieldViolation("fact_type.sharing", "is required"));
        }

        if (string.IsNullOrWhiteSpace(proto.DescriptionZh) || string.IsNullOrWhiteSpace(proto.DescriptionEn))
        {
            violations.Add(new FieldViolation("fact_type.description_zh", "both descriptions (zh and en) are required"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < proto.Fields.Count; i++)
        {
            var field = proto.Fields[i];
            var path = $"fact_type.fields[{i}]";
            if (!CoreField.IsValidName(field.Name) || !names.Add(field.Name))
            {
                violations.Add(new FieldViolation($"{path}.name", "must be a unique lower snake case name"));
            }

            if (field.Type == V1.FieldType.Unspecified)
            {
                violations.Add(new FieldViolation($"{path}.type", "is required"));
            }
            else if ((field.Type == V1.FieldType.Enum) != (field.EnumValues.Count > 0))
            {
                violations.Add(new FieldViolation($"{path}.enum_values", "enum fields, and only they, list their values"));
            }

            if (field.MaxLength < 0)
            {
                violations.Add(new FieldViolation($"{path}.max_length", "must not be negative"));
            }
        }

        if (proto.Fields.Count == 0)
        {
            violations.Add(new FieldViolation("fact_type.fields", "at least one field is required"));
        }

        if (violations.Count > 0)
        {
            throw new HubValidationException(violations);
        }

        return new FactTypeDefinition(
            proto.Name,
            (CoreSharing)((int)proto.Sharing - 1),
            proto.DescriptionZh,
            proto.DescriptionEn,
            Version: 0,
            proto.Fields.Select(f => new CoreField(
                f.Name, (CoreFieldType)((int)f.Type - 1), f.Required, f.MaxLength == 0 ? null : f.MaxLength,
                f.EnumValues.ToList(), f.Description)).ToList());
    }

    public static V1.SharingClass ToProto(CoreSharing sharing) => (V1.SharingClass)((int)sharing + 1);

    public static V1.Grant ToProto(Grant grant, DateTimeOffset now)
    {
        var proto = new V1.Grant
        {
            Id = grant.Id,
            FactType = grant.FactType,
            Requester = grant.Requester,
            Owner = grant.Owner,
            Purpose = grant.Purpose,
            LegalBasis = grant.LegalBasis,
            State = StateOf(grant, now),
            RequestedTime = Timestamp.FromDateTimeOffset(grant.RequestedAt),
            WantedUntil = Timestamp.FromDateTimeOffset(grant.WantedUntil),
            DecisionReason = grant.DecisionReason,
            Age = Duration.FromTimeSpan((grant.DecidedAt ?? now) - grant.RequestedAt),
        };
        if (grant.DecidedAt is { } decided)
        {
            proto.DecidedTime = Timestamp.FromDateTimeOffset(decided);
        }

        if (grant.ExpiresAt is { } expires)
        {
            proto.ExpireTime = Timestamp.FromDateTimeOffset(expires);
        }

        if (grant.RevokedAt is { } revoked)
        {
            proto.RevokedTime = Timestamp.FromDateTimeOffset(revoked);
        }

        return proto;
    }

    public static V1.GrantState StateOf(Grant grant, DateTimeOffset now) => grant.State switch
    {
        GrantState.Pending => V1.GrantState.Pending,
        GrantState.Approved => grant.IsActive(now) ? V1.GrantState.Approved : V1.GrantState.Expired,
        GrantState.Refused => V1.GrantState.Refused,
        _ => V1.GrantState.Revoked,
    };
}
