/* The reader's reading state (yuedu/state.h, yuedu/reading_memory.h):
 * where each document was left, in this run and in earlier ones, the last
 * document of the corpus, and the search history. The decisions are the
 * core's; this file calls them at the right moments and tells the user. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static void notice(app *a)
{
    const char *n = yd_state_take_notice(&a->state);
    if (n)
        app_say(a, 1, "%s", n);
}

void reading_open(app *a)
{
    yd_error err = {0};
    /* A failure leaves a usable, empty state that retries on save: say so. */
    if (yd_state_open(&a->state, NULL, &err) != YD_OK)
        app_say(a, 1, "reading state: %s", err.message);
    yd_state_set_search_limit(&a->state, a->settings->config->search.history);
    a->state_open = 1;
    notice(a);
    size_t n = yd_state_search_count(&a->state);
    for (size_t k = 0; k < n && k < PROMPT_HISTORY; k++) {
        /* Oldest first, so that Up brings the most recent. */
        const char *p = yd_state_search_get(&a->state, (n < PROMPT_HISTORY ? n : PROMPT_HISTORY) - 1 - k);
        if (p && mbstowcs(a->search.history[a->search.history_count], p, PROMPT_MAX - 1) != (size_t)-1) {
            a->search.history[a->search.history_count][PROMPT_MAX - 1] = 0;
            a->search.history_count++;
        }
    }
}

int32_t reading_restore(app *a, size_t doc, int *saved)
{
    const yd_document *d = yd_loader_document(a->loader, doc);
    int32_t offset = 0;
    yd_resume_from from = YD_RESUME_START;
    if (d && a->state_open)
        from = yd_reading_memory_resume(&a->memory, &a->state, doc, d, &offset);
    *saved = from == YD_RESUME_SAVED;
    return offset;
}

void reading_left(app *a, size_t doc, int32_t offset)
{
    const yd_document *d = yd_loader_document(a->loader, doc);
    if (!d || !a->state_open)
        return;
    yd_reading_memory_leave(&a->memory, doc, offset);
    app_failed(a, yd_state_set_position(&a->state, d, offset), "reading state");
}

void reading_searched(app *a, const char *pattern)
{
    if (a->state_open && *pattern)
        app_failed(a, yd_state_add_search(&a->state, pattern), "search history");
}

/* The corpus root: found by the walk as it took the files; else (paths
 * given to the loader) on first use, at the cost of an lstat per file
 * (0.2 s for 100 000), which the first screen should not wait for. It is
 * also the corpus's name in state.yaml: the same folder, or the same set
 * of paths, opened again is the same corpus. One folder, not every file:
 * for 100 000 files that made state.yaml 3 MB, read before every first
 * screen. */
const char *app_corpus_root(app *a)
{
    if (!a->root_known) {
        size_t n;
        const char *const *paths = yd_loader_paths(a->loader, &n);
        const char *walked = yd_loader_root(a->loader);
        if (walked)
            snprintf(a->root, sizeof a->root, "%s", walked);
        else if (yd_corpus_root(paths, n, a->root, sizeof a->root) != 0)
            a->root[0] = 0;
        a->root_known = 1;
    }
    return a->root;
}

int reading_resume(app *a, size_t *doc)
{
    if (!a->state_open || a->settings->start_at_beginning)
        return 0;
    const char *document;
    size_t index, n;
    const char *const *given = yd_loader_paths(a->loader, &n);
    /* The corpus root costs an lstat per file: found only when worth it. */
    if (!yd_reading_resume_candidate(&a->state, given, n) ||
        !yd_state_corpus_document(&a->state, app_corpus_root(a), &document, &index))
        return 0;
    /* Documents load in order: give the one it was a moment to arrive.
     * It may come later than its old index (a file before it that could
     * not be read then can be now): wait for its place in the walk. */
    size_t at = index;
    if (yd_reading_find_document(given, n, document, index, &at) && at < index)
        at = index;
    size_t ready = yd_loader_wait(a->loader, at + 1, 1000);
    const char **paths = malloc((ready ? ready : 1) * sizeof *paths);
    if (!paths) {
        app_out_of_memory(a);
        return 0;
    }
    for (size_t k = 0; k < ready; k++)
        paths[k] = yd_loader_document(a->loader, k)->path;
    int found = yd_reading_find_document(paths, ready, document, index, doc);
    free(paths);
    return found;
}

void reading_finish(app *a, int32_t offset)
{
    if (!a->state_open)
        return;
    if (a->loader && yd_loader_document(a->loader, a->doc)) {
        reading_left(a, a->doc, offset);
        const char *root = app_corpus_root(a);
        if (root[0])
            app_failed(a, yd_state_set_corpus_document(&a->state, root, yd_loader_document(a->loader, a->doc)->path, a->doc),
                       "reading state");
    }
    yd_error err = {0};
    if (yd_state_save(&a->state, &err) != YD_OK) {
        /* The store says the state is kept for a later try: at exit there
         * is none, so that part goes and the loss is said instead. */
        const char *kept = yd_state_kept_note();
        size_t n = strlen(err.message), k = strlen(kept);
        if (n >= k && strcmp(err.message + n - k, kept) == 0)
            err.message[n - k] = 0;
        fprintf(stderr, _("yuedu: reading state: %s; the places of this run were not saved\n"), err.message);
    }
    yd_state_free(&a->state);
    yd_reading_memory_free(&a->memory);
    a->state_open = 0;
}

void reading_forget(app *a)
{
    if (!a->state_open)
        return;
    yd_state_free(&a->state);
    a->state_open = 0;
}
