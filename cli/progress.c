/*
 * progress.c - a progress line on stderr for inputs of 64 MiB or more:
 * bytes done, percent, MB/s and the time left.  Only on a terminal, never
 * in CI (main.c decides), redrawn at most five times a second and erased
 * when the input is done.  With --jobs, workers share the line (the last
 * one to draw wins) and the printer holds it away while it writes.
 */
#include <pthread.h>
#include <string.h>

#include "cli.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int on_screen; /* a line is drawn and not erased */

static void erase(void)
{
    if (on_screen) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        on_screen = 0;
    }
}

static void draw(cli_progress *p, uint64_t done)
{
    double t = cli_now(), dt = t - p->t0;
    double rate = dt > 0 ? (double)done / dt : 0;
    const char *name = p->name;
    size_t len = strlen(name);
    char line[256];
    int n;
    if (len > 40)
        name += len - 39;
    if (p->total) {
        double left = rate > 0 && p->total > done
                          ? (double)(p->total - done) / rate
                          : 0;
        unsigned s = (unsigned)(left + 0.5);
        char eta[32] = "--:--";
        if (rate > 0)
            snprintf(eta, sizeof eta, "%u:%02u", s / 60, s % 60);
        if (done > p->total)
            done = p->total; /* the file grew */
        n = snprintf(line, sizeof line,
                     "sessval: %s%s  %.1f / %.1f MB  %3u%%  %.1f MB/s  "
                     "ETA %s",
                     len > 40 ? "\xE2\x80\xA6" : "", name, (double)done / 1e6,
                     (double)p->total / 1e6,
                     (unsigned)(done * 100 / p->total), rate / 1e6, eta);
    } else {
        n = snprintf(line, sizeof line, "sessval: %s%s  %.1f MB  %.1f MB/s",
                     len > 40 ? "\xE2\x80\xA6" : "", name, (double)done / 1e6,
                     rate / 1e6);
    }
    (void)n;
    pthread_mutex_lock(&lock);
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    on_screen = 1;
    pthread_mutex_unlock(&lock);
    p->shown = 1;
    p->last = t;
}

void progress_start(cli_progress *p, const cli_opts *o, const char *name,
                    uint64_t total)
{
    memset(p, 0, sizeof *p);
    p->name = name;
    p->total = total;
    p->enabled = o->progress;
    p->t0 = cli_now();
    if (p->enabled && total >= CLI_PROGRESS_MIN)
        draw(p, 0);
}

void progress_update(cli_progress *p, uint64_t done)
{
    if (!p->enabled || (p->total < CLI_PROGRESS_MIN && done < CLI_PROGRESS_MIN))
        return;
    if (p->shown && cli_now() - p->last < 0.2)
        return;
    draw(p, done);
}

void progress_stop(cli_progress *p)
{
    if (!p->shown)
        return;
    pthread_mutex_lock(&lock);
    erase();
    pthread_mutex_unlock(&lock);
    p->shown = 0;
}

void progress_hold(void)
{
    pthread_mutex_lock(&lock);
    erase();
}

void progress_release(void)
{
    pthread_mutex_unlock(&lock);
}
