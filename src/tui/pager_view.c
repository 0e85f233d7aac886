/* The pager overlay: a read-only page of text over the panes, for the key
 * help (`?`) and the message log (`:messages`). Its lines are wrapped to the
 * terminal's width with a hanging indent, so that at 80 columns every
 * binding's description and every message can be read whole, Chinese or
 * not: widths come from the same wcwidth as the rest of the screen. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "term_width.h"

enum { HELP_DESCRIPTION_COLUMN = 27 }; /* "  KEYS(24) DESCRIPTION", keymap.c */

static void free_rows(app *a)
{
    for (size_t k = 0; k < a->pager_count; k++)
        free(a->pager_rows[k]);
    free(a->pager_rows);
    a->pager_rows = NULL;
    a->pager_count = 0;
}

/* Add one screen row; returns -1 when out of memory. */
static int add_row(app *a, const wchar_t *text, size_t n, size_t *capacity)
{
    if (a->pager_count == *capacity) {
        size_t cap = *capacity ? *capacity * 2 : 64;
        wchar_t **rows = realloc(a->pager_rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        a->pager_rows = rows;
        *capacity = cap;
    }
    wchar_t *row = malloc((n + 1) * sizeof *row);
    if (!row)
        return -1;
    wmemcpy(row, text, n);
    row[n] = 0;
    a->pager_rows[a->pager_count++] = row;
    return 0;
}

/* The rows of one line wrapped to width cells: continuation rows start
 * with indent blanks. Breaks after a space where the row has one (English),
 * else at the last character that fits (Chinese breaks between any two
 * characters). */
static int wrap_line(app *a, const char *line, int width, int indent, size_t *capacity)
{
    wchar_t text[1024], row[1024];
    size_t n = app_safe_mbs(a, text, 0, sizeof text / sizeof text[0], line), at = 0;
    if (indent > width - 20) /* a narrow terminal: room for the text first */
        indent = width > 24 ? 4 : 0;
    int first = 1;
    do {
        size_t used = 0;
        int col = 0;
        if (!first) {
            for (; (int)used < indent; used++)
                row[used] = L' ';
            col = indent;
            while (at < n && text[at] == L' ')
                at++;
        }
        size_t start = at, end = term_wrap_end(text, n, start, width - col);
        wmemcpy(row + used, text + start, end - start);
        used += end - start;
        if (add_row(a, row, used, capacity) != 0)
            return -1;
        at = end;
        first = 0;
    } while (at < n);
    return 0;
}

/* Build the rows for the current width. */
static int build(app *a, int width)
{
    free_rows(a);
    size_t capacity = 0;
    char buf[512];
    if (a->help_kind == PAGER_MESSAGES) {
        if (wrap_line(a, _("Messages, oldest first (j/k scroll, q closes)"), width, 0, &capacity) != 0 ||
            wrap_line(a, "", width, 0, &capacity) != 0)
            return -1;
        if (a->message_log_count == 0 && wrap_line(a, _("  (none yet)"), width, 0, &capacity) != 0)
            return -1;
        for (size_t k = 0; k < a->message_log_count; k++)
            if (wrap_line(a, a->message_log[k], width, 2, &capacity) != 0)
                return -1;
    } else {
        if (wrap_line(a, _("yuedu keys (j/k scroll, q closes)"), width, 0, &capacity) != 0 ||
            wrap_line(a, "", width, 0, &capacity) != 0)
            return -1;
        for (size_t n = 0; n < keymap_help_line_count(); n++) {
            const char *line = keymap_help_line(&a->keys, n, buf, sizeof buf);
            /* A binding's description goes on under itself; a heading's
             * text under its start. */
            int indent = line && line[0] == ' ' ? HELP_DESCRIPTION_COLUMN : 2;
            if (line && wrap_line(a, line, width, indent, &capacity) != 0)
                return -1;
        }
    }
    a->pager_width = width;
    a->pager_serial = a->message_serial;
    return 0;
}

void pager_open(app *a, pager_kind kind)
{
    pane_open(a, &pager_pane);
    a->help_kind = kind;
    a->help_top = 0;
    a->pager_width = 0; /* rebuild */
}

void pager_close(app *a)
{
    pane_close(a, &pager_pane);
    free_rows(a);
    a->pager_width = 0;
}

/* The rows for the width of the screen now; 0, or -1 out of memory. */
static int ensure_rows(app *a)
{
    int width = COLS - 2 > 1 ? COLS - 2 : 1;
    /* A message said while :messages is open shows at once. */
    int stale = a->help_kind == PAGER_MESSAGES && a->pager_serial != a->message_serial;
    if (a->pager_width == width && a->pager_rows && !stale)
        return 0;
    if (build(a, width) != 0) {
        free_rows(a);
        return -1;
    }
    return 0;
}

/* Every action stops here: the pager has the keys until it closes. */
static int pager_act(app *a, action what)
{
    if (ensure_rows(a) != 0) {
        app_out_of_memory(a);
        return 1;
    }
    list_view v = {.count = a->pager_count, .top = a->help_top};
    if (list_view_scroll(&v, what, (size_t)a->rows))
        a->help_top = v.top;
    else if (what == YD_ACT_HELP)
        pager_close(a);
    else if (what == YD_ACT_QUIT)
        a->quit = 1;
    return 1;
}

static void pager_draw(app *a)
{
    if (ensure_rows(a) != 0) {
        app_out_of_memory(a);
        return;
    }
    size_t h = (size_t)a->rows, max = a->pager_count > h ? a->pager_count - h : 0;
    if (a->help_top > max) /* the terminal grew, or the rows got fewer */
        a->help_top = max;
    for (int r = 0; r < a->rows; r++) {
        size_t n = a->help_top + (size_t)r;
        if (n >= a->pager_count)
            break;
        mvaddnwstr(r, 1, a->pager_rows[n], -1);
    }
}

const pane_ops pager_pane = {
    .name = "pager", .covers = 1, .context = CTX_HELP, .draw = pager_draw, .act = pager_act, .free = pager_close,
};
