/*
 * schema.c - the jobSessions contract of API v1 and of API v8.1, as tables.
 *
 * Evidence for every choice is in a comment beside it.  "seed" is the
 * vendor page this project implements (shared/seed/000_7af12e6d6b2ab3f5.txt,
 * = helpcenter.veeam.com/archive/vbazure/10/rest/getting_sessions.html);
 * "notes x.y" is a section of shared/API-NOTES.md, which names its sources;
 * "spec X" is components.schemas.X of the v8.1 OpenAPI document
 * (shared/vendor/vbaz_rest_v8.1.jobSessions.json, notes 1.1).
 *
 * Profiles.  One set of tables serves both contracts: a member lists the
 * profiles it belongs to (V1, V8, V18 = both) and its flags per profile
 * (F18(v1 flags, v8 flags)); an enum value lists its profiles too.  A
 * member whose JSON type or range differs between the two gets two
 * entries with disjoint profiles (repositoryId: integer in v1, string in
 * v8.1; the int32 counts of v8.1).  Those v8.1-only entries, and the
 * members only v8.1 has, come after the v1 members of each table: the
 * lookup tries "the member after the last one" first, and the default
 * profile keeps its documented order that way.  The JSON Schema export
 * (schema/export_main.c) walks these same tables.
 */
#include "schema.h"

#include <stddef.h>
#include <string.h>

#define NAME(s) .name = s, .name_len = sizeof(s) - 1
#define V1 .profiles = SV_P_V1
#define V8 .profiles = SV_P_V8
#define V18 .profiles = (SV_P_V1 | SV_P_V8)
#define REQ SV_M_REQUIRED
#define NUL SV_M_NULLABLE
#define UNF SV_M_UNFINISHED
/* flags of a v1-only member, of a v8-only member, of a member of both */
#define F1(x) .flags = {[SV_API_V1] = (x)}
#define F8(x) .flags = {[SV_API_V8] = (x)}
#define F18(a, b) .flags = {[SV_API_V1] = (a), [SV_API_V8] = (b)}
#define AT(type, field) .offset = offsetof(type, field)
#define U63 .min = 0, .max = INT64_MAX
#define I64 .min = INT64_MIN, .max = INT64_MAX
/* v8.1 "format: int32"; counts stay non-negative as in v1 (DESIGN) */
#define U31 .min = 0, .max = INT32_MAX
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OBJECT(var, label, rec, is_open)                                     \
    static const sv_object var = {label, var##_members,                      \
                                  (uint8_t)COUNT_OF(var##_members), rec,    \
                                  is_open, NULL}
/* an object whose other keys all take the member `any` (a dictionary) */
#define MAP(var, label, any)                                                 \
    static const sv_object var = {label, var##_members,                      \
                                  (uint8_t)COUNT_OF(var##_members),          \
                                  SV_REC_NONE, 0, any}

/* ---------------------------------------------------------------- links */

/* v8.1: _links is a LinksDictionary, "additionalProperties": LinkHAL, and
 * LinkHAL is {href: string(uri), nullable}, additionalProperties false
 * (spec LinksDictionary, LinkHAL; PageOfJobSession._links inlines the
 * same dictionary).  Any key is a link: "self" and "log" keep their
 * entries below (they feed the link checks), every other key takes
 * link_hal_value.  The uri is held to what every href of the vendor's
 * examples is, an absolute http(s) URL. */
static const sv_member link_hal_members[] = {
    {NAME("href"), .types = SV_J_STRING, F8(NUL), .format = SV_F_URL, V8},
};
OBJECT(link_hal, "link", SV_REC_NONE, 0);

/* LinkHAL itself is not nullable: a null dictionary value is an error. */
static const sv_member link_hal_value = {
    NAME(""), .types = SV_J_OBJECT, .child = &link_hal, V8};

/* v1: _links is a "Dictionary of string [key] and Object [value]" (seed);
 * every example has {self: {href}} on a page and {self, log} on a
 * session, each href absolute (the page's self link even carries an
 * explicit :443). */
static const sv_member session_self_link_members[] = {
    {NAME("href"), .types = SV_J_STRING, F18(REQ, NUL), .format = SV_F_URL,
     .store = SV_S_STR, .slot = SV_SLOT_SELF_HREF,
     AT(sv_session, self_href), V18},
};
OBJECT(session_self_link, "link", SV_REC_NONE, 0);

static const sv_member session_log_link_members[] = {
    {NAME("href"), .types = SV_J_STRING, F18(REQ, NUL), .format = SV_F_URL,
     .store = SV_S_STR, .slot = SV_SLOT_LOG_HREF, AT(sv_session, log_href),
     V18},
};
OBJECT(session_log_link, "link", SV_REC_NONE, 0);

static const sv_member session_links_members[] = {
    {NAME("self"), .types = SV_J_OBJECT, F18(REQ, 0),
     .child = &session_self_link, V18},
    {NAME("log"), .types = SV_J_OBJECT, F18(REQ, 0),
     .child = &session_log_link, V18},
};
MAP(session_links, "_links", &link_hal_value);

static const sv_member page_self_link_members[] = {
    {NAME("href"), .types = SV_J_STRING, F18(REQ, NUL), .format = SV_F_URL,
     .store = SV_S_STR, .slot = SV_SLOT_PAGE_SELF_HREF,
     AT(sv_page, self_href), V18},
};
OBJECT(page_self_link, "link", SV_REC_NONE, 0);

static const sv_member page_links_members[] = {
    {NAME("self"), .types = SV_J_OBJECT, F18(REQ, 0),
     .child = &page_self_link, V18},
};
MAP(page_links, "_links", &link_hal_value);

/* ------------------------------------------------------------ job infos */

/* BackupJobInfo: the seed's table and every Policy* example carry all four
 * members; nothing is documented as optional or nullable in v1.  v8.1
 * (spec BackupJobInfo, PolicyType): policyId and policyName nullable,
 * protectedInstancesCount int32, + policyType; nothing required. */
static const sv_member backup_members[] = {
    {NAME("policyId"), .types = SV_J_STRING, F18(REQ, NUL),
     .format = SV_F_UUID, .store = SV_S_STR,
     AT(sv_session, backup_job_info.policy_id), V18},
    {NAME("policyName"), .types = SV_J_STRING, F18(REQ, NUL),
     .store = SV_S_STR, AT(sv_session, backup_job_info.policy_name), V18},
    {NAME("protectedInstancesCount"), .types = SV_J_INT, F1(REQ),
     .store = SV_S_INT,
     AT(sv_session, backup_job_info.protected_instances_count), U63, V1},
    {NAME("policyRemoved"), .types = SV_J_BOOL, F18(REQ, 0),
     .store = SV_S_BOOL, AT(sv_session, backup_job_info.policy_removed),
     V18},
    /* v8.1 only */
    {NAME("policyType"), .types = SV_J_STRING, F8(0),
     .format = SV_F_POLICY_TYPE, .store = SV_S_STR,
     AT(sv_session, backup_job_info.policy_type), V8},
    {NAME("protectedInstancesCount"), .types = SV_J_INT, F8(0),
     .store = SV_S_INT,
     AT(sv_session, backup_job_info.protected_instances_count), U31, V8},
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
 * hence nullable; items is of type RecoveryItem, not documented as array.
 * v8.1 (spec RestoreJobInfo): {reason, backupPolicyDisplayName}, both
 * nullable, no items; the object itself is not nullable there. */
static const sv_member restore_members[] = {
    {NAME("reason"), .types = SV_J_STRING, F18(REQ | NUL, NUL),
     .store = SV_S_STR, AT(sv_session, restore_job_info.reason), V18},
    {NAME("items"), .types = SV_J_OBJECT | SV_J_ARRAY, F1(NUL),
     .store = SV_S_COUNT, AT(sv_session, restore_job_info.items),
     .child = &recovery_item, V1},
    /* v8.1 only */
    {NAME("backupPolicyDisplayName"), .types = SV_J_STRING, F8(NUL),
     .store = SV_S_STR,
     AT(sv_session, restore_job_info.backup_policy_display_name), V8},
};
OBJECT(restore, "restoreJobInfo", SV_REC_NONE, 0);

/* FlrLink: {url, thumbprint}, lower-case "url" (notes 1.4, v8.1 spec's
 * FlrLink and consumers' models).  v8.1: both nullable; url has no format
 * there, its description says what it is (a URL to open in a browser), so
 * it keeps the v1 check. */
static const sv_member flr_link_members[] = {
    {NAME("url"), .types = SV_J_STRING, F18(REQ, NUL), .format = SV_F_URL,
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.flr_url), V18},
    {NAME("thumbprint"), .types = SV_J_STRING, F18(REQ, NUL),
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.flr_thumbprint), V18},
};
OBJECT(flr_link, "flrLink", SV_REC_NONE, 0);

/* FileLevelRestoreJobInfo.  v8.1 (spec FileLevelRestoreJobInfo, FlrLink):
 * every string nullable, flrLink nullable, + initiator, vmName,
 * backupPolicyDisplayName, restorePointCreatedDateUtc (date-time),
 * isFlrSessionReady (boolean). */
static const sv_member flr_members[] = {
    {NAME("reason"), .types = SV_J_STRING, F18(REQ | NUL, NUL),
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.reason), V18},
    {NAME("flrLink"), .types = SV_J_OBJECT, F18(REQ, NUL),
     .store = SV_S_PRESENT,
     AT(sv_session, file_level_restore_job_info.has_flr_link),
     .child = &flr_link, V18},
    {NAME("vmId"), .types = SV_J_STRING, F18(REQ, NUL), .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.vm_id), V18},
    /* v8.1 only */
    {NAME("initiator"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.initiator), V8},
    {NAME("vmName"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.vm_name), V8},
    {NAME("backupPolicyDisplayName"), .types = SV_J_STRING, F8(NUL),
     .store = SV_S_STR,
     AT(sv_session, file_level_restore_job_info.backup_policy_display_name),
     V8},
    {NAME("restorePointCreatedDateUtc"), .types = SV_J_STRING, F8(NUL),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     AT(sv_session,
        file_level_restore_job_info.restore_point_created_date_utc),
     V8},
    {NAME("isFlrSessionReady"), .types = SV_J_BOOL, F8(0),
     .store = SV_S_BOOL,
     AT(sv_session, file_level_restore_job_info.is_flr_session_ready), V8},
};
OBJECT(flr, "fileLevelRestoreJobInfo", SV_REC_NONE, 0);

/* RepositoryJobInfo: repositoryId is an integer in v1 (seed: 1); it became
 * a string in v8.1 (notes 1.4, spec RepositoryJobInfo), hence two entries;
 * v8.1 makes the strings nullable. */
static const sv_member repository_members[] = {
    {NAME("repositoryId"), .types = SV_J_INT, F1(REQ),
     .store = SV_S_INT,
     AT(sv_session, repository_job_info.repository_id), I64, V1},
    {NAME("repositoryName"), .types = SV_J_STRING, F18(REQ, NUL),
     .store = SV_S_STR,
     AT(sv_session, repository_job_info.repository_name), V18},
    {NAME("repositoryRemoved"), .types = SV_J_BOOL, F18(REQ, 0),
     .store = SV_S_BOOL,
     AT(sv_session, repository_job_info.repository_removed), V18},
    /* v8.1 only */
    {NAME("repositoryId"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     AT(sv_session, repository_job_info.repository_id_text), V8},
};
OBJECT(repository, "repositoryJobInfo", SV_REC_NONE, 0);

/* HealthCheckJobInfo (spec): none of its members is nullable, the object
 * is. */
static const sv_member health_check_members[] = {
    {NAME("policyId"), .types = SV_J_STRING, F8(0), .format = SV_F_UUID,
     .store = SV_S_STR, AT(sv_session, health_check_job_info.policy_id), V8},
    {NAME("policyName"), .types = SV_J_STRING, F8(0), .store = SV_S_STR,
     AT(sv_session, health_check_job_info.policy_name), V8},
    {NAME("checkedInstancesCount"), .types = SV_J_INT, F8(0),
     .store = SV_S_INT,
     AT(sv_session, health_check_job_info.checked_instances_count), U31, V8},
    {NAME("policyRemoved"), .types = SV_J_BOOL, F8(0), .store = SV_S_BOOL,
     AT(sv_session, health_check_job_info.policy_removed), V8},
};
OBJECT(health_check, "healthCheckJobInfo", SV_REC_NONE, 0);

/* RetentionJobInfo (spec): {deletedRestorePointsCount int32}. */
static const sv_member retention_members[] = {
    {NAME("deletedRestorePointsCount"), .types = SV_J_INT, F8(0),
     .store = SV_S_INT,
     AT(sv_session, retention_job_info.deleted_restore_points_count), U31,
     V8},
};
OBJECT(retention, "retentionJobInfo", SV_REC_NONE, 0);

/* RestorePointDataRetrievalJobInfo (spec, DataRetrievalPriority). */
#define RPDR(f) AT(sv_session, restore_point_data_retrieval_job_info.f)
static const sv_member data_retrieval_members[] = {
    {NAME("restorePointId"), .types = SV_J_STRING, F8(NUL),
     .format = SV_F_UUID, .store = SV_S_STR, RPDR(restore_point_id), V8},
    {NAME("sqlRestorePointId"), .types = SV_J_STRING, F8(NUL),
     .format = SV_F_UUID, .store = SV_S_STR, RPDR(sql_restore_point_id), V8},
    {NAME("cosmosDbRestorePointId"), .types = SV_J_STRING, F8(NUL),
     .format = SV_F_UUID, .store = SV_S_STR,
     RPDR(cosmos_db_restore_point_id), V8},
    {NAME("initiator"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     RPDR(initiator), V8},
    {NAME("instanceName"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     RPDR(instance_name), V8},
    /* "number of days to keep restore points": non-negative */
    {NAME("daysToKeep"), .types = SV_J_INT, F8(0), .store = SV_S_INT,
     RPDR(days_to_keep), U31, V8},
    {NAME("dataRetrievalPriority"), .types = SV_J_STRING, F8(0),
     .format = SV_F_PRIORITY, .store = SV_S_STR,
     RPDR(data_retrieval_priority), V8},
};
#undef RPDR
OBJECT(data_retrieval, "restorePointDataRetrievalJobInfo", SV_REC_NONE, 0);

/* FileShareFileLevelRestoreJobInfo (spec): every member nullable; its
 * flrLink is an FlrLink, stored in this job info's own fields. */
#define FSFLR(f) AT(sv_session, file_share_file_level_restore_job_info.f)
static const sv_member fs_flr_link_members[] = {
    {NAME("url"), .types = SV_J_STRING, F8(NUL), .format = SV_F_URL,
     .store = SV_S_STR, FSFLR(flr_url), V8},
    {NAME("thumbprint"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     FSFLR(flr_thumbprint), V8},
};
OBJECT(fs_flr_link, "flrLink", SV_REC_NONE, 0);

static const sv_member fs_flr_members[] = {
    {NAME("initiator"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     FSFLR(initiator), V8},
    {NAME("reason"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     FSFLR(reason), V8},
    {NAME("flrLink"), .types = SV_J_OBJECT, F8(NUL), .store = SV_S_PRESENT,
     FSFLR(has_flr_link), .child = &fs_flr_link, V8},
    {NAME("fileShareId"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     FSFLR(file_share_id), V8},
    {NAME("fileShareName"), .types = SV_J_STRING, F8(NUL), .store = SV_S_STR,
     FSFLR(file_share_name), V8},
    {NAME("backupPolicyDisplayName"), .types = SV_J_STRING, F8(NUL),
     .store = SV_S_STR, FSFLR(backup_policy_display_name), V8},
    {NAME("restorePointCreatedDateUtc"), .types = SV_J_STRING, F8(NUL),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     FSFLR(restore_point_created_date_utc), V8},
};
#undef FSFLR
OBJECT(fs_flr, "fileShareFileLevelRestoreJobInfo", SV_REC_NONE, 0);

/* -------------------------------------------------------------- session */

/* The member order is the seed's, so the lookup's "next member" guess hits
 * on real payloads.  v8.1 (spec JobSession): only status is required;
 * every scalar but type and status is nullable, and so are the job infos
 * (except restoreJobInfo) and _links; no usn. */
static const sv_member session_members[] = {
    /* "14" in the seed; v2 on uses UUIDs (notes 1.4): only non-empty.
     * v8.1 allows null; an empty string identifies nothing in either. */
    {NAME("id"), .types = SV_J_STRING, F18(REQ, NUL),
     .format = SV_F_NONEMPTY, .store = SV_S_STR, .slot = SV_SLOT_ID,
     AT(sv_session, id), V18},
    {NAME("type"), .types = SV_J_STRING, F18(REQ, 0), .format = SV_F_TYPE,
     .store = SV_S_TYPE, .slot = SV_SLOT_TYPE, AT(sv_session, type), V18},
    {NAME("localizedType"), .types = SV_J_STRING, F18(REQ, NUL),
     .store = SV_S_STR, AT(sv_session, localized_type), V18},
    {NAME("executionStartTime"), .types = SV_J_STRING, F18(REQ, NUL),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME, .slot = SV_SLOT_START,
     AT(sv_session, execution_start_time), V18},
    /* Null or absent while the session runs (notes 1.8, DESIGN); v8.1
     * says only "nullable", for any status. */
    {NAME("executionStopTime"), .types = SV_J_STRING, F18(UNF, NUL),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME, .slot = SV_SLOT_STOP,
     AT(sv_session, execution_stop_time), V18},
    {NAME("executionDuration"), .types = SV_J_STRING, F18(UNF, NUL),
     .format = SV_F_DURATION, .store = SV_S_DURATION,
     .slot = SV_SLOT_DURATION, AT(sv_session, execution_duration), V18},
    {NAME("status"), .types = SV_J_STRING, F18(REQ, REQ),
     .format = SV_F_STATUS, .store = SV_S_STATUS, .slot = SV_SLOT_STATUS,
     AT(sv_session, status), V18},
    /* "version of the backup policy ... used by platform services"
     * (by-id page, notes 1.4); non-negative int64.  Absent from v8.1's
     * JobSession (notes 1.4). */
    {NAME("usn"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     AT(sv_session, usn), U63, V1},
    {NAME("backupJobInfo"), .types = SV_J_OBJECT, F18(0, NUL),
     .store = SV_S_PRESENT, .slot = SV_SLOT_BACKUP,
     AT(sv_session, backup_job_info.present), .child = &backup, V18},
    {NAME("restoreJobInfo"), .types = SV_J_OBJECT, F18(0, 0),
     .store = SV_S_PRESENT, .slot = SV_SLOT_RESTORE,
     AT(sv_session, restore_job_info.present), .child = &restore, V18},
    {NAME("fileLevelRestoreJobInfo"), .types = SV_J_OBJECT, F18(0, NUL),
     .store = SV_S_PRESENT, .slot = SV_SLOT_FLR,
     AT(sv_session, file_level_restore_job_info.present), .child = &flr,
     V18},
    {NAME("repositoryJobInfo"), .types = SV_J_OBJECT, F18(0, NUL),
     .store = SV_S_PRESENT, .slot = SV_SLOT_REPOSITORY,
     AT(sv_session, repository_job_info.present), .child = &repository,
     V18},
    {NAME("_links"), .types = SV_J_OBJECT, F18(REQ, NUL),
     .slot = SV_SLOT_LINKS, .child = &session_links, V18},
    /* v8.1 only, in the spec's order */
    {NAME("healthCheckJobInfo"), .types = SV_J_OBJECT, F8(NUL),
     .store = SV_S_PRESENT, AT(sv_session, health_check_job_info.present),
     .child = &health_check, V8},
    {NAME("fileShareFileLevelRestoreJobInfo"), .types = SV_J_OBJECT,
     F8(NUL), .store = SV_S_PRESENT,
     AT(sv_session, file_share_file_level_restore_job_info.present),
     .child = &fs_flr, V8},
    {NAME("restorePointDataRetrievalJobInfo"), .types = SV_J_OBJECT,
     F8(NUL), .store = SV_S_PRESENT,
     AT(sv_session, restore_point_data_retrieval_job_info.present),
     .child = &data_retrieval, V8},
    {NAME("retentionJobInfo"), .types = SV_J_OBJECT, F8(NUL),
     .store = SV_S_PRESENT, AT(sv_session, retention_job_info.present),
     .child = &retention, V8},
};
OBJECT(session, "session", SV_REC_SESSION, 0);

/* ----------------------------------------------------------------- page */

/* offset, limit, totalCount: "integer" (seed), non-negative.  v8.1 (spec
 * PageOfJobSession): offset and limit required, int32; totalCount int32
 * and nullable; results and _links optional.  The envelope echoes the
 * query's Offset (minimum 0) and Limit (minimum -1, notes 1.6). */
static const sv_member page_members[] = {
    {NAME("offset"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_PAGE_OFFSET, AT(sv_page, page_offset), U63, V1},
    {NAME("limit"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_LIMIT, AT(sv_page, limit), U63, V1},
    {NAME("totalCount"), .types = SV_J_INT, F1(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_TOTAL, AT(sv_page, total_count), U63, V1},
    {NAME("results"), .types = SV_J_ARRAY, F18(REQ, 0), .store = SV_S_COUNT,
     .slot = SV_SLOT_RESULTS, AT(sv_page, results), .child = &session, V18},
    {NAME("_links"), .types = SV_J_OBJECT, F18(REQ, 0),
     .child = &page_links, V18},
    /* v8.1 only: int32 ranges */
    {NAME("offset"), .types = SV_J_INT, F8(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_PAGE_OFFSET, AT(sv_page, page_offset), U31, V8},
    {NAME("limit"), .types = SV_J_INT, F8(REQ), .store = SV_S_INT,
     .slot = SV_SLOT_LIMIT, AT(sv_page, limit), .min = -1,
     .max = INT32_MAX, V8},
    {NAME("totalCount"), .types = SV_J_INT, F8(NUL), .store = SV_S_INT,
     .slot = SV_SLOT_TOTAL, AT(sv_page, total_count), U31, V8},
};
OBJECT(page, "page", SV_REC_PAGE, 0);

/* ------------------------------------------------------------------ log */

/* GET /api/v1/jobSessions/{id}/log (notes 1.7): every example item has all
 * five members, none null.  v8.1 (spec LogItem): nothing required, all
 * but logTime and status nullable, + resourceHashId. */
static const sv_member log_entry_members[] = {
    {NAME("logTime"), .types = SV_J_STRING, F18(REQ, 0),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     AT(sv_log_entry, log_time), V18},
    {NAME("status"), .types = SV_J_STRING, F18(REQ, 0),
     .format = SV_F_STATUS, .store = SV_S_STATUS, AT(sv_log_entry, status),
     V18},
    {NAME("message"), .types = SV_J_STRING, F18(REQ, NUL), .store = SV_S_STR,
     AT(sv_log_entry, message), V18},
    {NAME("executionStartTime"), .types = SV_J_STRING, F18(REQ, NUL),
     .format = SV_F_TIMESTAMP, .store = SV_S_TIME,
     .slot = SV_SLOT_ENTRY_START, AT(sv_log_entry, execution_start_time),
     V18},
    {NAME("executionDuration"), .types = SV_J_STRING, F18(REQ, NUL),
     .format = SV_F_DURATION, .store = SV_S_DURATION,
     .slot = SV_SLOT_ENTRY_DURATION, AT(sv_log_entry, execution_duration),
     V18},
    /* v8.1 only */
    {NAME("resourceHashId"), .types = SV_J_STRING, F8(NUL),
     .store = SV_S_STR, AT(sv_log_entry, resource_hash_id), V8},
};
OBJECT(log_entry, "log entry", SV_REC_LOG_ENTRY, 0);

/* v8.1 (spec JobSessionLog): both members optional and nullable. */
static const sv_member log_doc_members[] = {
    {NAME("jobSessionId"), .types = SV_J_STRING, F18(REQ, NUL),
     .format = SV_F_NONEMPTY, .store = SV_S_STR,
     AT(sv_log_doc, job_session_id), V18},
    {NAME("log"), .types = SV_J_ARRAY, F18(REQ, NUL), .store = SV_S_COUNT,
     AT(sv_log_doc, entries), .child = &log_entry, V18},
};
OBJECT(log_doc, "log", SV_REC_LOG, 0);

/* -------------------------------------------------------------- problem */

/* RFC 7807 bodies (notes 1.8: ProblemDetails400..429 of v8.1).  Recognised
 * so that a captured 401 is reported as what it is; extension members are
 * allowed by the RFC, so the object is open beyond these.  The members are
 * the union of the status codes' bodies (spec ProblemDetails400: errors,
 * traceId; 401: extensions; 403: extensions,
 * licenseAgreementAcceptanceRequired; 404: instance, traceId); v8.1 makes
 * every string nullable. */
static const sv_member problem_members[] = {
    {NAME("type"), .types = SV_J_STRING, F18(0, NUL), .store = SV_S_STR,
     .slot = SV_SLOT_PROBLEM_TYPE, AT(sv_problem, type), V18},
    {NAME("title"), .types = SV_J_STRING, F18(0, NUL), .store = SV_S_STR,
     .slot = SV_SLOT_PROBLEM_TITLE, AT(sv_problem, title), V18},
    {NAME("status"), .types = SV_J_INT, .store = SV_S_INT,
     .slot = SV_SLOT_PROBLEM_STATUS, AT(sv_problem, status), I64, V18},
    {NAME("detail"), .types = SV_J_STRING, F18(NUL, NUL), .store = SV_S_STR,
     .slot = SV_SLOT_PROBLEM_DETAIL, AT(sv_problem, detail), V18},
    {NAME("traceId"), .types = SV_J_STRING, F18(NUL, NUL), .store = SV_S_STR,
     AT(sv_problem, trace_id), V18},
    {NAME("instance"), .types = SV_J_STRING, F18(NUL, NUL), V18},
    {NAME("errors"), .types = SV_J_OBJECT, F18(NUL, NUL),
     .child = &recovery_item, V18},
    {NAME("extensions"), .types = SV_J_OBJECT, F18(NUL, NUL),
     .child = &recovery_item, V18},
    /* v8.1 only (ProblemDetails403) */
    {NAME("licenseAgreementAcceptanceRequired"), .types = SV_J_BOOL,
     F8(NUL), V8},
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
#define P18 (SV_P_V1 | SV_P_V8)

/* Session types accepted by the v1 contract: those of the vendor's v1
 * examples (seed: PolicyBackup, PolicySnapshot, ManualSnapshot,
 * RepositoryCreation, LingeringSnapshotRetention; by-id page:
 * BackupRetention) plus the v2/v3 JobSessionV2/V3 enum (notes 1.2), since
 * no v1 table exists and the v1 servers evolved into v2.  v8.1 (spec
 * JobSessionType, 63 values): all of those but LingeringSnapshotRetention
 * (renamed, notes 1.2) and AutoBackup (gone), and 47 more. */
const sv_enum_value sv_schema_types[] = {
    EV(SV_TYPE_POLICY_BACKUP, "PolicyBackup", P18),
    EV(SV_TYPE_POLICY_SNAPSHOT, "PolicySnapshot", P18),
    EV(SV_TYPE_MANUAL_SNAPSHOT, "ManualSnapshot", P18),
    EV(SV_TYPE_REPOSITORY_CREATION, "RepositoryCreation", P18),
    EV(SV_TYPE_LINGERING_SNAPSHOT_RETENTION, "LingeringSnapshotRetention",
       SV_P_V1),
    EV(SV_TYPE_BACKUP_RETENTION, "BackupRetention", P18),
    EV(SV_TYPE_AUTO_BACKUP, "AutoBackup", SV_P_V1),
    EV(SV_TYPE_RESTORE_DISKS, "RestoreDisks", P18),
    EV(SV_TYPE_FILE_LEVEL_RESTORE, "FileLevelRestore", P18),
    EV(SV_TYPE_OBSOLETE_SNAPSHOT_RETENTION, "ObsoleteSnapshotRetention",
       P18),
    EV(SV_TYPE_RESTORE_VMS, "RestoreVms", P18),
    EV(SV_TYPE_BACKUP_DELETION, "BackupDeletion", P18),
    EV(SV_TYPE_SNAPSHOT_DELETION, "SnapshotDeletion", P18),
    EV(SV_TYPE_REPOSITORY_DELETION, "RepositoryDeletion", P18),
    EV(SV_TYPE_REPOSITORY_EDIT, "RepositoryEdit", P18),
    EV(SV_TYPE_MANUAL_SNAPSHOT_DELETION, "ManualSnapshotDeletion", P18),
    EV(SV_TYPE_INVALID_SNAPSHOT_RETENTION, "InvalidSnapshotRetention", P18),
    EV(SV_TYPE_ORPHANED_SNAPSHOT_RETENTION, "OrphanedSnapshotRetention",
       P18),
    /* v8.1 only, in the spec's order */
    EV(SV_TYPE_SNAPSHOT_BACKUP, "SnapshotBackup", SV_P_V8),
    EV(SV_TYPE_SQL_POLICY_BACKUP, "SqlPolicyBackup", SV_P_V8),
    EV(SV_TYPE_SQL_MANUAL_BACKUP, "SqlManualBackup", SV_P_V8),
    EV(SV_TYPE_SQL_RESTORE, "SqlRestore", SV_P_V8),
    EV(SV_TYPE_RESTORE_POINT_DATA_RETRIEVAL, "RestorePointDataRetrieval",
       SV_P_V8),
    EV(SV_TYPE_SQL_RESTORE_POINT_DATA_RETRIEVAL,
       "SqlRestorePointDataRetrieval", SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_POLICY_SNAPSHOT, "FileSharePolicySnapshot",
       SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_MANUAL_SNAPSHOT, "FileShareManualSnapshot",
       SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_RESTORE, "FileShareRestore", SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_FILE_RESTORE, "FileShareFileRestore", SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_INDEXING, "FileShareIndexing", SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_SNAPSHOT_RETENTION, "FileShareSnapshotRetention",
       SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_SNAPSHOT_DELETION, "FileShareSnapshotDeletion",
       SV_P_V8),
    EV(SV_TYPE_FILE_SHARE_MANUAL_SNAPSHOT_DELETION,
       "FileShareManualSnapshotDeletion", SV_P_V8),
    EV(SV_TYPE_CONFIGURATION_BACKUP_MANUAL, "ConfigurationBackupManual",
       SV_P_V8),
    EV(SV_TYPE_CONFIGURATION_BACKUP_SCHEDULED, "ConfigurationBackupScheduled",
       SV_P_V8),
    EV(SV_TYPE_CONFIGURATION_BACKUP_DELETION, "ConfigurationBackupDeletion",
       SV_P_V8),
    EV(SV_TYPE_HEALTH_CHECK, "HealthCheck", SV_P_V8),
    EV(SV_TYPE_CONFIGURATION_BACKUP_DOWNLOAD, "ConfigurationBackupDownload",
       SV_P_V8),
    EV(SV_TYPE_SNAPSHOT_RESCAN, "SnapshotRescan", SV_P_V8),
    EV(SV_TYPE_CONFIGURATION_BACKUP_SYNC, "ConfigurationBackupSync",
       SV_P_V8),
    EV(SV_TYPE_CONFIGURATION_RESTORE_STATUS, "ConfigurationRestoreStatus",
       SV_P_V8),
    EV(SV_TYPE_POLICY_ARCHIVE, "PolicyArchive", SV_P_V8),
    EV(SV_TYPE_SQL_POLICY_ARCHIVE, "SqlPolicyArchive", SV_P_V8),
    EV(SV_TYPE_SQL_BACKUP_DELETION, "SqlBackupDeletion", SV_P_V8),
    EV(SV_TYPE_VNET_POLICY_BACKUP, "VnetPolicyBackup", SV_P_V8),
    EV(SV_TYPE_VNET_FULL_RESTORE, "VnetFullRestore", SV_P_V8),
    EV(SV_TYPE_VNET_GRANULAR_RESTORE, "VnetGranularRestore", SV_P_V8),
    EV(SV_TYPE_VNET_BACKUP_DELETION, "VnetBackupDeletion", SV_P_V8),
    EV(SV_TYPE_VNET_RETENTION, "VnetRetention", SV_P_V8),
    EV(SV_TYPE_VNET_REPOSITORY_IMPORT, "VnetRepositoryImport", SV_P_V8),
    EV(SV_TYPE_VNET_POLICY_BACKUP_TO_REPOSITORY,
       "VnetPolicyBackupToRepository", SV_P_V8),
    EV(SV_TYPE_COSMOS_DB_CONFIGURATION, "CosmosDbConfiguration", SV_P_V8),
    EV(SV_TYPE_COSMOS_DB_RESTORE, "CosmosDbRestore", SV_P_V8),
    EV(SV_TYPE_POSTGRES_DB_POLICY_BACKUP, "PostgresDbPolicyBackup", SV_P_V8),
    EV(SV_TYPE_POSTGRES_DB_POLICY_ARCHIVE, "PostgresDbPolicyArchive",
       SV_P_V8),
    EV(SV_TYPE_POSTGRES_DB_MANUAL_BACKUP, "PostgresDbManualBackup", SV_P_V8),
    EV(SV_TYPE_COSMOS_DB_CONTINUOUS_RETENTION, "CosmosDbContinuousRetention",
       SV_P_V8),
    EV(SV_TYPE_COSMOS_DB_RESTORE_POINT_DATA_RETRIEVAL,
       "CosmosDbRestorePointDataRetrieval", SV_P_V8),
    EV(SV_TYPE_COSMOS_DB_BACKUP_DELETION, "CosmosDbBackupDeletion", SV_P_V8),
    EV(SV_TYPE_INFRASTRUCTURE_RESCAN, "InfrastructureRescan", SV_P_V8),
    EV(SV_TYPE_MONGO_DB_MANUAL_BACKUP, "MongoDbManualBackup", SV_P_V8),
    EV(SV_TYPE_MONGO_DB_POLICY_BACKUP, "MongoDbPolicyBackup", SV_P_V8),
    EV(SV_TYPE_MONGO_DB_POLICY_ARCHIVE, "MongoDbPolicyArchive", SV_P_V8),
    EV(SV_TYPE_COSMOS_DB_CONTINUOUS_BACKUP_DELETION,
       "CosmosDbContinuousBackupDeletion", SV_P_V8),
    EV(SV_TYPE_VM_SNAPSHOT_RETENTION, "VmSnapshotRetention", SV_P_V8),
    EV(SV_TYPE_UNKNOWN, "Unknown", SV_P_V8),
};
const size_t sv_schema_type_count = COUNT_OF(sv_schema_types);

/* Statuses: the seed shows Success and Canceled; the ten values are the
 * v2/v3 list (notes 1.3).  There is no "Failed" for Azure.  v8.1 (spec
 * JobStatus) adds Unknown. */
const sv_enum_value sv_schema_statuses[] = {
    EV(SV_STATUS_CANCELED, "Canceled", P18),
    EV(SV_STATUS_CANCELING, "Canceling", P18),
    EV(SV_STATUS_ERROR, "Error", P18),
    EV(SV_STATUS_NEVER_EXECUTED, "NeverExecuted", P18),
    EV(SV_STATUS_PENDING, "Pending", P18),
    EV(SV_STATUS_RUNNING, "Running", P18),
    EV(SV_STATUS_RUNNING_WITH_ERROR, "RunningWithError", P18),
    EV(SV_STATUS_RUNNING_WITH_WARNING, "RunningWithWarning", P18),
    EV(SV_STATUS_SUCCESS, "Success", P18),
    EV(SV_STATUS_WARNING, "Warning", P18),
    EV(SV_STATUS_UNKNOWN, "Unknown", SV_P_V8),
};
const size_t sv_schema_status_count = COUNT_OF(sv_schema_statuses);

/* v8.1 spec PolicyType and DataRetrievalPriority, in the spec's order; the
 * records keep their text (no public enum constants). */
static const sv_enum_value policy_types[] = {
    EV(1, "VirtualMachines", SV_P_V8), EV(2, "AzureSql", SV_P_V8),
    EV(3, "FileShares", SV_P_V8),      EV(4, "Unknown", SV_P_V8),
    EV(5, "CosmosDb", SV_P_V8),        EV(6, "ProtectionVmPolicy", SV_P_V8),
    EV(7, "Vnet", SV_P_V8),
};

static const sv_enum_value priorities[] = {
    EV(1, "Normal", SV_P_V8),
    EV(2, "High", SV_P_V8),
    EV(3, "Unknown", SV_P_V8),
};

const sv_enum *sv_schema_enum(sv_format format)
{
    static const sv_enum types = {"session type", sv_schema_types,
                                  COUNT_OF(sv_schema_types)};
    static const sv_enum statuses = {"status", sv_schema_statuses,
                                     COUNT_OF(sv_schema_statuses)};
    static const sv_enum policy = {"policy type", policy_types,
                                   COUNT_OF(policy_types)};
    static const sv_enum priority = {"data retrieval priority", priorities,
                                     COUNT_OF(priorities)};
    switch (format) {
    case SV_F_TYPE:
        return &types;
    case SV_F_STATUS:
        return &statuses;
    case SV_F_POLICY_TYPE:
        return &policy;
    case SV_F_PRIORITY:
        return &priority;
    case SV_F_NONE:
    case SV_F_NONEMPTY:
    case SV_F_TIMESTAMP:
    case SV_F_DURATION:
    case SV_F_UUID:
    case SV_F_URL:
        break;
    }
    return NULL;
}

unsigned sv_schema_member_profiles(const sv_object *o, const char *s,
                                   size_t len)
{
    unsigned prof = 0;
    for (size_t i = 0; i < o->count; i++)
        if (o->members[i].name_len == len &&
            memcmp(o->members[i].name, s, len) == 0)
            prof |= o->members[i].profiles;
    return prof;
}

const char *sv_schema_drift_note(unsigned profiles, sv_api api)
{
    if (!profiles || (profiles & (1u << api)))
        return "";
    if (profiles & SV_P_V8)
        return " (API v8.1 has it: --api=v8)";
    return " (API v1 has it, v8.1 does not)";
}

sv_job_info sv_schema_type_job_info(sv_session_type type)
{
    /* DESIGN: Policy* types carry backupJobInfo (every PolicyBackup and
     * PolicySnapshot of the seed does), RepositoryCreation carries
     * repositoryJobInfo (seed id 3).  Other types: no evidence, the v8.1
     * ones included (the spec says which job infos exist, not which type
     * carries which). */
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
    case SV_TYPE_SNAPSHOT_BACKUP:
    case SV_TYPE_SQL_POLICY_BACKUP:
    case SV_TYPE_SQL_MANUAL_BACKUP:
    case SV_TYPE_SQL_RESTORE:
    case SV_TYPE_RESTORE_POINT_DATA_RETRIEVAL:
    case SV_TYPE_SQL_RESTORE_POINT_DATA_RETRIEVAL:
    case SV_TYPE_FILE_SHARE_POLICY_SNAPSHOT:
    case SV_TYPE_FILE_SHARE_MANUAL_SNAPSHOT:
    case SV_TYPE_FILE_SHARE_RESTORE:
    case SV_TYPE_FILE_SHARE_FILE_RESTORE:
    case SV_TYPE_FILE_SHARE_INDEXING:
    case SV_TYPE_FILE_SHARE_SNAPSHOT_RETENTION:
    case SV_TYPE_FILE_SHARE_SNAPSHOT_DELETION:
    case SV_TYPE_FILE_SHARE_MANUAL_SNAPSHOT_DELETION:
    case SV_TYPE_CONFIGURATION_BACKUP_MANUAL:
    case SV_TYPE_CONFIGURATION_BACKUP_SCHEDULED:
    case SV_TYPE_CONFIGURATION_BACKUP_DELETION:
    case SV_TYPE_HEALTH_CHECK:
    case SV_TYPE_CONFIGURATION_BACKUP_DOWNLOAD:
    case SV_TYPE_SNAPSHOT_RESCAN:
    case SV_TYPE_CONFIGURATION_BACKUP_SYNC:
    case SV_TYPE_CONFIGURATION_RESTORE_STATUS:
    case SV_TYPE_POLICY_ARCHIVE:
    case SV_TYPE_SQL_POLICY_ARCHIVE:
    case SV_TYPE_SQL_BACKUP_DELETION:
    case SV_TYPE_VNET_POLICY_BACKUP:
    case SV_TYPE_VNET_FULL_RESTORE:
    case SV_TYPE_VNET_GRANULAR_RESTORE:
    case SV_TYPE_VNET_BACKUP_DELETION:
    case SV_TYPE_VNET_RETENTION:
    case SV_TYPE_VNET_REPOSITORY_IMPORT:
    case SV_TYPE_VNET_POLICY_BACKUP_TO_REPOSITORY:
    case SV_TYPE_COSMOS_DB_CONFIGURATION:
    case SV_TYPE_COSMOS_DB_RESTORE:
    case SV_TYPE_POSTGRES_DB_POLICY_BACKUP:
    case SV_TYPE_POSTGRES_DB_POLICY_ARCHIVE:
    case SV_TYPE_POSTGRES_DB_MANUAL_BACKUP:
    case SV_TYPE_COSMOS_DB_CONTINUOUS_RETENTION:
    case SV_TYPE_COSMOS_DB_RESTORE_POINT_DATA_RETRIEVAL:
    case SV_TYPE_COSMOS_DB_BACKUP_DELETION:
    case SV_TYPE_INFRASTRUCTURE_RESCAN:
    case SV_TYPE_MONGO_DB_MANUAL_BACKUP:
    case SV_TYPE_MONGO_DB_POLICY_BACKUP:
    case SV_TYPE_MONGO_DB_POLICY_ARCHIVE:
    case SV_TYPE_COSMOS_DB_CONTINUOUS_BACKUP_DELETION:
    case SV_TYPE_VM_SNAPSHOT_RETENTION:
    case SV_TYPE_UNKNOWN:
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
    /* v8.1's Unknown says nothing about the session's end; the rule that
     * asks this is v1's, where Unknown is not a status */
    case SV_STATUS_UNKNOWN:
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
