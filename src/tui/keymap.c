/* Default key bindings (less and vim habits, SPEC §6). */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1F)

typedef struct binding {
    key_context context;
    int is_key;
    wint_t code;
    action action;
} binding;

static const binding bindings[] = {
    {CTX_ANY, 0, 'j', ACT_LINE_DOWN}, {CTX_ANY, 1, KEY_DOWN, ACT_LINE_DOWN}, {CTX_ANY, 0, '\r', ACT_LINE_DOWN},
    {CTX_ANY, 0, '\n', ACT_LINE_DOWN}, {CTX_ANY, 0, CTRL('E'), ACT_LINE_DOWN},
    {CTX_ANY, 0, 'k', ACT_LINE_UP}, {CTX_ANY, 1, KEY_UP, ACT_LINE_UP}, {CTX_ANY, 0, CTRL('Y'), ACT_LINE_UP},
    {CTX_ANY, 0, ' ', ACT_PAGE_DOWN}, {CTX_ANY, 0, 'f', ACT_PAGE_DOWN}, {CTX_ANY, 1, KEY_NPAGE, ACT_PAGE_DOWN},
    {CTX_ANY, 0, CTRL('F'), ACT_PAGE_DOWN},
    {CTX_ANY, 0, 'b', ACT_PAGE_UP}, {CTX_ANY, 1, KEY_PPAGE, ACT_PAGE_UP}, {CTX_ANY, 0, CTRL('B'), ACT_PAGE_UP},
    {CTX_ANY, 0, 'd', ACT_HALF_DOWN}, {CTX_ANY, 0, CTRL('D'), ACT_HALF_DOWN},
    {CTX_ANY, 0, 'u', ACT_HALF_UP}, {CTX_ANY, 0, CTRL('U'), ACT_HALF_UP},
    {CTX_ANY, 0, 'g', ACT_TOP}, {CTX_ANY, 1, KEY_HOME, ACT_TOP},
    {CTX_ANY, 0, 'G', ACT_BOTTOM}, {CTX_ANY, 1, KEY_END, ACT_BOTTOM},
    {CTX_ANY, 0, 'J', ACT_NEXT_DOC}, {CTX_ANY, 0, 'K', ACT_PREV_DOC},
    {CTX_ANY, 0, CTRL('O'), ACT_JUMP_BACK}, {CTX_ANY, 1, KEY_BACKSPACE, ACT_JUMP_BACK},
    {CTX_ANY, 0, 0x7F, ACT_JUMP_BACK}, {CTX_ANY, 0, CTRL('H'), ACT_JUMP_BACK},
    {CTX_ANY, 0, CTRL(']'), ACT_JUMP_FORWARD},
    {CTX_ANY, 0, ':', ACT_COMMAND},
    {CTX_ANY, 0, '?', ACT_HELP}, {CTX_ANY, 1, KEY_F(1), ACT_HELP},
    {CTX_ANY, 0, CTRL('L'), ACT_REDRAW},
    {CTX_ANY, 0, CTRL('Z'), ACT_SUSPEND},
    {CTX_ANY, 0, 'q', ACT_QUIT}, {CTX_ANY, 0, CTRL('C'), ACT_QUIT},
    {CTX_HELP, 0, 'q', ACT_HELP}, {CTX_HELP, 0, '?', ACT_HELP}, {CTX_HELP, 0, 0x1B, ACT_HELP},
};

static const char *const descriptions[ACT_COUNT] = {
    [ACT_LINE_DOWN] = "one line down",
    [ACT_LINE_UP] = "one line up",
    [ACT_PAGE_DOWN] = "one page down",
    [ACT_PAGE_UP] = "one page up",
    [ACT_HALF_DOWN] = "half a page down",
    [ACT_HALF_UP] = "half a page up",
    [ACT_TOP] = "start of the document",
    [ACT_BOTTOM] = "end of the document",
    [ACT_NEXT_DOC] = "next document",
    [ACT_PREV_DOC] = "previous document",
    [ACT_JUMP_BACK] = "back in the jump history",
    [ACT_JUMP_FORWARD] = "forward in the jump history",
    [ACT_COMMAND] = "command line: :N line, :N% percent, :doc NAME, :q",
    [ACT_HELP] = "this help (q or Esc closes it)",
    [ACT_REDRAW] = "redraw the screen",
    [ACT_SUSPEND] = "suspend (fg resumes)",
    [ACT_QUIT] = "quit",
};

action keymap_lookup(key_context context, key k)
{
    for (int pass = 0; pass < 2; pass++) {
        key_context want = pass == 0 ? context : CTX_ANY;
        if (pass == 1 && context == CTX_HELP)
            break; /* help handles its own keys plus scrolling below */
        for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
            if (bindings[i].context == want && bindings[i].is_key == k.is_key && bindings[i].code == k.code)
                return bindings[i].action;
    }
    if (context == CTX_HELP) { /* scrolling keys work in help too */
        action a = keymap_lookup(CTX_ANY, k);
        return a <= ACT_BOTTOM ? a : ACT_NONE;
    }
    return ACT_NONE;
}

/* A key's name as the help shows it. */
static void binding_name(const binding *b, char *buf, size_t size)
{
    if (b->is_key) {
        const char *name = NULL;
        switch ((int)b->code) {
        case KEY_DOWN: name = "Down"; break;
        case KEY_UP: name = "Up"; break;
        case KEY_NPAGE: name = "PgDn"; break;
        case KEY_PPAGE: name = "PgUp"; break;
        case KEY_HOME: name = "Home"; break;
        case KEY_END: name = "End"; break;
        case KEY_BACKSPACE: name = "Backspace"; break;
        default:
            if (b->code == (wint_t)KEY_F(1))
                name = "F1";
            break;
        }
        snprintf(buf, size, "%s", name ? name : "?");
    } else if (b->code == ' ') {
        snprintf(buf, size, "Space");
    } else if (b->code == '\r' || b->code == '\n') {
        snprintf(buf, size, "Enter");
    } else if (b->code == 0x7F || b->code == CTRL('H')) {
        snprintf(buf, size, "Backspace");
    } else if (b->code == 0x1B) {
        snprintf(buf, size, "Esc");
    } else if (b->code < 0x20) {
        snprintf(buf, size, "Ctrl-%c", (char)(b->code + 0x40));
    } else {
        snprintf(buf, size, "%lc", (wint_t)b->code);
    }
}

/* Help lists one line per action of the global and pane contexts: the
 * action's keys (duplicates such as Enter twice or two Backspaces merged),
 * then what it does. */
static const action help_order[] = {
    ACT_LINE_DOWN, ACT_LINE_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_HALF_DOWN, ACT_HALF_UP, ACT_TOP, ACT_BOTTOM,
    ACT_NEXT_DOC, ACT_PREV_DOC, ACT_JUMP_BACK, ACT_JUMP_FORWARD, ACT_COMMAND, ACT_HELP, ACT_REDRAW,
    ACT_SUSPEND, ACT_QUIT,
};

size_t keymap_help_line_count(void) { return sizeof help_order / sizeof help_order[0]; }

const char *keymap_help_line(size_t n, char *buf, size_t size)
{
    if (n >= keymap_help_line_count())
        return NULL;
    action a = help_order[n];
    char keys[96] = "", seen[8][24];
    size_t nseen = 0;
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        if (bindings[i].action != a || bindings[i].context != CTX_ANY)
            continue;
        char name[24];
        binding_name(&bindings[i], name, sizeof name);
        int dup = 0; /* Enter via \r and \n, Backspace three ways */
        for (size_t k = 0; k < nseen; k++)
            dup |= strcmp(seen[k], name) == 0;
        if (dup || nseen == 8)
            continue;
        memcpy(seen[nseen++], name, sizeof name);
        size_t used = strlen(keys);
        snprintf(keys + used, sizeof keys - used, "%s%s", used ? " " : "", name);
    }
    snprintf(buf, size, "%-28s %s", keys, descriptions[a]);
    return buf;
}
