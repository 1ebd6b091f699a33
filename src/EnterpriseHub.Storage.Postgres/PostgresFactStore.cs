using EnterpriseHub.Storage.Common;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The shared fact store: one PostgreSQL database that several hub replicas use at once. Every
/// call runs on a pooled connection; advisory locks keep one gapless fact log and one audit chain
/// across replicas.
/// </summary>
public sealed class PostgresFactStore(PostgresStoreOptions options) : SqlFactStore(new PostgresEngine(options));
