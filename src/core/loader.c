/* Background corpus loading; see include/yuedu/loader.h. */
#include "yuedu/loader.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yuedu/purify.h"

enum { LEFT_OUT = 0, WALK, NOTICE };

typedef struct message {
    char *path, *text;
    int kind; /* LEFT_OUT by loading, left out by the WALK, or a NOTICE
                 about a document read (yd_document's notice) */
} message;

struct yd_loader {
    yd_path_list paths;      /* the main thread reads it only once walked */
    char **args;             /* what to walk on the thread (copies), or NULL */
    size_t nargs;
    yd_walked_fn walked;
    atomic_int walked_done;  /* paths complete (release/acquire) */
    atomic_int status;       /* YD_OK, or why loading stopped before any document */
    char *encoding;          /* copy of options->encoding, or NULL */
    atomic_int markup_raw;   /* options->markup_raw, changed by the reader */
    const yd_purify_rules *purify; /* options->purify: borrowed, outlives the loader */
    yd_prepare_fn prepare;
    void *context;
    yd_document *docs;       /* capacity paths.count; never reallocated */
    atomic_size_t ready;     /* docs[0..ready) complete (release/acquire) */
    atomic_size_t handled;   /* paths processed */
    atomic_int finished;
    atomic_int stop;
    pthread_t thread;
    pthread_mutex_t lock;    /* guards messages and the condition */
    pthread_cond_t changed;
    message *messages;
    size_t message_count, message_capacity, message_next;
};

static void add_message(yd_loader *l, const char *path, const char *text, int kind)
{
    pthread_mutex_lock(&l->lock);
    if (l->message_count == l->message_capacity) {
        size_t cap = l->message_capacity ? l->message_capacity * 2 : 16;
        message *bigger = realloc(l->messages, cap * sizeof *bigger);
        if (!bigger) {
            pthread_mutex_unlock(&l->lock);
            return; /* losing a message is better than stopping the load */
        }
        l->messages = bigger;
        l->message_capacity = cap;
    }
    message m = {strdup(path), strdup(text), kind};
    if (m.path && m.text) {
        l->messages[l->message_count++] = m;
    } else {
        free(m.path);
        free(m.text);
    }
    pthread_mutex_unlock(&l->lock);
}

static void signal_change(yd_loader *l)
{
    pthread_mutex_lock(&l->lock);
    pthread_cond_broadcast(&l->changed);
    pthread_mutex_unlock(&l->lock);
}

static void walk_message(void *context, const char *path, const char *text) { add_message(context, path, text, WALK); }

/* The walk of a large folder ends early when the reader quits during it. */
static int walk_stopped(void *context) { return atomic_load(&((yd_loader *)context)->stop); }

/* The paths to load: walked here, so that the first screen never waits
 * for the listing and stat of every file of a large folder; then the
 * documents' array and the caller's (walked) are made for all of them. */
static yd_status find_paths(yd_loader *l)
{
    if (l->args) {
        yd_status st = yd_corpus_collect_until((const char *const *)l->args, l->nargs, &l->paths, walk_message,
                                               walk_stopped, l);
        if (st != YD_OK)
            return st;
    }
    l->docs = calloc(l->paths.count ? l->paths.count : 1, sizeof *l->docs);
    if (!l->docs || (l->walked && l->walked(l->paths.count, l->context) != 0))
        return YD_ENOMEM;
    atomic_store_explicit(&l->walked_done, 1, memory_order_release);
    return YD_OK;
}

static void *load_all(void *arg)
{
    yd_loader *l = arg;
    yd_load_options options = {.encoding = l->encoding, .purify = l->purify};
    size_t ready = 0;
    yd_status found = find_paths(l);
    if (found != YD_OK) {
        atomic_store(&l->status, found);
        atomic_store(&l->finished, 1);
        signal_change(l);
        return NULL;
    }
    for (size_t k = 0; k < l->paths.count && !atomic_load(&l->stop); k++) {
        yd_error err = {0};
        options.markup_raw = atomic_load(&l->markup_raw);
        yd_status st = yd_document_load(&l->docs[ready], l->paths.paths[k], &options, &err);
        if (st == YD_OK) {
            if (l->docs[ready].notice)
                add_message(l, l->paths.paths[k], l->docs[ready].notice, NOTICE);
            if (l->prepare)
                l->prepare(&l->docs[ready], ready, l->context);
            ready++;
            atomic_store_explicit(&l->ready, ready, memory_order_release);
        } else {
            add_message(l, l->paths.paths[k], err.message, LEFT_OUT);
        }
        atomic_store(&l->handled, k + 1);
        signal_change(l);
    }
    atomic_store(&l->finished, 1);
    signal_change(l);
    return NULL;
}

static void loader_discard(yd_loader *l)
{
    yd_path_list_free(&l->paths);
    for (size_t k = 0; k < l->nargs; k++)
        free(l->args[k]);
    free(l->args);
    free(l->docs);
    free(l->encoding);
    free(l);
}

static yd_status loader_begin(yd_loader **out, yd_loader *l, const yd_load_options *options)
{
    if (options && options->encoding && !(l->encoding = strdup(options->encoding))) {
        loader_discard(l);
        return YD_ENOMEM;
    }
    atomic_init(&l->markup_raw, options ? options->markup_raw : 0);
    l->purify = options ? options->purify : NULL;
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->changed, NULL);
    if (pthread_create(&l->thread, NULL, load_all, l) != 0) {
        pthread_mutex_destroy(&l->lock);
        pthread_cond_destroy(&l->changed);
        loader_discard(l);
        return YD_ENOMEM;
    }
    *out = l;
    return YD_OK;
}

yd_status yd_loader_start(yd_loader **out, yd_path_list *paths, const yd_load_options *options,
                          yd_prepare_fn prepare, void *context)
{
    *out = NULL;
    yd_loader *l = calloc(1, sizeof *l);
    if (!l)
        return YD_ENOMEM;
    l->paths = *paths;
    memset(paths, 0, sizeof *paths);
    l->prepare = prepare;
    l->context = context;
    return loader_begin(out, l, options);
}

yd_status yd_loader_start_walk(yd_loader **out, const char *const *args, size_t nargs,
                               const yd_load_options *options, yd_walked_fn walked, yd_prepare_fn prepare,
                               void *context)
{
    *out = NULL;
    yd_loader *l = calloc(1, sizeof *l);
    if (!l)
        return YD_ENOMEM;
    l->walked = walked;
    l->prepare = prepare;
    l->context = context;
    l->args = calloc(nargs ? nargs : 1, sizeof *l->args);
    if (!l->args) {
        free(l);
        return YD_ENOMEM;
    }
    l->nargs = nargs;
    for (size_t k = 0; k < nargs; k++) {
        if (!(l->args[k] = strdup(args[k]))) {
            loader_discard(l);
            return YD_ENOMEM;
        }
    }
    return loader_begin(out, l, options);
}

static int walked(yd_loader *l) { return atomic_load_explicit(&l->walked_done, memory_order_acquire); }

const char *const *yd_loader_paths(yd_loader *l, size_t *count)
{
    int done = walked(l);
    *count = done ? l->paths.count : 0;
    return done ? (const char *const *)l->paths.paths : NULL;
}

const char *yd_loader_root(yd_loader *l) { return walked(l) ? l->paths.root : NULL; }

yd_status yd_loader_status(yd_loader *l) { return atomic_load(&l->status); }

size_t yd_loader_ready(yd_loader *l) { return atomic_load_explicit(&l->ready, memory_order_acquire); }

yd_document *yd_loader_document(yd_loader *l, size_t index)
{
    return index < yd_loader_ready(l) ? &l->docs[index] : NULL;
}

void yd_loader_progress(yd_loader *l, size_t *handled, size_t *total)
{
    *handled = atomic_load(&l->handled);
    *total = walked(l) ? l->paths.count : 0;
}

int yd_loader_finished(yd_loader *l) { return atomic_load(&l->finished); }

size_t yd_loader_wait(yd_loader *l, size_t count, int timeout_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    if (timeout_ms >= 0) {
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&l->lock);
    while (yd_loader_ready(l) < count && !atomic_load(&l->finished)) {
        int rc = timeout_ms < 0 ? pthread_cond_wait(&l->changed, &l->lock)
                                : pthread_cond_timedwait(&l->changed, &l->lock, &deadline);
        if (rc == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&l->lock);
    return yd_loader_ready(l);
}

int yd_loader_pop_message(yd_loader *l, char *path, size_t path_size, char *text, size_t text_size)
{
    int got = 0;
    pthread_mutex_lock(&l->lock);
    if (l->message_next < l->message_count) {
        message *m = &l->messages[l->message_next++];
        snprintf(path, path_size, "%s", m->path);
        snprintf(text, text_size, "%s", m->text);
        got = m->kind == NOTICE ? YD_LOADER_NOTICE : YD_LOADER_LEFT_OUT;
    }
    pthread_mutex_unlock(&l->lock);
    return got;
}

void yd_loader_walk_messages(yd_loader *l, yd_diag_fn fn, void *context)
{
    pthread_mutex_lock(&l->lock);
    for (size_t k = 0; k < l->message_count; k++)
        if (l->messages[k].kind == WALK)
            fn(context, l->messages[k].path, l->messages[k].text);
    pthread_mutex_unlock(&l->lock);
}

void yd_loader_free(yd_loader *l)
{
    if (!l)
        return;
    atomic_store(&l->stop, 1);
    pthread_join(l->thread, NULL);
    size_t ready = yd_loader_ready(l);
    for (size_t k = 0; k < ready; k++)
        yd_document_free(&l->docs[k]);
    for (size_t k = 0; k < l->message_count; k++) {
        free(l->messages[k].path);
        free(l->messages[k].text);
    }
    free(l->messages);
    pthread_mutex_destroy(&l->lock);
    pthread_cond_destroy(&l->changed);
    loader_discard(l);
}

void yd_loader_set_markup_raw(yd_loader *l, int raw) { atomic_store(&l->markup_raw, raw); }
