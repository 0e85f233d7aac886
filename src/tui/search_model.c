/* Search in the reader's model: the query in force (compiled from the /
 * prompt's text), the hits of every loaded document (searched as they
 * arrive), the current hit, and moving through them across documents.
 * Folding (case, width, Simplified/Traditional) is the core's (search.h).
 *
 * Typing never waits for the search: a key that changes the pattern only
 * marks it typed; the search runs when no key is waiting (so a paste is
 * searched once, for its whole text) and stops as soon as one comes, to
 * go on, or start again, after it. It searches from the document where /
 * started to the end first, so that the first hit after the reading place
 * shows as soon as it is found, then the documents before it, to count;
 * a search that takes longer than PROGRESS_MS says how far it has got. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "test_sync.h"
#include "yuedu/fold_cache.h"

enum { REGEX_TIME_LIMIT = 2000, PROGRESS_MS = 100 };

static int covered(const app *a, size_t doc)
{
    return doc < a->searched || (a->ahead && doc >= a->ahead_from && doc < a->ahead_to);
}

size_t search_span(app *a) { return a->ahead && a->ahead_to > a->searched ? a->ahead_to : a->searched; }

/* One fold table for the whole reader, made on first need (about 1 ms from
 * the cache, fold_cache.h; 25-50 ms to build): the search's, and the
 * filters' (title_match.c). */
int app_fold_ready(app *a)
{
    if (a->fold)
        return 0;
    yd_error err = {0};
    if (yd_fold_new_cached(&a->fold, NULL, NULL, &err) != YD_OK) {
        app_say(a, MSG_ERROR, "folding: %s", err.message);
        return -1;
    }
    return 0;
}

const yd_hits *search_hits(app *a, size_t doc)
{
    return a->query && a->hits && covered(a, doc) ? &a->hits[doc] : NULL;
}

void search_clear(app *a)
{
    if (a->hits)
        for (size_t k = 0; k < a->capacity; k++)
            a->hits[k].count = 0;
    a->searched = a->ahead_from = a->ahead_to = 0;
    a->ahead = a->search_counting = a->search_early_hit = 0;
    a->search_failures = 0;
    a->hit_index = -1;
}

/* No hit: but when a document could not be searched (a regex too slow on
 * it), "no match" would be a lie. */
static void say_no_match(app *a)
{
    if (a->search_failures)
        app_say(a, 1, ngettext("no match; %s (%zu document)", "no match; %s (%zu documents)", a->search_failures),
                a->search_error, a->search_failures);
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

/* Under :set purify on a search ignores the lines it hides. */
static void drop_hidden_hits(app *a, size_t doc, yd_hits *h)
{
    if (!a->purify || !a->furniture[doc])
        return;
    const yd_document *d = app_doc(a, doc);
    size_t kept = 0;
    for (size_t k = 0; k < h->count; k++)
        if (!app_hidden_line(a, doc, yd_document_line_at(d, h->items[k].offset)))
            h->items[kept++] = h->items[k];
    h->count = kept;
}

/* What a whole search of doc keeps of the hits h holds: none on a line
 * purify hides; with s in the outline, only those in its part. */
static void keep_shown_hits(app *a, size_t doc, yd_hits *h)
{
    drop_hidden_hits(a, doc, h);
    search_scope_apply(a, doc, h);
}

/* A key, a click or a resize waiting on the terminal: a search in
 * progress gives way to it. */
static int key_waiting(void)
{
    struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&in, 1, 0) > 0;
}

/* While a search the prompt asked for runs past PROGRESS_MS, say how far
 * it has got, every PROGRESS_MS. */
static void say_progress(app *a)
{
    if (!a->search_move_pending && !a->search_counting)
        return; /* documents loaded later are searched without a word */
    long now = app_now_ms();
    if (now - a->search_started_ms < PROGRESS_MS || now - a->search_said_ms < PROGRESS_MS)
        return;
    a->search_said_ms = now;
    size_t ready = yd_loader_ready(a->loader), done = a->searched + (a->ahead ? a->ahead_to - a->ahead_from : 0);
    if (a->search_counting)
        app_say(a, MSG_TRANSIENT, "a hit; counting the others: %zu of %zu documents searched", done, ready);
    else
        app_say(a, MSG_TRANSIENT, "searching: %zu of %zu documents", done, ready);
    test_sync_trace("search progress");
    if (a->draw_now)
        a->draw_now(a);
}

/* Asked by the core now and then during a search (yd_query_set_cancel). */
static int search_should_stop(void *context)
{
    app *a = context;
    say_progress(a);
    return key_waiting();
}

/* Search one document (slot k); 0 when a key stopped it (only while the
 * query has a cancel callback: it is searched again from its start next
 * time). */
static int search_one(app *a, size_t k)
{
    yd_error err = {0};
    yd_status st = yd_search_document(a->query, app_doc(a, k), &a->shadows[k], &a->hits[k], &err);
    if (st == YD_ECANCELED) {
        a->hits[k].count = 0;
        return 0;
    }
    if (st != YD_OK) {
        app_say(a, 1, "search: %s", err.message);
        snprintf(a->search_error, sizeof a->search_error, "%s", err.message);
        a->search_failures++;
        a->hits[k].count = 0;
    }
    keep_shown_hits(a, k, &a->hits[k]);
    return 1;
}

/* The first hit after where / started, once the documents from there on
 * are searched (it cannot change); the rest are still being counted. */
static void show_first_hit_early(app *a)
{
    size_t doc = a->search_origin.doc, index;
    int wrapped = 0;
    if (!yd_hits_step(a->hits, a->ahead_to, 1, &doc, a->search_origin.offset - 1, &index, &wrapped) || wrapped)
        return;
    a->search_move_pending = 0;
    a->search_counting = 1;
    a->hit_doc = doc;
    a->hit_index = (long)index;
    app_go(a, doc, a->hits[doc].items[index].offset);
    a->search_said_ms = 0;
    test_sync_trace("search first hit, %zu of %zu documents searched", a->searched + (a->ahead_to - a->ahead_from),
                    yd_loader_ready(a->loader));
}

/* Whether a hit found on its own would be kept once its document is
 * searched whole: it goes through the same filters. */
static int hit_would_be_kept(app *a, size_t doc, yd_hit hit)
{
    yd_hits one = {.items = &hit, .count = 1, .capacity = 1};
    keep_shown_hits(a, doc, &one);
    return one.count == 1;
}

/* The first hit after where / started, looked for from there on, in its
 * document and then in the next ones, before any of them is searched
 * whole: in a long document the first hit is usually near, and the whole
 * document can take tens of milliseconds. A regex is left to the whole
 * search, which a key can stop; a key waiting stops this between
 * documents. Returns 1 when the hit is shown, 0 when the whole search must
 * find it (none from the place on, or one the whole search would drop). */
static int show_first_hit_from_place(app *a)
{
    int32_t len = 0;
    if (!yd_query_literal(a->query, &len))
        return 0;
    size_t ready = yd_loader_ready(a->loader);
    size_t last = a->scope_on ? a->search_origin.doc + 1 : ready; /* a scope is one document */
    for (size_t doc = a->search_origin.doc; doc < last && doc < ready; doc++) {
        if (doc > a->search_origin.doc && key_waiting())
            return 0;
        const yd_document *d = app_doc(a, doc);
        yd_hit hit;
        int found = 0;
        yd_error err = {0};
        int32_t from = doc == a->search_origin.doc ? a->search_origin.offset : 0;
        if (!d || yd_search_from(a->query, d, &a->shadows[doc], from, &hit, &found, &err) != YD_OK)
            return 0;
        if (!found)
            continue;
        if (!hit_would_be_kept(a, doc, hit))
            return 0;
        a->search_move_pending = 0;
        a->search_counting = 1;
        a->search_early_hit = 1;
        a->search_early_at = (yd_position){doc, hit.offset};
        a->hit_index = -1;
        app_go(a, doc, hit.offset);
        a->search_said_ms = 0;
        test_sync_trace("search first hit, 0 of %zu documents searched", ready);
        return 1;
    }
    return 0;
}

/* Once the early hit's document is searched whole, the hit is the current
 * one among its hits (n and N go on from it, the rank counts it). */
static void settle_early_hit(app *a, size_t doc)
{
    if (!a->search_early_hit || doc != a->search_early_at.doc)
        return;
    a->search_early_hit = 0;
    ssize_t index = yd_hits_next(&a->hits[doc], a->search_early_at.offset);
    if (index >= 0 && a->hits[doc].items[index].offset == a->search_early_at.offset) {
        a->hit_doc = doc;
        a->hit_index = (long)index;
    }
}

/* Search the documents loaded since the query changed: from where /
 * started to the end, then from the start. Returns 0 when a key came
 * first (cancellable only). */
static int catch_up(app *a, int cancellable)
{
    size_t ready = yd_loader_ready(a->loader);
    yd_error err = {0};
    if (!a->query)
        return 1;
    if (yd_query_set_cancel(a->query, cancellable ? search_should_stop : NULL, a, &err) != YD_OK)
        cancellable = 0; /* searched to the end, as before there was a way to stop */
    int done = 1;
    while (a->ahead && a->ahead_to < ready) {
        if ((cancellable && key_waiting()) || !search_one(a, a->ahead_to)) {
            done = 0;
            break;
        }
        settle_early_hit(a, a->ahead_to);
        a->ahead_to++;
        if (a->search_move_pending)
            show_first_hit_early(a);
        if (cancellable)
            say_progress(a);
    }
    while (done && a->searched < ready) {
        if (a->ahead && a->searched == a->ahead_from) {
            a->searched = a->ahead_to; /* the two ranges meet */
            a->ahead = 0;
            continue;
        }
        if ((cancellable && key_waiting()) || !search_one(a, a->searched)) {
            done = 0;
            break;
        }
        settle_early_hit(a, a->searched);
        a->searched++;
        if (cancellable)
            say_progress(a);
    }
    yd_query_set_cancel(a->query, NULL, NULL, &err); /* n, N and the list search to the end */
    return done;
}

void search_catch_up(app *a) { catch_up(a, 0); }

void search_document_changed(app *a, size_t doc)
{
    if (a->shadows)
        yd_shadow_free(&a->shadows[doc]); /* a folded copy of the old text */
    if (a->hit_index >= 0 && a->hit_doc == doc)
        a->hit_index = -1; /* n/N go on from the reading place */
    if (!a->query || !covered(a, doc))
        return;
    yd_error err = {0};
    if (yd_search_document(a->query, app_doc(a, doc), &a->shadows[doc], &a->hits[doc], &err) != YD_OK) {
        app_say(a, 1, "search: %s", err.message);
        a->hits[doc].count = 0;
    }
    keep_shown_hits(a, doc, &a->hits[doc]);
}

/* "hit 3 of 17 (in 2 documents)" for the current hit. */
static void tell_rank(app *a, const char *prefix)
{
    size_t total = 0, docs = 0;
    size_t rank = yd_hits_rank(a->hits, search_span(a), a->hit_doc, (size_t)a->hit_index, &total, &docs);
    app_say(a, MSG_TRANSIENT, ngettext("%shit %zu of %zu (in %zu document)", "%shit %zu of %zu (in %zu documents)", docs),
            prefix, rank, total, docs);
}

/* Go to the first hit after (doc, offset), or say there is none. */
void search_show_first_hit(app *a, size_t doc, int32_t offset, int jump)
{
    size_t index;
    int wrapped = 0;
    if (!yd_hits_step(a->hits, search_span(a), 1, &doc, offset - 1, &index, &wrapped)) {
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
    tell_rank(a, wrapped ? _("wrapped to the top: ") : "");
}

/* Compile the prompt's text into the query in force, its hits not yet
 * searched. Returns 0 when the pattern is bad (the previous search stays
 * in force, the reason on the message line); an empty pattern clears the
 * search and goes back to where it started. */
static int compile_prompt(app *a)
{
    char pattern[PROMPT_MAX * 4];
    prompt_text_utf8(&a->search, pattern, sizeof pattern);
    if (!pattern[0]) {
        yd_query_free(a->query);
        a->query = NULL;
        search_clear(a);
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        a->message[0] = 0; /* the count of the pattern erased is no longer true */
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
    a->search_of_prompt = 1;
    return 1;
}

int search_run(app *a)
{
    /* Already compiled from this text while typing: what is left is to
     * finish the search, not to start it again. */
    int fresh = !a->search_typed && a->search_of_prompt;
    a->search_typed = 0;
    a->search_move_pending = a->search_counting = 0;
    if (!fresh && !compile_prompt(a))
        return 0;
    search_catch_up(a);
    return 1;
}

void search_typed(app *a)
{
    a->search_typed = 1;
    a->search_of_prompt = 0;
}

int search_behind(app *a)
{
    return a->search_typed || a->search_move_pending || (a->query && a->searched < yd_loader_ready(a->loader));
}

void search_work(app *a)
{
    if (key_waiting())
        return; /* the rest of a paste, or the next key: after it */
    if (a->search_typed) {
        a->search_typed = 0;
        if (a->search.length)
            test_sync_trace("search %zu", a->search.length);
        if (!compile_prompt(a))
            return;
        a->search_move_pending = a->query != NULL;
        a->search_started_ms = app_now_ms();
        a->search_said_ms = 0;
        /* From where / started first: its first hit after there shows
         * before the documents before it are counted. */
        a->ahead_from = a->ahead_to = a->search_origin.doc;
        a->ahead = 1;
        if (a->query)
            show_first_hit_from_place(a);
    }
    if (!catch_up(a, 1)) {
        test_sync_trace("search cancelled");
        return;
    }
    if (a->search_move_pending || a->search_counting) {
        if (a->search_move_pending)
            search_show_first_hit(a, a->search_origin.doc, a->search_origin.offset, 0);
        else if (a->hit_index >= 0)
            tell_rank(a, ""); /* the count is complete now */
        a->search_move_pending = a->search_counting = 0;
        if (a->search.refused) /* the end of a paste did not fit: that matters more than the count */
            app_say(a, 1, "a pattern holds at most %d characters", PROMPT_MAX - 1);
        test_sync_trace("search done");
    }
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
    if (!yd_hits_step(a->hits, search_span(a), forward, &doc, from, &index, &wrapped)) {
        say_no_match(a);
        return;
    }
    a->hit_doc = doc;
    a->hit_index = (long)index;
    app_go(a, doc, a->hits[doc].items[index].offset);
    tell_rank(a, wrapped ? (forward ? _("wrapped to the top: ") : _("wrapped to the bottom: ")) : "");
}
