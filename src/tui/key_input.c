/* Reading one key from curses (key_input.h). */
#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "key_input.h"
#include "sgr_mouse.h"

key read_key(void)
{
    wint_t c;
    int r = get_wch(&c);
    if (r == ERR)
        return (key){0, WEOF, 0};
    if (r == KEY_CODE_YES || c != 0x1B)
        return (key){r == KEY_CODE_YES, c, 0};
    /* ESC: curses has waited the escape delay for a known sequence and
     * found none, so a character already waiting was sent with it. For the
     * prompts' Alt keys that is Alt and the character; anything else stays
     * Esc and then the key, as typed quickly (or sent by a script) after
     * Esc, or the start of a sequence curses does not know (the terminal's
     * answer to the width probe). */
    timeout(0);
    wint_t next;
    r = get_wch(&next);
    if (r == OK && next < 0x80 && strchr("bBfFdD", (int)next) && next)
        return (key){0, next, 1};
    if ((r == OK && (next == 0x7F || next == 0x08)) || (r == KEY_CODE_YES && next == KEY_BACKSPACE))
        return (key){0, 0x7F, 1}; /* Alt-Backspace, whatever the terminal sends for Backspace */
    if (r == OK && next == '[') { /* ESC [ < ...: an SGR mouse report curses did not ask for */
        wint_t third;
        int r3 = get_wch(&third);
        if (r3 == OK && third == '<') {
            wint_t mouse;
            if (sgr_mouse_read() && get_wch(&mouse) == KEY_CODE_YES && mouse == KEY_MOUSE)
                return (key){1, KEY_MOUSE, 0};
            return (key){0, WEOF, 0}; /* a broken report: dropped */
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
    return (key){0, 0x1B, 0};
}
