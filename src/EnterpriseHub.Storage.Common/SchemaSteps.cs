namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The schema, written once for both engines as numbered steps; the engine's words fill in the
/// types. Append new steps; never edit a released one (a store records how many it has run).
/// SQLite runs each step as a version of its own; PostgreSQL, which arrived when the first four
/// existed, ran those four as its version 1 and each later step as one version.
/// </summary>
internal static class SchemaSteps
{
    public static string[] Of(SchemaWords w) =>
    [
        // 1: the fact log, the current view and the directory derived from it.
        $"""
        CREATE TABLE facts (
            seq {w.Long} PRIMARY KEY,
            uscc {w.Key} NOT NULL,
            fact_type {w.Key} NOT NULL,
            publisher {w.Key} NOT NULL,
            source_record_id {w.Key} NOT NULL,
            effective_ticks {w.Long} NOT NULL,
            publish_ticks {w.Long} NOT NULL,
            attributes {w.Text} NOT NULL,
            UNIQUE (publisher, source_record_id)
        ){w.Strict};
        CREATE INDEX facts_by_enterprise ON facts (uscc, fact_type, seq);

        CREATE TABLE current_facts (
            uscc {w.Key} NOT NULL,
            fact_type {w.Key} NOT NULL,
            seq {w.Long} NOT NULL REFERENCES facts (seq),
            effective_ticks {w.Long} NOT NULL,
            PRIMARY KEY (uscc, fact_type)
        ){w.WithoutRowId};

        CREATE TABLE enterprises (
            uscc {w.Key} NOT NULL PRIMARY KEY,
            name {w.Key} NOT NULL,
            industry {w.Key} NOT NULL
        ){w.WithoutRowId};
        {w.NameIndex}
        CREATE INDEX enterprises_by_industry ON enterprises (industry, uscc);
        CREATE INDEX enterprises_by_division ON enterprises ({w.Division}, uscc);
        """,

        // 2: the hash-chained audit trail, and which enterprises' data each read touched.
        $"""
        CREATE TABLE audit_records (
            seq {w.Long} PRIMARY KEY,
            time_ticks {w.Long} NOT NULL,
            caller {w.Text} NOT NULL,
            officer_id {w.Text} NOT NULL,
            action {w.Text} NOT NULL,
            usccs {w.List} NOT NULL,
            fact_types {w.List} NOT NULL,
            purpose {w.Text} NOT NULL,
            request_id {w.Text} NOT NULL,
            outcome {w.Text} NOT NULL,
            detail {w.Text} NOT NULL,
            previous_hash {w.Text} NOT NULL,
            hash {w.Text} NOT NULL
        ){w.Strict};

        CREATE TABLE audit_reads (
            uscc {w.Key} NOT NULL,
            seq {w.Long} NOT NULL,
            PRIMARY KEY (uscc, seq)
        ){w.WithoutRowId};
        """,

        // 3: grants of conditional fact types, and the catalog's schema versions.
        $"""
        CREATE TABLE grants (
            id {w.Identity},
            fact_type {w.Key} NOT NULL,
            requester {w.Key} NOT NULL,
            owner {w.Key} NOT NULL,
            purpose {w.Text} NOT NULL,
            legal_basis {w.Text} NOT NULL,
            requested_ticks {w.Long} NOT NULL,
            wanted_until_ticks {w.Long} NOT NULL,
            state {w.Text} NOT NULL,
            decided_ticks {w.Long},
            decision_reason {w.Text} NOT NULL,
            expires_ticks {w.Long},
            revoked_ticks {w.Long}
        ){w.Strict};
        CREATE INDEX grants_by_requester ON grants (requester, state);
        CREATE INDEX grants_by_owner ON grants (owner, state);

        CREATE TABLE fact_type_versions (
            name {w.Key} NOT NULL,
            version {w.Int} NOT NULL,
            definition {w.Text} NOT NULL,
            changed_by {w.Text} NOT NULL,
            changed_ticks {w.Long} NOT NULL,
            PRIMARY KEY (name, version)
        ){w.WithoutRowId};
        """,

        // 4: durable subscriptions with their server-kept cursors.
        $"""
        CREATE TABLE subscriptions (
            owner {w.Key} NOT NULL,
            name {w.Key} NOT NULL,
            filter {w.Text} NOT NULL,
            acked {w.Long} NOT NULL,
            created_ticks {w.Long} NOT NULL,
            PRIMARY KEY (owner, name)
        ){w.WithoutRowId};
        """,

        // 5: the credit projection: where it stands, its profiles by generation, its alerts in order.
        // Levels are their letters, which order as the levels do; scores are exact decimals.
        $"""
        CREATE TABLE credit_state (
            id {w.Int} PRIMARY KEY CHECK (id = 1),
            generation {w.Long} NOT NULL,
            version {w.Long} NOT NULL,
            fact_cursor {w.Long} NOT NULL,
            rules_fingerprint {w.Text} NOT NULL,
            rules_version {w.Int} NOT NULL
        ){w.Strict};
        INSERT INTO credit_state (id, generation, version, fact_cursor, rules_fingerprint, rules_version) VALUES (1, 1, 0, 0, '', 0);

        CREATE TABLE credit_profiles (
            generation {w.Long} NOT NULL,
            uscc {w.Key} NOT NULL,
            level {w.Key} NOT NULL CHECK (level IN ('A', 'B', 'C', 'D')),
            score {w.Decimal} NOT NULL,
            signals {w.Text} NOT NULL,
            next_change_ticks {w.Long},
            rules_version {w.Int} NOT NULL,
            PRIMARY KEY (generation, uscc)
        ){w.WithoutRowId};
        CREATE INDEX credit_profiles_by_level ON credit_profiles (generation, level, uscc);
        CREATE INDEX credit_profiles_by_division ON credit_profiles (generation, {w.Division}, uscc);
        CREATE INDEX credit_profiles_due ON credit_profiles (generation, next_change_ticks) WHERE next_change_ticks IS NOT NULL;

        CREATE TABLE credit_alerts (
            seq {w.Long} PRIMARY KEY,
            uscc {w.Key} NOT NULL,
            before_level {w.Text} NOT NULL,
            after_level {w.Text} NOT NULL,
            reason {w.Text} NOT NULL,
            time_ticks {w.Long} NOT NULL,
            fact_seq {w.Long}
        ){w.Strict};
        """,

        // 6: proactive notices: the departments' policies, the notices delivered (a key once per
        // enterprise) and where the matcher stands. Kinds are their names; times UTC ticks (a new
        // state's reminded_until, 0 ticks, is DateTimeOffset.MinValue).
        $"""
        CREATE TABLE policies (
            department {w.Key} NOT NULL,
            id {w.Key} NOT NULL,
            seq {w.Long} NOT NULL UNIQUE,
            kind {w.Text} NOT NULL,
            title {w.Text} NOT NULL,
            body {w.Text} NOT NULL,
            condition {w.Text} NOT NULL,
            valid_from_ticks {w.Long} NOT NULL,
            valid_until_ticks {w.Long} NOT NULL,
            published_ticks {w.Long} NOT NULL,
            PRIMARY KEY (department, id)
        ){w.WithoutRowId};

        CREATE TABLE notices (
            seq {w.Long} PRIMARY KEY,
            uscc {w.Key} NOT NULL,
            key {w.Key} NOT NULL,
            kind {w.Text} NOT NULL,
            department {w.Key} NOT NULL,
            title {w.Text} NOT NULL,
            body {w.Text} NOT NULL,
            delivered_ticks {w.Long} NOT NULL,
            due_ticks {w.Long},
            read_ticks {w.Long},
            UNIQUE (uscc, key)
        ){w.Strict};
        CREATE INDEX notices_by_enterprise ON notices (uscc, seq);

        CREATE TABLE notice_state (
            id {w.Int} PRIMARY KEY CHECK (id = 1),
            version {w.Long} NOT NULL,
            fact_cursor {w.Long} NOT NULL,
            policy_cursor {w.Long} NOT NULL,
            reminded_until_ticks {w.Long} NOT NULL
        ){w.Strict};
        INSERT INTO notice_state (id, version, fact_cursor, policy_cursor, reminded_until_ticks) VALUES (1, 0, 0, 0, 0);
        """,

        // 7: the caller's correlation id beside the hub's request id; older records have none,
        // which the chain's encoding leaves out, so their hashes still verify.
        $"""
        ALTER TABLE audit_records ADD COLUMN correlation_id {w.Text} NOT NULL DEFAULT '';
        """,

        // 8: where a subscription started; older ones count as from the beginning of the log.
        $"""
        ALTER TABLE subscriptions ADD COLUMN start_after_seq {w.Long} NOT NULL DEFAULT 0;
        """,

        // 9: the enterprise's page: credit alerts the matcher has turned into warnings (a store of an
        // older hub starts after its last alert, so history is not sent as news), and the record of
        // each form submission, listed per enterprise newest first.
        $"""
        ALTER TABLE notice_state ADD COLUMN alert_cursor {w.Long} NOT NULL DEFAULT 0;
        UPDATE notice_state SET alert_cursor = (SELECT coalesce(max(seq), 0) FROM credit_alerts);

        CREATE TABLE form_submissions (
            caller {w.Text} NOT NULL,
            submission_id {w.Text} NOT NULL,
            uscc {w.Key} NOT NULL,
            form {w.Text} NOT NULL,
            officer_id {w.Text} NOT NULL,
            submitted_ticks {w.Long} NOT NULL,
            effective_ticks {w.Long} NOT NULL,
            seq {w.Long} NOT NULL,
            targets {w.Text} NOT NULL,
            PRIMARY KEY (caller, submission_id)
        ){w.WithoutRowId};
        CREATE INDEX form_submissions_by_enterprise ON form_submissions (uscc, seq);
        """,

        // 10: the audit log's Merkle tree: each record's leaf salt (older records get theirs when
        // the hub starts and adds them to the tree), and every finished node of the tree.
        $"""
        ALTER TABLE audit_records ADD COLUMN salt {w.Bytes};

        CREATE TABLE audit_tree (
            level {w.Int} NOT NULL,
            idx {w.Long} NOT NULL,
            hash {w.Bytes} NOT NULL,
            PRIMARY KEY (level, idx)
        ){w.WithoutRowId};
        """,

        // 11: the audit log's identity (a random id made when the store was created, so that a
        // reset store never signs under an origin used before), its signed checkpoints and the
        // cosignatures its witnesses returned.
        $"""
        CREATE TABLE audit_log (
            singleton {w.Int} NOT NULL PRIMARY KEY CHECK (singleton = 1),
            log_id {w.Key} NOT NULL
        ){w.Strict};

        CREATE TABLE audit_checkpoints (
            tree_size {w.Long} NOT NULL PRIMARY KEY,
            signed_ticks {w.Long} NOT NULL,
            note {w.Text} NOT NULL
        ){w.Strict};

        CREATE TABLE audit_cosignatures (
            tree_size {w.Long} NOT NULL REFERENCES audit_checkpoints (tree_size),
            witness {w.Key} NOT NULL,
            signature {w.Text} NOT NULL,
            PRIMARY KEY (tree_size, witness)
        ){w.WithoutRowId};
        """,

        // 12: indexes an engine's planner never chooses, which every write still pays for: on
        // SQLite the name index (a name fragment is matched anywhere, which no B-tree serves) and
        // the credit profiles' level and division indexes (risk lists are read in code order, which
        // the primary key gives).
        w.UnusedIndexes,

        // 13: the tree's nodes in the order they are finished, (idx + 1) << level being the leaf
        // count at which a node is finished: the nodes of an append are the key's last rows, where
        // a (level, idx) key scattered them over one place per level (about 14 pages an audit
        // commit on SQLite, where 1 or 2 now take them).
        $"""
        CREATE TABLE audit_nodes (
            finished {w.Long} NOT NULL,
            level {w.Int} NOT NULL,
            idx {w.Long} NOT NULL,
            hash {w.Bytes} NOT NULL,
            PRIMARY KEY (finished, level)
        ){w.WithoutRowId};
        INSERT INTO audit_nodes (finished, level, idx, hash) SELECT (idx + 1) << level, level, idx, hash FROM audit_tree;
        DROP TABLE audit_tree;
        ALTER TABLE audit_nodes RENAME TO audit_tree;
        """,

        // 14: a node's index is (finished >> level) - 1; the key holds it, and a column of its own
        // could only disagree with it.
        "ALTER TABLE audit_tree DROP COLUMN idx;",
    ];
}

/// <summary>
/// An engine's words for the schema: integer widths, text that is ordered or compared (the
/// shared store makes it byte-wise, as SQLite's is, whatever the database's locale), the list,
/// decimal and byte columns, the table options, the identity key, the division expression an index
/// keys on, and the statements that drop the indexes the engine never uses.
/// </summary>
internal sealed record SchemaWords(
    string Long, string Int, string Key, string Text, string List, string Decimal, string Bytes, string Identity, string Strict, string WithoutRowId,
    string Division, string NameIndex, string UnusedIndexes);
