/* The wcwidth() override: ncursesw asks wcwidth() for the width of every
 * character it puts on the screen, and a wcwidth defined in the executable
 * takes precedence over glibc's (the dynamic linker resolves the library's
 * reference to the executable's definition). Defining it here makes curses
 * count exactly the cells the layout counted; this matters with ambiwidth
 * 2, where the layout gives East Asian Ambiguous characters (“ ” … —) two
 * cells, the terminal draws them in two, and glibc says one.
 *
 * It lives in the front end, never in the core: the core asks glibc through
 * wcswidth(), which this does not replace (docs/LAYOUT.md). */
#include <stdatomic.h>
#include <wchar.h>

#include "term_width.h"

static _Atomic(const yd_width_table *) active;

void term_width_use(const yd_width_table *table) { atomic_store(&active, table); }

int wcwidth(wchar_t c)
{
    const yd_width_table *t = atomic_load(&active);
    if (t) {
        int w = yd_width_terminal(t, (UChar32)c);
        if (w >= 0)
            return w;
    }
    wchar_t s[2] = {c, 0};
    return wcswidth(s, 1); /* glibc's own table, in the process locale */
}

int term_cells(const wchar_t *s, size_t n)
{
    int w = 0;
    for (size_t k = 0; k < n; k++) {
        int cw = wcwidth(s[k]);
        w += cw > 0 ? cw : 0;
    }
    return w;
}

size_t term_wrap_end(const wchar_t *text, size_t n, size_t start, int width)
{
    size_t fit = start, last_space = 0;
    int col = 0;
    for (; fit < n; fit++) {
        int cw = wcwidth(text[fit]) < 0 ? 1 : wcwidth(text[fit]);
        if (col + cw > width)
            break;
        col += cw;
        if (text[fit] == L' ' && fit > start)
            last_space = fit;
    }
    size_t end = fit;
    if (fit < n && last_space > start && text[fit] != L' ')
        end = last_space; /* do not cut an English word */
    if (end == start && fit < n)
        end = start + 1; /* a character wider than the row */
    return end;
}
