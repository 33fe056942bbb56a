/*
 * schema.h - the documented schema as data (private to the library).
 *
 * The validator's state machine knows nothing about job sessions: it walks
 * the object and member tables declared here.  A member says which JSON
 * types it accepts, whether it is required or nullable, which format its
 * text must have, where its typed value goes in the record, and which
 * position slot the semantic checks use to point at it.  Adding a member or
 * a document kind is a table edit.
 */
#ifndef SV_SCHEMA_H
#define SV_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "sessval.h"

/* JSON types as the validator sees them (a number is INT when its text has
 * neither fraction nor exponent). */
enum {
    SV_J_NULL = 1 << 0,
    SV_J_BOOL = 1 << 1,
    SV_J_INT = 1 << 2,
    SV_J_FRAC = 1 << 3,
    SV_J_STRING = 1 << 4,
    SV_J_OBJECT = 1 << 5,
    SV_J_ARRAY = 1 << 6
};
#define SV_J_NUMBER (SV_J_INT | SV_J_FRAC)
#define SV_J_SCALAR (SV_J_BOOL | SV_J_NUMBER | SV_J_STRING)
#define SV_J_ANY (SV_J_SCALAR | SV_J_OBJECT | SV_J_ARRAY)

/* Text formats checked on string values. */
typedef enum sv_format {
    SV_F_NONE = 0,
    SV_F_NONEMPTY,  /* at least one byte */
    SV_F_TIMESTAMP, /* RFC 3339 date-time */
    SV_F_DURATION,  /* .NET TimeSpan "c" */
    SV_F_UUID,      /* 8-4-4-4-12 hex */
    SV_F_URL,       /* absolute http(s) URL */
    SV_F_TYPE,      /* session type enum */
    SV_F_STATUS,    /* session status enum */
    SV_F_POLICY_TYPE, /* v8.1 PolicyType enum */
    SV_F_PRIORITY   /* v8.1 DataRetrievalPriority enum */
} sv_format;

/* Where a value goes in the record (at sv_member.offset). */
typedef enum sv_store {
    SV_S_NONE = 0,
    SV_S_STR,      /* sv_str */
    SV_S_INT,      /* sv_int */
    SV_S_BOOL,     /* sv_bool */
    SV_S_TIME,     /* sv_time */
    SV_S_DURATION, /* sv_duration */
    SV_S_TYPE,     /* sv_session_type_field */
    SV_S_STATUS,   /* sv_session_status_field */
    SV_S_PRESENT,  /* bool: the object member was there */
    SV_S_COUNT     /* sv_count: elements of an array (an object counts 1) */
} sv_store;

enum {
    SV_M_REQUIRED = 1 << 0,
    SV_M_NULLABLE = 1 << 1,
    /* Required, and null forbidden, unless the session is unfinished
     * (status Running, RunningWithError, RunningWithWarning, Canceling,
     * Pending, NeverExecuted): decided by the session check at the end of
     * the object, when status is known. */
    SV_M_UNFINISHED = 1 << 2
};

/* API profiles (sv_api): a member or enum value says which ones it belongs
 * to (bit mask), and a member's flags may differ per profile. */
#define SV_NPROFILES 2
enum { SV_P_V1 = 1 << SV_API_V1, SV_P_V8 = 1 << SV_API_V8 };
#define SV_P_ALL ((1 << SV_NPROFILES) - 1)

/* Records: which typed struct an object fills. */
typedef enum sv_record {
    SV_REC_NONE = 0,
    SV_REC_PAGE,
    SV_REC_SESSION,
    SV_REC_LOG,
    SV_REC_LOG_ENTRY,
    SV_REC_PROBLEM
} sv_record;

/* Position slots: places the semantic checks point at after the value has
 * gone by.  Each record kind owns a contiguous range. */
typedef enum sv_slot {
    SV_SLOT_NONE = 0,
    /* session */
    SV_SLOT_ID,
    SV_SLOT_TYPE,
    SV_SLOT_START,
    SV_SLOT_STOP,
    SV_SLOT_DURATION,
    SV_SLOT_STATUS,
    SV_SLOT_BACKUP,
    SV_SLOT_RESTORE,
    SV_SLOT_FLR,
    SV_SLOT_REPOSITORY,
    SV_SLOT_LINKS,
    SV_SLOT_SELF_HREF,
    SV_SLOT_LOG_HREF,
    /* page */
    SV_SLOT_PAGE_OFFSET,
    SV_SLOT_LIMIT,
    SV_SLOT_TOTAL,
    SV_SLOT_RESULTS,
    SV_SLOT_PAGE_SELF_HREF,
    /* log entry */
    SV_SLOT_ENTRY_START,
    SV_SLOT_ENTRY_DURATION,
    /* problem */
    SV_SLOT_PROBLEM_TYPE,
    SV_SLOT_PROBLEM_TITLE,
    SV_SLOT_PROBLEM_STATUS,
    SV_SLOT_PROBLEM_DETAIL,
    SV_SLOT__COUNT
} sv_slot;

typedef struct sv_object sv_object;

typedef struct sv_member {
    const char *name;
    uint8_t name_len;
    uint8_t types;   /* SV_J_* accepted (SV_J_NULL only via SV_M_NULLABLE) */
    uint8_t flags[SV_NPROFILES]; /* SV_M_*, per profile (sv_api) */
    uint8_t format;  /* sv_format */
    uint8_t store;   /* sv_store */
    uint8_t slot;    /* sv_slot, SV_SLOT_NONE when unused */
    uint8_t profiles; /* SV_P_* */
    uint16_t offset; /* offsetof the typed value in the record */
    int64_t min, max; /* integer range */
    const sv_object *child; /* value object, or element object of an array */
} sv_member;

struct sv_object {
    const char *name;        /* for messages: "session", "backupJobInfo" */
    const sv_member *members;
    uint8_t count;
    uint8_t record;          /* sv_record started by this object */
    uint8_t open;            /* members are not checked (RecoveryItem) */
    /* a map: the member definition of every key the table does not name
     * (in the profiles it has), e.g. v8.1's _links dictionary */
    const sv_member *any;
};

/* An enum value with the API versions it belongs to. */
typedef struct sv_enum_value {
    const char *text;
    uint8_t len;
    uint8_t value;    /* sv_session_type / sv_session_status; non-zero */
    uint8_t profiles;
} sv_enum_value;

/* The values of an enum format, and what messages call one. */
typedef struct sv_enum {
    const char *what; /* "session type" */
    const sv_enum_value *values;
    size_t count;
} sv_enum;

/* What a session type implies about the job-info objects. */
typedef enum sv_job_info {
    SV_INFO_ANY = 0, /* no expectation */
    SV_INFO_BACKUP,
    SV_INFO_REPOSITORY
} sv_job_info;

/* Records without a public struct of their own. */
typedef struct sv_log_doc {
    sv_str job_session_id;
    sv_count entries;
} sv_log_doc;

typedef struct sv_problem {
    sv_str type;
    sv_str title;
    sv_int status;
    sv_str detail;
    sv_str trace_id;
} sv_problem;

/* Root objects of the document kinds, indexed by sv_kind (AUTO: NULL). */
extern const sv_object *const sv_schema_roots[5];

/* Enum tables. */
extern const sv_enum_value sv_schema_types[];
extern const size_t sv_schema_type_count;
extern const sv_enum_value sv_schema_statuses[];
extern const size_t sv_schema_status_count;

/* The table of an enum format (SV_F_TYPE, SV_F_STATUS, ...), NULL for a
 * format that is not an enum. */
const sv_enum *sv_schema_enum(sv_format format);

/* Profiles (SV_P_*) in which object o has a member named s. */
unsigned sv_schema_member_profiles(const sv_object *o, const char *s,
                                   size_t len);

/* API drift: " (API v8.1 has it: --api=v8)" when `profiles` (where a
 * member name or enum value exists) lacks `api` but has another profile,
 * "" otherwise.  Static storage. */
const char *sv_schema_drift_note(unsigned profiles, sv_api api);

/* Job info a session type calls for (SV_INFO_ANY when none). */
sv_job_info sv_schema_type_job_info(sv_session_type type);

/* 1 when a status means the session has not finished (stop time and
 * duration may be absent or null). */
int sv_schema_status_unfinished(sv_session_status status);

/* Hints for values consumers confuse (other Veeam products' vocabulary):
 * the documented value meant by `text`, or NULL. */
const char *sv_schema_status_hint(const char *text, size_t len,
                                  const char **why);

#endif /* SV_SCHEMA_H */
