/* Search in the reader's model: the query in force (compiled from the /
 * prompt's text), the hits of every loaded document (searched as they
 * arrive), the current hit, and moving through them across documents.
 * Folding (case, width, Simplified/Traditional) is the core's (search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

enum { REGEX_TIME_LIMIT = 2000 };

const yd_hits *search_hits(app *a, size_t doc)
{
    return a->query && a->hits && doc < a->searched ? &a->hits[doc] : NULL;
}

void search_clear(app *a)
{
    if (a->hits)
        for (size_t k = 0; k < a->capacity; k++)
            a->hits[k].count = 0;
    a->searched = 0;
    a->search_failures = 0;
    a->hit_index = -1;
}

/* No hit: but when a document could not be searched (a regex too slow on
 * it), "no match" would be a lie. */
static void say_no_match(app *a)
{
    if (a->search_failures)
        app_say(a, 1, "no match; %s (%zu document%s)", a->search_error, a->search_failures,
                a->search_failures == 1 ? "" : "s");
    else
        app_say(a, 1, "no match");
}

void search_free(app *a)
{
    yd_query_free(a->query);
    a->query = NULL;
    for (size_t k = 0; a->hits && k < a->capacity; k++)
        yd_hits_free(&a->hits[k]);
    for (size_t k = 0; a->shadows && k < a->capacity; k++)
        yd_shadow_free(&a->shadows[k]);
    free(a->hits);
    free(a->shadows);
    a->hits = NULL;
    a->shadows = NULL;
    yd_fold_free(a->fold);
    a->fold = NULL;
}

int search_ready(app *a)
{
    if (a->fold && a->hits)
        return 1;
    if (app_fold_ready(a) != 0)
        return 0;
    size_t n = a->capacity ? a->capacity : 1;
    a->hits = calloc(n, sizeof *a->hits);
    a->shadows = calloc(n, sizeof *a->shadows);
    if (!a->hits || !a->shadows) {
        app_out_of_memory(a);
        return 0;
    }
    return 1;
}

void search_catch_up(app *a)
{
    size_t ready = yd_loader_ready(a->loader);
    while (a->query && a->searched < ready) {
        yd_error err = {0};
        if (yd_search_document(a->query, app_doc(a, a->searched), &a->shadows[a->searched], &a->hits[a->searched],
                               &err) != YD_OK) {
            app_say(a, 1, "search: %s", err.message);
            snprintf(a->search_error, sizeof a->search_error, "%s", err.message);
            a->search_failures++;
            a->hits[a->searched].count = 0;
        }
        search_scope_apply(a, a->searched);
        a->searched++;
    }
}

void search_document_changed(app *a, size_t doc)
{
    if (a->shadows)
        yd_shadow_free(&a->shadows[doc]); /* a folded copy of the old text */
    if (a->hit_index >= 0 && a->hit_doc == doc)
        a->hit_index = -1; /* n/N go on from the reading place */
    if (!a->query || doc >= a->searched)
        return;
    yd_error err = {0};
    if (yd_search_document(a->query, app_doc(a, doc), &a->shadows[doc], &a->hits[doc], &err) != YD_OK) {
        app_say(a, 1, "search: %s", err.message);
        a->hits[doc].count = 0;
    }
    search_scope_apply(a, doc);
}

/* "hit 3 of 17 (in 2 documents)" for the current hit. */
static void tell_rank(app *a, const char *prefix)
{
    size_t total = 0, docs = 0;
    size_t rank = yd_hits_rank(a->hits, a->searched, a->hit_doc, (size_t)a->hit_index, &total, &docs);
    app_say(a, MSG_TRANSIENT, "%shit %zu of %zu (in %zu document%s)", prefix, rank, total, docs, docs == 1 ? "" : "s");
}

/* Go to the first hit after (doc, offset), or say there is none. */
void search_show_first_hit(app *a, size_t doc, int32_t offset, int jump)
{
    size_t index;
    int wrapped = 0;
    if (!yd_hits_step(a->hits, a->searched, 1, &doc, offset - 1, &index, &wrapped)) {
        a->hit_index = -1;
        say_no_match(a);
        return;
    }
    a->hit_doc = doc;
    a->hit_index = (long)index;
    int32_t at = a->hits[doc].items[index].offset;
    if (jump)
        app_jump(a, doc, at);
    else
        app_go(a, doc, at);
    tell_rank(a, wrapped ? "wrapped to the top: " : "");
}

/* Compile text and search every loaded document. Returns 0 when the
 * pattern is bad (the previous search stays in force). */
int search_run(app *a, int move)
{
    char pattern[PROMPT_MAX * 4];
    prompt_text_utf8(&a->search, pattern, sizeof pattern);
    if (!pattern[0]) {
        yd_query_free(a->query);
        a->query = NULL;
        search_clear(a);
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        return 1;
    }
    unsigned folds = a->search_exact_numbers ? YD_FOLD_DEFAULT & ~(unsigned)YD_FOLD_NUMBERS : YD_FOLD_DEFAULT;
    yd_query_options opt = {.folds = folds, .regex = a->search_regex, .time_limit = REGEX_TIME_LIMIT};
    yd_query *q;
    yd_error err = {0};
    if (yd_query_compile_utf8(&q, a->fold, pattern, &opt, &err) != YD_OK) {
        app_say(a, 1, "%s", err.message);
        return 0;
    }
    yd_query_free(a->query);
    a->query = q;
    search_clear(a);
    search_catch_up(a);
    if (move)
        search_show_first_hit(a, a->search_origin.doc, a->search_origin.offset, 0);
    return 1;
}

void search_select(app *a, size_t doc, size_t index)
{
    a->hit_doc = doc;
    a->hit_index = (long)index;
    app_jump(a, doc, a->hits[doc].items[index].offset);
    tell_rank(a, "");
}

void search_step(app *a, int forward)
{
    if (!a->query) {
        app_say(a, 0, "no search yet (/ starts one)");
        return;
    }
    search_catch_up(a);
    size_t doc = a->doc, index;
    int32_t from = text_offset(a);
    /* From the current hit when it is still where we are reading. */
    if (a->hit_index >= 0 && a->hit_doc == a->doc && (size_t)a->hit_index < a->hits[doc].count)
        from = a->hits[doc].items[a->hit_index].offset;
    else if (forward)
        from--; /* a hit right at the top counts as next */
    int wrapped = 0;
    if (!yd_hits_step(a->hits, a->searched, forward, &doc, from, &index, &wrapped)) {
        say_no_match(a);
        return;
    }
    a->hit_doc = doc;
    a->hit_index = (long)index;
    app_go(a, doc, a->hits[doc].items[index].offset);
    tell_rank(a, wrapped ? (forward ? "wrapped to the top: " : "wrapped to the bottom: ") : "");
}
