/* The message line, and any line of text cut to its room with … (the
 * completions Tab lists over the status line). Messages may quote file
 * names, so they go through the same filter as titles. */
#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "app.h"

/* text at (y, x), cut with … to width cells. */
void line_put_cut(app *a, int y, int x, int width, const char *text)
{
    wchar_t w[MESSAGE_MAX];
    size_t n = app_safe_mbs(a, w, 0, MESSAGE_MAX, text);
    move(y, x);
    int total = 0;
    for (size_t k = 0; k < n; k++)
        total += wcwidth(w[k]) < 0 ? 1 : wcwidth(w[k]);
    /* Too long: cut with … (the whole text is in :messages); … is
     * ambiguous, two cells under ambiwidth 2. */
    int ellipsis = wcwidth(0x2026) < 1 ? 1 : wcwidth(0x2026);
    int room = total > width ? width - ellipsis : width, col = 0;
    for (size_t k = 0; k < n; k++) {
        int cw = wcwidth(w[k]) < 0 ? 1 : wcwidth(w[k]);
        if (col + cw > room)
            break;
        addnwstr(&w[k], 1);
        col += cw;
    }
    if (total > width && room >= 0)
        addnwstr(L"\u2026", 1);
}

void message_line_put(app *a, int x, int width) { line_put_cut(a, LINES - 1, x, width, a->message); }

void message_line_draw(app *a)
{
    if (!a->message[0])
        return;
    attr_t at = a->message_is_error ? app_style(a, YD_STYLE_MESSAGE) : A_NORMAL;
    attron(at);
    message_line_put(a, 0, COLS - 1);
    attroff(at);
}
