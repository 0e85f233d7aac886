/* Search in the reader: `/` searches as you type (each keystroke compiles
 * the query and searches every loaded document before the next frame; the
 * view moves to the first hit after where the search started), Enter keeps
 * it, Esc goes back; n/N move through the hits of the whole corpus,
 * wrapping with a message. Folding (case, width, Simplified/Traditional)
 * is the core's (search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

enum { REGEX_TIME_LIMIT = 2000 };

const yd_hits *search_hits(app *a, size_t doc)
{
    return a->query && a->hits && doc < a->searched ? &a->hits[doc] : NULL;
}

static void clear_hits(app *a)
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

static void search_free(app *a)
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

static int ready_to_search(app *a)
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
        a->searched++;
    }
}

static void search_document_changed(app *a, size_t doc)
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
}

/* "hit 3 of 17 (in 2 documents)" for the current hit. */
static void tell_rank(app *a, const char *prefix)
{
    size_t total = 0, docs = 0;
    size_t rank = yd_hits_rank(a->hits, a->searched, a->hit_doc, (size_t)a->hit_index, &total, &docs);
    app_say(a, MSG_TRANSIENT, "%shit %zu of %zu (in %zu document%s)", prefix, rank, total, docs, docs == 1 ? "" : "s");
}

/* Go to the first hit after (doc, offset), or say there is none. */
static void show_first_hit(app *a, size_t doc, int32_t offset, int jump)
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
static int run(app *a, int move)
{
    char pattern[PROMPT_MAX * 4];
    prompt_text_utf8(&a->search, pattern, sizeof pattern);
    if (!pattern[0]) {
        yd_query_free(a->query);
        a->query = NULL;
        clear_hits(a);
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        return 1;
    }
    yd_query_options opt = {.folds = YD_FOLD_DEFAULT, .regex = a->search_regex, .time_limit = REGEX_TIME_LIMIT};
    yd_query *q;
    yd_error err = {0};
    if (yd_query_compile_utf8(&q, a->fold, pattern, &opt, &err) != YD_OK) {
        app_say(a, 1, "%s", err.message);
        return 0;
    }
    yd_query_free(a->query);
    a->query = q;
    clear_hits(a);
    search_catch_up(a);
    if (move)
        show_first_hit(a, a->search_origin.doc, a->search_origin.offset, 0);
    return 1;
}

static void set_label(app *a)
{
    a->search.label = a->search_regex ? L"regex/" : NULL;
}

void search_begin(app *a)
{
    if (!ready_to_search(a))
        return;
    a->search_origin = (yd_position){a->doc, text_offset(a)};
    prompt_open(&a->search, L'/');
    set_label(a);
    pane_open(a, &search_pane);
}

static int search_key(app *a, key k)
{
    if (!k.is_key && k.code == 0x12) { /* Ctrl-R: literal <-> regex */
        a->search_regex = !a->search_regex;
        set_label(a);
        run(a, 1);
        return 1;
    }
    wchar_t before[PROMPT_MAX];
    wcscpy(before, a->search.text);
    prompt_result r = prompt_key(&a->search, k);
    if (r != PROMPT_EDITING)
        pane_close(a, &search_pane);
    if (r == PROMPT_EDITING) {
        /* Keys that leave the pattern as it was (the cursor keys, history at
         * its end) must not search the corpus again. */
        if (wcscmp(before, a->search.text) != 0)
            run(a, 1);
    } else if (r == PROMPT_CANCEL) {
        yd_query_free(a->query);
        a->query = NULL;
        clear_hits(a);
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        a->message[0] = 0;
    } else if (run(a, 0) && a->query) {
        char pattern[PROMPT_MAX * 4];
        prompt_text_utf8(&a->search, pattern, sizeof pattern);
        reading_searched(a, pattern); /* every search of the run is kept */
        /* Enter: a jump from where the search started. */
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        show_first_hit(a, a->search_origin.doc, a->search_origin.offset, 1);
    }
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

/* The / prompt on the message line; the count of hits or why a pattern is
 * bad at its right. */
static void search_draw(app *a)
{
    curs_set(1);
    if (!a->message[0]) {
        prompt_draw(&a->search, LINES - 1, COLS);
        return;
    }
    int len = (int)strlen(a->message), x = COLS - len - 1 > COLS / 2 ? COLS - len - 1 : COLS / 2;
    move(LINES - 1, 0);
    clrtoeol();
    status_message_put(a, x, COLS - x - 1);
    prompt_draw(&a->search, LINES - 1, x - 1);
}

const pane_ops search_pane = {
    .name = "search", .line_editor = 1, .draw = search_draw, .key = search_key,
    .document_changed = search_document_changed, .free = search_free,
};
