/* The reader's keys: the configuration's bindings as tables per pane,
 * curses keys by their configuration names, and the generated help. */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/i18n.h"

/* The configuration's contexts are numbered as ours. */
_Static_assert((int)YD_CTX_OUTLINE == (int)CTX_OUTLINE && (int)YD_CTX_TEXT == (int)CTX_TEXT &&
                   (int)YD_CTX_LIST == (int)CTX_LIST,
               "yd_key_context and key_context must agree");

yd_key keymap_key(key k)
{
    if (!k.is_key) {
        if (k.code == '\r' || k.code == '\n')
            return (yd_key){1, YD_KEY_ENTER};
        if (k.code == 0x7F || k.code == 0x08)
            return (yd_key){1, YD_KEY_BACKSPACE};
        return (yd_key){0, (uint32_t)k.code};
    }
    switch ((int)k.code) {
    case KEY_ENTER: return (yd_key){1, YD_KEY_ENTER};
    case KEY_BACKSPACE: return (yd_key){1, YD_KEY_BACKSPACE};
    case KEY_UP: return (yd_key){1, YD_KEY_UP};
    case KEY_DOWN: return (yd_key){1, YD_KEY_DOWN};
    case KEY_LEFT: return (yd_key){1, YD_KEY_LEFT};
    case KEY_RIGHT: return (yd_key){1, YD_KEY_RIGHT};
    case KEY_PPAGE: return (yd_key){1, YD_KEY_PGUP};
    case KEY_NPAGE: return (yd_key){1, YD_KEY_PGDN};
    case KEY_HOME: return (yd_key){1, YD_KEY_HOME};
    case KEY_END: return (yd_key){1, YD_KEY_END};
    default:
        for (int f = 1; f <= 12; f++)
            if ((int)k.code == KEY_F(f))
                return (yd_key){1, (uint32_t)(YD_KEY_F1 + f - 1)};
        return (yd_key){1, 0}; /* no special key is 0: bound to nothing */
    }
}

/* In the help, the moving keys scroll it and quit quits. */
static int help_action(yd_action a) { return a <= YD_ACT_BOTTOM || a == YD_ACT_QUIT; }

/* In a list, the keys of every pane that move, help, quit, and open a
 * list (again: it closes). */
static int list_action(yd_action a)
{
    return help_action(a) || a == YD_ACT_HELP || a == YD_ACT_SEARCH_RESULTS || a == YD_ACT_BOOKMARK_LIST ||
           a == YD_ACT_NOTES_LIST || a == YD_ACT_CITED_BY;
}

int keymap_init(keymap *m, const yd_binding *bindings, size_t count)
{
    memset(m, 0, sizeof *m);
    m->bindings = bindings;
    m->nbindings = count;
    yd_status st = YD_OK;
    /* The help's own keys, not configurable: they close it. */
    static const yd_key_seq closing[] = {{1, {{0, 'q'}}}, {1, {{0, '?'}}}, {1, {{0, 0x1B}}}};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0] && st == YD_OK; i++)
        yd_key_table_add(&m->tables[CTX_HELP], &closing[i], YD_ACT_HELP, &st);
    /* A pane's own bindings win over those of every pane (first added). */
    for (int pass = 0; pass < 2 && st == YD_OK; pass++)
        for (size_t i = 0; i < count && st == YD_OK; i++) {
            const yd_binding *b = &bindings[i];
            if ((pass == 0) != (b->context != YD_CTX_ANY))
                continue;
            if (b->context == YD_CTX_ANY || b->context == YD_CTX_TEXT)
                yd_key_table_add(&m->tables[CTX_TEXT], &b->keys, b->action, &st);
            if (st == YD_OK && (b->context == YD_CTX_ANY || b->context == YD_CTX_OUTLINE))
                yd_key_table_add(&m->tables[CTX_OUTLINE], &b->keys, b->action, &st);
            if (st == YD_OK && b->context == YD_CTX_ANY && help_action(b->action))
                yd_key_table_add(&m->tables[CTX_HELP], &b->keys, b->action, &st);
            if (st == YD_OK && (b->context == YD_CTX_LIST || (b->context == YD_CTX_ANY && list_action(b->action))))
                yd_key_table_add(&m->tables[CTX_LIST], &b->keys, b->action, &st);
        }
    if (st != YD_OK) {
        keymap_free(m);
        return -1;
    }
    for (int c = CTX_TEXT; c <= CTX_HELP; c++)
        yd_key_table_finish(&m->tables[c]);
    return 0;
}

void keymap_free(keymap *m)
{
    for (int c = 0; c <= CTX_HELP; c++)
        yd_key_table_free(&m->tables[c]);
    m->bindings = NULL;
    m->nbindings = 0;
}

const yd_key_table *keymap_table(const keymap *m, key_context context)
{
    return &m->tables[context == CTX_ANY ? CTX_TEXT : context];
}

action keymap_lookup(const keymap *m, key_context context, key k)
{
    yd_key_seq one = {1, {keymap_key(k)}};
    return (action)yd_key_table_lookup(keymap_table(m, context), &one, NULL);
}

static const char *const descriptions[YD_ACT_COUNT] = {
    [YD_ACT_LINE_DOWN] = N_("one line down"),
    [YD_ACT_LINE_UP] = N_("one line up"),
    [YD_ACT_PAGE_DOWN] = N_("one page down"),
    [YD_ACT_PAGE_UP] = N_("one page up"),
    [YD_ACT_HALF_DOWN] = N_("half a page down"),
    [YD_ACT_HALF_UP] = N_("half a page up"),
    [YD_ACT_TOP] = N_("start of the document"),
    [YD_ACT_BOTTOM] = N_("end of the document"),
    [YD_ACT_NEXT_HEADING] = N_("next heading, any level"),
    [YD_ACT_PREV_HEADING] = N_("previous heading, any level"),
    [YD_ACT_NEXT_SECTION] = N_("next heading of the same or a higher level"),
    [YD_ACT_PREV_SECTION] = N_("previous heading of the same or a higher level"),
    [YD_ACT_NEXT_DOC] = N_("next document"),
    [YD_ACT_PREV_DOC] = N_("previous document"),
    [YD_ACT_JUMP_BACK] = N_("back in the jump history"),
    [YD_ACT_JUMP_FORWARD] = N_("forward in the jump history"),
    /* xgettext:no-c-format */
    [YD_ACT_COMMAND] = N_("command: :N line, :N% percent, :doc NAME, :theme NAME, :set script NAME (Tab completes), :results, :notes, :messages, :q"),
    [YD_ACT_SEARCH] = N_("search as you type (Ctrl-R: regex; Ctrl-N: numbers in any form or exact; Up/Down: history; Esc: back)"),
    [YD_ACT_NEXT_HIT] = N_("next hit, across documents"),
    [YD_ACT_PREV_HIT] = N_("previous hit"),
    [YD_ACT_SEARCH_RESULTS] = N_("result list: every hit by document and section (also :results)"),
    [YD_ACT_BOOKMARK_ADD] = N_("bookmark the top of the text pane (name, then note)"),
    [YD_ACT_BOOKMARK_LIST] = N_("bookmarks: Enter reads, r rename, e note, d delete, u undo, o order, / filter"),
    [YD_ACT_SELECT] = N_("select a passage: moving keys, h l by character, w b by word; Esc cancels"),
    [YD_ACT_COPY] = N_("copy the selection with its citation (OSC 52, clipboard.command)"),
    [YD_ACT_HIGHLIGHT] = N_("highlight the selection, with a note (Tab: next style)"),
    [YD_ACT_NOTES_LIST] = N_("notes: every bookmark and highlight by document and section (also :notes)"),
    [YD_ACT_EDIT_NOTE_EDITOR] = N_("edit the note in $EDITOR (notes list)"),
    [YD_ACT_FOLLOW_REFERENCE] = N_("follow a cross-reference: hints on those on screen, type one (Ctrl-O comes back)"),
    [YD_ACT_CITED_BY] = N_("cited by: every reference to the article or heading read, as a list"),
    [YD_ACT_SEARCH_HERE] = N_("search the selected node's part only (Esc in the prompt: everywhere again)"),
    [YD_ACT_FOCUS] = N_("switch focus between outline and text"),
    [YD_ACT_TOGGLE_OUTLINE] = N_("show or hide the outline"),
    [YD_ACT_OUTLINE_NARROWER] = N_("narrower outline"),
    [YD_ACT_OUTLINE_WIDER] = N_("wider outline"),
    [YD_ACT_OUTLINE_SIDE] = N_("outline on the other side"),
    [YD_ACT_TOGGLE_MOUSE] = N_("mouse on or off (off: the terminal selects text)"),
    [YD_ACT_OPEN] = N_("read from the selected node"),
    [YD_ACT_TOGGLE] = N_("expand or collapse the selected node"),
    [YD_ACT_EXPAND] = N_("expand, or go to the first child"),
    [YD_ACT_COLLAPSE] = N_("collapse, or go to the parent"),
    [YD_ACT_EXPAND_ALL] = N_("expand everything"),
    [YD_ACT_COLLAPSE_ALL] = N_("collapse everything"),
    [YD_ACT_LEVEL_1] = N_("show levels up to N"),
    [YD_ACT_FILTER] = N_("filter: type part of a title, Enter reads, Esc clears"),
    [YD_ACT_HELP] = N_("this help (q or Esc closes it)"),
    [YD_ACT_REDRAW] = N_("redraw the screen"),
    [YD_ACT_SUSPEND] = N_("suspend (fg resumes)"),
    [YD_ACT_QUIT] = N_("quit"),
    [YD_ACT_CLOSE] = N_("close the list (Esc too: in the result list, the filter first)"),
    [YD_ACT_RENAME] = N_("rename the selected bookmark"),
    [YD_ACT_EDIT_NOTE] = N_("edit the selected bookmark's note"),
    [YD_ACT_DELETE] = N_("delete the selected bookmark"),
    [YD_ACT_UNDO] = N_("bring back the bookmark deleted last"),
    [YD_ACT_ORDER] = N_("bookmarks in document order or most recent first"),
};

/* The help: a heading per pane, then one line per action with its keys
 * (duplicates such as Enter via CR and LF merged) and what it does. The
 * nine level keys are one line. */
typedef struct help_entry {
    key_context context; /* CTX_HELP marks a heading line */
    action action;
    const char *heading; /* a heading's text; for a binding, what it does there when not its usual */
} help_entry;

static const help_entry help[] = {
    {CTX_HELP, YD_ACT_NONE, N_("Everywhere (in the outline, moving keys move the selection)")},
    {CTX_ANY, YD_ACT_LINE_DOWN, NULL}, {CTX_ANY, YD_ACT_LINE_UP, NULL}, {CTX_ANY, YD_ACT_PAGE_DOWN, NULL},
    {CTX_ANY, YD_ACT_PAGE_UP, NULL}, {CTX_ANY, YD_ACT_HALF_DOWN, NULL}, {CTX_ANY, YD_ACT_HALF_UP, NULL},
    {CTX_ANY, YD_ACT_TOP, NULL}, {CTX_ANY, YD_ACT_BOTTOM, NULL}, {CTX_ANY, YD_ACT_NEXT_HEADING, NULL},
    {CTX_ANY, YD_ACT_PREV_HEADING, NULL}, {CTX_ANY, YD_ACT_NEXT_SECTION, NULL}, {CTX_ANY, YD_ACT_PREV_SECTION, NULL},
    {CTX_ANY, YD_ACT_NEXT_DOC, NULL}, {CTX_ANY, YD_ACT_PREV_DOC, NULL}, {CTX_ANY, YD_ACT_JUMP_BACK, NULL},
    {CTX_ANY, YD_ACT_JUMP_FORWARD, NULL}, {CTX_ANY, YD_ACT_COMMAND, NULL}, {CTX_ANY, YD_ACT_FOCUS, NULL},
    {CTX_ANY, YD_ACT_TOGGLE_OUTLINE, NULL}, {CTX_ANY, YD_ACT_OUTLINE_NARROWER, NULL},
    {CTX_ANY, YD_ACT_OUTLINE_WIDER, NULL}, {CTX_ANY, YD_ACT_OUTLINE_SIDE, NULL}, {CTX_ANY, YD_ACT_TOGGLE_MOUSE, NULL},
    {CTX_ANY, YD_ACT_HELP, NULL}, {CTX_ANY, YD_ACT_REDRAW, NULL}, {CTX_ANY, YD_ACT_SUSPEND, NULL},
    {CTX_ANY, YD_ACT_QUIT, NULL},
    {CTX_HELP, YD_ACT_NONE, ""},
    {CTX_HELP, YD_ACT_NONE, N_("Text pane")},
    {CTX_TEXT, YD_ACT_LINE_DOWN, NULL}, {CTX_TEXT, YD_ACT_PAGE_DOWN, NULL}, {CTX_TEXT, YD_ACT_SEARCH, NULL},
    {CTX_ANY, YD_ACT_NEXT_HIT, NULL}, {CTX_ANY, YD_ACT_PREV_HIT, NULL}, {CTX_ANY, YD_ACT_SEARCH_RESULTS, NULL},
    {CTX_ANY, YD_ACT_BOOKMARK_ADD, NULL},
    {CTX_ANY, YD_ACT_BOOKMARK_LIST, NULL},
    {CTX_TEXT, YD_ACT_SELECT, NULL}, {CTX_TEXT, YD_ACT_COPY, NULL}, {CTX_TEXT, YD_ACT_HIGHLIGHT, NULL},
    {CTX_ANY, YD_ACT_NOTES_LIST, NULL},
    {CTX_TEXT, YD_ACT_FOLLOW_REFERENCE, NULL}, {CTX_ANY, YD_ACT_CITED_BY, NULL},
    {CTX_HELP, YD_ACT_NONE, ""},
    {CTX_HELP, YD_ACT_NONE, N_("Lists (result list, bookmarks, notes; moving keys move the selection)")},
    {CTX_LIST, YD_ACT_OPEN, N_("read from the selected row")},
    {CTX_LIST, YD_ACT_FILTER, N_("filter: type part of what the rows say")},
    {CTX_LIST, YD_ACT_CLOSE, NULL}, {CTX_LIST, YD_ACT_RENAME, NULL}, {CTX_LIST, YD_ACT_EDIT_NOTE, NULL},
    {CTX_LIST, YD_ACT_DELETE, NULL}, {CTX_LIST, YD_ACT_UNDO, NULL}, {CTX_LIST, YD_ACT_ORDER, NULL},
    {CTX_LIST, YD_ACT_EDIT_NOTE_EDITOR, NULL},
    {CTX_HELP, YD_ACT_NONE, ""},
    {CTX_HELP, YD_ACT_NONE, N_("Outline pane")},
    {CTX_OUTLINE, YD_ACT_OPEN, NULL}, {CTX_OUTLINE, YD_ACT_TOGGLE, NULL}, {CTX_OUTLINE, YD_ACT_EXPAND, NULL},
    {CTX_OUTLINE, YD_ACT_COLLAPSE, NULL}, {CTX_OUTLINE, YD_ACT_EXPAND_ALL, NULL},
    {CTX_OUTLINE, YD_ACT_COLLAPSE_ALL, NULL},
    {CTX_OUTLINE, YD_ACT_LEVEL_1, NULL}, {CTX_OUTLINE, YD_ACT_FILTER, NULL},
    {CTX_OUTLINE, YD_ACT_SEARCH_HERE, NULL},
};

const char *keymap_key_name(const keymap *m, key_context context, action what, char *buf, size_t size)
{
    if (size)
        buf[0] = 0;
    for (size_t i = 0; i < m->nbindings; i++)
        if ((action)m->bindings[i].action == what && (key_context)m->bindings[i].context == context)
            return yd_key_seq_format(&m->bindings[i].keys, buf, size);
    return buf;
}

size_t keymap_help_line_count(void) { return sizeof help / sizeof help[0]; }

const char *keymap_help_line(const keymap *m, size_t n, char *buf, size_t size)
{
    if (n >= keymap_help_line_count())
        return NULL;
    const help_entry *h = &help[n];
    if (h->context == CTX_HELP) {
        snprintf(buf, size, "%s", h->heading[0] ? _(h->heading) : "");
        return buf;
    }
    char keys[128] = "";
    size_t shown = 0;
    for (size_t i = 0; i < m->nbindings && shown < 8; i++) {
        const yd_binding *b = &m->bindings[i];
        /* The nine level keys show as one range, "1-9". */
        int level_end = h->action == YD_ACT_LEVEL_1 && b->action == YD_ACT_LEVEL_9;
        if (((action)b->action != h->action && !level_end) || (key_context)b->context != h->context)
            continue;
        char name[64];
        yd_key_seq_format(&b->keys, name, sizeof name);
        size_t used = strlen(keys);
        snprintf(keys + used, sizeof keys - used, "%s%s", level_end ? "-" : used ? " " : "", name);
        shown++;
    }
    const char *does = h->heading ? h->heading : descriptions[h->action];
    snprintf(buf, size, "  %-24s %s", keys, does && does[0] ? _(does) : "");
    return buf;
}
