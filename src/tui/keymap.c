/* Default key bindings (less and vim habits, SPEC §6). */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1F)

typedef struct binding {
    key_context context;
    int is_key;
    wint_t code;
    action action;
} binding;

/* The built-in table; the configuration replaces it (keymap_install). */
static const binding builtin[] = {
    {CTX_ANY, 0, 'j', ACT_LINE_DOWN}, {CTX_ANY, 1, KEY_DOWN, ACT_LINE_DOWN}, {CTX_TEXT, 0, '\r', ACT_LINE_DOWN},
    {CTX_ANY, 0, CTRL('E'), ACT_LINE_DOWN}, {CTX_ANY, 0, CTRL('N'), ACT_LINE_DOWN},
    {CTX_ANY, 0, 'k', ACT_LINE_UP}, {CTX_ANY, 1, KEY_UP, ACT_LINE_UP}, {CTX_ANY, 0, CTRL('Y'), ACT_LINE_UP},
    {CTX_ANY, 0, CTRL('P'), ACT_LINE_UP},
    {CTX_TEXT, 0, ' ', ACT_PAGE_DOWN}, {CTX_ANY, 0, 'f', ACT_PAGE_DOWN}, {CTX_ANY, 1, KEY_NPAGE, ACT_PAGE_DOWN},
    {CTX_ANY, 0, CTRL('F'), ACT_PAGE_DOWN},
    {CTX_ANY, 0, 'b', ACT_PAGE_UP}, {CTX_ANY, 1, KEY_PPAGE, ACT_PAGE_UP}, {CTX_ANY, 0, CTRL('B'), ACT_PAGE_UP},
    {CTX_ANY, 0, 'd', ACT_HALF_DOWN}, {CTX_ANY, 0, CTRL('D'), ACT_HALF_DOWN},
    {CTX_ANY, 0, 'u', ACT_HALF_UP}, {CTX_ANY, 0, CTRL('U'), ACT_HALF_UP},
    {CTX_ANY, 0, 'g', ACT_TOP}, {CTX_ANY, 1, KEY_HOME, ACT_TOP},
    {CTX_ANY, 0, 'G', ACT_BOTTOM}, {CTX_ANY, 1, KEY_END, ACT_BOTTOM},
    {CTX_ANY, 0, ']', ACT_NEXT_HEADING}, {CTX_ANY, 0, '[', ACT_PREV_HEADING},
    {CTX_ANY, 0, '}', ACT_NEXT_SECTION}, {CTX_ANY, 0, '{', ACT_PREV_SECTION},
    {CTX_ANY, 0, 'J', ACT_NEXT_DOC}, {CTX_ANY, 0, 'K', ACT_PREV_DOC},
    {CTX_ANY, 0, CTRL('O'), ACT_JUMP_BACK}, {CTX_ANY, 1, KEY_BACKSPACE, ACT_JUMP_BACK},
    {CTX_ANY, 0, 0x7F, ACT_JUMP_BACK}, {CTX_ANY, 0, CTRL('H'), ACT_JUMP_BACK},
    {CTX_ANY, 0, CTRL(']'), ACT_JUMP_FORWARD},
    {CTX_ANY, 0, ':', ACT_COMMAND},
    {CTX_ANY, 0, 'm', ACT_BOOKMARK_ADD}, {CTX_ANY, 0, 'B', ACT_BOOKMARK_LIST},
    {CTX_TEXT, 0, '/', ACT_SEARCH}, {CTX_ANY, 0, 'n', ACT_NEXT_HIT}, {CTX_ANY, 0, 'N', ACT_PREV_HIT},
    {CTX_ANY, 0, '&', ACT_SEARCH_RESULTS},
    {CTX_ANY, 0, '\t', ACT_FOCUS}, {CTX_ANY, 0, 'o', ACT_TOGGLE_OUTLINE},
    {CTX_ANY, 0, '<', ACT_OUTLINE_NARROWER}, {CTX_ANY, 0, '>', ACT_OUTLINE_WIDER},
    {CTX_ANY, 0, 'O', ACT_OUTLINE_SIDE}, {CTX_ANY, 0, 'M', ACT_TOGGLE_MOUSE},
    {CTX_OUTLINE, 0, '\r', ACT_OPEN}, {CTX_OUTLINE, 1, KEY_ENTER, ACT_OPEN},
    {CTX_OUTLINE, 0, ' ', ACT_TOGGLE},
    {CTX_OUTLINE, 0, 'l', ACT_EXPAND}, {CTX_OUTLINE, 1, KEY_RIGHT, ACT_EXPAND},
    {CTX_OUTLINE, 0, 'h', ACT_COLLAPSE}, {CTX_OUTLINE, 1, KEY_LEFT, ACT_COLLAPSE},
    {CTX_OUTLINE, 0, 'E', ACT_EXPAND_ALL}, {CTX_OUTLINE, 0, 'C', ACT_COLLAPSE_ALL},
    {CTX_OUTLINE, 0, '1', ACT_LEVEL_1}, {CTX_OUTLINE, 0, '2', ACT_LEVEL_2}, {CTX_OUTLINE, 0, '3', ACT_LEVEL_3},
    {CTX_OUTLINE, 0, '4', ACT_LEVEL_4}, {CTX_OUTLINE, 0, '5', ACT_LEVEL_5}, {CTX_OUTLINE, 0, '6', ACT_LEVEL_6},
    {CTX_OUTLINE, 0, '7', ACT_LEVEL_7}, {CTX_OUTLINE, 0, '8', ACT_LEVEL_8}, {CTX_OUTLINE, 0, '9', ACT_LEVEL_9},
    {CTX_OUTLINE, 0, '/', ACT_FILTER},
    {CTX_ANY, 0, '?', ACT_HELP}, {CTX_ANY, 1, KEY_F(1), ACT_HELP},
    {CTX_ANY, 0, CTRL('L'), ACT_REDRAW},
    {CTX_ANY, 0, CTRL('Z'), ACT_SUSPEND},
    {CTX_ANY, 0, 'q', ACT_QUIT}, {CTX_ANY, 0, CTRL('C'), ACT_QUIT},
    {CTX_HELP, 0, 'q', ACT_HELP}, {CTX_HELP, 0, '?', ACT_HELP}, {CTX_HELP, 0, 0x1B, ACT_HELP},
};

/* The table in force: set once at start-up from the configuration, read
 * only afterwards. */
static const binding *bindings = builtin;
static size_t nbindings = sizeof builtin / sizeof builtin[0];
static binding *installed;

/* The configuration's actions and contexts are numbered as ours. */
_Static_assert((int)YD_ACT_SUSPEND == (int)ACT_SUSPEND && (int)YD_ACT_BOOKMARK_LIST == (int)ACT_BOOKMARK_LIST &&
                   (int)YD_ACT_COUNT == (int)ACT_COUNT,
               "yd_action (include/yuedu/keys.h) and action (keymap.h) must agree");
_Static_assert((int)YD_CTX_OUTLINE == (int)CTX_OUTLINE && (int)YD_CTX_TEXT == (int)CTX_TEXT,
               "yd_key_context and key_context must agree");

static int add(binding *out, size_t *n, key_context ctx, int is_key, wint_t code, action a)
{
    out[(*n)++] = (binding){ctx, is_key, code, a};
    return 1;
}

/* One configured key as the curses codes that stand for it. */
static void add_key(binding *out, size_t *n, key_context ctx, yd_key k, action a)
{
    if (!k.special) {
        add(out, n, ctx, 0, (wint_t)k.code, a);
        return;
    }
    switch (k.code) {
    case YD_KEY_ENTER: add(out, n, ctx, 0, '\r', a); add(out, n, ctx, 0, '\n', a); add(out, n, ctx, 1, KEY_ENTER, a); break;
    case YD_KEY_BACKSPACE: add(out, n, ctx, 0, 0x7F, a); add(out, n, ctx, 0, 0x08, a); add(out, n, ctx, 1, KEY_BACKSPACE, a); break;
    case YD_KEY_UP: add(out, n, ctx, 1, KEY_UP, a); break;
    case YD_KEY_DOWN: add(out, n, ctx, 1, KEY_DOWN, a); break;
    case YD_KEY_LEFT: add(out, n, ctx, 1, KEY_LEFT, a); break;
    case YD_KEY_RIGHT: add(out, n, ctx, 1, KEY_RIGHT, a); break;
    case YD_KEY_PGUP: add(out, n, ctx, 1, KEY_PPAGE, a); break;
    case YD_KEY_PGDN: add(out, n, ctx, 1, KEY_NPAGE, a); break;
    case YD_KEY_HOME: add(out, n, ctx, 1, KEY_HOME, a); break;
    case YD_KEY_END: add(out, n, ctx, 1, KEY_END, a); break;
    default:
        if (k.code >= YD_KEY_F1 && k.code <= YD_KEY_F12)
            add(out, n, ctx, 1, (wint_t)KEY_F((int)(k.code - YD_KEY_F1 + 1)), a);
        break;
    }
}

size_t keymap_install(const yd_binding *config, size_t count)
{
    size_t skipped = 0, n = 0, help = 0;
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        help += builtin[i].context == CTX_HELP;
    binding *table = malloc((count * 3 + help) * sizeof *table);
    if (!table)
        return count; /* keep the built-in table */
    for (size_t i = 0; i < count; i++) {
        if (config[i].keys.length != 1) { /* sequences such as "g g": not yet */
            skipped++;
            continue;
        }
        add_key(table, &n, (key_context)config[i].context, config[i].keys.keys[0], (action)config[i].action);
    }
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        if (builtin[i].context == CTX_HELP) /* help's own keys are not configurable */
            table[n++] = builtin[i];
    free(installed);
    installed = table;
    bindings = table;
    nbindings = n;
    return skipped;
}

void keymap_uninstall(void)
{
    free(installed);
    installed = NULL;
    bindings = builtin;
    nbindings = sizeof builtin / sizeof builtin[0];
}

static const char *const descriptions[ACT_COUNT] = {
    [ACT_LINE_DOWN] = "one line down",
    [ACT_LINE_UP] = "one line up",
    [ACT_PAGE_DOWN] = "one page down",
    [ACT_PAGE_UP] = "one page up",
    [ACT_HALF_DOWN] = "half a page down",
    [ACT_HALF_UP] = "half a page up",
    [ACT_TOP] = "start of the document",
    [ACT_BOTTOM] = "end of the document",
    [ACT_NEXT_HEADING] = "next heading, any level",
    [ACT_PREV_HEADING] = "previous heading, any level",
    [ACT_NEXT_SECTION] = "next heading of the same or a higher level",
    [ACT_PREV_SECTION] = "previous heading of the same or a higher level",
    [ACT_NEXT_DOC] = "next document",
    [ACT_PREV_DOC] = "previous document",
    [ACT_JUMP_BACK] = "back in the jump history",
    [ACT_JUMP_FORWARD] = "forward in the jump history",
    [ACT_COMMAND] = "command: :N line, :N% percent, :doc NAME, :theme NAME, :set script NAME (Tab completes), :results, :q",
    [ACT_SEARCH] = "search as you type (Ctrl-R: regex; Up/Down: history; Esc: back)",
    [ACT_NEXT_HIT] = "next hit, across documents",
    [ACT_PREV_HIT] = "previous hit",
    [ACT_SEARCH_RESULTS] = "result list: every hit by document and section (also :results)",
    [ACT_BOOKMARK_ADD] = "bookmark the top of the text pane (name, then note)",
    [ACT_BOOKMARK_LIST] = "bookmarks: Enter reads, r rename, e note, d delete, u undo, o order, / filter",
    [ACT_FOCUS] = "switch focus between outline and text",
    [ACT_TOGGLE_OUTLINE] = "show or hide the outline",
    [ACT_OUTLINE_NARROWER] = "narrower outline",
    [ACT_OUTLINE_WIDER] = "wider outline",
    [ACT_OUTLINE_SIDE] = "outline on the other side",
    [ACT_TOGGLE_MOUSE] = "mouse on or off (off: the terminal selects text)",
    [ACT_OPEN] = "read from the selected node",
    [ACT_TOGGLE] = "expand or collapse the selected node",
    [ACT_EXPAND] = "expand, or go to the first child",
    [ACT_COLLAPSE] = "collapse, or go to the parent",
    [ACT_EXPAND_ALL] = "expand everything",
    [ACT_COLLAPSE_ALL] = "collapse everything",
    [ACT_LEVEL_1] = "show levels up to N",
    [ACT_FILTER] = "filter: type part of a title, Enter reads, Esc clears",
    [ACT_HELP] = "this help (q or Esc closes it)",
    [ACT_REDRAW] = "redraw the screen",
    [ACT_SUSPEND] = "suspend (fg resumes)",
    [ACT_QUIT] = "quit",
};

action keymap_lookup(key_context context, key k)
{
    for (size_t i = 0; i < nbindings; i++)
        if (bindings[i].context == context && bindings[i].is_key == k.is_key && bindings[i].code == k.code)
            return bindings[i].action;
    if (context == CTX_HELP) { /* scrolling keys work in help too */
        action a = keymap_lookup(CTX_ANY, k);
        return a <= ACT_BOTTOM || a == ACT_QUIT ? a : ACT_NONE;
    }
    for (size_t i = 0; i < nbindings; i++)
        if (bindings[i].context == CTX_ANY && bindings[i].is_key == k.is_key && bindings[i].code == k.code)
            return bindings[i].action;
    return ACT_NONE;
}

/* A key's name as the help shows it. */
static void binding_name(const binding *b, char *buf, size_t size)
{
    if (b->is_key) {
        const char *name = "?";
        switch ((int)b->code) {
        case KEY_DOWN: name = "Down"; break;
        case KEY_UP: name = "Up"; break;
        case KEY_LEFT: name = "Left"; break;
        case KEY_RIGHT: name = "Right"; break;
        case KEY_NPAGE: name = "PgDn"; break;
        case KEY_PPAGE: name = "PgUp"; break;
        case KEY_HOME: name = "Home"; break;
        case KEY_END: name = "End"; break;
        case KEY_ENTER: name = "Enter"; break;
        case KEY_BACKSPACE: name = "Backspace"; break;
        default:
            if (b->code == (wint_t)KEY_F(1))
                name = "F1";
            break;
        }
        snprintf(buf, size, "%s", name);
    } else if (b->code == ' ') {
        snprintf(buf, size, "Space");
    } else if (b->code == '\r' || b->code == '\n') {
        snprintf(buf, size, "Enter");
    } else if (b->code == '\t') {
        snprintf(buf, size, "Tab");
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

/* The help: a heading per pane, then one line per action with its keys
 * (duplicates such as Enter via CR and LF merged) and what it does. The
 * nine level keys are one line. */
typedef struct help_entry {
    key_context context; /* CTX_HELP marks a heading line */
    action action;
    const char *heading;
} help_entry;

static const help_entry help[] = {
    {CTX_HELP, ACT_NONE, "Everywhere (in the outline, moving keys move the selection)"},
    {CTX_ANY, ACT_LINE_DOWN, NULL}, {CTX_ANY, ACT_LINE_UP, NULL}, {CTX_ANY, ACT_PAGE_DOWN, NULL},
    {CTX_ANY, ACT_PAGE_UP, NULL}, {CTX_ANY, ACT_HALF_DOWN, NULL}, {CTX_ANY, ACT_HALF_UP, NULL},
    {CTX_ANY, ACT_TOP, NULL}, {CTX_ANY, ACT_BOTTOM, NULL}, {CTX_ANY, ACT_NEXT_HEADING, NULL},
    {CTX_ANY, ACT_PREV_HEADING, NULL}, {CTX_ANY, ACT_NEXT_SECTION, NULL}, {CTX_ANY, ACT_PREV_SECTION, NULL},
    {CTX_ANY, ACT_NEXT_DOC, NULL}, {CTX_ANY, ACT_PREV_DOC, NULL}, {CTX_ANY, ACT_JUMP_BACK, NULL},
    {CTX_ANY, ACT_JUMP_FORWARD, NULL}, {CTX_ANY, ACT_COMMAND, NULL}, {CTX_ANY, ACT_FOCUS, NULL},
    {CTX_ANY, ACT_TOGGLE_OUTLINE, NULL}, {CTX_ANY, ACT_OUTLINE_NARROWER, NULL},
    {CTX_ANY, ACT_OUTLINE_WIDER, NULL}, {CTX_ANY, ACT_OUTLINE_SIDE, NULL}, {CTX_ANY, ACT_TOGGLE_MOUSE, NULL},
    {CTX_ANY, ACT_HELP, NULL}, {CTX_ANY, ACT_REDRAW, NULL}, {CTX_ANY, ACT_SUSPEND, NULL},
    {CTX_ANY, ACT_QUIT, NULL},
    {CTX_HELP, ACT_NONE, ""},
    {CTX_HELP, ACT_NONE, "Text pane"},
    {CTX_TEXT, ACT_LINE_DOWN, NULL}, {CTX_TEXT, ACT_PAGE_DOWN, NULL}, {CTX_TEXT, ACT_SEARCH, NULL},
    {CTX_ANY, ACT_NEXT_HIT, NULL}, {CTX_ANY, ACT_PREV_HIT, NULL}, {CTX_ANY, ACT_SEARCH_RESULTS, NULL},
    {CTX_ANY, ACT_BOOKMARK_ADD, NULL},
    {CTX_ANY, ACT_BOOKMARK_LIST, NULL},
    {CTX_HELP, ACT_NONE, ""},
    {CTX_HELP, ACT_NONE, "Outline pane"},
    {CTX_OUTLINE, ACT_OPEN, NULL}, {CTX_OUTLINE, ACT_TOGGLE, NULL}, {CTX_OUTLINE, ACT_EXPAND, NULL},
    {CTX_OUTLINE, ACT_COLLAPSE, NULL}, {CTX_OUTLINE, ACT_EXPAND_ALL, NULL}, {CTX_OUTLINE, ACT_COLLAPSE_ALL, NULL},
    {CTX_OUTLINE, ACT_LEVEL_1, NULL}, {CTX_OUTLINE, ACT_FILTER, NULL},
};

size_t keymap_help_line_count(void) { return sizeof help / sizeof help[0]; }

const char *keymap_help_line(size_t n, char *buf, size_t size)
{
    if (n >= keymap_help_line_count())
        return NULL;
    const help_entry *h = &help[n];
    if (h->context == CTX_HELP) {
        snprintf(buf, size, "%s", h->heading);
        return buf;
    }
    char keys[96] = "", seen[8][24];
    size_t nseen = 0;
    for (size_t i = 0; i < nbindings; i++) {
        const binding *b = &bindings[i];
        /* The nine level keys show as one range, "1-9". */
        int level_end = h->action == ACT_LEVEL_1 && b->action == ACT_LEVEL_9;
        if ((b->action != h->action && !level_end) || b->context != h->context)
            continue;
        char name[24];
        binding_name(b, name, sizeof name);
        int dup = 0;
        for (size_t k = 0; k < nseen; k++)
            dup |= strcmp(seen[k], name) == 0;
        if (dup || nseen == 8)
            continue;
        memcpy(seen[nseen++], name, sizeof name);
        size_t used = strlen(keys);
        snprintf(keys + used, sizeof keys - used, "%s%s", level_end ? "-" : used ? " " : "", name);
    }
    snprintf(buf, size, "  %-24s %s", keys, descriptions[h->action]);
    return buf;
}
