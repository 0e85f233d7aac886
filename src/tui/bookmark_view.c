/* Bookmarks in the reader (SPEC §8): m adds a
 * bookmark at the top of the text pane (a name, by default breadcrumb and
 * snippet, then an optional note); B lists them (document order or most
 * recent, Enter reads, r renames, e edits the note, d deletes and u undoes,
 * / filters); bookmarked places are marked beside the text (text_view.c) and
 * in the outline. The store itself is the core's (bookmarks.h):
 * atomic, locked, merged with other instances. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "term_width.h"

static void refresh_list(app *a);
static void prompt_with(app *a, int mode, const wchar_t *label, const char *text);

/* Quitting with bookmarks that could not be saved never happens silently:
 * one more try, then the reader stays and asks (r retry, w write them
 * elsewhere, Q quit without them, Esc keep reading). */
static void ask_unsaved(app *a, const char *why)
{
    size_t n = yd_bookmarks_unsaved(&a->bookmarks);
    snprintf(a->unsaved_why, sizeof a->unsaved_why, "%s", why);
    pane_open(a, &unsaved_pane);
    app_say(a, 1, ngettext("%zu bookmark change NOT SAVED: r retry, w write elsewhere, Q quit without, Esc stay. %s",
                           "%zu bookmark changes NOT SAVED: r retry, w write elsewhere, Q quit without, Esc stay. %s", n),
            n, why);
}

int bookmarks_may_quit(app *a)
{
    if (!a->stores_open || a->quit_unsaved || yd_bookmarks_unsaved(&a->bookmarks) == 0)
        return 1;
    yd_error err = {0};
    if (yd_bookmarks_save(&a->bookmarks, &err) == YD_OK || yd_bookmarks_unsaved(&a->bookmarks) == 0)
        return 1;
    ask_unsaved(a, err.message);
    return 0;
}

/* A key while it asks: r, w, Q or Esc; any other key is not an answer. */
static int unsaved_key(app *a, key k)
{
    wint_t c = k.is_key ? 0 : k.code;
    if (c == 'r') {
        pane_close(a, &unsaved_pane);
        a->quit = bookmarks_may_quit(a);
    } else if (c == 'w') {
        pane_close(a, &unsaved_pane);
        const char *home = getenv("HOME");
        char path[PROMPT_MAX * 4];
        snprintf(path, sizeof path, "%s/yuedu-bookmarks.yaml", home && *home ? home : ".");
        prompt_with(a, PM_WRITE_COPY, L"write the bookmarks to: ", path);
    } else if (c == 'Q') {
        pane_close(a, &unsaved_pane);
        a->quit_unsaved = 1;
        a->quit = 1;
    } else if (c == 0x1B) {
        pane_close(a, &unsaved_pane);
        a->message[0] = 0;
    }
    return 1;
}

/* Lines of the box's parts, and its width in cells at most. */
enum { BOX_LINES = 8, BOX_WIDTH = 72 };

typedef struct box_part {
    wchar_t line[BOX_LINES][BOX_WIDTH + 1];
    int count;
} box_part;

/* text cut into lines of at most width cells, after the part's lines (at
 * most BOX_LINES in all). */
static void wrap_into(app *a, box_part *part, const char *text, int width)
{
    wchar_t w[MESSAGE_MAX];
    size_t n = app_safe_mbs(a, w, 0, MESSAGE_MAX, text), k = 0;
    while (k < n && part->count < BOX_LINES) {
        size_t end = term_wrap_end(w, n, k, width), len = end - k < BOX_WIDTH ? end - k : BOX_WIDTH;
        wchar_t *line = part->line[part->count++];
        wmemcpy(line, &w[k], len);
        line[len] = 0;
        for (k = end; k < n && w[k] == L' ';)
            k++;
    }
}

static void put_part(const box_part *part, int shown, int *y, int x)
{
    for (int k = 0; k < shown; k++)
        mvaddnwstr((*y)++, x, part->line[k], -1);
}

/* The question on the message line is cut at 80 columns, and its reason
 * with it (a path and the system's words): a box over the text says the
 * reason whole and what each answer does. The answers always show, the
 * reason gives up its last lines to them; too small a terminal keeps only
 * the message line. */
static void unsaved_draw(app *a)
{
    int width = COLS - 4 < BOX_WIDTH ? COLS - 4 : BOX_WIDTH, room = LINES - 2;
    if (width < 16)
        return;
    size_t n = yd_bookmarks_unsaved(&a->bookmarks);
    char head_text[256];
    snprintf(head_text, sizeof head_text,
             ngettext("%zu bookmark change could not be saved:", "%zu bookmark changes could not be saved:", n), n);
    box_part head = {.count = 0}, reason = {.count = 0}, answers = {.count = 0};
    wrap_into(a, &head, head_text, width);
    wrap_into(a, &reason, a->unsaved_why, width);
    wrap_into(a, &answers, _("r: try to save them again; w: write them to another file;"), width);
    wrap_into(a, &answers, _("Q: quit without them; Esc: keep reading."), width);
    int fixed = head.count + answers.count, pad = fixed + reason.count + 2 <= room;
    int shown = room - fixed - 2 * pad;
    if (shown > reason.count)
        shown = reason.count;
    if (shown < 0)
        return;
    int height = fixed + shown + 2 * pad, y = (room - height) / 2, left = (COLS - width - 4) / 2;
    attr_t at = app_style(a, YD_STYLE_STATUS);
    attron(at);
    for (int k = 0; k < height; k++)
        mvhline(y + k, left, ' ', width + 4);
    y += pad;
    put_part(&head, head.count, &y, left + 2);
    put_part(&reason, shown, &y, left + 2);
    put_part(&answers, answers.count, &y, left + 2);
    attroff(at);
}

const pane_ops unsaved_pane = {.name = "unsaved bookmarks", .draw = unsaved_draw, .key = unsaved_key};

static void write_copy(app *a, const char *typed)
{
    /* ~/ as the shell reads it: the prompt offers a path in the home
     * folder, and people shorten it so. */
    const char *home = getenv("HOME");
    char path[PROMPT_MAX * 4];
    int n = -1;
    if (typed[0] == '~' && (typed[1] == '/' || typed[1] == 0) && home && *home)
        n = snprintf(path, sizeof path, "%s%s", home, typed + 1);
    if (n < 0 || (size_t)n >= sizeof path) /* as typed, or too long to expand */
        snprintf(path, sizeof path, "%s", typed);
    yd_error err = {0};
    if (yd_bookmarks_write_copy(&a->bookmarks, path, &err) != YD_OK) {
        ask_unsaved(a, err.message);
        return;
    }
    snprintf(a->unsaved_copy, sizeof a->unsaved_copy, "%s", path);
    a->quit_unsaved = 1;
    a->quit = 1;
}

static void bookmarks_document_changed(app *a, size_t doc)
{
    (void)doc; /* bookmarks are placed in every document at once */
    if (a->bookmarks.count > 0)
        bookmarks_resolve(a, a->resolved_final); /* re-anchored in the new text, saved as such */
    bookmarks_forget_marks(a);
    if (pane_is_open(a, &bookmark_list_pane))
        refresh_list(a);
}

static void prompt_with(app *a, int mode, const wchar_t *label, const char *text)
{
    wchar_t w[PROMPT_MAX] = L"";
    if (text && mbstowcs(w, text, PROMPT_MAX - 1) == (size_t)-1)
        w[0] = 0;
    w[PROMPT_MAX - 1] = 0;
    prompt_pane_open(a, &bookmark_list_pane, L':', label, w);
    a->prompt_mode = mode;
}

void bookmarks_add_begin(app *a)
{
    a->pending = (yd_position){a->doc, text_offset(a)};
    wchar_t crumb[512];
    status_breadcrumb(a, crumb, 512);
    char utf8[2048];
    if (wcstombs(utf8, crumb, sizeof utf8) == (size_t)-1)
        utf8[0] = 0;
    char *name = yd_bookmark_default_name(utf8, app_doc(a, a->doc), a->pending.offset);
    prompt_with(a, PM_BOOKMARK_NAME, L"bookmark name: ", name ? name : "");
    free(name);
}

static yd_bookmark *selected(app *a)
{
    return pane_is_open(a, &bookmark_list_pane) && a->list_view.selected < a->list_view.count ? a->list[a->list_view.selected] : NULL;
}

static void refresh_list(app *a)
{
    free(a->list);
    a->list = NULL;
    a->list_view.count = 0;
    app_failed(a, yd_bookmarks_list(&a->bookmarks, a->list_recent ? YD_ORDER_RECENT : YD_ORDER_DOCUMENT, NULL, &a->list,
                                     &a->list_view.count),
               "bookmarks");
    /* The filter as every list's: folded, and by pinyin (title_match.c). */
    size_t kept = 0;
    for (size_t k = 0; k < a->list_view.count; k++) {
        const yd_bookmark *b = a->list[k];
        const char *parts[] = {b->name, b->note, b->path};
        if (parts_contain(a, parts, 3, a->list_filter))
            a->list[kept++] = a->list[k];
    }
    a->list_view.count = kept;
    list_view_clamp(&a->list_view);
}

static void save(app *a)
{
    yd_error err = {0};
    if (yd_bookmarks_save(&a->bookmarks, &err) != YD_OK)
        app_say(a, 1, "bookmarks: %s", err.message);
    if (a->bookmarks.needs_resolve)
        bookmarks_resolve(a, a->resolved_final);
    bookmarks_notice(a);
    bookmarks_forget_marks(a);
    if (pane_is_open(a, &bookmark_list_pane))
        refresh_list(a);
}

static void bookmarks_prompt_done(app *a, int accepted)
{
    int mode = a->prompt_mode;
    a->prompt_mode = PM_COMMAND;
    char text[PROMPT_MAX * 4];
    prompt_text_utf8(&a->prompt, text, sizeof text);
    if (mode == PM_LIST_FILTER) {
        snprintf(a->list_filter, sizeof a->list_filter, "%s", accepted ? text : "");
        refresh_list(a);
        return;
    }
    if (mode == PM_WRITE_COPY) {
        if (accepted && text[0])
            write_copy(a, text);
        else
            ask_unsaved(a, "");
        return;
    }
    if (!accepted)
        return;
    if (mode == PM_BOOKMARK_NAME) {
        snprintf(a->pending_name, sizeof a->pending_name, "%s", text);
        prompt_with(a, PM_BOOKMARK_NOTE, L"note (optional): ", NULL);
        return;
    }
    if (mode == PM_BOOKMARK_NOTE) {
        const yd_document *d = app_doc(a, a->pending.doc);
        char id[YD_BOOKMARK_ID_SIZE];
        if (app_failed(a, yd_bookmarks_add(&a->bookmarks, d, a->pending.doc, a->pending.offset, app_corpus_root(a),
                                           a->pending_name, text, id),
                       "bookmark") != YD_OK)
            return;
        app_say(a, 0, "bookmarked: %s", yd_bookmarks_find(&a->bookmarks, id)->name);
        save(a);
        return;
    }
    yd_bookmark *b = selected(a);
    if (!b)
        return;
    char id[YD_BOOKMARK_ID_SIZE];
    memcpy(id, b->id, sizeof id);
    if (mode == PM_RENAME && !text[0]) {
        app_say(a, MSG_ERROR, "a bookmark needs a name: %s keeps its own", b->name);
        return;
    }
    if (app_failed(a, mode == PM_RENAME ? yd_bookmarks_rename(&a->bookmarks, id, text)
                                        : yd_bookmarks_set_note(&a->bookmarks, id, text),
                   mode == PM_RENAME ? _("rename") : _("note")) == YD_OK)
        save(a);
}

void bookmarks_list_open(app *a)
{
    /* Once resolved against the whole corpus the states are current (a
     * second update would turn "re-anchored" into "exact"). */
    if (!a->resolved_final)
        bookmarks_resolve(a, 0);
    pane_open(a, &bookmark_list_pane);
    a->list_view.selected = a->list_view.top = 0;
    refresh_list(a);
    if (a->list_view.count == 0 && !a->list_filter[0])
        app_say(a, 0, "no bookmarks yet (m adds one)");
}

/* Enter: read from the selected bookmark, when its document is here. */
static void read_selected(app *a, const yd_bookmark *b)
{
    if (b->doc == YD_NO_DOC && b->state == YD_BM_NOT_OPEN) {
        app_say(a, 1, "%s: not open in this reader", b->abs_path);
    } else if (b->doc == YD_NO_DOC) {
        app_say(a, 1, "%s: its document is not in this corpus", b->path);
    } else {
        pane_close(a, &bookmark_list_pane);
        app_jump(a, b->doc, b->offset);
    }
}

static void delete_selected(app *a, const yd_bookmark *b)
{
    memcpy(a->undo_id, b->id, sizeof a->undo_id);
    app_say(a, 0, "deleted: %s (u undoes)", b->name);
    app_failed(a, yd_bookmarks_delete(&a->bookmarks, a->undo_id), "delete");
    save(a);
}

static void undo_delete(app *a)
{
    if (!a->undo_id[0]) {
        app_say(a, MSG_ERROR, "nothing to undo (u brings back the last bookmark deleted)");
        return;
    }
    yd_status st = yd_bookmarks_undelete(&a->bookmarks, a->undo_id);
    a->undo_id[0] = 0;
    if (app_failed(a, st, "undo") != YD_OK)
        return;
    app_say(a, 0, "restored");
    save(a);
}

/* The actions that need a selected bookmark. */
static void act_on_selected(app *a, action what, yd_bookmark *b)
{
    if (!b) {
        app_say(a, MSG_ERROR, a->list_filter[0] ? _("no bookmark matches the filter (/ changes it)")
                                                : _("no bookmarks yet (m adds one)"));
        return;
    }
    switch (what) {
    case YD_ACT_OPEN: read_selected(a, b); break;
    case YD_ACT_RENAME: prompt_with(a, PM_RENAME, L"rename: ", b->name); break;
    case YD_ACT_EDIT_NOTE: prompt_with(a, PM_NOTE, L"note: ", b->note); break;
    default: delete_selected(a, b); break;
    }
}

/* The list's actions (keys.list in config.yaml); help and quit go on to
 * the global actions, any other key does nothing while the list is up. */
static int bookmark_list_act(app *a, action what)
{
    size_t h = (size_t)(a->rows > 1 ? a->rows / 2 : 1); /* two lines a bookmark */
    switch (what) {
    case YD_ACT_HELP: case YD_ACT_QUIT: return 0;
    case YD_ACT_OPEN: case YD_ACT_RENAME: case YD_ACT_EDIT_NOTE: case YD_ACT_DELETE:
        act_on_selected(a, what, selected(a));
        break;
    case YD_ACT_CLOSE: case YD_ACT_BOOKMARK_LIST: pane_close(a, &bookmark_list_pane); break;
    case YD_ACT_UNDO: undo_delete(a); break;
    case YD_ACT_FILTER: prompt_with(a, PM_LIST_FILTER, L"filter: ", a->list_filter); break;
    case YD_ACT_ORDER:
        a->list_recent = !a->list_recent;
        refresh_list(a);
        app_say(a, 0, a->list_recent ? _("most recent first") : _("in document order"));
        break;
    default: list_view_move(&a->list_view, what, h); break;
    }
    list_view_reveal(&a->list_view, h);
    return 1;
}

/* A row of the list across the screen in attr, its text from column x. */
static void put_line(app *a, int y, int x, const char *s, attr_t attr)
{
    wchar_t w[600];
    size_t n = app_safe_mbs(a, w, 0, 600, s);
    attrset(attr);
    mvhline(y, 0, ' ', COLS);
    attrset(A_NORMAL);
    list_put(y, x, COLS - 1, w, n, attr);
}

/* What the header says the list's keys do, with the keys bound to them. */
static const list_hint bookmark_hints[] = {
    {YD_ACT_OPEN, NC_("list key", "reads")},   {YD_ACT_RENAME, NC_("list key", "rename")}, {YD_ACT_EDIT_NOTE, NC_("list key", "note")},  {YD_ACT_DELETE, NC_("list key", "delete")},
    {YD_ACT_UNDO, NC_("list key", "undo")},    {YD_ACT_ORDER, NC_("list key", "order")},   {YD_ACT_FILTER, NC_("list key", "filter")}, {YD_ACT_CLOSE, NC_("list key", "closes")},
};

static void bookmarks_list_draw(app *a)
{
    char line[1200];
    int n = snprintf(line, sizeof line, _("Bookmarks (%zu, %s%s%s)"), a->list_view.count,
                     a->list_recent ? _("most recent first") : _("document order"), a->list_filter[0] ? _(", filter: ") : "",
                     a->list_filter);
    list_hints_append(&a->keys, line, n > 0 && (size_t)n < sizeof line ? (size_t)n : strlen(line), sizeof line, bookmark_hints,
               sizeof bookmark_hints / sizeof bookmark_hints[0]);
    put_line(a, 0, 0, line, A_BOLD);
    for (size_t k = a->list_view.top; k < a->list_view.count && (int)(1 + 2 * (k - a->list_view.top)) + 1 < a->rows; k++) {
        const yd_bookmark *b = a->list[k];
        int y = 1 + 2 * (int)(k - a->list_view.top);
        const char *state = b->state == YD_BM_STALE ? _(" [stale]") : b->state == YD_BM_MOVED ? _(" [moved]")
                            : b->state == YD_BM_REANCHORED ? _(" [re-anchored]")
                            : b->state == YD_BM_NOT_OPEN ? _(" [not open]") : "";
        /* A bookmark in a file not open here is shown dimmed, with the
         * file's full path: it is elsewhere, not lost. */
        int away = b->state == YD_BM_NOT_OPEN;
        snprintf(line, sizeof line, "%s%s", b->name, state);
        put_line(a, y, 1, line, k == a->list_view.selected ? A_REVERSE : away ? A_DIM : A_BOLD);
        snprintf(line, sizeof line, "%s:%ld%s%s", away ? b->abs_path : b->path, (long)b->anchor.line,
                 b->note[0] ? "  " : "", b->note);
        put_line(a, y + 1, 3, line, away ? A_DIM : A_NORMAL);
    }
}

/* Esc closes the list, as it closes the help; every other key is read
 * through the list's key table into bookmark_list_act. */
static int bookmark_list_pane_key(app *a, key k) { return pane_close_on_lone_esc(a, k, &bookmark_list_pane); }

/* The filter follows every edit; names and notes are taken at the end. */
static void bookmark_prompt_edited(app *a, prompt_result r)
{
    if (r != PROMPT_EDITING)
        bookmarks_prompt_done(a, r == PROMPT_ACCEPT);
}

const pane_ops bookmark_list_pane = {
    .name = "bookmarks", .covers = 1, .context = CTX_LIST, .draw = bookmarks_list_draw,
    .key = bookmark_list_pane_key, .act = bookmark_list_act, .prompt_done = bookmark_prompt_edited, .document_changed = bookmarks_document_changed,
};
