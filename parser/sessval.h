/*
 * sessval.h - streaming validator for Veeam Backup for Microsoft Azure
 * job-session payloads (GET /api/v1/jobSessions and friends).
 *
 * This is the only header a user includes.  Read it top to bottom as the
 * manual: types first, then the parser, then the scalar parsers.
 *
 * Model: bytes go in through sv_parser_feed() in chunks of any size (one
 * byte or one gigabyte); typed records and diagnostics come out through the
 * callbacks given to sv_parser_new().  The parser never allocates per record
 * once it has seen the first one: strings handed to callbacks live in a
 * per-parser arena that is reused, so they are valid only during the
 * callback that receives them.  Copy what you keep.
 *
 * Threads: no global state.  One parser is used by one thread at a time;
 * different parsers may run concurrently.
 *
 * ABI policy: while SV_VERSION_MAJOR is 0, a minor release may change the
 * ABI (struct layouts, enum values of the X-macro lists are append-only).
 */
#ifndef SESSVAL_H
#define SESSVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(SV_BUILDING_DLL)
#define SV_API __declspec(dllexport)
#elif defined(__GNUC__)
#define SV_API __attribute__((visibility("default")))
#else
#define SV_API
#endif

#define SV_VERSION_MAJOR 0
#define SV_VERSION_MINOR 1
#define SV_VERSION_PATCH 0
#define SV_VERSION_HEX \
    ((SV_VERSION_MAJOR << 16) | (SV_VERSION_MINOR << 8) | SV_VERSION_PATCH)

/* The library's version as "MAJOR.MINOR.PATCH" (static storage). */
SV_API const char *sv_version(void);

/* ------------------------------------------------------------------------
 * Result codes of feed/finish/reset.
 *
 * A document that is well-formed JSON but breaks the schema is NOT a
 * failure here: sv_parser_feed() returns SV_OK and the problems arrive as
 * diagnostics.  A non-OK status means the stream cannot go on; it is sticky
 * until sv_parser_reset().
 * ------------------------------------------------------------------------ */
#define SV_STATUS_MAP(XX)                                                     \
    XX(OK, "ok")                                                              \
    XX(ERR_SYNTAX, "the input is not well-formed JSON")                       \
    XX(ERR_LIMIT, "a configured limit was exceeded")                          \
    XX(ERR_NOMEM, "out of memory")                                            \
    XX(ERR_ABORTED, "a callback asked the parser to stop")                    \
    XX(ERR_MISUSE, "the parser was called out of order")

typedef enum sv_status {
#define SV_XX_(id, text) SV_##id,
    SV_STATUS_MAP(SV_XX_)
#undef SV_XX_
} sv_status;

/* A short English description of a status (static storage; never NULL). */
SV_API const char *sv_status_str(sv_status status);

/* ------------------------------------------------------------------------
 * Diagnostics.
 *
 * One X-macro lists every code: XX(ID, "kebab-name", SEVERITY, summary).
 * The list is append-only; codes are never renumbered.  `sessval --explain`
 * documents each one.
 * ------------------------------------------------------------------------ */
#define SV_DIAG_MAP(XX)                                                       \
    XX(SYNTAX, "syntax", ERROR,                                               \
       "the input is not well-formed JSON (RFC 8259)")                        \
    XX(TRUNCATED, "truncated", ERROR,                                         \
       "the input ended before the JSON value was complete")                  \
    XX(LIMIT_EXCEEDED, "limit-exceeded", ERROR,                               \
       "a safety limit (nesting depth, string or token size) was exceeded")   \
    XX(TYPE_MISMATCH, "type-mismatch", ERROR,                                 \
       "a value has a JSON type the schema does not allow there")             \
    XX(MISSING_MEMBER, "missing-member", ERROR,                               \
       "a required member is absent")                                         \
    XX(UNKNOWN_MEMBER, "unknown-member", WARNING,                             \
       "a member the documented schema does not have")                        \
    XX(DUPLICATE_MEMBER, "duplicate-member", ERROR,                           \
       "the same member name appears twice in one object")                    \
    XX(BAD_ENUM, "bad-enum", WARNING,                                         \
       "a value outside the documented list of values")                       \
    XX(BAD_TIMESTAMP, "bad-timestamp", ERROR,                                 \
       "a timestamp that is not an RFC 3339 date-time")                       \
    XX(BAD_DURATION, "bad-duration", ERROR,                                   \
       "a duration that is not a .NET TimeSpan in the \"c\" format")          \
    XX(BAD_UUID, "bad-uuid", ERROR, "a value that is not a UUID")             \
    XX(BAD_URL, "bad-url", ERROR, "a link that is not an absolute http(s) URL") \
    XX(OUT_OF_RANGE, "out-of-range", ERROR,                                   \
       "a number or length outside its documented range")                     \
    XX(STOP_BEFORE_START, "stop-before-start", ERROR,                         \
       "executionStopTime is earlier than executionStartTime")                \
    XX(DURATION_MISMATCH, "duration-mismatch", WARNING,                       \
       "executionDuration differs from stop - start by more than one tick")   \
    XX(LINK_MISMATCH, "link-mismatch", WARNING,                               \
       "a link does not point where the document says it should")            \
    XX(JOB_INFO_MISMATCH, "job-info-mismatch", WARNING,                       \
       "the job-info objects do not match the session type")                 \
    XX(PAGE_OVERFLOW, "page-overflow", ERROR,                                 \
       "results holds more sessions than limit allows")                       \
    XX(TOTAL_COUNT, "total-count", ERROR,                                     \
       "offset + number of results exceeds totalCount")                       \
    XX(DUPLICATE_ID, "duplicate-id", ERROR,                                   \
       "two sessions in one page share an id")                                \
    XX(ERROR_RESPONSE, "error-response", ERROR,                               \
       "the document is an RFC 7807 error body, not a jobSessions payload")   \
    /* captures (sv_capture): encodings, HTTP responses, HAR archives */      \
    XX(BOM, "bom", WARNING,                                                   \
       "a UTF-8 byte-order mark starts the input (skipped)")                 \
    XX(UTF16, "utf16", WARNING,                                               \
       "the input is UTF-16 (transcoded to UTF-8 while streaming)")          \
    XX(HTTP_STATUS, "http-status", ERROR,                                     \
       "the captured response's status is not 200 OK")                       \
    XX(CONTENT_TYPE, "content-type", ERROR,                                   \
       "the response's Content-Type is not application/json; charset=utf-8") \
    XX(CONTENT_LENGTH, "content-length", ERROR,                               \
       "Content-Length differs from the length of the captured body")        \
    XX(HTTP_SYNTAX, "http-syntax", ERROR,                                     \
       "a malformed HTTP status line or header in a response capture")       \
    XX(HAR, "har", ERROR,                                                     \
       "not the HAR 1.2 structure, or an entry's content cannot be decoded") \
    /* page sequences (sv_pages, sessval --pages) */                          \
    XX(PAGES_OFFSET, "pages-offset", ERROR,                                   \
       "a page's offset is not the previous offset plus the previous length") \
    XX(PAGES_TOTAL_COUNT, "pages-total-count", ERROR,                         \
       "totalCount changes from one page of a listing to the next")          \
    XX(PAGES_LIMIT, "pages-limit", ERROR,                                     \
       "limit changes from one page of a listing to the next")               \
    XX(PAGES_DUPLICATE_ID, "pages-duplicate-id", ERROR,                       \
       "a session id appears on two pages of one listing")                   \
    XX(PAGES_SHORT_PAGE, "pages-short-page", ERROR,                           \
       "a page other than the last holds fewer sessions than limit")         \
    XX(PAGES_COUNT, "pages-count", ERROR,                                     \
       "the pages of a listing together do not hold totalCount sessions")

typedef enum sv_diag_code {
#define SV_XX_(id, name, sev, summary) SV_DIAG_##id,
    SV_DIAG_MAP(SV_XX_)
#undef SV_XX_
    SV_DIAG__COUNT
} sv_diag_code;

typedef enum sv_severity { SV_SEVERITY_ERROR, SV_SEVERITY_WARNING } sv_severity;

/* Kebab-case name ("type-mismatch"), default severity and one-line summary
 * of a code; NULL / SV_SEVERITY_ERROR for a value outside the enum. */
SV_API const char *sv_diag_name(sv_diag_code code);
SV_API sv_severity sv_diag_default_severity(sv_diag_code code);
SV_API const char *sv_diag_summary(sv_diag_code code);
/* The code whose kebab name is `name` (len bytes): 0 and *out set, or -1. */
SV_API int sv_diag_lookup(const char *name, size_t len, sv_diag_code *out);

/* One diagnostic.  Every string is NUL-terminated and valid only during the
 * on_diag callback.  Positions are those of the first byte of the offending
 * value (a string's opening quote, a number's first digit, the '{' of an
 * object that lacks a member, the key's quote for unknown and duplicate
 * members), exact for any chunking of the input. */
typedef struct sv_diag {
    sv_diag_code code;
    sv_severity severity;  /* after --strict promotion */
    uint64_t offset;       /* 0-based byte offset in the stream */
    uint64_t line;         /* 1-based */
    uint64_t column;       /* 1-based, counted in bytes */
    const char *pointer;   /* RFC 6901 JSON Pointer, "" for the root */
    size_t pointer_len;
    const char *message;   /* what was expected and what was found */
    size_t message_len;
    uint64_t document;     /* 0-based index of the top-level value */
    /* Appended for captures (sv_capture; see "Captures" below).  context:
     * which part of the capture the diagnostic is about, NULL for a plain
     * JSON input ("response 2 (HTTP/1.1 200 OK)", "entries[3] GET
     * https://host/api/v1/jobSessions?offset=30").  payload_*: the
     * position inside the payload (the JSON text the validator saw): for
     * a plain JSON input the same as offset/line/column; after a UTF-8
     * byte-order mark, those less the mark; for an HTTP body, relative to
     * the body's first byte; for a HAR entry, inside the decoded
     * content.text.  payload_line == 0 (and payload_offset ==
     * payload_column == 0) when the diagnostic is about the capture
     * itself (a status line, a header, the HAR's structure), not about a
     * position inside a payload.  Parsers (sv_parser) fill payload_*
     * with offset/line/column and leave context NULL. */
    const char *context;
    size_t context_len;
    uint64_t payload_offset;
    uint64_t payload_line;
    uint64_t payload_column;
} sv_diag;

/* ------------------------------------------------------------------------
 * Enumerations of the schema.  XX(ID, "JsonText").  Value 0 (OTHER) means
 * the text is not in the list; the record keeps the raw text either way.
 * ------------------------------------------------------------------------ */
#define SV_SESSION_TYPE_MAP(XX)                                               \
    XX(POLICY_BACKUP, "PolicyBackup")                                         \
    XX(POLICY_SNAPSHOT, "PolicySnapshot")                                     \
    XX(MANUAL_SNAPSHOT, "ManualSnapshot")                                     \
    XX(REPOSITORY_CREATION, "RepositoryCreation")                             \
    XX(LINGERING_SNAPSHOT_RETENTION, "LingeringSnapshotRetention")            \
    XX(BACKUP_RETENTION, "BackupRetention")                                   \
    XX(AUTO_BACKUP, "AutoBackup")                                             \
    XX(RESTORE_DISKS, "RestoreDisks")                                         \
    XX(FILE_LEVEL_RESTORE, "FileLevelRestore")                                \
    XX(OBSOLETE_SNAPSHOT_RETENTION, "ObsoleteSnapshotRetention")              \
    XX(RESTORE_VMS, "RestoreVms")                                             \
    XX(BACKUP_DELETION, "BackupDeletion")                                     \
    XX(SNAPSHOT_DELETION, "SnapshotDeletion")                                 \
    XX(REPOSITORY_DELETION, "RepositoryDeletion")                             \
    XX(REPOSITORY_EDIT, "RepositoryEdit")                                     \
    XX(MANUAL_SNAPSHOT_DELETION, "ManualSnapshotDeletion")                    \
    XX(INVALID_SNAPSHOT_RETENTION, "InvalidSnapshotRetention")                \
    XX(ORPHANED_SNAPSHOT_RETENTION, "OrphanedSnapshotRetention")              \
    /* API v8.1 JobSessionType (the v1 contract does not accept these) */   \
    XX(SNAPSHOT_BACKUP, "SnapshotBackup")                                     \
    XX(SQL_POLICY_BACKUP, "SqlPolicyBackup")                                  \
    XX(SQL_MANUAL_BACKUP, "SqlManualBackup")                                  \
    XX(SQL_RESTORE, "SqlRestore")                                             \
    XX(RESTORE_POINT_DATA_RETRIEVAL, "RestorePointDataRetrieval")             \
    XX(SQL_RESTORE_POINT_DATA_RETRIEVAL, "SqlRestorePointDataRetrieval")      \
    XX(FILE_SHARE_POLICY_SNAPSHOT, "FileSharePolicySnapshot")                 \
    XX(FILE_SHARE_MANUAL_SNAPSHOT, "FileShareManualSnapshot")                 \
    XX(FILE_SHARE_RESTORE, "FileShareRestore")                                \
    XX(FILE_SHARE_FILE_RESTORE, "FileShareFileRestore")                       \
    XX(FILE_SHARE_INDEXING, "FileShareIndexing")                              \
    XX(FILE_SHARE_SNAPSHOT_RETENTION, "FileShareSnapshotRetention")           \
    XX(FILE_SHARE_SNAPSHOT_DELETION, "FileShareSnapshotDeletion")             \
    XX(FILE_SHARE_MANUAL_SNAPSHOT_DELETION, "FileShareManualSnapshotDeletion") \
    XX(CONFIGURATION_BACKUP_MANUAL, "ConfigurationBackupManual")              \
    XX(CONFIGURATION_BACKUP_SCHEDULED, "ConfigurationBackupScheduled")        \
    XX(CONFIGURATION_BACKUP_DELETION, "ConfigurationBackupDeletion")          \
    XX(HEALTH_CHECK, "HealthCheck")                                           \
    XX(CONFIGURATION_BACKUP_DOWNLOAD, "ConfigurationBackupDownload")          \
    XX(SNAPSHOT_RESCAN, "SnapshotRescan")                                     \
    XX(CONFIGURATION_BACKUP_SYNC, "ConfigurationBackupSync")                  \
    XX(CONFIGURATION_RESTORE_STATUS, "ConfigurationRestoreStatus")            \
    XX(POLICY_ARCHIVE, "PolicyArchive")                                       \
    XX(SQL_POLICY_ARCHIVE, "SqlPolicyArchive")                                \
    XX(SQL_BACKUP_DELETION, "SqlBackupDeletion")                              \
    XX(VNET_POLICY_BACKUP, "VnetPolicyBackup")                                \
    XX(VNET_FULL_RESTORE, "VnetFullRestore")                                  \
    XX(VNET_GRANULAR_RESTORE, "VnetGranularRestore")                          \
    XX(VNET_BACKUP_DELETION, "VnetBackupDeletion")                            \
    XX(VNET_RETENTION, "VnetRetention")                                       \
    XX(VNET_REPOSITORY_IMPORT, "VnetRepositoryImport")                        \
    XX(VNET_POLICY_BACKUP_TO_REPOSITORY, "VnetPolicyBackupToRepository")      \
    XX(COSMOS_DB_CONFIGURATION, "CosmosDbConfiguration")                      \
    XX(COSMOS_DB_RESTORE, "CosmosDbRestore")                                  \
    XX(POSTGRES_DB_POLICY_BACKUP, "PostgresDbPolicyBackup")                   \
    XX(POSTGRES_DB_POLICY_ARCHIVE, "PostgresDbPolicyArchive")                 \
    XX(POSTGRES_DB_MANUAL_BACKUP, "PostgresDbManualBackup")                   \
    XX(COSMOS_DB_CONTINUOUS_RETENTION, "CosmosDbContinuousRetention")         \
    XX(COSMOS_DB_RESTORE_POINT_DATA_RETRIEVAL, "CosmosDbRestorePointDataRetrieval") \
    XX(COSMOS_DB_BACKUP_DELETION, "CosmosDbBackupDeletion")                   \
    XX(INFRASTRUCTURE_RESCAN, "InfrastructureRescan")                         \
    XX(MONGO_DB_MANUAL_BACKUP, "MongoDbManualBackup")                         \
    XX(MONGO_DB_POLICY_BACKUP, "MongoDbPolicyBackup")                         \
    XX(MONGO_DB_POLICY_ARCHIVE, "MongoDbPolicyArchive")                       \
    XX(COSMOS_DB_CONTINUOUS_BACKUP_DELETION, "CosmosDbContinuousBackupDeletion") \
    XX(VM_SNAPSHOT_RETENTION, "VmSnapshotRetention")                          \
    XX(UNKNOWN, "Unknown")

typedef enum sv_session_type {
    SV_TYPE_OTHER = 0,
#define SV_XX_(id, text) SV_TYPE_##id,
    SV_SESSION_TYPE_MAP(SV_XX_)
#undef SV_XX_
    SV_TYPE__COUNT
} sv_session_type;

#define SV_SESSION_STATUS_MAP(XX)                                             \
    XX(CANCELED, "Canceled")                                                  \
    XX(CANCELING, "Canceling")                                                \
    XX(ERROR, "Error")                                                        \
    XX(NEVER_EXECUTED, "NeverExecuted")                                       \
    XX(PENDING, "Pending")                                                    \
    XX(RUNNING, "Running")                                                    \
    XX(RUNNING_WITH_ERROR, "RunningWithError")                                \
    XX(RUNNING_WITH_WARNING, "RunningWithWarning")                            \
    XX(SUCCESS, "Success")                                                    \
    XX(WARNING, "Warning")                                                    \
    /* API v8.1 JobStatus only; not OTHER (a text outside the list) */         \
    XX(UNKNOWN, "Unknown")

typedef enum sv_session_status {
    SV_STATUS_OTHER = 0,
#define SV_XX_(id, text) SV_STATUS_##id,
    SV_SESSION_STATUS_MAP(SV_XX_)
#undef SV_XX_
    SV_STATUS__COUNT
} sv_session_status;

/* JSON text of a type or status ("PolicyBackup"), NULL for OTHER. */
SV_API const char *sv_session_type_text(sv_session_type type);
SV_API const char *sv_session_status_text(sv_session_status status);

/* ------------------------------------------------------------------------
 * Typed records.
 * ------------------------------------------------------------------------ */

/* How a member arrived.  INVALID: present but broke a rule (a diagnostic
 * was reported); the raw text is still given where there is one. */
typedef enum sv_state {
    SV_ABSENT = 0,
    SV_NULL,
    SV_VALID,
    SV_INVALID
} sv_state;

/* A string member: NUL-terminated bytes (UTF-8, escapes decoded), or
 * ptr == NULL when the member is absent or null. */
typedef struct sv_str {
    const char *ptr;
    size_t len;
    sv_state state;
} sv_str;

typedef struct sv_int {
    int64_t value;
    sv_state state;
} sv_int;

typedef struct sv_bool {
    bool value;
    sv_state state;
} sv_bool;

/* Elements of an array member (an object where an array was allowed
 * counts as one). */
typedef struct sv_count {
    uint64_t value;
    sv_state state;
} sv_count;

/* An instant: UTC seconds since 1970-01-01T00:00:00Z, nanoseconds, and the
 * offset (minutes east of UTC) the text was written with. */
typedef struct sv_timestamp {
    int64_t seconds;
    int32_t nanos;
    int16_t offset_minutes;
} sv_timestamp;

typedef struct sv_time {
    sv_str text;        /* as written; text.state says whether value is set */
    sv_timestamp value; /* valid when text.state == SV_VALID */
} sv_time;

typedef struct sv_duration {
    sv_str text;   /* as written */
    int64_t ticks; /* 100 ns units; valid when text.state == SV_VALID */
} sv_duration;

typedef struct sv_session_type_field {
    sv_str text;
    sv_session_type value; /* SV_TYPE_OTHER when not in the list */
} sv_session_type_field;

typedef struct sv_session_status_field {
    sv_str text;
    sv_session_status value;
} sv_session_status_field;

typedef struct sv_backup_job_info {
    bool present;
    sv_str policy_id;
    sv_str policy_name;
    sv_int protected_instances_count;
    sv_bool policy_removed;
    sv_str policy_type;       /* v8.1 PolicyType ("VirtualMachines", ...) */
} sv_backup_job_info;

typedef struct sv_restore_job_info {
    bool present;
    sv_str reason;
    sv_count items;     /* RecoveryItem objects (members not checked) */
    sv_str backup_policy_display_name; /* v8.1 */
} sv_restore_job_info;

typedef struct sv_flr_job_info {
    bool present;
    sv_str reason;
    bool has_flr_link;
    sv_str flr_url;
    sv_str flr_thumbprint;
    sv_str vm_id;
    /* v8.1 */
    sv_str initiator;
    sv_str vm_name;
    sv_str backup_policy_display_name;
    sv_time restore_point_created_date_utc;
    sv_bool is_flr_session_ready;
} sv_flr_job_info;

typedef struct sv_repository_job_info {
    bool present;
    sv_int repository_id;      /* v1: an integer */
    sv_str repository_name;
    sv_bool repository_removed;
    sv_str repository_id_text; /* v8.1: a string (repository_id stays
                                  absent) */
} sv_repository_job_info;

/* Job infos of API v8.1 only (absent under v1). */
typedef struct sv_health_check_job_info {
    bool present;
    sv_str policy_id;
    sv_str policy_name;
    sv_int checked_instances_count;
    sv_bool policy_removed;
} sv_health_check_job_info;

typedef struct sv_retention_job_info {
    bool present;
    sv_int deleted_restore_points_count;
} sv_retention_job_info;

typedef struct sv_data_retrieval_job_info {
    bool present;
    sv_str restore_point_id;
    sv_str sql_restore_point_id;
    sv_str cosmos_db_restore_point_id;
    sv_str initiator;
    sv_str instance_name;
    sv_int days_to_keep;
    sv_str data_retrieval_priority; /* "Normal", "High", "Unknown" */
} sv_data_retrieval_job_info;

typedef struct sv_file_share_flr_job_info {
    bool present;
    sv_str initiator;
    sv_str reason;
    bool has_flr_link;
    sv_str flr_url;
    sv_str flr_thumbprint;
    sv_str file_share_id;
    sv_str file_share_name;
    sv_str backup_policy_display_name;
    sv_time restore_point_created_date_utc;
} sv_file_share_flr_job_info;

/* One session: an element of a page's results, or a whole single-session
 * document.  Valid during on_session only. */
typedef struct sv_session {
    uint64_t document;   /* index of the top-level value holding it */
    uint64_t index;      /* position in results[] (0 for a lone session) */
    uint64_t offset;     /* byte offset of its '{' */
    uint32_t errors;     /* diagnostics of severity error inside it */
    uint32_t warnings;
    sv_str id;
    sv_session_type_field type;
    sv_str localized_type;
    sv_time execution_start_time;
    sv_time execution_stop_time;
    sv_duration execution_duration;
    sv_session_status_field status;
    sv_int usn;
    sv_backup_job_info backup_job_info;
    sv_restore_job_info restore_job_info;
    sv_flr_job_info file_level_restore_job_info;
    sv_repository_job_info repository_job_info;
    sv_str self_href;
    sv_str log_href;
    /* API v8.1 only */
    sv_health_check_job_info health_check_job_info;
    sv_retention_job_info retention_job_info;
    sv_data_retrieval_job_info restore_point_data_retrieval_job_info;
    sv_file_share_flr_job_info file_share_file_level_restore_job_info;
} sv_session;

/* The envelope of a page, reported once it is complete (after its
 * sessions). */
typedef struct sv_page {
    uint64_t document;
    uint64_t offset;
    uint32_t errors;
    uint32_t warnings;
    sv_int page_offset;  /* the "offset" member */
    sv_int limit;
    sv_int total_count;
    sv_count results;    /* elements of results[] */
    sv_str self_href;
} sv_page;

/* One element of a log document's "log" array. */
typedef struct sv_log_entry {
    uint64_t document;
    uint64_t index;
    uint64_t offset;
    uint32_t errors;
    uint32_t warnings;
    sv_str job_session_id; /* of the enclosing log document, if seen yet */
    sv_time log_time;
    sv_session_status_field status;
    sv_str message;
    sv_time execution_start_time;
    sv_duration execution_duration;
    sv_str resource_hash_id; /* v8.1 */
} sv_log_entry;

typedef enum sv_kind {
    SV_KIND_AUTO = 0, /* decide from the first member only one kind has */
    SV_KIND_PAGE,     /* GET /api/v1/jobSessions */
    SV_KIND_SESSION,  /* GET /api/v1/jobSessions/{id} */
    SV_KIND_LOG,      /* GET /api/v1/jobSessions/{id}/log */
    SV_KIND_PROBLEM   /* an RFC 7807 error body (detected, reported) */
} sv_kind;

/* Name of a kind ("page", "session", ...); static storage. */
SV_API const char *sv_kind_name(sv_kind kind);

/* End of one top-level value. */
typedef struct sv_document {
    uint64_t index;
    sv_kind kind;     /* what it turned out to be (AUTO if never decided) */
    uint64_t offset;  /* first byte of the value */
    uint64_t end;     /* one past its last byte */
    uint64_t errors;
    uint64_t warnings;
    uint64_t sessions;
} sv_document;

/* ------------------------------------------------------------------------
 * Callbacks.  Each returns 0 to go on, non-zero to stop the parse
 * (sv_parser_feed then returns SV_ERR_ABORTED).  Any may be NULL.
 * ------------------------------------------------------------------------ */
typedef struct sv_callbacks {
    int (*on_session)(void *user, const sv_session *session);
    int (*on_page)(void *user, const sv_page *page);
    int (*on_log_entry)(void *user, const sv_log_entry *entry);
    int (*on_diag)(void *user, const sv_diag *diag);
    int (*on_document)(void *user, const sv_document *doc);
} sv_callbacks;

/* Every allocation of the parser (yajl's included) goes through these.
 * realloc_fn/free_fn follow the C library's contracts. */
typedef struct sv_allocator {
    void *(*malloc_fn)(void *ctx, size_t size);
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
    void (*free_fn)(void *ctx, void *ptr);
    void *ctx;
} sv_allocator;

/* The contract to validate against: the API version's schema.  V1 is the
 * documented v1 (the default); V8 is v8.1's OpenAPI contract (63 session
 * types, status Unknown, nullable scalars, repositoryId a string, no usn,
 * more job infos, _links a map of {href}).  Choosing one from a capture's
 * URL (/api/v1/ or /api/v8.1/) is the caller's business: the parser sees
 * only the JSON. */
typedef enum sv_api {
    SV_API_V1 = 0,
    SV_API_V8 = 1,
    /* A capture (sv_capture) chooses per payload from the request URL of a
     * HAR entry (/api/v1/ -> V1, any other version -> V8); everything
     * without a URL (plain JSON, HTTP responses) and sv_parser take V1. */
    SV_API_AUTO = 2
} sv_api;

/* What a capture (sv_capture) holds; sv_parser ignores it. */
typedef enum sv_input {
    SV_INPUT_AUTO = 0, /* decide from the first bytes (see "Captures") */
    SV_INPUT_JSON,     /* JSON text(s) */
    SV_INPUT_HTTP,     /* HTTP responses with headers (curl -i, curl -D -) */
    SV_INPUT_HAR       /* a HAR 1.2 archive */
} sv_input;

typedef enum sv_multi {
    SV_MULTI_OFF = 0, /* exactly one top-level value */
    SV_MULTI_ANY,     /* several values, any whitespace (or none) between */
    SV_MULTI_NDJSON   /* several values, each separated by a newline */
} sv_multi;

typedef struct sv_options {
    sv_kind kind;            /* default SV_KIND_AUTO */
    sv_multi multi;          /* default SV_MULTI_OFF */
    sv_api api;              /* default SV_API_V1 */
    bool strict;             /* warnings become errors */
    bool duplicate_ids;      /* detect duplicate ids in a page (default on;
                                costs memory per session, see README) */
    uint32_t max_depth;      /* nesting depth (default 512) */
    size_t max_string;       /* bytes of one decoded string (default 1 MiB) */
    size_t max_token;        /* raw bytes of one unfinished token
                                (default 8 MiB) */
    uint64_t max_diagnostics; /* delivered per stream, 0 = all (default 0);
                                 the rest are counted as suppressed */
    sv_allocator allocator;  /* all NULL = the C library's malloc */
    sv_input input;          /* captures only; default SV_INPUT_AUTO */
} sv_options;

/* Fill *opts with the defaults above.  Always call it first, then change
 * what you need: new fields get safe defaults that way. */
SV_API void sv_options_init(sv_options *opts);

/* ------------------------------------------------------------------------
 * The parser.
 * ------------------------------------------------------------------------ */
typedef struct sv_parser sv_parser;

/* Create a parser.  opts may be NULL (defaults); callbacks may be NULL (no
 * callbacks).  Both are copied: they need not outlive the call.  Returns
 * NULL when out of memory or when an option is out of range. */
SV_API sv_parser *sv_parser_new(const sv_options *opts,
                                const sv_callbacks *callbacks, void *user);

/* Feed the next len bytes of the stream.  Callbacks run from inside this
 * call.  Returns SV_OK, or the sticky failure status.  data may be NULL
 * when len is 0.  Not callable from inside a callback. */
SV_API sv_status sv_parser_feed(sv_parser *parser, const void *data,
                                size_t len);

/* Declare the end of the stream: reports truncation, runs the last checks
 * and callbacks.  After it, only reset or free are allowed. */
SV_API sv_status sv_parser_finish(sv_parser *parser);

/* Make the parser ready for a new stream with the same options and
 * callbacks, keeping its memory.  Returns SV_OK or SV_ERR_NOMEM. */
SV_API sv_status sv_parser_reset(sv_parser *parser);

/* Free the parser and everything it owns.  NULL is allowed. */
SV_API void sv_parser_free(sv_parser *parser);

/* Counters for the stream so far. */
typedef struct sv_stats {
    uint64_t bytes;        /* fed so far */
    uint64_t documents;    /* top-level values completed */
    uint64_t sessions;
    uint64_t pages;
    uint64_t log_entries;
    uint64_t errors;       /* diagnostics of severity error (delivered or not) */
    uint64_t warnings;
    uint64_t suppressed;   /* not delivered because of max_diagnostics */
} sv_stats;

SV_API void sv_parser_stats(const sv_parser *parser, sv_stats *out);

/* The sticky status (SV_OK while the stream can go on). */
SV_API sv_status sv_parser_status(const sv_parser *parser);

/* ------------------------------------------------------------------------
 * Captures: responses as people really have them.
 *
 * A capture takes a whole file as saved by a tool and validates every
 * payload in it with an inner sv_parser, reset per payload:
 *   - JSON: the bytes are one payload (--multi as the options say);
 *   - HTTP: one or more responses with their status line and headers
 *     (curl -i, curl -D -, curl -L, saved raw responses).  Each body is a
 *     payload; the status must be 200 (http-status), Content-Type
 *     application/json (a charset, if given, utf-8; media type and
 *     parameters compared case-insensitively; application/problem+json is
 *     accepted on an error status) (content-type), and Content-Length the
 *     body's length as captured (content-length; one line end after the
 *     body is tolerated, none is checked when Transfer-Encoding or a
 *     Content-Encoding other than identity is given).
 *     A body ends where the next response's status line begins: at the
 *     start of a line, or right after the body's complete JSON value.
 *     1xx and 3xx responses (curl -L shows the redirects first) are not
 *     validated, and their status is reported only when the capture ends
 *     with one;
 *   - HAR: a HAR 1.2 archive, streamed.  Every entry whose request URL
 *     path ends in /api/vN/jobSessions, /jobSessions/{id} or
 *     /jobSessions/{id}/log (any query) is a payload: its
 *     response.content.text, decoded (encoding "base64" too), plus the
 *     response status and Content-Type header (else content.mimeType) as
 *     for HTTP.  Other entries are counted and skipped.
 *
 * Detection (options.input == SV_INPUT_AUTO): a UTF-8 byte-order mark is
 * skipped (warning bom); a UTF-16 byte-order mark (FF FE, FE FF: what
 * Windows PowerShell's '>' writes) makes the input UTF-16, transcoded to
 * UTF-8 while streaming, and so does no mark with a NUL half in the first
 * character (xx 00 LE, 00 xx BE; RFC 4627, 3; xx 00 00 00 is not UTF-16)
 * (warning utf16; positions then count in the UTF-8
 * text, without the mark; a lone surrogate is a syntax error).  Then
 * "HTTP/" at the start means HTTP; a JSON object whose first member is
 * "log" with an object value means HAR (decided within the first 4 KiB);
 * anything else is JSON.  There is never a second pass.
 *
 * Positions (sv_diag): offset/line/column are positions in the file (for
 * UTF-16, in its UTF-8 text): for an HTTP body the body's own
 * diagnostics are moved to where the body sits in the file; for a HAR
 * entry offset/line/column are those of the opening quote of its
 * content.text and payload_* the position inside the decoded text.
 * context names the response or the entry (HAR URLs with query values
 * that look like secrets replaced by "***"; header values are never
 * printed, except the Content-Type media type).  sv_diag.document and the
 * records' document count the top-level values of the whole capture; the
 * records' offsets are file offsets (HAR: offsets inside the payload).
 *
 * Memory: bounded by the options, not by the input.  A HAR is streamed:
 * one entry is in flight, its content.text decoded straight into the
 * inner parser; it is held (up to max_token bytes) only when the entry
 * gives its content before its request URL, or a text that does not start
 * with '{' or '[' before its encoding.
 *
 * Contracts as for sv_parser: chunks of any size, a sticky status,
 * callbacks and options copied, all memory through the allocator, no
 * feed from inside a callback.  The status fails only when the stream
 * cannot go on: a JSON input's syntax error, a broken HAR, an aborting
 * callback, memory; a broken HTTP body or HAR entry is reported and the
 * next one validated.
 * ------------------------------------------------------------------------ */
typedef struct sv_capture sv_capture;

SV_API sv_capture *sv_capture_new(const sv_options *opts,
                                  const sv_callbacks *callbacks, void *user);
SV_API sv_status sv_capture_feed(sv_capture *capture, const void *data,
                                 size_t len);
SV_API sv_status sv_capture_finish(sv_capture *capture);
SV_API sv_status sv_capture_reset(sv_capture *capture);
SV_API void sv_capture_free(sv_capture *capture);
SV_API sv_status sv_capture_status(const sv_capture *capture);

typedef enum sv_encoding {
    SV_ENCODING_UTF8 = 0,
    SV_ENCODING_UTF8_BOM,
    SV_ENCODING_UTF16LE,
    SV_ENCODING_UTF16BE
} sv_encoding;

typedef struct sv_capture_summary {
    sv_stats totals;       /* every payload's counters summed, plus the
                              capture's own diagnostics; bytes = bytes fed */
    sv_input input;        /* what the input turned out to be (AUTO while
                              undecided) */
    sv_encoding encoding;
    uint64_t payloads;     /* payloads validated */
    uint64_t responses;    /* HTTP: responses seen */
    uint64_t entries;      /* HAR: entries seen */
    uint64_t skipped;      /* HAR: entries for other URLs; HTTP: 1xx/3xx
                              responses not validated */
} sv_capture_summary;

SV_API void sv_capture_stats(const sv_capture *capture,
                             sv_capture_summary *out);

/* A position in a capture, as sv_diag gives it. */
typedef struct sv_position {
    uint64_t offset, line, column;
    uint64_t payload_offset, payload_line, payload_column;
    const char *context;   /* NULL for a plain JSON input */
    size_t context_len;
} sv_position;

/* Only from inside on_session, on_page or on_log_entry of a capture: where
 * the record's '{' is.  Strings are valid during the callback.  Returns 0,
 * or -1 when called anywhere else. */
SV_API int sv_capture_where(const sv_capture *capture, sv_position *out);

/* ------------------------------------------------------------------------
 * Page sequences: successive pages of one listing (sessval --pages).
 *
 * Feed, in order, every session of a page (sv_pages_session, e.g. from
 * on_session) and then the page itself (sv_pages_page, from on_page), with
 * the name of the file it came from and where it is (NULL: nowhere known).
 * Across the pages: each offset equals the previous offset plus the
 * previous page's number of results (pages-offset), totalCount and limit
 * stay the same (pages-total-count, pages-limit), no session id appears
 * on two pages (pages-duplicate-id), only the last page is short
 * (pages-short-page), and at sv_pages_finish the pages together hold
 * totalCount sessions (pages-count).  Diagnostics go to on_diag during
 * sv_pages_page for the page just given (naming both files), and during
 * sv_pages_finish for the last page; their position is the page's.
 * Sessions not followed by a page of the same document are dropped.
 * Memory: every session id of the listing (its bytes plus about 40 bytes)
 * and one name per page.  Options used: allocator, strict,
 * max_diagnostics.
 * ------------------------------------------------------------------------ */
typedef struct sv_pages sv_pages;

SV_API sv_pages *sv_pages_new(const sv_options *opts,
                              const sv_callbacks *callbacks, void *user);
SV_API sv_status sv_pages_session(sv_pages *pages,
                                  const sv_session *session);
SV_API sv_status sv_pages_page(sv_pages *pages, const sv_page *page,
                               const char *name, const sv_position *where);
SV_API sv_status sv_pages_finish(sv_pages *pages);
SV_API void sv_pages_free(sv_pages *pages);

/* ------------------------------------------------------------------------
 * Scalar parsers.  They never read past len, never allocate, use no locale
 * or time zone, and need no parser.  Each returns 0 on success and a
 * non-zero sv_time_error otherwise (out is then unspecified).
 * ------------------------------------------------------------------------ */
typedef enum sv_time_error {
    SV_TIME_OK = 0,
    SV_TIME_SYNTAX,      /* wrong character or length for the format */
    SV_TIME_YEAR,        /* year 0000 */
    SV_TIME_MONTH,       /* month outside 01-12 */
    SV_TIME_DAY,         /* day outside the month */
    SV_TIME_HOUR,        /* hour outside 00-23 */
    SV_TIME_MINUTE,      /* minute outside 00-59 */
    SV_TIME_SECOND,      /* second outside 00-59 */
    SV_TIME_LEAP_SECOND, /* second 60: RFC 3339 allows it, we do not */
    SV_TIME_FRACTION,    /* fraction digits missing or too many */
    SV_TIME_OFFSET,      /* zone offset malformed or out of range */
    SV_TIME_NO_OFFSET,   /* no Z or +hh:mm at all */
    SV_TIME_TRAILING,    /* bytes after a complete value */
    SV_TIME_RANGE        /* a duration outside the TimeSpan range */
} sv_time_error;

/* RFC 3339 date-time: YYYY-MM-DD('T'|'t')hh:mm:ss[.f{1,9}]('Z'|'z'|±hh:mm),
 * years 0001-9999, Gregorian calendar, seconds 00-59 (no leap second). */
SV_API int sv_parse_timestamp(const char *s, size_t len, sv_timestamp *out);

/* .NET TimeSpan "c" format: [-][d.]hh:mm:ss[.f{1,7}], hours 00-23, minutes
 * and seconds 00-59, within TimeSpan.MinValue..MaxValue.  *ticks is in
 * 100 ns units. */
SV_API int sv_parse_duration(const char *s, size_t len, int64_t *ticks);

/* Longest text the formatters produce, plus the NUL. */
#define SV_TIMESTAMP_BUFSIZE 40
#define SV_DURATION_BUFSIZE 32

/* Format a timestamp as RFC 3339: in UTC with 'Z' (utc != 0) or with its
 * original offset; the fraction is written with trailing zeros trimmed (none
 * when zero).  Writes at most n bytes including the NUL; returns the length
 * it needed (excluding the NUL), like snprintf.  Returns 0 for an
 * out-of-range value. */
SV_API size_t sv_format_timestamp(const sv_timestamp *ts, int utc, char *buf,
                                  size_t n);

/* Format ticks in the TimeSpan "c" format (7 fraction digits when the
 * fraction is non-zero, as .NET does).  Same return contract. */
SV_API size_t sv_format_duration(int64_t ticks, char *buf, size_t n);

/* A short English text for an sv_time_error (static storage). */
SV_API const char *sv_time_error_str(int err);

#ifdef __cplusplus
}
#endif

#endif /* SESSVAL_H */
