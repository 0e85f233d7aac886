/* Mouse reports in the SGR form (DECSET 1006) where curses would ask for
 * the old X10 form. Curses chooses the form from the terminfo entry: with
 * xterm-256color it already asks for SGR, but tmux-256color and screen
 * describe X10, whose one-byte coordinates end at column 223, so a click
 * further right on a wide terminal is lost. Here the terminal is asked for
 * SGR reports too, and a report curses does not recognise (ESC [ < b ; x ;
 * y M) is decoded and handed back to curses with ungetmouse, so the panes
 * see an ordinary KEY_MOUSE. A terminal that does not know 1006 ignores
 * the request and goes on sending X10, which curses decodes itself. */
#include "sgr_mouse.h"

#include <curses.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

/* Curses decodes SGR itself when the entry says so (kmous ESC [ <). */
static int curses_has_sgr(void)
{
    const char *kmous = tigetstr("kmous");
    return kmous && kmous != (char *)-1 && strncmp(kmous, "\033[<", 3) == 0;
}

void sgr_mouse_enable(int on)
{
    if (curses_has_sgr())
        return;
    static const char on_seq[] = "\033[?1006h", off_seq[] = "\033[?1006l";
    fflush(stdout);
    if (write(STDOUT_FILENO, on ? on_seq : off_seq, sizeof on_seq - 1) < 0)
        return; /* the terminal is gone: nothing to ask */
}

/* A decimal number from the input, then the byte after it. */
static int read_number(int *value, wint_t *after)
{
    int n = 0, digits = 0;
    wint_t c;
    while (get_wch(&c) == OK) {
        if (c >= '0' && c <= '9' && digits < 6) {
            n = n * 10 + (int)(c - '0');
            digits++;
            continue;
        }
        *value = n;
        *after = c;
        return digits > 0;
    }
    return 0;
}

int sgr_mouse_read(void)
{
    /* The rest of the report came with ESC [ <: read without waiting. */
    int b, x, y;
    wint_t sep;
    if (!read_number(&b, &sep) || sep != ';' || !read_number(&x, &sep) || sep != ';' || !read_number(&y, &sep) ||
        (sep != 'M' && sep != 'm') || x < 1 || y < 1)
        return 0;
    MEVENT ev = {.id = 0, .x = x - 1, .y = y - 1, .z = 0, .bstate = 0};
    int button = b & 3;
    if (b & 64) /* the wheel: 64 up, 65 down */
        ev.bstate = button == 0 ? BUTTON4_PRESSED : BUTTON5_PRESSED;
    else if (b & 32) /* moved with a button held */
        ev.bstate = REPORT_MOUSE_POSITION;
    else if (button == 0)
        ev.bstate = sep == 'M' ? BUTTON1_PRESSED : BUTTON1_RELEASED;
    else if (button == 1)
        ev.bstate = sep == 'M' ? BUTTON2_PRESSED : BUTTON2_RELEASED;
    else if (button == 2)
        ev.bstate = sep == 'M' ? BUTTON3_PRESSED : BUTTON3_RELEASED;
    else
        return 0;
    return ungetmouse(&ev) == OK;
}
