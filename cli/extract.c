/*
 * extract.c - --extract=ndjson|csv: every session record the parser
 * reports, flattened into one row.
 *
 * Columns, in this order (NDJSON members have the same names):
 *   file, document, index, offset, errors, warnings,   where it came from
 *                                                      and how it fared
 *   id, type, localizedType, status,                   as written
 *   executionStartTime, executionStopTime,             RFC 3339 in UTC
 *   executionDuration,                                 as written
 *   executionDurationSeconds,                          the same in seconds
 *   usn,
 *   backupJobInfo_* , restoreJobInfo_*, fileLevelRestoreJobInfo_*,
 *   repositoryJobInfo_*,                               job info members,
 *                                                      prefixed
 *   _links_self_href, _links_log_href
 *   then, when the contract is not v1 (--api=v8 or auto), the members v8.1
 *   adds: backupJobInfo_policyType, ..., healthCheckJobInfo_*,
 *   retentionJobInfo_*, restorePointDataRetrievalJobInfo_*,
 *   fileShareFileLevelRestoreJobInfo_*  (v8.1's string repositoryId goes
 *   in repositoryJobInfo_repositoryId)
 *
 * A member that is absent or null is null in NDJSON and an empty field in
 * CSV; so is a timestamp, duration or number that failed validation (its
 * record has errors > 0), while strings keep the text as written.  CSV
 * follows RFC 4180: a header row, CRLF line ends, fields quoted when they
 * hold a quote, comma, CR or LF, quotes doubled.
 */
#include <inttypes.h>
#include <string.h>

#include "cli.h"

enum col_kind { K_STR, K_RAW, K_INT, K_UINT, K_BOOL };

/* One output value, rendered by the format. */
typedef struct value {
    enum col_kind kind;
    int null;
    const char *s;
    size_t n;
    int64_t i;
    uint64_t u;
} value;

static const char *const columns[] = {
    "file",
    "document",
    "index",
    "offset",
    "errors",
    "warnings",
    "id",
    "type",
    "localizedType",
    "status",
    "executionStartTime",
    "executionStopTime",
    "executionDuration",
    "executionDurationSeconds",
    "usn",
    "backupJobInfo_policyId",
    "backupJobInfo_policyName",
    "backupJobInfo_protectedInstancesCount",
    "backupJobInfo_policyRemoved",
    "restoreJobInfo_reason",
    "restoreJobInfo_items",
    "fileLevelRestoreJobInfo_reason",
    "fileLevelRestoreJobInfo_flrLink_url",
    "fileLevelRestoreJobInfo_flrLink_thumbprint",
    "fileLevelRestoreJobInfo_vmId",
    "repositoryJobInfo_repositoryId",
    "repositoryJobInfo_repositoryName",
    "repositoryJobInfo_repositoryRemoved",
    "_links_self_href",
    "_links_log_href",
};
#define NCOLS (sizeof columns / sizeof columns[0])

static const char *const columns_v8[] = {
    "backupJobInfo_policyType",
    "restoreJobInfo_backupPolicyDisplayName",
    "fileLevelRestoreJobInfo_initiator",
    "fileLevelRestoreJobInfo_vmName",
    "fileLevelRestoreJobInfo_backupPolicyDisplayName",
    "fileLevelRestoreJobInfo_restorePointCreatedDateUtc",
    "fileLevelRestoreJobInfo_isFlrSessionReady",
    "healthCheckJobInfo_policyId",
    "healthCheckJobInfo_policyName",
    "healthCheckJobInfo_checkedInstancesCount",
    "healthCheckJobInfo_policyRemoved",
    "retentionJobInfo_deletedRestorePointsCount",
    "restorePointDataRetrievalJobInfo_restorePointId",
    "restorePointDataRetrievalJobInfo_sqlRestorePointId",
    "restorePointDataRetrievalJobInfo_cosmosDbRestorePointId",
    "restorePointDataRetrievalJobInfo_initiator",
    "restorePointDataRetrievalJobInfo_instanceName",
    "restorePointDataRetrievalJobInfo_daysToKeep",
    "restorePointDataRetrievalJobInfo_dataRetrievalPriority",
    "fileShareFileLevelRestoreJobInfo_initiator",
    "fileShareFileLevelRestoreJobInfo_reason",
    "fileShareFileLevelRestoreJobInfo_flrLink_url",
    "fileShareFileLevelRestoreJobInfo_flrLink_thumbprint",
    "fileShareFileLevelRestoreJobInfo_fileShareId",
    "fileShareFileLevelRestoreJobInfo_fileShareName",
    "fileShareFileLevelRestoreJobInfo_backupPolicyDisplayName",
    "fileShareFileLevelRestoreJobInfo_restorePointCreatedDateUtc",
};
#define NCOLS_V8 (sizeof columns_v8 / sizeof columns_v8[0])

static value v_str(const sv_str *s)
{
    value v = {K_STR, s->ptr == NULL, s->ptr, s->len, 0, 0};
    return v;
}

static value v_cstr(const char *s)
{
    value v = {K_STR, 0, s, strlen(s), 0, 0};
    return v;
}

static value v_uint(uint64_t u)
{
    value v = {K_UINT, 0, NULL, 0, 0, u};
    return v;
}

static value v_int(const sv_int *x)
{
    value v = {K_INT, x->state != SV_VALID, NULL, 0, x->value, 0};
    return v;
}

static value v_count(const sv_count *x)
{
    value v = {K_UINT, x->state != SV_VALID, NULL, 0, 0, x->value};
    return v;
}

static value v_bool(const sv_bool *x)
{
    value v = {K_BOOL, x->state != SV_VALID, NULL, 0, x->value, 0};
    return v;
}

/* Rendered into buf (RAW: the text needs no quoting in either format). */
static value v_time(const sv_time *t, char *buf, size_t n)
{
    value v = {K_STR, 1, NULL, 0, 0, 0};
    if (t->text.state == SV_VALID) {
        size_t k = sv_format_timestamp(&t->value, 1, buf, n);
        if (k > 0 && k < n) {
            v.null = 0;
            v.s = buf;
            v.n = k;
        }
    }
    return v;
}

static value v_seconds(const sv_duration *d, char *buf, size_t n)
{
    value v = {K_RAW, 1, NULL, 0, 0, 0};
    if (d->text.state != SV_VALID)
        return v;
    int64_t t = d->ticks;
    uint64_t a = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
    uint64_t whole = a / 10000000u, frac = a % 10000000u;
    int k = snprintf(buf, n, "%s%" PRIu64, t < 0 ? "-" : "", whole);
    if (frac) {
        char f[8];
        snprintf(f, sizeof f, "%07" PRIu64, frac);
        size_t e = 7;
        while (e > 0 && f[e - 1] == '0')
            e--;
        f[e] = '\0';
        k += snprintf(buf + k, n - (size_t)k, ".%s", f);
    }
    v.null = 0;
    v.s = buf;
    v.n = (size_t)k;
    return v;
}

static void csv_field(FILE *out, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == '"' || s[i] == ',' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        fwrite(s, 1, n, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

static void put(FILE *out, enum extract_format f, const value *v)
{
    if (v->null) {
        if (f == EXTRACT_NDJSON)
            fputs("null", out);
        return;
    }
    switch (v->kind) {
    case K_STR:
        if (f == EXTRACT_NDJSON)
            json_string(out, v->s, v->n);
        else
            csv_field(out, v->s, v->n);
        break;
    case K_RAW:
        fwrite(v->s, 1, v->n, out);
        break;
    case K_INT:
        fprintf(out, "%" PRId64, v->i);
        break;
    case K_UINT:
        fprintf(out, "%" PRIu64, v->u);
        break;
    case K_BOOL:
        fputs(v->i ? "true" : "false", out);
        break;
    }
}

void extract_header(FILE *out, enum extract_format f, int v8)
{
    if (f != EXTRACT_CSV)
        return;
    for (size_t i = 0; i < NCOLS; i++)
        fprintf(out, "%s%s", i ? "," : "", columns[i]);
    for (size_t i = 0; v8 && i < NCOLS_V8; i++)
        fprintf(out, ",%s", columns_v8[i]);
    fputs("\r\n", out);
}

static void row(FILE *out, enum extract_format f, const char *const *names,
                const value *v, size_t n, int first)
{
    for (size_t i = 0; i < n; i++) {
        if (f == EXTRACT_NDJSON)
            fprintf(out, "%s\"%s\":", first && !i ? "" : ",", names[i]);
        else if (!first || i)
            fputc(',', out);
        put(out, f, &v[i]);
    }
}

void extract_session(FILE *out, enum extract_format f, const char *file,
                     const sv_session *s, int v8)
{
    char start[SV_TIMESTAMP_BUFSIZE], stop[SV_TIMESTAMP_BUFSIZE];
    char secs[40];
    const sv_backup_job_info *b = &s->backup_job_info;
    const sv_restore_job_info *rs = &s->restore_job_info;
    const sv_flr_job_info *fl = &s->file_level_restore_job_info;
    const sv_repository_job_info *rp = &s->repository_job_info;
    value v[NCOLS] = {
        v_cstr(file),
        v_uint(s->document),
        v_uint(s->index),
        v_uint(s->offset),
        v_uint(s->errors),
        v_uint(s->warnings),
        v_str(&s->id),
        v_str(&s->type.text),
        v_str(&s->localized_type),
        v_str(&s->status.text),
        v_time(&s->execution_start_time, start, sizeof start),
        v_time(&s->execution_stop_time, stop, sizeof stop),
        v_str(&s->execution_duration.text),
        v_seconds(&s->execution_duration, secs, sizeof secs),
        v_int(&s->usn),
        v_str(&b->policy_id),
        v_str(&b->policy_name),
        v_int(&b->protected_instances_count),
        v_bool(&b->policy_removed),
        v_str(&rs->reason),
        v_count(&rs->items),
        v_str(&fl->reason),
        v_str(&fl->flr_url),
        v_str(&fl->flr_thumbprint),
        v_str(&fl->vm_id),
        rp->repository_id_text.ptr ? v_str(&rp->repository_id_text)
                                   : v_int(&rp->repository_id),
        v_str(&rp->repository_name),
        v_bool(&rp->repository_removed),
        v_str(&s->self_href),
        v_str(&s->log_href),
    };
    _Static_assert(sizeof v / sizeof v[0] == NCOLS, "one value per column");
    if (f == EXTRACT_NDJSON)
        fputc('{', out);
    row(out, f, columns, v, NCOLS, 1);
    if (v8) {
        char t1[SV_TIMESTAMP_BUFSIZE], t2[SV_TIMESTAMP_BUFSIZE];
        const sv_health_check_job_info *h = &s->health_check_job_info;
        const sv_data_retrieval_job_info *d =
            &s->restore_point_data_retrieval_job_info;
        const sv_file_share_flr_job_info *fs =
            &s->file_share_file_level_restore_job_info;
        value w[NCOLS_V8] = {
            v_str(&b->policy_type),
            v_str(&rs->backup_policy_display_name),
            v_str(&fl->initiator),
            v_str(&fl->vm_name),
            v_str(&fl->backup_policy_display_name),
            v_time(&fl->restore_point_created_date_utc, t1, sizeof t1),
            v_bool(&fl->is_flr_session_ready),
            v_str(&h->policy_id),
            v_str(&h->policy_name),
            v_int(&h->checked_instances_count),
            v_bool(&h->policy_removed),
            v_int(&s->retention_job_info.deleted_restore_points_count),
            v_str(&d->restore_point_id),
            v_str(&d->sql_restore_point_id),
            v_str(&d->cosmos_db_restore_point_id),
            v_str(&d->initiator),
            v_str(&d->instance_name),
            v_int(&d->days_to_keep),
            v_str(&d->data_retrieval_priority),
            v_str(&fs->initiator),
            v_str(&fs->reason),
            v_str(&fs->flr_url),
            v_str(&fs->flr_thumbprint),
            v_str(&fs->file_share_id),
            v_str(&fs->file_share_name),
            v_str(&fs->backup_policy_display_name),
            v_time(&fs->restore_point_created_date_utc, t2, sizeof t2),
        };
        _Static_assert(sizeof w / sizeof w[0] == NCOLS_V8,
                       "one value per column");
        row(out, f, columns_v8, w, NCOLS_V8, 0);
    }
    fputs(f == EXTRACT_NDJSON ? "}\n" : "\r\n", out);
}
