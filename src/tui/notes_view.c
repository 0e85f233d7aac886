/* The notes list (A, :notes): every bookmark and highlight of the corpus
 * over the panes, grouped by document and outline path, each with its
 * quoted text (a highlight's passage, a bookmark's name) and its note.
 * A list pane like the others: the moving keys, / filters as typed (folded
 * as the search folds: case, width, Simplified and Traditional), Enter
 * reads from the selected row, e edits the note in the prompt, E in
 * $EDITOR, y copies a highlight with its citation, d deletes and u undoes. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "yuedu/notes.h"

enum { NOTES_DOCUMENT, NOTES_SECTION, NOTES_ENTRY };

typedef struct notes_row {
    int kind;
    size_t doc;        /* YD_NO_DOC: not in this corpus */
    int32_t offset;    /* where Enter goes */
    yd_bookmark *item; /* NOTES_ENTRY: the bookmark or the highlight */
    int highlight;
    char *text;        /* headings: what they say */
} notes_row;

static void free_rows(app *a)
{
    for (size_t k = 0; a->notes && k < a->notes_view.count; k++)
        free(a->notes[k].text);
    free(a->notes);
    a->notes = NULL;
    a->notes_view.count = 0;
}

typedef struct entry {
    yd_bookmark *item;
    int highlight;
    char *section; /* outline path, "" when none */
} entry;

/* The export's order (notes.h). */
static int by_place(const void *pa, const void *pb)
{
    const entry *x = pa, *y = pb;
    return yd_notes_place_order(x->item, x->highlight, y->item, y->highlight);
}

/* Does the entry hold what the filter says (its text, note, file or section)? */
static int matches(app *a, const entry *e)
{
    const char *parts[] = {e->item->name, e->item->note, e->item->path, e->section};
    return parts_contain(a, parts, sizeof parts / sizeof parts[0], a->notes_filter);
}

static int push_row(notes_row **rows, size_t *n, size_t *cap, notes_row r)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        notes_row *g = realloc(*rows, c * sizeof *g);
        if (!g)
            return -1;
        *rows = g;
        *cap = c;
    }
    (*rows)[(*n)++] = r;
    return 0;
}

static void refresh_rows(app *a)
{
    free_rows(a);
    size_t total = a->bookmarks.count + a->highlights.count, n = 0;
    entry *es = calloc(total ? total : 1, sizeof *es);
    if (!es) {
        app_out_of_memory(a);
        return;
    }
    for (int h = 0; h < 2; h++) {
        yd_bookmarks *store = h ? &a->highlights : &a->bookmarks;
        for (size_t k = 0; k < store->count; k++)
            if (!store->items[k].deleted)
                es[n++] = (entry){&store->items[k], h, NULL};
    }
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        const yd_bookmark *b = es[k].item;
        es[k].section = b->doc != YD_NO_DOC && app_doc(a, b->doc) ? app_outline_path(a, b->doc, b->offset) : strdup("");
        if (!es[k].section) {
            for (size_t j = 0; j < k; j++)
                free(es[j].section);
            free(es);
            app_out_of_memory(a);
            return;
        }
        if (matches(a, &es[k]))
            es[kept++] = es[k];
        else
            free(es[k].section);
    }
    n = kept;
    qsort(es, n, sizeof *es, by_place);
    notes_row *rows = NULL;
    size_t count = 0, cap = 0;
    int failed = 0;
    for (size_t k = 0; k < n && !failed; k++) {
        const yd_bookmark *b = es[k].item;
        int new_doc = k == 0 || es[k - 1].item->doc != b->doc ||
                      (b->doc == YD_NO_DOC && strcmp(es[k - 1].item->path, b->path) != 0);
        if (new_doc) {
            char *title = NULL;
            if (b->doc != YD_NO_DOC && app_doc(a, b->doc)) {
                /* The title, and the file as the store names it (relative to
                 * the corpus); a document with no title line of its own is
                 * "titled" by its file name, which would be said twice. */
                char *t = app_document_title(a, b->doc);
                int untitled = t && strcmp(t, app_base_name(app_doc(a, b->doc)->path)) == 0;
                size_t len = (t ? strlen(t) : 0) + strlen(b->path) + 16;
                title = malloc(len);
                if (title && untitled)
                    snprintf(title, len, "%s", b->path);
                else if (title)
                    snprintf(title, len, "《%s》 %s", t ? t : "", b->path);
                free(t);
            } else {
                size_t len = strlen(b->path) + strlen(_("%s (not in this reader)")) + 1;
                title = malloc(len);
                if (title)
                    snprintf(title, len, _("%s (not in this reader)"), b->path);
            }
            failed = !title || push_row(&rows, &count, &cap, (notes_row){NOTES_DOCUMENT, b->doc, 0, NULL, 0, title});
            if (failed)
                break;
        }
        if (es[k].section[0] && (new_doc || strcmp(es[k - 1].section, es[k].section) != 0)) {
            char *s = strdup(es[k].section);
            int32_t at = b->offset;
            if (b->doc != YD_NO_DOC) {
                int32_t node = outline_node_at_offset(a, b->doc, b->offset);
                if (node >= 0)
                    at = a->outlines[b->doc].nodes[node].offset;
            }
            failed = !s || push_row(&rows, &count, &cap, (notes_row){NOTES_SECTION, b->doc, at, NULL, 0, s});
            if (failed)
                break;
        }
        failed = push_row(&rows, &count, &cap,
                          (notes_row){NOTES_ENTRY, b->doc, b->offset, es[k].item, es[k].highlight, NULL});
    }
    for (size_t k = 0; k < n; k++)
        free(es[k].section);
    free(es);
    a->notes = rows;
    a->notes_view.count = count;
    if (failed) {
        free_rows(a);
        app_out_of_memory(a);
        return;
    }
    list_view_clamp(&a->notes_view);
}

void notes_list_open(app *a)
{
    /* Once resolved against the whole corpus the states are current. */
    if (!a->resolved_final) {
        if (a->bookmarks.count)
            bookmarks_resolve(a, 0);
        highlights_resolve(a, 0);
    }
    pane_open(a, &notes_pane);
    a->notes_view.selected = a->notes_view.top = 0;
    refresh_rows(a);
    /* The selection starts on the first entry, under its headings. */
    while (a->notes_view.selected + 1 < a->notes_view.count && a->notes[a->notes_view.selected].kind != NOTES_ENTRY)
        a->notes_view.selected++;
    if (a->notes_view.count == 0 && !a->notes_filter[0])
        app_say(a, 0, "no notes yet: v and a highlight a passage, m bookmarks a place");
}

static notes_row *selected(app *a)
{
    return a->notes_view.selected < a->notes_view.count ? &a->notes[a->notes_view.selected] : NULL;
}

static yd_bookmarks *store_of(app *a, int highlight) { return highlight ? &a->highlights : &a->bookmarks; }

static void saved_change(app *a, int highlight)
{
    yd_error err = {0};
    if (highlight) {
        highlights_save(a);
    } else {
        if (yd_bookmarks_save(&a->bookmarks, &err) != YD_OK)
            app_say(a, 1, "bookmarks: %s", err.message);
        if (a->bookmarks.needs_resolve)
            bookmarks_resolve(a, a->resolved_final);
        bookmarks_notice(a);
        bookmarks_forget_marks(a);
    }
    refresh_rows(a);
}

static void set_note(app *a, const char *id, int highlight, const char *note)
{
    if (app_failed(a, yd_bookmarks_set_note(store_of(a, highlight), id, note), "note") == YD_OK) {
        app_say(a, 0, note[0] ? "note saved" : "note removed");
        saved_change(a, highlight);
    }
}

static void read_row(app *a, const notes_row *r)
{
    if (r->doc == YD_NO_DOC) {
        app_say(a, 1, "%s: its document is not in this reader", r->item ? r->item->path : r->text);
        return;
    }
    if (r->item && r->item->state == YD_BM_STALE)
        app_say(a, 1, "its text is gone from the document: shown where it was");
    pane_close(a, &notes_pane);
    app_jump(a, r->doc, r->offset);
}

static void act_on_entry(app *a, action what, notes_row *r)
{
    yd_bookmark *b = r->item;
    char id[YD_BOOKMARK_ID_SIZE];
    memcpy(id, b->id, sizeof id);
    int highlight = r->highlight;
    switch (what) {
    case YD_ACT_EDIT_NOTE: {
        wchar_t w[PROMPT_MAX];
        if (!note_to_prompt(b->note, w, PROMPT_MAX)) {
            /* Cut to fit, it would lose its end on Enter: never. */
            app_say(a, MSG_ERROR, "this note is longer than the prompt holds: E edits it in $EDITOR");
            break;
        }
        memcpy(a->notes_edit_id, id, sizeof id);
        a->notes_edit_highlight = highlight;
        a->prompt_mode = PM_NOTE;
        prompt_pane_open(a, &notes_pane, L':', L"note (\\n: new line): ", w);
        break;
    }
    case YD_ACT_EDIT_NOTE_EDITOR: {
        char *note = NULL;
        if (note_edit_external(a, b->note, &note)) {
            set_note(a, id, highlight, note);
            free(note);
        }
        break;
    }
    case YD_ACT_DELETE:
        memcpy(a->notes_undo_id, id, sizeof id);
        a->notes_undo_highlight = highlight;
        app_say(a, 0, "deleted: %s (u undoes)", b->name);
        if (app_failed(a, yd_bookmarks_delete(store_of(a, highlight), id), "delete") == YD_OK)
            saved_change(a, highlight);
        break;
    case YD_ACT_COPY:
        if (!highlight)
            app_say(a, MSG_ERROR, "a bookmark is a place, not a passage: y copies a highlight");
        else if (b->doc == YD_NO_DOC || b->state == YD_BM_STALE)
            app_say(a, MSG_ERROR, "its text is not in this reader: nothing copied");
        else
            copy_passage(a, b->doc, b->offset, b->offset + b->length);
        break;
    default: read_row(a, r); break;
    }
}

static void undo_delete(app *a)
{
    if (!a->notes_undo_id[0]) {
        app_say(a, MSG_ERROR, "nothing to undo (u brings back the last note deleted)");
        return;
    }
    int highlight = a->notes_undo_highlight;
    yd_status st = yd_bookmarks_undelete(store_of(a, highlight), a->notes_undo_id);
    a->notes_undo_id[0] = 0;
    if (app_failed(a, st, "undo") != YD_OK)
        return;
    app_say(a, 0, "restored");
    saved_change(a, highlight);
}

static int notes_act(app *a, action what)
{
    size_t page = (size_t)(a->rows > 2 ? a->rows - 1 : 1);
    notes_row *r = selected(a);
    switch (what) {
    case YD_ACT_HELP: case YD_ACT_QUIT: return 0;
    case YD_ACT_CLOSE: case YD_ACT_NOTES_LIST: pane_close(a, &notes_pane); return 1;
    case YD_ACT_BOOKMARK_LIST: case YD_ACT_SEARCH_RESULTS:
        pane_close(a, &notes_pane); /* the other list opens in its place */
        return 0;
    case YD_ACT_OPEN:
        if (r)
            read_row(a, r);
        break;
    case YD_ACT_EDIT_NOTE: case YD_ACT_EDIT_NOTE_EDITOR: case YD_ACT_DELETE: case YD_ACT_COPY:
        if (r && r->kind == NOTES_ENTRY)
            act_on_entry(a, what, r);
        else
            app_say(a, MSG_ERROR, r ? "a heading: select a note under it" : "no notes here");
        break;
    case YD_ACT_UNDO: undo_delete(a); break;
    case YD_ACT_FILTER: {
        wchar_t w[PROMPT_MAX] = L"";
        if (mbstowcs(w, a->notes_filter, PROMPT_MAX - 1) == (size_t)-1)
            w[0] = 0;
        w[PROMPT_MAX - 1] = 0;
        a->prompt_mode = PM_LIST_FILTER;
        prompt_pane_open(a, &notes_pane, L':', L"filter: ", w);
        break;
    }
    default: list_view_move(&a->notes_view, what, page); break;
    }
    if (pane_is_open(a, &notes_pane))
        list_view_reveal(&a->notes_view, page);
    return 1;
}

static void notes_prompt_done(app *a, prompt_result r)
{
    char text[PROMPT_MAX * 4];
    prompt_text_utf8(&a->prompt, text, sizeof text);
    if (a->prompt_mode == PM_LIST_FILTER) {
        /* The filter follows every edit; Esc takes it away. */
        snprintf(a->notes_filter, sizeof a->notes_filter, "%s", r == PROMPT_CANCEL ? "" : text);
        refresh_rows(a);
        a->notes_view.selected = a->notes_view.top = 0;
        while (a->notes_view.selected + 1 < a->notes_view.count && a->notes[a->notes_view.selected].kind != NOTES_ENTRY)
            a->notes_view.selected++;
        if (r != PROMPT_EDITING)
            a->prompt_mode = PM_COMMAND;
        return;
    }
    if (r == PROMPT_EDITING)
        return;
    a->prompt_mode = PM_COMMAND;
    if (r != PROMPT_ACCEPT)
        return;
    char note[PROMPT_MAX * 4];
    note_from_prompt(text, note, sizeof note);
    set_note(a, a->notes_edit_id, a->notes_edit_highlight, note);
}

/* One row across the screen in attr, its text from column x. */
static int put_text(app *a, int y, int x, const char *s, attr_t attr)
{
    wchar_t w[1024];
    size_t n = app_safe_mbs(a, w, 0, 1024, s);
    for (size_t k = 0; k < n; k++)
        w[k] = app_display_char(a, w[k]);
    return list_put(y, x, COLS - 1, w, n, attr);
}

static const list_hint notes_hints[] = {
    {YD_ACT_OPEN, NC_("list key", "reads")}, {YD_ACT_EDIT_NOTE, NC_("list key", "note")}, {YD_ACT_EDIT_NOTE_EDITOR, "$EDITOR"}, {YD_ACT_COPY, NC_("list key", "copy")},
    {YD_ACT_DELETE, NC_("list key", "delete")}, {YD_ACT_UNDO, NC_("list key", "undo")}, {YD_ACT_FILTER, NC_("list key", "filter")}, {YD_ACT_CLOSE, NC_("list key", "closes")},
};

/* A note on one row: its line breaks as ⏎. */
static void one_line(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 4 < cap; s++) {
        if (*s == '\n') {
            memcpy(out + n, " \u23ce ", 5);
            n += 5;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = 0;
}

static void draw_entry(app *a, int y, const notes_row *r, int chosen)
{
    const yd_bookmark *b = r->item;
    attr_t base = chosen ? A_REVERSE : A_NORMAL;
    attrset(base);
    mvhline(y, 0, ' ', COLS);
    attrset(A_NORMAL);
    int x = 4;
    if (r->highlight)
        x = put_text(a, y, x, "\u258c", app_style(a, (yd_style)(YD_STYLE_HIGHLIGHT1 + b->style))) + 1;
    else
        x = put_text(a, y, x, "*", app_style(a, YD_STYLE_BOOKMARK) | A_BOLD) + 1;
    char line[2400], note[1600];
    one_line(b->note, note, sizeof note);
    long at = b->doc != YD_NO_DOC && app_doc(a, b->doc) ? (long)yd_document_line_at(app_doc(a, b->doc), b->offset) + 1
                                                        : (long)b->anchor.line;
    const char *state = b->state == YD_BM_STALE ? _(" [stale: its text is gone]") : b->state == YD_BM_MOVED ? _(" [moved]")
                        : b->state == YD_BM_REANCHORED ? _(" [re-anchored]") : "";
    snprintf(line, sizeof line, r->highlight ? "「%s」 :%ld%s%s%s" : "%s :%ld%s%s%s", b->name, at, state,
             note[0] ? "  \u270e " : "", note);
    put_text(a, y, x, line, base);
}

static void notes_draw(app *a)
{
    char line[1200];
    int n = snprintf(line, sizeof line, ngettext("Notes (%zu row%s%s)", "Notes (%zu rows%s%s)", a->notes_view.count),
                     a->notes_view.count, a->notes_filter[0] ? _(", filter: ") : "", a->notes_filter);
    list_hints_append(&a->keys, line, n > 0 && (size_t)n < sizeof line ? (size_t)n : strlen(line), sizeof line,
                      notes_hints, sizeof notes_hints / sizeof notes_hints[0]);
    attrset(A_BOLD);
    mvhline(0, 0, ' ', COLS);
    attrset(A_NORMAL);
    put_text(a, 0, 0, line, A_BOLD);
    for (size_t k = a->notes_view.top; k < a->notes_view.count && (int)(k - a->notes_view.top) + 1 < a->rows; k++) {
        int y = 1 + (int)(k - a->notes_view.top);
        const notes_row *r = &a->notes[k];
        int chosen = k == a->notes_view.selected;
        if (r->kind == NOTES_ENTRY) {
            draw_entry(a, y, r, chosen);
            continue;
        }
        attr_t at = chosen ? A_REVERSE : r->kind == NOTES_DOCUMENT ? app_style(a, YD_STYLE_HEADING1)
                                                                     : app_style(a, YD_STYLE_HEADING2);
        attrset(chosen ? A_REVERSE : A_NORMAL);
        mvhline(y, 0, ' ', COLS);
        attrset(A_NORMAL);
        put_text(a, y, r->kind == NOTES_DOCUMENT ? 0 : 2, r->text, at);
    }
}

static int notes_key(app *a, key k) { return pane_close_on_lone_esc(a, k, &notes_pane); }

/* A document was read again: highlights are checked against its new
 * text (re-anchored, or marked stale), and the list follows. */
static void notes_document_changed(app *a, size_t doc)
{
    (void)doc;
    highlights_resolve(a, a->resolved_final);
    if (pane_is_open(a, &notes_pane))
        refresh_rows(a);
}

static void notes_free(app *a) { free_rows(a); }

const pane_ops notes_pane = {
    .name = "notes", .covers = 1, .context = CTX_LIST, .draw = notes_draw, .key = notes_key, .act = notes_act,
    .prompt_done = notes_prompt_done, .document_changed = notes_document_changed, .free = notes_free,
};
