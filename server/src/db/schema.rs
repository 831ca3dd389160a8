//! The schema, as an ordered list of migrations; `PRAGMA user_version` records how many ran.
//!
//! Instants are stored as Unix milliseconds (UTC) in `INTEGER` columns.

/// Migration `i` (0-based) brings the schema from version `i` to `i + 1`. Never edit a shipped
/// entry: append a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: accounts, sessions, SMS codes and the SMS outbox.
    "
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        resident_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        mobile TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        marital_status TEXT NOT NULL DEFAULT 'unmarried',
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        ended_reason TEXT
    );
    CREATE INDEX sessions_account ON sessions(account_id);
    CREATE TABLE sms_codes (
        id INTEGER PRIMARY KEY,
        mobile TEXT NOT NULL,
        purpose TEXT NOT NULL,
        code_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        used INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sms_codes_mobile ON sms_codes(mobile, created_at);
    CREATE TABLE sms_outbox (
        id INTEGER PRIMARY KEY,
        mobile TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
    ",
    // 2: applications, their documents, the reference registry, counters, marital-status changes.
    "
    CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        form TEXT NOT NULL,
        code TEXT UNIQUE,
        rejection_reasons TEXT,
        submitted_at INTEGER,
        reviewed_at INTEGER,
        draw_count INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX applications_account ON applications(account_id);
    CREATE INDEX applications_status ON applications(status);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (application_id, kind)
    );
    CREATE TABLE registry (
        id INTEGER PRIMARY KEY,
        resident_id TEXT NOT NULL,
        record TEXT NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        valid_until TEXT,
        imported_at INTEGER NOT NULL
    );
    CREATE INDEX registry_person ON registry(resident_id);
    CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );
    CREATE TABLE marital_changes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        requested_status TEXT NOT NULL,
        certificate_sha256 TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        created_at INTEGER NOT NULL,
        decided_at INTEGER
    );
    ",
    // 3: periods, pools, winners, quotas, announcements, announced dates, continuation.
    "
    CREATE TABLE periods (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        quota INTEGER NOT NULL,
        cutoff_at INTEGER NOT NULL,
        freeze_from INTEGER NOT NULL,
        freeze_until INTEGER NOT NULL,
        draw_at INTEGER NOT NULL,
        publish_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        pool_size INTEGER,
        seed TEXT,
        run_at INTEGER,
        draws INTEGER,
        repeats INTEGER,
        ladder_copies INTEGER,
        published_at INTEGER
    );
    CREATE TABLE pool_entries (
        period_id TEXT NOT NULL REFERENCES periods(id),
        application_id INTEGER NOT NULL REFERENCES applications(id),
        code TEXT NOT NULL,
        weight INTEGER NOT NULL,
        PRIMARY KEY (period_id, application_id)
    ) WITHOUT ROWID;
    CREATE INDEX pool_entries_application ON pool_entries(application_id);
    CREATE TABLE winners (
        period_id TEXT NOT NULL REFERENCES periods(id),
        seq INTEGER NOT NULL,
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        application_id INTEGER NOT NULL REFERENCES applications(id),
        PRIMARY KEY (period_id, seq)
    );
    CREATE INDEX winners_application ON winners(application_id);
    CREATE TABLE quotas (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        period_id TEXT NOT NULL REFERENCES periods(id),
        certificate TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        confirm_by INTEGER NOT NULL,
        confirmed_at INTEGER,
        expires_at INTEGER NOT NULL
    );
    CREATE INDEX quotas_account ON quotas(account_id);
    CREATE TABLE announcements (
        id INTEGER PRIMARY KEY,
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        body_zh TEXT NOT NULL,
        body_en TEXT NOT NULL,
        published_at INTEGER NOT NULL
    );
    CREATE TABLE announced_dates (
        kind TEXT NOT NULL,
        projected TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (kind, projected)
    );
    CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        provider TEXT NOT NULL,
        token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (provider, token)
    );
    CREATE TABLE push_outbox (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        application_id INTEGER NOT NULL REFERENCES applications(id),
        period_id TEXT NOT NULL REFERENCES periods(id),
        won INTEGER NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
    );
    CREATE INDEX push_outbox_pending ON push_outbox(status, next_attempt_at);
    ALTER TABLE applications ADD COLUMN last_win_at INTEGER;
    ALTER TABLE applications ADD COLUMN continued_year INTEGER;
    ",
    // 4: push delivery settles device-less participants in one statement (see push::deliver_due).
    "
    CREATE INDEX devices_account ON devices(account_id);
    ",
    // 5: the draw count each pool entry was weighted with, so the next freeze derives an
    // application's count from the latest published pool instead of publication rewriting it.
    "
    ALTER TABLE pool_entries ADD COLUMN draws INTEGER;
    ",
    // 6: a leaner pool for the 3-million freeze. The code is stored as its number (`Code::value`);
    // no foreign keys, because the freeze is the only writer and copies existing applications
    // into an existing period, and the per-row parent checks were a fifth of the freeze; no
    // by-application index, because every reader knows the period and seeks the primary key.
    "
    CREATE TABLE pool_entries_v6 (
        period_id TEXT NOT NULL,
        application_id INTEGER NOT NULL,
        code INTEGER NOT NULL,
        draws INTEGER,
        weight INTEGER NOT NULL,
        PRIMARY KEY (period_id, application_id)
    ) WITHOUT ROWID;
    INSERT INTO pool_entries_v6 (period_id, application_id, code, draws, weight)
        SELECT period_id, application_id, CAST(code AS INTEGER), draws, weight FROM pool_entries;
    DROP TABLE pool_entries;
    ALTER TABLE pool_entries_v6 RENAME TO pool_entries;
    ",
    // 7: the day an application was last continued (继续参与), which the applicant's reminders
    // need (the year alone drives the clean-up).
    "
    ALTER TABLE applications ADD COLUMN continued_on TEXT;
    ",
    // 8: when an account was deleted (its personal data erased; the row keeps the id that past
    // pools and quotas refer to).
    "
    ALTER TABLE accounts ADD COLUMN deleted_at INTEGER;
    ",
    // 9: reviewed changes of the account in one table, the marital status and the address (the
    // address is written to the approved applications' forms once approved).
    "
    CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        kind TEXT NOT NULL,
        requested TEXT NOT NULL,
        proof_sha256 TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        created_at INTEGER NOT NULL,
        decided_at INTEGER
    );
    INSERT INTO changes (id, account_id, kind, requested, proof_sha256, status, reason,
        created_at, decided_at)
        SELECT id, account_id, 'marital_status', requested_status, certificate_sha256, status,
            reason, created_at, decided_at FROM marital_changes;
    DROP TABLE marital_changes;
    CREATE INDEX changes_account ON changes(account_id, kind);
    ",
    // 10: the keys of a `web_push` device's subscription (base64url, unpadded; NULL for the other
    // providers): the receiver's P-256 public key and its authentication secret (RFC 8291).
    "
    ALTER TABLE devices ADD COLUMN p256dh TEXT;
    ALTER TABLE devices ADD COLUMN auth TEXT;
    ",
    // 11: a deleted account that still held a valid quota keeps a keyed hash of its ID number
    // (HMAC-SHA256 under a random key of this database), so that a new registration of the same
    // person is still found holding the quota; nothing else of the ID number stays.
    "
    CREATE TABLE portal_keys (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    INSERT INTO portal_keys (name, value) VALUES ('erased_id', randomblob(32));
    ALTER TABLE accounts ADD COLUMN erased_id_hash TEXT;
    CREATE INDEX accounts_erased_id ON accounts(erased_id_hash) WHERE erased_id_hash IS NOT NULL;
    ",
    // 12: units' accounts (单位账户). The account row is the contact person's (经办人: name,
    // mobile, password) and its login key `resident_id` is `unit:<credit code>`, so that every
    // login, code and lockout path serves units unchanged; the unit itself, and its contact's
    // resident ID, are here.
    "
    CREATE TABLE units (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
        credit_code TEXT NOT NULL UNIQUE,
        unit_name TEXT NOT NULL,
        contact_resident_id TEXT NOT NULL
    );
    ",
];
