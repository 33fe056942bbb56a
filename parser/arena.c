/*
 * arena.c - the memory that makes "no allocation per record" true.
 *
 * The string arena is a stack of blocks: a record marks it when it opens
 * and releases the mark when it closes, so the next record reuses the same
 * bytes.  Blocks are kept until the parser is freed; after the largest
 * record so far, nothing is allocated.
 *
 * The key set finds duplicate unknown member names in linear time; the id
 * set finds duplicate session ids in one page.  Both grow only with what
 * the input holds (the id set by design: see README, "duplicate ids").
 */
#include <string.h>

#include "sv_internal.h"

#define BLOCK_MIN 16384 /* a few records of a real page: no growth later */

void sv__arena_init(sv_arena *a)
{
    a->head = a->cur = NULL;
    a->bytes = 0;
}

void sv__arena_free(sv_parser *p, sv_arena *a)
{
    sv_arena_block *b = a->head;
    while (b) {
        sv_arena_block *next = b->next;
        sv__free(p, b);
        b = next;
    }
    sv__arena_init(a);
}

static char *block_data(sv_arena_block *b)
{
    return (char *)(b + 1);
}

/* Room for n bytes: the current block, else the next kept block that is
 * large enough (smaller ones are skipped: their bytes are not lost, the
 * next release reuses them), else a new block at the end of the chain. */
static char *arena_alloc(sv_parser *p, size_t n)
{
    sv_arena *a = &p->arena;
    sv_arena_block *b = a->cur;
    if (b && b->size - b->used >= n) {
        char *r = block_data(b) + b->used;
        b->used += n;
        return r;
    }
    sv_arena_block *prev = b;
    for (b = b ? b->next : a->head; b; prev = b, b = b->next) {
        b->used = 0;
        if (b->size >= n) {
            a->cur = b;
            b->used = n;
            return block_data(b);
        }
    }
    size_t size = BLOCK_MIN;
    if (prev && prev->size * 2 > size)
        size = prev->size * 2;
    while (size < n)
        size *= 2;
    b = sv__alloc(p, sizeof *b + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = n;
    if (prev)
        prev->next = b;
    else
        a->head = b;
    a->cur = b;
    a->bytes += size;
    return block_data(b);
}

char *sv__arena_strdup(sv_parser *p, const char *s, size_t len)
{
    char *d = arena_alloc(p, len + 1);
    if (!d)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

sv_mark sv__arena_mark(const sv_arena *a)
{
    sv_mark m = {a->cur, a->cur ? a->cur->used : 0};
    return m;
}

void sv__arena_release(sv_arena *a, sv_mark m)
{
    if (!m.block) {
        a->cur = a->head;
        if (a->cur)
            a->cur->used = 0;
        return;
    }
    a->cur = m.block;
    m.block->used = m.used;
}

void sv__arena_clear(sv_arena *a)
{
    sv_mark none = {NULL, 0};
    sv__arena_release(a, none);
}

/* ------------------------------------------------------------- hashing */

/* FNV-1a, 64 bit: short keys, no adversarial concern beyond chain length,
 * which the load factor bounds. */
uint64_t sv__hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* ------------------------------------------------------------- key set */

static int keys_grow(sv_parser *p, sv_keyset *k)
{
    uint32_t ncap = k->cap ? k->cap * 2 : 16;
    /* table at least twice the entries: load <= 1/2 */
    uint32_t tsize = ncap * 2;
    uint32_t *t = sv__alloc(p, tsize * sizeof *t);
    if (!t)
        return -1;
    sv_key_entry *e = sv__realloc(p, k->entries, ncap * sizeof *e);
    if (!e) {
        sv__free(p, t);
        return -1;
    }
    k->entries = e;
    k->cap = ncap;
    memset(t, 0, tsize * sizeof *t);
    sv__free(p, k->table);
    k->table = t;
    k->mask = tsize - 1;
    for (uint32_t i = 0; i < k->count; i++) {
        uint32_t s = k->entries[i].hash & k->mask;
        while (t[s])
            s = (s + 1) & k->mask;
        t[s] = i + 1;
        k->entries[i].slot = s;
    }
    return 0;
}

int sv__keys_add(sv_parser *p, const char *name, size_t len,
                 const char **stored)
{
    sv_keyset *k = &p->keys;
    uint32_t floor = p->nframes ? p->frames[p->nframes - 1].keys_mark : 0;
    uint32_t h = (uint32_t)sv__hash(name, len);
    if (k->table) {
        for (uint32_t s = h & k->mask; k->table[s]; s = (s + 1) & k->mask) {
            uint32_t i = k->table[s] - 1;
            sv_key_entry *e = &k->entries[i];
            /* entries below the innermost object's mark belong to outer
             * objects: same name there is no duplicate */
            if (i >= floor && e->hash == h && e->len == len &&
                memcmp(e->name, name, len) == 0) {
                *stored = e->name;
                return 1;
            }
        }
    }
    if (k->count == k->cap && keys_grow(p, k) < 0)
        return -1;
    char *copy = sv__arena_strdup(p, name, len);
    if (!copy)
        return -1;
    uint32_t s = h & k->mask;
    while (k->table[s])
        s = (s + 1) & k->mask;
    k->table[s] = k->count + 1;
    k->entries[k->count] = (sv_key_entry){h, s, copy, len};
    k->count++;
    *stored = copy;
    return 0;
}

void sv__keys_pop(sv_keyset *k, uint32_t mark)
{
    while (k->count > mark) {
        k->count--;
        k->table[k->entries[k->count].slot] = 0;
    }
}

void sv__keys_free(sv_parser *p, sv_keyset *k)
{
    sv__free(p, k->entries);
    sv__free(p, k->table);
    memset(k, 0, sizeof *k);
}

/* -------------------------------------------------------------- id set */

static int ids_grow(sv_parser *p, sv_idset *s)
{
    uint32_t ncap = s->cap ? s->cap * 2 : 256;
    uint32_t tsize = ncap * 2;
    uint32_t *t = sv__alloc(p, tsize * sizeof *t);
    if (!t)
        return -1;
    struct sv_id_entry *e = sv__realloc(p, s->entries, ncap * sizeof *e);
    if (!e) {
        sv__free(p, t);
        return -1;
    }
    s->entries = e;
    s->cap = ncap;
    memset(t, 0, tsize * sizeof *t);
    sv__free(p, s->table);
    s->table = t;
    s->mask = tsize - 1;
    for (uint32_t i = 0; i < s->count; i++) {
        uint32_t k = (uint32_t)s->entries[i].hash & s->mask;
        while (t[k])
            k = (k + 1) & s->mask;
        t[k] = i + 1;
    }
    return 0;
}

int64_t sv__ids_add(sv_parser *p, const char *id, size_t len, uint64_t index)
{
    sv_idset *s = &p->ids;
    uint64_t h = sv__hash(id, len);
    if (s->table) {
        for (uint32_t k = (uint32_t)h & s->mask; s->table[k];
             k = (k + 1) & s->mask) {
            struct sv_id_entry *e = &s->entries[s->table[k] - 1];
            const char *stored = s->bytes + e->at;
            size_t slen;
            memcpy(&slen, stored, sizeof slen);
            if (e->hash == h && slen == len &&
                memcmp(stored + sizeof slen, id, len) == 0)
                return (int64_t)e->index;
        }
    }
    if (s->count == UINT32_MAX / 2)
        return -1; /* full: stop detecting rather than overflow */
    if (s->count == s->cap && ids_grow(p, s) < 0)
        return -2;
    uint64_t need = sizeof(size_t) + len;
    if (s->used + need > s->size) {
        uint64_t nsize = s->size ? s->size * 2 : 4096;
        while (nsize < s->used + need)
            nsize *= 2;
        char *b = sv__realloc(p, s->bytes, (size_t)nsize);
        if (!b)
            return -2;
        s->bytes = b;
        s->size = nsize;
    }
    memcpy(s->bytes + s->used, &len, sizeof len);
    memcpy(s->bytes + s->used + sizeof len, id, len);
    s->entries[s->count] = (struct sv_id_entry){h, s->used, index};
    s->used += need;
    uint32_t k = (uint32_t)h & s->mask;
    while (s->table[k])
        k = (k + 1) & s->mask;
    s->table[k] = ++s->count;
    return -1;
}

void sv__ids_clear(sv_idset *s)
{
    if (s->table)
        memset(s->table, 0, ((size_t)s->mask + 1) * sizeof *s->table);
    s->count = 0;
    s->used = 0;
}

void sv__ids_free(sv_parser *p, sv_idset *s)
{
    sv__free(p, s->table);
    sv__free(p, s->entries);
    sv__free(p, s->bytes);
    memset(s, 0, sizeof *s);
}
