/*
 * schema.c - the jobSessions contract of API v1, as tables.
 *
 * Evidence for every choice is in a comment beside it.  "seed" is the
 * vendor page this project implements (shared/seed/000_7af12e6d6b2ab3f5.txt,
 * = helpcenter.veeam.com/archive/vbazure/10/rest/getting_sessions.html);
 * "notes x.y" is a section of shared/API-NOTES.md, which names its sources.
 */
#include "schema.h"

#include <stddef.h>
#include <string.h>

#define NAME(s) .name = s, .name_len = sizeof(s) - 1
#define V1 .profiles = SV_P_V1
#define REQ SV_M_REQUIRED
#define NUL SV_M_NULLABLE
/* flags of a v1-only member */
#define F1(x) .flags = {[SV_API_V1] = (x)}
#define AT(type, field) .offset = offsetof(type, field)
#define U63 .min = 0, .max = INT64_MAX
#define I64 .min = INT64_MIN, .max = INT64_MAX
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OBJECT(var, label, rec, is_open)                                     \
    static const sv_object var = {label, var##_members,                      \
                                  (uint8_t)COUNT_OF(var##_members), rec,    \
                                  is_open, NULL}

/* ---------------------------------------------------------------- links */

/* _links is a "Dictionary of string [key] and Object [value]" (seed); every
 * example has {self: {href}} on a page and {self, log} on a session, each
 * href absolute (the page's self link even carries an explicit :443). */
static const sv_member session_self_link_members[] = {
    {NAME("href"), .types = SV_J_STRING, F1(REQ), .format = SV_F_URL,
     .store = SV_S_STR, .slot = SV_SLOT_SELF_HREF,
     AT(sv_session, self_href), V1},
};
OBJECT(session_self_link, "link", SV_REC_NONE, 0);

static const sv_member session_log_link_members[] = {
    {NAME("href"), .types = SV_J_STRING, F1(REQ), .format = SV_F_URL,
     .store = SV_S_STR, .slot = SV_SLOT_LOG_HREF, AT(sv_session, log_href),
     V1},
};
OBJECT(session_log_link, "link", SV_REC_NONE, 0);

static const sv_member session_links_members[] = {
    {NAME("self"), .types = SV_J_OBJECT, F1(REQ),
     .child = &session_self_link, V1},
    {NAME("log"), .types = SV_J_OBJECT, F1(REQ),
     .child = &session_log_link, V1},
};
OBJECT(session_links, "_links", SV_REC_NONE, 0);

static const sv_member page_self_link_members[] = {
    {NAME("href"), .types = SV_J_STRING, F1(REQ), .format = SV_F_URL,
     .store = SV_S_STR, .slot = SV_SLOT_PAGE_SELF_HREF,
     AT(sv_page, self_href), V1},
};
OBJECT(page_self_link, "link", SV_REC_NONE, 0);

static const sv_member page_links_members[] = {
    {NAME("self"), .types = SV_J_OBJECT, F1(REQ),
     .child = &page_self_link, V1},
};
OBJECT(page_links, "_links", SV_REC_NONE, 0);

/* ------------------------------------------------------------ job infos */

/* BackupJobInfo: the seed's table and every Policy* example carry all four
 * members; nothing is documented as optional or nullable in v1. */
static const sv_member backup_members[] = {
    {NAME("policyId"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_UUID, .store = SV_S_STR,
     AT(sv_session, backup_job_info.policy_id), V1},
    {NAME("policyName"), .types = SV_J_STRING, F1(REQ),
     .store = SV_S_STR, AT(sv_session, backup_job_info.policy_name), V1},
    {NAME("protectedInstancesCount"), .types = SV_J_INT, F1(REQ),
     .store = SV_S_INT,
     AT(sv_session, backup_job_info.protected_instances_count), U63, V1},
    {NAME("policyRemoved"), .types = SV_J_BOOL, F1(REQ),
     .store = SV_S_BOOL, AT(sv_session, backup_job_info.policy_removed), V1},
};
OBJECT(backup, "backupJobInfo", SV_REC_NONE, 0);

/* RecoveryItem: no public source defines it (notes 1.4: the v1 page names
 * the type, its table is missing, and v2 moved restored items to their own
 * endpoint).  We accept an object or an array of objects and do not check
 * their members. */
static const sv_member recovery_item_members[] = {{NAME(""), V1}};
static const sv_object recovery_item = {"RecoveryItem", recovery_item_members,
                                        0, SV_REC_NONE, 1, NULL};

/* RestoreJobInfo: reason "Shows the reason of the restore (if any)" (seed),
 * hence nullable; items is of type RecoveryItem, not documented as array. */
static const sv_member restore_members[] = {
    {NAME("reason"), .types = SV_J_STRING, F1(REQ | NUL),
     .store = SV_S_STR, AT(sv_session, restore_job_info.reason), V1},
    {NAME("items"), .types = SV_J_OBJECT | SV_J_ARRAY, F1(NUL),
     .store = SV_S_COUNT, AT(sv_session, restore_job_info.items),
     .child = &recovery_item, V1},
};
OBJECT(restore, "restoreJobInfo", SV_REC_NONE, 0);

/* FlrLink: {url, thumbprint}, lower-case "url" (notes 1.4, v8.1 spec's
 * FlrLink and consumers' models). */
static const sv_member flr_link_members[] = {
    {NAME("url"), .types = SV_J_STRING, F1(REQ), .format = SV_F_URL,
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.flr_url), V1},
    {NAME("thumbprint"), .types = SV_J_STRING, F1(REQ),
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.flr_thumbprint), V1},
};
OBJECT(flr_link, "flrLink", SV_REC_NONE, 0);

static const sv_member flr_members[] = {
    {NAME("reason"), .types = SV_J_STRING, F1(REQ | NUL),
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.reason), V1},
    {NAME("flrLink"), .types = SV_J_OBJECT, F1(REQ),
     .store = SV_S_PRESENT,
     AT(sv_session, file_level_restore_job_info.has_flr_link),
     .child = &flr_link, V1},
    {NAME("vmId"), .types = SV_J_STRING, F1(REQ), .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.vm_id), V1},
};
OBJECT(flr, "fileLevelRestoreJobInfo", SV_REC_NONE, 0);

/* RepositoryJobInfo: repositoryId is an integer in v1 (seed: 1); it became
 * a string in v8.1 (notes 1.4). */
static const sv_member repository_members[] = {
    {NAME("repositoryId"), .types = SV_J_INT, F1(REQ),
     .store = SV_S_INT,
     AT(sv_session, repository_job_info.repository_id), I64, V1},
    {NAME("repositoryName"), .types = SV_J_STRING, F1(REQ),
     .store = SV_S_STR,
     AT(sv_session, repository_job_info.repository_name), V1},
    {NAME("repositoryRemoved"), .types = SV_J_BOOL, F1(REQ),
     .store = SV_S_BOOL,
     AT(sv_session, repository_job_info.repository_removed), V1},
};
OBJECT(repository, "repositoryJobInfo", SV_REC_NONE, 0);

/* -------------------------------------------------------------- session */

/* The member order is the seed's, so the lookup's "next member" guess hits
 * on real payloads. */
static const sv_member session_members[] = {
    /* "14" in the seed; v2 on uses UUIDs (notes 1.4): only non-empty. */
    {NAME("id"), .types = SV_J_STRING, F1(REQ), .format = SV_F_NONEMPTY,
     .store = SV_S_STR, .slot = SV_SLOT_ID, AT(sv_session, id), V1},
    {NAME("type"), .types = SV_J_STRING, F1(REQ), .format = SV_F_TYPE,
     .store = SV_S_TYPE, .slot = SV_SLOT_TYPE, AT(sv_session, type), V1},
    {NAME("localizedType"), .types = SV_J_STRING, F1(REQ),
     .store = SV_S_STR, AT(sv_session, localized_type), V1},
    {NAME("executionStartTime"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME, .slot = SV_SLOT_START,
     AT(sv_session, execution_start_time), V1},
    /* Null or absent while the session runs (notes 1.8, DESIGN). */
    {NAME("executionStopTime"), .types = SV_J_STRING,
     F1(SV_M_UNFINISHED), .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     .slot = SV_SLOT_STOP, AT(sv_session, execution_stop_time), V1},
    {NAME("executionDuration"), .types = SV_J_STRING,
     F1(SV_M_UNFINISHED), .format = SV_F_DURATION,
     .store = SV_S_DURATION, .slot = SV_SLOT_DURATION,
     AT(sv_session, execution_duration), V1},
    {NAME("status"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_STATUS, .store = SV_S_STATUS, .slot = SV_SLOT_STATUS,
     AT(sv_session, status), V1},
    /* "version of the backup policy ... used by platform services"
     * (by-id page, notes 1.4); non-negative int64. */
    {NAME("usn"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     AT(sv_session, usn), U63, V1},
    {NAME("backupJobInfo"), .types = SV_J_OBJECT, .store = SV_S_PRESENT,
     .slot = SV_SLOT_BACKUP, AT(sv_session, backup_job_info.present),
     .child = &backup, V1},
    {NAME("restoreJobInfo"), .types = SV_J_OBJECT, .store = SV_S_PRESENT,
     .slot = SV_SLOT_RESTORE, AT(sv_session, restore_job_info.present),
     .child = &restore, V1},
    {NAME("fileLevelRestoreJobInfo"), .types = SV_J_OBJECT,
     .store = SV_S_PRESENT, .slot = SV_SLOT_FLR,
     AT(sv_session, file_level_restore_job_info.present), .child = &flr,
     V1},
    {NAME("repositoryJobInfo"), .types = SV_J_OBJECT, .store = SV_S_PRESENT,
     .slot = SV_SLOT_REPOSITORY,
     AT(sv_session, repository_job_info.present), .child = &repository, V1},
    {NAME("_links"), .types = SV_J_OBJECT, F1(REQ),
     .slot = SV_SLOT_LINKS, .child = &session_links, V1},
};
OBJECT(session, "session", SV_REC_SESSION, 0);

/* ----------------------------------------------------------------- page */

/* offset, limit, totalCount: "integer" (seed), non-negative. */
static const sv_member page_members[] = {
    {NAME("offset"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_PAGE_OFFSET, AT(sv_page, page_offset), U63, V1},
    {NAME("limit"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_LIMIT, AT(sv_page, limit), U63, V1},
    {NAME("totalCount"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_TOTAL, AT(sv_page, total_count), U63, V1},
    {NAME("results"), .types = SV_J_ARRAY, F1(REQ), .store = SV_S_COUNT,
     .slot = SV_SLOT_RESULTS, AT(sv_page, results), .child = &session, V1},
    {NAME("_links"), .types = SV_J_OBJECT, F1(REQ),
     .child = &page_links, V1},
};
OBJECT(page, "page", SV_REC_PAGE, 0);

/* ------------------------------------------------------------------ log */

/* GET /api/v1/jobSessions/{id}/log (notes 1.7): every example item has all
 * five members, none null. */
static const sv_member log_entry_members[] = {
    {NAME("logTime"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     AT(sv_log_entry, log_time), V1},
    {NAME("status"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_STATUS, .store = SV_S_STATUS, AT(sv_log_entry, status),
     V1},
    {NAME("message"), .types = SV_J_STRING, F1(REQ), .store = SV_S_STR,
     AT(sv_log_entry, message), V1},
    {NAME("executionStartTime"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     .slot = SV_SLOT_ENTRY_START, AT(sv_log_entry, execution_start_time),
     V1},
    {NAME("executionDuration"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_DURATION, .store = SV_S_DURATION,
     .slot = SV_SLOT_ENTRY_DURATION, AT(sv_log_entry, execution_duration),
     V1},
};
OBJECT(log_entry, "log entry", SV_REC_LOG_ENTRY, 0);

static const sv_member log_doc_members[] = {
    {NAME("jobSessionId"), .types = SV_J_STRING, F1(REQ),
     .format = SV_F_NONEMPTY, .store = SV_S_STR,
     AT(sv_log_doc, job_session_id), V1},
    {NAME("log"), .types = SV_J_ARRAY, F1(REQ), .store = SV_S_COUNT,
     AT(sv_log_doc, entries), .child = &log_entry, V1},
};
OBJECT(log_doc, "log", SV_REC_LOG, 0);

/* -------------------------------------------------------------- problem */

/* RFC 7807 bodies (notes 1.8: ProblemDetails400..429 of v8.1).  Recognised
 * so that a captured 401 is reported as what it is; extension members are
 * allowed by the RFC, so the object is open beyond these. */
static const sv_member problem_members[] = {
    {NAME("type"), .types = SV_J_STRING, .store = SV_S_STR,
     .slot = SV_SLOT_PROBLEM_TYPE, AT(sv_problem, type), V1},
    {NAME("title"), .types = SV_J_STRING, .store = SV_S_STR,
     .slot = SV_SLOT_PROBLEM_TITLE, AT(sv_problem, title), V1},
    {NAME("status"), .types = SV_J_INT, .store = SV_S_INT,
     .slot = SV_SLOT_PROBLEM_STATUS, AT(sv_problem, status), I64, V1},
    {NAME("detail"), .types = SV_J_STRING, F1(NUL), .store = SV_S_STR,
     .slot = SV_SLOT_PROBLEM_DETAIL, AT(sv_problem, detail), V1},
    {NAME("traceId"), .types = SV_J_STRING, F1(NUL), .store = SV_S_STR,
     AT(sv_problem, trace_id), V1},
    {NAME("instance"), .types = SV_J_STRING, F1(NUL), V1},
    {NAME("errors"), .types = SV_J_OBJECT, F1(NUL),
     .child = &recovery_item, V1},
    {NAME("extensions"), .types = SV_J_OBJECT, F1(NUL),
     .child = &recovery_item, V1},
};
OBJECT(problem, "error response", SV_REC_PROBLEM, 1);

const sv_object *const sv_schema_roots[5] = {
    [SV_KIND_AUTO] = NULL,
    [SV_KIND_PAGE] = &page,
    [SV_KIND_SESSION] = &session,
    [SV_KIND_LOG] = &log_doc,
    [SV_KIND_PROBLEM] = &problem,
};

/* ---------------------------------------------------------------- enums */

#define EV(id, text, prof) {text, sizeof(text) - 1, id, prof}

/* Session types accepted by the v1 contract: those of the vendor's v1
 * examples (seed: PolicyBackup, PolicySnapshot, ManualSnapshot,
 * RepositoryCreation, LingeringSnapshotRetention; by-id page:
 * BackupRetention) plus the v2/v3 JobSessionV2/V3 enum (notes 1.2), since
 * no v1 table exists and the v1 servers evolved into v2. */
const sv_enum_value sv_schema_types[] = {
    EV(SV_TYPE_POLICY_BACKUP, "PolicyBackup", SV_P_V1),
    EV(SV_TYPE_POLICY_SNAPSHOT, "PolicySnapshot", SV_P_V1),
    EV(SV_TYPE_MANUAL_SNAPSHOT, "ManualSnapshot", SV_P_V1),
    EV(SV_TYPE_REPOSITORY_CREATION, "RepositoryCreation", SV_P_V1),
    EV(SV_TYPE_LINGERING_SNAPSHOT_RETENTION, "LingeringSnapshotRetention",
       SV_P_V1),
    EV(SV_TYPE_BACKUP_RETENTION, "BackupRetention", SV_P_V1),
    EV(SV_TYPE_AUTO_BACKUP, "AutoBackup", SV_P_V1),
    EV(SV_TYPE_RESTORE_DISKS, "RestoreDisks", SV_P_V1),
    EV(SV_TYPE_FILE_LEVEL_RESTORE, "FileLevelRestore", SV_P_V1),
    EV(SV_TYPE_OBSOLETE_SNAPSHOT_RETENTION, "ObsoleteSnapshotRetention",
       SV_P_V1),
    EV(SV_TYPE_RESTORE_VMS, "RestoreVms", SV_P_V1),
    EV(SV_TYPE_BACKUP_DELETION, "BackupDeletion", SV_P_V1),
    EV(SV_TYPE_SNAPSHOT_DELETION, "SnapshotDeletion", SV_P_V1),
    EV(SV_TYPE_REPOSITORY_DELETION, "RepositoryDeletion", SV_P_V1),
    EV(SV_TYPE_REPOSITORY_EDIT, "RepositoryEdit", SV_P_V1),
    EV(SV_TYPE_MANUAL_SNAPSHOT_DELETION, "ManualSnapshotDeletion", SV_P_V1),
    EV(SV_TYPE_INVALID_SNAPSHOT_RETENTION, "InvalidSnapshotRetention",
       SV_P_V1),
    EV(SV_TYPE_ORPHANED_SNAPSHOT_RETENTION, "OrphanedSnapshotRetention",
       SV_P_V1),
};
const size_t sv_schema_type_count = COUNT_OF(sv_schema_types);

/* Statuses: the seed shows Success and Canceled; the ten values are the
 * v2/v3 list (notes 1.3).  There is no "Failed" for Azure. */
const sv_enum_value sv_schema_statuses[] = {
    EV(SV_STATUS_CANCELED, "Canceled", SV_P_V1),
    EV(SV_STATUS_CANCELING, "Canceling", SV_P_V1),
    EV(SV_STATUS_ERROR, "Error", SV_P_V1),
    EV(SV_STATUS_NEVER_EXECUTED, "NeverExecuted", SV_P_V1),
    EV(SV_STATUS_PENDING, "Pending", SV_P_V1),
    EV(SV_STATUS_RUNNING, "Running", SV_P_V1),
    EV(SV_STATUS_RUNNING_WITH_ERROR, "RunningWithError", SV_P_V1),
    EV(SV_STATUS_RUNNING_WITH_WARNING, "RunningWithWarning", SV_P_V1),
    EV(SV_STATUS_SUCCESS, "Success", SV_P_V1),
    EV(SV_STATUS_WARNING, "Warning", SV_P_V1),
};
const size_t sv_schema_status_count = COUNT_OF(sv_schema_statuses);

sv_job_info sv_schema_type_job_info(sv_session_type type)
{
    /* DESIGN: Policy* types carry backupJobInfo (every PolicyBackup and
     * PolicySnapshot of the seed does), RepositoryCreation carries
     * repositoryJobInfo (seed id 3).  Other types: no evidence. */
    switch (type) {
    case SV_TYPE_POLICY_BACKUP:
    case SV_TYPE_POLICY_SNAPSHOT:
        return SV_INFO_BACKUP;
    case SV_TYPE_REPOSITORY_CREATION:
        return SV_INFO_REPOSITORY;
    case SV_TYPE_OTHER:
    case SV_TYPE_MANUAL_SNAPSHOT:
    case SV_TYPE_LINGERING_SNAPSHOT_RETENTION:
    case SV_TYPE_BACKUP_RETENTION:
    case SV_TYPE_AUTO_BACKUP:
    case SV_TYPE_RESTORE_DISKS:
    case SV_TYPE_FILE_LEVEL_RESTORE:
    case SV_TYPE_OBSOLETE_SNAPSHOT_RETENTION:
    case SV_TYPE_RESTORE_VMS:
    case SV_TYPE_BACKUP_DELETION:
    case SV_TYPE_SNAPSHOT_DELETION:
    case SV_TYPE_REPOSITORY_DELETION:
    case SV_TYPE_REPOSITORY_EDIT:
    case SV_TYPE_MANUAL_SNAPSHOT_DELETION:
    case SV_TYPE_INVALID_SNAPSHOT_RETENTION:
    case SV_TYPE_ORPHANED_SNAPSHOT_RETENTION:
    case SV_TYPE__COUNT:
        break;
    }
    return SV_INFO_ANY;
}

int sv_schema_status_unfinished(sv_session_status status)
{
    switch (status) {
    case SV_STATUS_RUNNING:
    case SV_STATUS_RUNNING_WITH_ERROR:
    case SV_STATUS_RUNNING_WITH_WARNING:
    case SV_STATUS_CANCELING:
    case SV_STATUS_PENDING:
    case SV_STATUS_NEVER_EXECUTED:
        return 1;
    case SV_STATUS_OTHER:
    case SV_STATUS_CANCELED:
    case SV_STATUS_ERROR:
    case SV_STATUS_SUCCESS:
    case SV_STATUS_WARNING:
    case SV_STATUS__COUNT:
        break;
    }
    return 0;
}

/* Vocabulary of Veeam Backup for AWS (notes 1.3, 1.10), which consumers
 * carry over: Succeeded/Failed statuses and the British "Cancelled". */
static const struct {
    const char *text, *meant, *why;
} status_hints[] = {
    {"Failed", "Error", "\"Failed\" is Veeam Backup for AWS vocabulary"},
    {"Succeeded", "Success",
     "\"Succeeded\" is Veeam Backup for AWS vocabulary"},
    {"Cancelled", "Canceled", "the API spells it with one l"},
};

const char *sv_schema_status_hint(const char *text, size_t len,
                                  const char **why)
{
    for (size_t i = 0; i < COUNT_OF(status_hints); i++)
        if (strlen(status_hints[i].text) == len &&
            memcmp(status_hints[i].text, text, len) == 0) {
            *why = status_hints[i].why;
            return status_hints[i].meant;
        }
    return NULL;
}
