-- Issue 11: each audit record is signed (HMAC-SHA256 over its seq and hash) with a key the database does not
-- hold, so a chain recomputed with the application's own hash no longer verifies. Records of an older
-- database stay unsigned: at the first start they are sealed by one signed LEGACY_SEAL record after them
-- (see AuditLog.sealUnsignedRecords). Adding a nullable column fires none of the append-only triggers.
alter table audit_log add column signature char(64);

-- The deletion certificate cites the audit log's head by seq as well as by hash (and anchors it outside the database).
alter table deletion_certificate add column audit_chain_seq bigint;
