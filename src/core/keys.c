/* Action names, key names and the built-in bindings; see keys.h. */
#include "yuedu/keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const action_names[YD_ACT_COUNT] = {
    [YD_ACT_LINE_DOWN] = "line-down",
    [YD_ACT_LINE_UP] = "line-up",
    [YD_ACT_PAGE_DOWN] = "page-down",
    [YD_ACT_PAGE_UP] = "page-up",
    [YD_ACT_HALF_DOWN] = "half-page-down",
    [YD_ACT_HALF_UP] = "half-page-up",
    [YD_ACT_TOP] = "top",
    [YD_ACT_BOTTOM] = "bottom",
    [YD_ACT_NEXT_HEADING] = "next-heading",
    [YD_ACT_PREV_HEADING] = "prev-heading",
    [YD_ACT_NEXT_SECTION] = "next-section",
    [YD_ACT_PREV_SECTION] = "prev-section",
    [YD_ACT_NEXT_DOC] = "next-document",
    [YD_ACT_PREV_DOC] = "prev-document",
    [YD_ACT_JUMP_BACK] = "jump-back",
    [YD_ACT_JUMP_FORWARD] = "jump-forward",
    [YD_ACT_COMMAND] = "command",
    [YD_ACT_FOCUS] = "focus",
    [YD_ACT_TOGGLE_OUTLINE] = "toggle-outline",
    [YD_ACT_OUTLINE_NARROWER] = "outline-narrower",
    [YD_ACT_OUTLINE_WIDER] = "outline-wider",
    [YD_ACT_OUTLINE_SIDE] = "outline-side",
    [YD_ACT_TOGGLE_MOUSE] = "toggle-mouse",
    [YD_ACT_OPEN] = "open",
    [YD_ACT_TOGGLE] = "toggle",
    [YD_ACT_EXPAND] = "expand",
    [YD_ACT_COLLAPSE] = "collapse",
    [YD_ACT_EXPAND_ALL] = "expand-all",
    [YD_ACT_COLLAPSE_ALL] = "collapse-all",
    [YD_ACT_LEVEL_1] = "level-1",
    [YD_ACT_LEVEL_2] = "level-2",
    [YD_ACT_LEVEL_3] = "level-3",
    [YD_ACT_LEVEL_4] = "level-4",
    [YD_ACT_LEVEL_5] = "level-5",
    [YD_ACT_LEVEL_6] = "level-6",
    [YD_ACT_LEVEL_7] = "level-7",
    [YD_ACT_LEVEL_8] = "level-8",
    [YD_ACT_LEVEL_9] = "level-9",
    [YD_ACT_FILTER] = "filter",
    [YD_ACT_HELP] = "help",
    [YD_ACT_REDRAW] = "redraw",
    [YD_ACT_QUIT] = "quit",
    [YD_ACT_SUSPEND] = "suspend",
    [YD_ACT_SEARCH] = "search",
    [YD_ACT_NEXT_HIT] = "next-hit",
    [YD_ACT_PREV_HIT] = "prev-hit",
    [YD_ACT_SEARCH_RESULTS] = "search-results",
    [YD_ACT_BOOKMARK_ADD] = "bookmark-add",
    [YD_ACT_BOOKMARK_LIST] = "bookmark-list",
    [YD_ACT_SELECT] = "select",
    [YD_ACT_COPY] = "copy",
    [YD_ACT_HIGHLIGHT] = "highlight",
    [YD_ACT_NOTES_LIST] = "notes-list",
    [YD_ACT_FOLLOW_REFERENCE] = "follow-reference",
    [YD_ACT_CITED_BY] = "cited-by",
    [YD_ACT_SEARCH_HERE] = "search-here",
    [YD_ACT_CLOSE] = "close",
    [YD_ACT_RENAME] = "rename",
    [YD_ACT_EDIT_NOTE] = "edit-note",
    [YD_ACT_DELETE] = "delete",
    [YD_ACT_UNDO] = "undo",
    [YD_ACT_ORDER] = "order",
    [YD_ACT_EDIT_NOTE_EDITOR] = "edit-note-in-editor",
};

const char *yd_action_name(yd_action action)
{
    return action > YD_ACT_NONE && action < YD_ACT_COUNT ? action_names[action] : NULL;
}

yd_action yd_action_from_name(const char *name)
{
    for (int a = 1; a < YD_ACT_COUNT; a++)
        if (action_names[a] && strcmp(action_names[a], name) == 0)
            return (yd_action)a;
    return YD_ACT_NONE;
}

static const struct {
    const char *name;
    yd_key key;
} named_keys[] = {
    {"Space", {0, ' '}},
    {"Tab", {0, '\t'}},
    {"Esc", {0, 0x1B}},
    {"Escape", {0, 0x1B}},
    {"Enter", {1, YD_KEY_ENTER}},
    {"Return", {1, YD_KEY_ENTER}},
    {"Backspace", {1, YD_KEY_BACKSPACE}},
    {"Up", {1, YD_KEY_UP}},
    {"Down", {1, YD_KEY_DOWN}},
    {"Left", {1, YD_KEY_LEFT}},
    {"Right", {1, YD_KEY_RIGHT}},
    {"PgUp", {1, YD_KEY_PGUP}},
    {"PageUp", {1, YD_KEY_PGUP}},
    {"PgDn", {1, YD_KEY_PGDN}},
    {"PageDown", {1, YD_KEY_PGDN}},
    {"Home", {1, YD_KEY_HOME}},
    {"End", {1, YD_KEY_END}},
};

/* Decode the one UTF-8 character that s (n bytes) must be; -1 if it is
 * not exactly one. libyaml has already checked that the text is UTF-8. */
static long one_character(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return -1;
    size_t len = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    if (len != n)
        return -1;
    if (len == 1)
        return u[0];
    long c = u[0] & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (u[i] & 0x3F);
    }
    return c;
}

static int parse_one(const char *s, size_t n, yd_key *out, char *why, size_t size)
{
    long c = one_character(s, n);
    if (c >= 0) {
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
            snprintf(why, size, "a control character; write keys such as Ctrl-X, Tab or Esc by name");
            return -1;
        }
        *out = (yd_key){0, (uint32_t)c};
        return 0;
    }
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
        if (strlen(named_keys[i].name) == n && strncasecmp(named_keys[i].name, s, n) == 0) {
            *out = named_keys[i].key;
            return 0;
        }
    if ((n == 2 || n == 3) && (s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9') {
        int f = s[1] - '0';
        if (n == 3)
            f = s[2] >= '0' && s[2] <= '9' ? f * 10 + (s[2] - '0') : 0;
        if (f >= 1 && f <= 12) {
            *out = (yd_key){1, (uint32_t)(YD_KEY_F1 + f - 1)};
            return 0;
        }
    }
    if (n == 6 && strncasecmp(s, "Ctrl-", 5) == 0) {
        char c5 = s[5];
        if (c5 >= 'a' && c5 <= 'z')
            c5 = (char)(c5 - 'a' + 'A');
        /* Ctrl-H and Ctrl-J are what terminals send for Backspace and
         * Enter too: one key each, so that they match what is typed. */
        if (c5 == 'H' || c5 == 'J') {
            *out = (yd_key){1, c5 == 'H' ? YD_KEY_BACKSPACE : YD_KEY_ENTER};
            return 0;
        }
        if (c5 >= '@' && c5 <= '_' && c5 != 'M' && c5 != 'I' && c5 != '[') {
            *out = (yd_key){0, (uint32_t)(c5 & 0x1F)};
            return 0;
        }
        if (c5 == 'M' || c5 == 'I' || c5 == '[') {
            snprintf(why, size, "'%.*s' is the same key as %s; write that", (int)n, s,
                     c5 == 'M' ? "Enter" : c5 == 'I' ? "Tab" : "Esc");
            return -1;
        }
    }
    snprintf(why, size, "unknown key name '%.*s'", (int)(n > 40 ? 40 : n), s);
    return -1;
}

int yd_key_seq_parse(const char *text, yd_key_seq *out, char *why, size_t size)
{
    memset(out, 0, sizeof *out);
    const char *p = text;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ')
            p++;
        if (out->length == YD_KEY_SEQ_MAX) {
            snprintf(why, size, "more than %d keys in one sequence", YD_KEY_SEQ_MAX);
            return -1;
        }
        if (parse_one(start, (size_t)(p - start), &out->keys[out->length], why, size) != 0)
            return -1;
        out->length++;
    }
    if (out->length == 0) {
        snprintf(why, size, "no key given (write a space as Space)");
        return -1;
    }
    return 0;
}

static void key_name(const yd_key *k, char *buf, size_t size)
{
    if (k->special) {
        if (k->code >= YD_KEY_F1 && k->code <= YD_KEY_F12) {
            snprintf(buf, size, "F%u", (unsigned)(k->code - YD_KEY_F1 + 1));
            return;
        }
        for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
            if (named_keys[i].key.special && named_keys[i].key.code == k->code) {
                snprintf(buf, size, "%s", named_keys[i].name);
                return;
            }
        snprintf(buf, size, "?");
        return;
    }
    uint32_t c = k->code;
    if (c == ' ' || c == '\t' || c == 0x1B) {
        snprintf(buf, size, "%s", c == ' ' ? "Space" : c == '\t' ? "Tab" : "Esc");
    } else if (c < 0x20) {
        snprintf(buf, size, "Ctrl-%c", (char)(c + 0x40));
    } else {
        char u[5] = {0};
        if (c < 0x80) {
            u[0] = (char)c;
        } else if (c < 0x800) {
            u[0] = (char)(0xC0 | (c >> 6)), u[1] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            u[0] = (char)(0xE0 | (c >> 12)), u[1] = (char)(0x80 | ((c >> 6) & 0x3F)), u[2] = (char)(0x80 | (c & 0x3F));
        } else {
            u[0] = (char)(0xF0 | (c >> 18)), u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F));
        }
        snprintf(buf, size, "%s", u);
    }
}

char *yd_key_seq_format(const yd_key_seq *seq, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = 0;
    for (uint8_t i = 0; i < seq->length; i++) {
        char name[16];
        key_name(&seq->keys[i], name, sizeof name);
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? " " : "", name);
    }
    return buf;
}

static bool key_equal(const yd_key *a, const yd_key *b) { return a->special == b->special && a->code == b->code; }

bool yd_key_seq_equal(const yd_key_seq *a, const yd_key_seq *b)
{
    if (a->length != b->length)
        return false;
    for (uint8_t i = 0; i < a->length; i++)
        if (!key_equal(&a->keys[i], &b->keys[i]))
            return false;
    return true;
}

bool yd_key_seq_is_prefix(const yd_key_seq *a, const yd_key_seq *b)
{
    if (a->length >= b->length)
        return false;
    for (uint8_t i = 0; i < a->length; i++)
        if (!key_equal(&a->keys[i], &b->keys[i]))
            return false;
    return true;
}

#define CH(c) {1, {{0, (uint32_t)(c)}}}
#define CTRL(c) {1, {{0, (uint32_t)((c) & 0x1F)}}}
#define SP(k) {1, {{1, (uint32_t)(k)}}}

static const yd_binding defaults[] = {
    {YD_CTX_ANY, YD_ACT_LINE_DOWN, CH('j')}, {YD_CTX_ANY, YD_ACT_LINE_DOWN, SP(YD_KEY_DOWN)},
    {YD_CTX_TEXT, YD_ACT_LINE_DOWN, SP(YD_KEY_ENTER)}, {YD_CTX_ANY, YD_ACT_LINE_DOWN, CTRL('E')},
    {YD_CTX_ANY, YD_ACT_LINE_DOWN, CTRL('N')},
    {YD_CTX_ANY, YD_ACT_LINE_UP, CH('k')}, {YD_CTX_ANY, YD_ACT_LINE_UP, SP(YD_KEY_UP)},
    {YD_CTX_ANY, YD_ACT_LINE_UP, CTRL('Y')}, {YD_CTX_ANY, YD_ACT_LINE_UP, CTRL('P')},
    {YD_CTX_TEXT, YD_ACT_PAGE_DOWN, CH(' ')}, {YD_CTX_ANY, YD_ACT_PAGE_DOWN, CH('f')},
    {YD_CTX_ANY, YD_ACT_PAGE_DOWN, SP(YD_KEY_PGDN)}, {YD_CTX_ANY, YD_ACT_PAGE_DOWN, CTRL('F')},
    {YD_CTX_ANY, YD_ACT_PAGE_UP, CH('b')}, {YD_CTX_ANY, YD_ACT_PAGE_UP, SP(YD_KEY_PGUP)},
    {YD_CTX_ANY, YD_ACT_PAGE_UP, CTRL('B')},
    {YD_CTX_ANY, YD_ACT_HALF_DOWN, CH('d')}, {YD_CTX_ANY, YD_ACT_HALF_DOWN, CTRL('D')},
    {YD_CTX_ANY, YD_ACT_HALF_UP, CH('u')}, {YD_CTX_ANY, YD_ACT_HALF_UP, CTRL('U')},
    {YD_CTX_ANY, YD_ACT_TOP, CH('g')}, {YD_CTX_ANY, YD_ACT_TOP, SP(YD_KEY_HOME)},
    {YD_CTX_ANY, YD_ACT_BOTTOM, CH('G')}, {YD_CTX_ANY, YD_ACT_BOTTOM, SP(YD_KEY_END)},
    {YD_CTX_ANY, YD_ACT_NEXT_HEADING, CH(']')}, {YD_CTX_ANY, YD_ACT_PREV_HEADING, CH('[')},
    {YD_CTX_ANY, YD_ACT_NEXT_SECTION, CH('}')}, {YD_CTX_ANY, YD_ACT_PREV_SECTION, CH('{')},
    {YD_CTX_ANY, YD_ACT_NEXT_DOC, CH('J')}, {YD_CTX_ANY, YD_ACT_PREV_DOC, CH('K')},
    {YD_CTX_ANY, YD_ACT_JUMP_BACK, CTRL('O')}, {YD_CTX_ANY, YD_ACT_JUMP_BACK, SP(YD_KEY_BACKSPACE)},
    {YD_CTX_ANY, YD_ACT_JUMP_FORWARD, CTRL(']')},
    {YD_CTX_ANY, YD_ACT_COMMAND, CH(':')},
    {YD_CTX_ANY, YD_ACT_FOCUS, CH('\t')}, {YD_CTX_ANY, YD_ACT_TOGGLE_OUTLINE, CH('o')},
    {YD_CTX_ANY, YD_ACT_OUTLINE_NARROWER, CH('<')}, {YD_CTX_ANY, YD_ACT_OUTLINE_WIDER, CH('>')},
    {YD_CTX_ANY, YD_ACT_OUTLINE_SIDE, CH('O')}, {YD_CTX_ANY, YD_ACT_TOGGLE_MOUSE, CH('M')},
    {YD_CTX_OUTLINE, YD_ACT_OPEN, SP(YD_KEY_ENTER)}, {YD_CTX_OUTLINE, YD_ACT_TOGGLE, CH(' ')},
    {YD_CTX_OUTLINE, YD_ACT_EXPAND, CH('l')}, {YD_CTX_OUTLINE, YD_ACT_EXPAND, SP(YD_KEY_RIGHT)},
    {YD_CTX_OUTLINE, YD_ACT_COLLAPSE, CH('h')}, {YD_CTX_OUTLINE, YD_ACT_COLLAPSE, SP(YD_KEY_LEFT)},
    {YD_CTX_OUTLINE, YD_ACT_EXPAND_ALL, CH('E')}, {YD_CTX_OUTLINE, YD_ACT_COLLAPSE_ALL, CH('C')},
    {YD_CTX_OUTLINE, YD_ACT_LEVEL_1, CH('1')}, {YD_CTX_OUTLINE, YD_ACT_LEVEL_2, CH('2')},
    {YD_CTX_OUTLINE, YD_ACT_LEVEL_3, CH('3')}, {YD_CTX_OUTLINE, YD_ACT_LEVEL_4, CH('4')},
    {YD_CTX_OUTLINE, YD_ACT_LEVEL_5, CH('5')}, {YD_CTX_OUTLINE, YD_ACT_LEVEL_6, CH('6')},
    {YD_CTX_OUTLINE, YD_ACT_LEVEL_7, CH('7')}, {YD_CTX_OUTLINE, YD_ACT_LEVEL_8, CH('8')},
    {YD_CTX_OUTLINE, YD_ACT_LEVEL_9, CH('9')}, {YD_CTX_OUTLINE, YD_ACT_FILTER, CH('/')},
    {YD_CTX_ANY, YD_ACT_HELP, CH('?')}, {YD_CTX_ANY, YD_ACT_HELP, SP(YD_KEY_F1)},
    {YD_CTX_ANY, YD_ACT_REDRAW, CTRL('L')},
    {YD_CTX_ANY, YD_ACT_SUSPEND, CTRL('Z')},
    {YD_CTX_ANY, YD_ACT_QUIT, CH('q')}, {YD_CTX_ANY, YD_ACT_QUIT, CTRL('C')},
    {YD_CTX_TEXT, YD_ACT_SEARCH, CH('/')}, {YD_CTX_ANY, YD_ACT_NEXT_HIT, CH('n')},
    {YD_CTX_ANY, YD_ACT_PREV_HIT, CH('N')}, {YD_CTX_ANY, YD_ACT_SEARCH_RESULTS, CH('&')}, {YD_CTX_ANY, YD_ACT_BOOKMARK_ADD, CH('m')},
    {YD_CTX_ANY, YD_ACT_BOOKMARK_LIST, CH('B')},
    {YD_CTX_TEXT, YD_ACT_SELECT, CH('v')}, {YD_CTX_TEXT, YD_ACT_COPY, CH('y')},
    {YD_CTX_TEXT, YD_ACT_HIGHLIGHT, CH('a')}, {YD_CTX_ANY, YD_ACT_NOTES_LIST, CH('A')},
    {YD_CTX_TEXT, YD_ACT_FOLLOW_REFERENCE, CH('r')}, {YD_CTX_ANY, YD_ACT_CITED_BY, CH('R')},
    {YD_CTX_OUTLINE, YD_ACT_SEARCH_HERE, CH('s')},
    {YD_CTX_LIST, YD_ACT_OPEN, SP(YD_KEY_ENTER)}, {YD_CTX_LIST, YD_ACT_FILTER, CH('/')},
    {YD_CTX_LIST, YD_ACT_CLOSE, CH('q')}, {YD_CTX_LIST, YD_ACT_RENAME, CH('r')},
    {YD_CTX_LIST, YD_ACT_EDIT_NOTE, CH('e')}, {YD_CTX_LIST, YD_ACT_DELETE, CH('d')},
    {YD_CTX_LIST, YD_ACT_UNDO, CH('u')}, {YD_CTX_LIST, YD_ACT_ORDER, CH('o')},
    {YD_CTX_LIST, YD_ACT_EDIT_NOTE_EDITOR, CH('E')}, {YD_CTX_LIST, YD_ACT_COPY, CH('y')},
};

const yd_binding *yd_default_bindings(size_t *count)
{
    *count = sizeof defaults / sizeof defaults[0];
    return defaults;
}
