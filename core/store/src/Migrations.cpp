#include "Migrations.hpp"

namespace guichet::store {

const std::vector<std::string_view>& migrations() {
    static const std::vector<std::string_view> steps{
        // 1: the first schema.
        R"sql(
CREATE TABLE dossiers (
  ref            INTEGER PRIMARY KEY,
  custom_ref     TEXT NOT NULL DEFAULT '',
  nom            TEXT NOT NULL,
  prenom         TEXT NOT NULL,
  surnom         TEXT NOT NULL DEFAULT '',
  date_naissance TEXT,
  statut         TEXT NOT NULL,
  date_debut     TEXT,
  date_fin       TEXT,
  details        TEXT NOT NULL DEFAULT '{}',  -- JSON: ayantsDroits, procurations, transfert, npai
  pending_courrier   INTEGER NOT NULL DEFAULT 0,
  pending_recommande INTEGER NOT NULL DEFAULT 0,
  pending_colis      INTEGER NOT NULL DEFAULT 0,
  last_visit     INTEGER,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX dossiers_custom_ref ON dossiers(custom_ref);

CREATE TABLE mail_items (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,
  count       INTEGER NOT NULL CHECK (count BETWEEN 1 AND 100),
  arrived_at  INTEGER NOT NULL,
  dossier_ref INTEGER,
  method      TEXT NOT NULL,
  matched_by  TEXT NOT NULL DEFAULT '',
  confidence  REAL NOT NULL DEFAULT 0,
  tracking    TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  state       TEXT NOT NULL,
  crop_path   TEXT NOT NULL DEFAULT '',
  candidates  TEXT NOT NULL DEFAULT '',   -- "ref:score;ref:score" for staff review
  updated_at  INTEGER NOT NULL
);
CREATE INDEX mail_items_state ON mail_items(state, dossier_ref);

CREATE TABLE events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  type          TEXT NOT NULL,
  dossier_ref   INTEGER NOT NULL,
  count         INTEGER NOT NULL DEFAULT 1,
  procuration_index INTEGER,
  return_to_sender  INTEGER NOT NULL DEFAULT 0,
  content       TEXT NOT NULL DEFAULT '',
  batch_key     TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  state         TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_try      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  remote_uuid   TEXT NOT NULL DEFAULT '',
  mail_item     INTEGER REFERENCES mail_items(id)
);
CREATE INDEX events_due ON events(state, next_try);

CREATE TABLE cards (
  structure_id TEXT NOT NULL,
  dossier_ref  INTEGER NOT NULL,
  serial       INTEGER NOT NULL,
  issued       TEXT NOT NULL,
  revoked      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (structure_id, dossier_ref)
);

CREATE TABLE intake_files (
  fingerprint TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  state       TEXT NOT NULL,
  mail_item   INTEGER,
  reason      TEXT NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
        // 2 (desk): how an item left the desk (returned and why, handed over to whom), review crops
        // kept in the store (a full disk fails the transaction instead of leaving a 0-byte file),
        // the kiosk's queue tickets, and intake claims that survive a crashed reader.
        R"sql(
ALTER TABLE mail_items ADD COLUMN return_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_items ADD COLUMN closed_at INTEGER;
ALTER TABLE mail_items ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_items ADD COLUMN handed_to_proxy INTEGER;
CREATE INDEX mail_items_arrived ON mail_items(arrived_at);
CREATE INDEX mail_items_closed ON mail_items(closed_at);
CREATE INDEX events_type_created ON events(type, created_at);

CREATE TABLE mail_crops (
  mail_item INTEGER PRIMARY KEY REFERENCES mail_items(id),
  png       BLOB NOT NULL
);

CREATE TABLE tickets (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  day         TEXT NOT NULL,
  number      INTEGER NOT NULL,
  dossier_ref INTEGER NOT NULL,
  courrier    INTEGER NOT NULL DEFAULT 0,
  recommande  INTEGER NOT NULL DEFAULT 0,
  colis       INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  closed_at   INTEGER,
  closed_by   TEXT NOT NULL DEFAULT '',
  UNIQUE (day, number)
);

ALTER TABLE intake_files ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE intake_files ADD COLUMN owner TEXT NOT NULL DEFAULT '';
)sql",
        // 3 ("uplink"): DomiFa's uuid of each dossier and, on each event, the uuid of the dossier
        // when it was recorded: a ref given again to a new person is told from the old one.
        R"sql(
ALTER TABLE dossiers ADD COLUMN uuid TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN dossier_uuid TEXT NOT NULL DEFAULT '';
)sql",
        // 4: a person's events not yet delivered are read at every hand-over, visit and return.
        R"sql(
CREATE INDEX events_dossier ON events(dossier_ref, state);
)sql",
        // 5 (ops): an audit log that can be trusted and purged, retention, backups.
        // - audit rows are chained (hash of the row and of the previous row's hash, see
        //   StoreOps.cpp); triggers keep the table append-only: no update of a sealed row, no insert
        //   outside the chain, a delete only of rows the retention anchor already covers (the
        //   anchor keeps the id and hash of the last purged row, so the chain still verifies).
        // - when an item was decided (its crop is deleted N days later), and the anonymous daily
        //   counts that closed items are reduced to once past their retention (statistics).
        // - the store's id: a backup is restored only into the store it came from.
        R"sql(
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_anchor (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  through_id INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  purged_at  INTEGER NOT NULL
);
CREATE TRIGGER audit_log_sealed BEFORE UPDATE ON audit_log WHEN OLD.hash != ''
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log WHEN NEW.hash = ''
BEGIN SELECT RAISE(ABORT, 'audit rows are appended through the chain (Store::audit)'); END;
CREATE TRIGGER audit_log_retention BEFORE DELETE ON audit_log
WHEN OLD.id > coalesce((SELECT through_id FROM audit_anchor WHERE id = 1), 0)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only rows past retention are deleted'); END;

ALTER TABLE mail_items ADD COLUMN decided_at INTEGER;
UPDATE mail_items SET decided_at = updated_at WHERE state != 'awaiting_review';
CREATE INDEX mail_items_decided ON mail_items(decided_at);

CREATE TABLE mail_daily (
  day              TEXT PRIMARY KEY,
  courrier         INTEGER NOT NULL DEFAULT 0,
  recommande       INTEGER NOT NULL DEFAULT 0,
  colis            INTEGER NOT NULL DEFAULT 0,
  automatic        INTEGER NOT NULL DEFAULT 0,
  confirmed        INTEGER NOT NULL DEFAULT 0,
  manual           INTEGER NOT NULL DEFAULT 0,
  handed_to_person INTEGER NOT NULL DEFAULT 0,
  handed_to_proxy  INTEGER NOT NULL DEFAULT 0,
  returned         INTEGER NOT NULL DEFAULT 0,
  visits           INTEGER NOT NULL DEFAULT 0,
  collection_seconds TEXT NOT NULL DEFAULT ''
);

INSERT OR IGNORE INTO settings (key, value) VALUES ('store.id', lower(hex(randomblob(16))));
)sql",
    };
    return steps;
}

} // namespace guichet::store
