/* Reading one key from curses (key_input.h). */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "key_input.h"
#include "sgr_mouse.h"

/* Between ESC [ 200 ~ and ESC [ 201 ~: what comes is pasted. Without the
 * brackets a pasted line end was Enter, and the text after it ran as
 * commands (a q in it quit the reader). */
static int pasting;
/* When the last of a paste came: a paste whose end never came (a broken
 * terminal, a cut connection) ends after a second without input, so that
 * keys are keys again. */
static long paste_seen_ms;

/* The monotonic clock in ms (app_now_ms's, but this file stands below the
 * app and knows nothing of it). */
static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void paste_saw(void) { paste_seen_ms = now_ms(); }

/* A whole second, not the change of the clock's second (1 to 2 s). */
static int paste_stalled(void) { return now_ms() - paste_seen_ms > 1000; }

void bracketed_paste(int on)
{
    static const char on_seq[] = "\033[?2004h", off_seq[] = "\033[?2004l";
    fflush(stdout);
    if (write(STDOUT_FILENO, on ? on_seq : off_seq, sizeof on_seq - 1) < 0)
        return; /* the terminal is gone: nothing to ask */
    if (!on)
        pasting = 0;
}

/* Characters read ahead, given back to curses in the order they came
 * (what is pushed back last comes out first). */
static void give_back(const int *types, const wint_t *codes, int n)
{
    while (n-- > 0) {
        if (types[n] == KEY_CODE_YES)
            ungetch((int)codes[n]);
        else if (types[n] == OK)
            unget_wch((wchar_t)codes[n]);
    }
}

/* After ESC [ 2: "00~" opens a paste and "01~" closes it (returns 1);
 * anything else is given back, the 2 first (returns 0). */
static int paste_mark(void)
{
    static const wchar_t mark[] = L"200~";
    int types[4] = {OK, ERR, ERR, ERR};
    wint_t codes[4] = {'2', 0, 0, 0};
    int n = 1;
    for (; n < 4; n++) {
        types[n] = get_wch(&codes[n]);
        if (types[n] != OK)
            break;
        if (n == 2 ? codes[n] != '0' && codes[n] != '1' : codes[n] != (wint_t)mark[n])
            break;
    }
    if (n == 4) {
        pasting = codes[2] == '0';
        paste_saw();
        return 1;
    }
    if (types[n] != ERR)
        n++; /* the character that did not fit goes back too */
    give_back(types, codes, n);
    return 0;
}

/* A character of a paste: kept for the prompt, marked pasted; line ends,
 * tabs, other controls and function keys are left out (WEOF), so that
 * nothing pasted can accept, complete or cancel. Chinese text wrapped on
 * the screen it was copied from joins up whole. */
static key pasted(int r, wint_t c)
{
    paste_saw();
    if (r == KEY_CODE_YES && c == KEY_RESIZE) /* not the paste's: the terminal's */
        return (key){1, c, 0, 0};
    if (r == KEY_CODE_YES || c < 0x20 || c == 0x7F)
        return (key){0, WEOF, 0, 0};
    return (key){0, c, 0, 1};
}

key read_key(void)
{
    wint_t c;
    int r = get_wch(&c);
    if (r == ERR) {
        if (pasting && paste_stalled())
            pasting = 0;
        return (key){0, WEOF, 0, 0};
    }
    if (pasting && c != 0x1B)
        return pasted(r, c);
    if (r == KEY_CODE_YES || c != 0x1B)
        return (key){r == KEY_CODE_YES, c, 0, 0};
    /* ESC: curses has waited the escape delay for a known sequence and
     * found none, so a character already waiting was sent with it. For the
     * prompts' Alt keys that is Alt and the character; anything else stays
     * Esc and then the key, as typed quickly (or sent by a script) after
     * Esc, or the start of a sequence curses does not know (the terminal's
     * answer to the width probe). */
    timeout(0);
    wint_t next;
    r = get_wch(&next);
    if (pasting && !(r == OK && next == '[')) { /* an ESC pasted: no Alt key, nothing */
        give_back(&r, &next, 1);
        return pasted(OK, 0x1B);
    }
    if (r == OK && next < 0x80 && strchr("bBfFdD", (int)next) && next)
        return (key){0, next, 1, 0};
    if ((r == OK && (next == 0x7F || next == 0x08)) || (r == KEY_CODE_YES && next == KEY_BACKSPACE))
        return (key){0, 0x7F, 1, 0}; /* Alt-Backspace, whatever the terminal sends for Backspace */
    if (r == OK && next == '[') { /* ESC [ < ...: an SGR mouse report curses did not ask for */
        wint_t third;
        int r3 = get_wch(&third);
        if (r3 == OK && third == '2') { /* perhaps ESC [ 200 ~ or ESC [ 201 ~ */
            if (paste_mark())
                return (key){0, WEOF, 0, 0};
            r3 = get_wch(&third); /* the 2 again, given back with what followed */
        }
        if (r3 == OK && third == '<') {
            wint_t mouse;
            if (sgr_mouse_read() && get_wch(&mouse) == KEY_CODE_YES && mouse == KEY_MOUSE)
                return (key){1, KEY_MOUSE, 0, 0};
            return (key){0, WEOF, 0, 0}; /* a broken report: dropped */
        }
        /* Anything else (the width probe's answer) goes back as it came:
         * curses returns what was pushed back last first. */
        if (r3 == KEY_CODE_YES)
            ungetch((int)third);
        else if (r3 == OK)
            unget_wch((wchar_t)third);
    }
    if (r == KEY_CODE_YES)
        ungetch((int)next);
    else if (r == OK)
        unget_wch((wchar_t)next);
    return pasting ? pasted(OK, 0x1B) : (key){0, 0x1B, 0, 0};
}
