/* Search in the reader: `/` searches as you type (when no other key is
 * waiting, and giving way to the next key: search_model.c; the view moves
 * to the first hit after where the search started), Enter keeps it, Esc
 * goes back; n/N move through the hits of the whole corpus,
 * wrapping with a message. Folding (case, width, Simplified/Traditional)
 * is the core's (search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static void set_label(app *a)
{
    a->search.label = a->search_regex ? prompt_translated_label(&a->search, L"regex/")
                      : a->search_exact_numbers ? prompt_translated_label(&a->search, L"exact numbers/") : NULL;
}

void search_begin(app *a)
{
    if (!search_ready(a))
        return;
    if (!a->search_numbers_set) {
        a->search_exact_numbers = !(a->settings->config->search.folds & YD_FOLD_NUMBERS);
        a->search_numbers_set = 1;
    }
    search_scope_clear(a); /* / searches everything; s in the outline narrows after this */
    a->search_origin = (yd_position){a->doc, text_offset(a)};
    a->search_of_prompt = 0; /* the query in force is the last search's */
    prompt_open(&a->search, L'/');
    set_label(a);
    pane_open(a, &search_pane);
}

static int search_key(app *a, key k)
{
    if (!k.is_key && k.code == 0x12) { /* Ctrl-R: literal <-> regex */
        a->search_regex = !a->search_regex;
        set_label(a);
        search_typed(a);
        return 1;
    }
    if (!k.is_key && k.code == 0x0E) { /* Ctrl-N: 第12条 finds 第十二条, or only itself */
        a->search_exact_numbers = !a->search_exact_numbers;
        set_label(a);
        search_typed(a);
        return 1;
    }
    wchar_t before[PROMPT_MAX];
    wcscpy(before, a->search.text);
    prompt_result r = prompt_key(&a->search, k);
    if (r != PROMPT_EDITING)
        pane_close(a, &search_pane);
    if (a->search.refused)
        app_say(a, 1, "a pattern holds at most %d characters", PROMPT_MAX - 1);
    if (r == PROMPT_EDITING) {
        /* Keys that leave the pattern as it was (the cursor keys, history at
         * its end) must not search the corpus again. */
        if (wcscmp(before, a->search.text) != 0)
            search_typed(a);
    } else if (r == PROMPT_CANCEL) {
        a->search_typed = a->search_move_pending = 0;
        search_scope_clear(a); /* Esc widens the search again */
        yd_query_free(a->query);
        a->query = NULL;
        search_clear(a);
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        a->message[0] = 0;
    } else if (search_run(a) && a->query) {
        char pattern[PROMPT_MAX * 4];
        prompt_text_utf8(&a->search, pattern, sizeof pattern);
        reading_searched(a, pattern); /* every search of the run is kept */
        /* Enter: a jump from where the search started. */
        app_go(a, a->search_origin.doc, a->search_origin.offset);
        search_show_first_hit(a, a->search_origin.doc, a->search_origin.offset, 1);
    }
    return 1;
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
    message_line_put(a, x, COLS - x - 1);
    prompt_draw(&a->search, LINES - 1, x - 1);
}

const pane_ops search_pane = {
    .name = "search", .line_editor = 1, .draw = search_draw, .key = search_key,
    .document_changed = search_document_changed, .free = search_free,
};
