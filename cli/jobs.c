/*
 * jobs.c - run every input, in a fixed pool of --jobs threads, and hand
 * the reports to the printer in argument order.
 *
 * Each input's report (its diagnostics, counts and, with --extract, its
 * records in a temporary file) is complete before it is printed, and
 * report i is printed as soon as reports 0..i-1 are: the output is the
 * same for any --jobs.  Workers run at most AHEAD inputs past the last one
 * printed, so a slow first input holds back a bounded number of reports,
 * not the whole list.  With one job nothing is buffered: records stream
 * straight to standard output.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define AHEAD_PER_JOB 4

struct slot {
    cli_report report;
    int done;
};

struct pool {
    const cli_opts *o;
    const cli_inputs *in;
    struct slot *slots; /* input i lives in slots[i % ahead] */
    size_t ahead, next, printed;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

static void run_one(const cli_opts *o, const cli_input *input, cli_report *r,
                    FILE *records, cli_pages *pages, int last)
{
    memset(r, 0, sizeof *r);
    r->name = input->name;
    r->form = cli_form_of(input->name);
    if (input->error) {
        r->io_error = input->error;
        r->io_what = input->what;
        return;
    }
    r->records = records;
    r->pages = pages;
    r->pages_last = last;
    cli_run(o, r);
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->in->n && p->next >= p->printed + p->ahead)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->next >= p->in->n) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);

        struct slot *s = &p->slots[i % p->ahead];
        FILE *records = NULL;
        if (p->o->extract && !p->in->v[i].error) {
            records = tmpfile();
            if (!records) {
                perror("sessval: temporary file");
                exit(2);
            }
        }
        run_one(p->o, &p->in->v[i], &s->report, records, NULL, 0);

        pthread_mutex_lock(&p->mu);
        s->done = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

void cli_run_all(const cli_opts *o, const cli_inputs *in, cli_output *out)
{
    size_t jobs = o->jobs < in->n ? o->jobs : in->n;
    /* --pages: one listing, read in order (its checks need the pages one
     * after the other) */
    if (jobs <= 1 || o->pages) {
        cli_pages *pages = o->pages ? cli_pages_new(o) : NULL;
        for (size_t i = 0; i < in->n; i++) {
            cli_report r;
            run_one(o, &in->v[i], &r, o->extract ? stdout : NULL, pages,
                    i + 1 == in->n);
            out_report(out, &r);
            cli_report_free(&r);
        }
        cli_pages_free(pages);
        return;
    }

    struct pool p;
    memset(&p, 0, sizeof p);
    p.o = o;
    p.in = in;
    p.ahead = jobs * AHEAD_PER_JOB;
    p.slots = calloc(p.ahead, sizeof *p.slots);
    pthread_t *threads = calloc(jobs, sizeof *threads);
    if (!p.slots || !threads) {
        perror("sessval");
        exit(2);
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    for (size_t t = 0; t < jobs; t++)
        if (pthread_create(&threads[t], NULL, worker, &p) != 0) {
            perror("sessval: pthread_create");
            exit(2);
        }

    for (size_t i = 0; i < in->n; i++) {
        struct slot *s = &p.slots[i % p.ahead];
        pthread_mutex_lock(&p.mu);
        while (!s->done)
            pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);

        out_report(out, &s->report);
        cli_report_free(&s->report);

        pthread_mutex_lock(&p.mu);
        s->done = 0;
        p.printed = i + 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
    }
    for (size_t t = 0; t < jobs; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    free(threads);
    free(p.slots);
}
