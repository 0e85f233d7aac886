#include "prompt.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include <wchar.h>
#include <wctype.h>

#include "../cli/i18n.h"

const wchar_t *prompt_translated_label(prompt *p, const wchar_t *label)
{
    char msgid[64];
    size_t k = 0;
    for (; label[k] && k + 1 < sizeof msgid; k++) {
        if (label[k] >= 0x80)
            return label; /* not a msgid */
        msgid[k] = (char)label[k];
    }
    if (label[k])
        return label;
    msgid[k] = 0;
    const char *said = _(msgid);
    size_t n = mbstowcs(p->label_text, said, sizeof p->label_text / sizeof p->label_text[0]);
    if (said == msgid || n == (size_t)-1 || n >= sizeof p->label_text / sizeof p->label_text[0])
        return label;
    return p->label_text;
}

void prompt_open(prompt *p, wchar_t leader)
{
    p->active = 1;
    p->leader = leader;
    p->label = NULL;
    p->length = p->cursor = 0;
    p->text[0] = 0;
    p->edited[0] = 0;
    p->history_at = p->history_count;
}

static void remember(prompt *p)
{
    if (p->length == 0)
        return;
    if (p->history_count > 0 && wcscmp(p->history[p->history_count - 1], p->text) == 0)
        return;
    if (p->history_count == PROMPT_HISTORY) {
        memmove(p->history[0], p->history[1], sizeof p->history[0] * (PROMPT_HISTORY - 1));
        p->history_count--;
    }
    wcscpy(p->history[p->history_count++], p->text);
}

static void set_text(prompt *p, const wchar_t *text)
{
    wcsncpy(p->text, text, PROMPT_MAX - 1);
    p->text[PROMPT_MAX - 1] = 0;
    p->length = p->cursor = wcslen(p->text);
}

/* Remove text[from, to) and keep it for Ctrl-Y. */
static void kill_range(prompt *p, size_t from, size_t to)
{
    if (to <= from)
        return;
    wmemcpy(p->killed, p->text + from, to - from);
    p->killed[to - from] = 0;
    wmemmove(p->text + from, p->text + to, p->length - to + 1);
    p->length -= to - from;
    p->cursor = from;
}

static void insert(prompt *p, const wchar_t *s, size_t n)
{
    if (n > PROMPT_MAX - 1 - p->length) {
        p->refused += n - (PROMPT_MAX - 1 - p->length);
        n = PROMPT_MAX - 1 - p->length;
    }
    wmemmove(p->text + p->cursor + n, p->text + p->cursor, p->length - p->cursor + 1);
    wmemcpy(p->text + p->cursor, s, n);
    p->cursor += n;
    p->length += n;
}

/* The words of the text by ICU's word breaks: up to cap segments that hold
 * a letter, a number or an ideograph (not space or punctuation), as
 * character ranges [start, end). Returns how many; 0 when ICU fails, which
 * leaves the word keys at the ends of the line. */
static size_t words(const prompt *p, size_t *start, size_t *end, size_t cap)
{
    UChar u[PROMPT_MAX * 2];
    size_t units_before[PROMPT_MAX * 2 + 1]; /* character index at each unit */
    int32_t n = 0;
    for (size_t k = 0; k < p->length; k++) {
        UChar32 c = (UChar32)p->text[k];
        if (c < 0 || c > 0x10FFFF || U_IS_SURROGATE(c))
            c = 0xFFFD;
        units_before[n] = k;
        if (U_IS_BMP(c)) {
            u[n++] = (UChar)c;
        } else {
            u[n++] = U16_LEAD(c);
            units_before[n] = k;
            u[n++] = U16_TRAIL(c);
        }
    }
    units_before[n] = p->length;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", u, n, &st);
    if (U_FAILURE(st))
        return 0;
    size_t count = 0;
    int32_t from = ubrk_first(bi);
    for (int32_t to = ubrk_next(bi); to != UBRK_DONE && count < cap; from = to, to = ubrk_next(bi))
        if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE) {
            start[count] = units_before[from];
            end[count++] = units_before[to];
        }
    ubrk_close(bi);
    return count;
}

/* The start of the word the cursor is in or after (readline's Alt-B). */
static size_t word_left(const prompt *p)
{
    size_t start[PROMPT_MAX], end[PROMPT_MAX], n = words(p, start, end, PROMPT_MAX), at = 0;
    for (size_t k = 0; k < n && start[k] < p->cursor; k++)
        at = start[k];
    return at;
}

/* The end of the word the cursor is in or before (readline's Alt-F). */
static size_t word_right(const prompt *p)
{
    size_t start[PROMPT_MAX], end[PROMPT_MAX], n = words(p, start, end, PROMPT_MAX);
    for (size_t k = 0; k < n; k++)
        if (end[k] > p->cursor)
            return end[k];
    return p->length;
}

/* Back over white space, then over what is not (Ctrl-W, as in readline,
 * less and the shell). */
static size_t blank_word_left(const prompt *p)
{
    size_t at = p->cursor;
    while (at > 0 && iswspace((wint_t)p->text[at - 1]))
        at--;
    while (at > 0 && !iswspace((wint_t)p->text[at - 1]))
        at--;
    return at;
}

static prompt_result finish(prompt *p, prompt_result r)
{
    if (r == PROMPT_ACCEPT)
        remember(p);
    p->active = 0;
    return r;
}

static prompt_result alt_key(prompt *p, wint_t c)
{
    switch (c) {
    case 'b': case 'B': p->cursor = word_left(p); break;
    case 'f': case 'F': p->cursor = word_right(p); break;
    case 'd': case 'D': kill_range(p, p->cursor, word_right(p)); break;
    case 0x7F: case 0x08: kill_range(p, word_left(p), p->cursor); break;
    default: break; /* other Alt keys do nothing here */
    }
    return PROMPT_EDITING;
}

static prompt_result control_key(prompt *p, wint_t c)
{
    switch (c) {
    case '\r': case '\n': return finish(p, PROMPT_ACCEPT);
    case 0x1B: case 0x07: case 0x03: return finish(p, PROMPT_CANCEL); /* Esc, Ctrl-G, Ctrl-C */
    case 0x7F: case 0x08:
        if (p->length == 0) /* backspace on an empty line leaves */
            return finish(p, PROMPT_CANCEL);
        if (p->cursor > 0) {
            wmemmove(p->text + p->cursor - 1, p->text + p->cursor, p->length - p->cursor + 1);
            p->cursor--;
            p->length--;
        }
        break;
    case 0x01: p->cursor = 0; break;         /* Ctrl-A */
    case 0x05: p->cursor = p->length; break; /* Ctrl-E */
    case 0x02: if (p->cursor > 0) p->cursor--; break;         /* Ctrl-B */
    case 0x06: if (p->cursor < p->length) p->cursor++; break; /* Ctrl-F */
    case 0x04: /* Ctrl-D: the character under the cursor */
        if (p->cursor < p->length) {
            wmemmove(p->text + p->cursor, p->text + p->cursor + 1, p->length - p->cursor);
            p->length--;
        }
        break;
    case 0x17: kill_range(p, blank_word_left(p), p->cursor); break; /* Ctrl-W */
    case 0x15: kill_range(p, 0, p->cursor); break;                  /* Ctrl-U */
    case 0x0B: kill_range(p, p->cursor, p->length); break;          /* Ctrl-K */
    case 0x19: insert(p, p->killed, wcslen(p->killed)); break;      /* Ctrl-Y */
    case '\t':
        if (p->complete && p->complete(p->context, p->text))
            p->length = p->cursor = wcslen(p->text);
        break;
    default: break; /* no other control characters in the text */
    }
    return PROMPT_EDITING;
}

prompt_result prompt_key(prompt *p, key k)
{
    p->refused = 0;
    if (!k.is_key && k.alt)
        return alt_key(p, k.code);
    if (!k.is_key) {
        wint_t c = k.code;
        if (c < 0x20 || c == 0x7F)
            return control_key(p, c);
        if (c > 0x7F && c < 0xA0)
            return PROMPT_EDITING; /* C1 controls never enter the text */
        wchar_t w = (wchar_t)c;
        insert(p, &w, 1);
        return PROMPT_EDITING;
    }
    switch ((int)k.code) {
    case KEY_LEFT: if (p->cursor > 0) p->cursor--; break;
    case KEY_RIGHT: if (p->cursor < p->length) p->cursor++; break;
    case KEY_HOME: p->cursor = 0; break;
    case KEY_END: p->cursor = p->length; break;
    case KEY_BACKSPACE: return control_key(p, 0x7F);
    case KEY_ENTER: return control_key(p, '\r');
    case KEY_DC: return control_key(p, 0x04);
    case KEY_UP:
        if (p->history_at > 0) {
            if (p->history_at == p->history_count) /* leaving the line being typed: kept for Down */
                wcscpy(p->edited, p->text);
            set_text(p, p->history[--p->history_at]);
        }
        break;
    case KEY_DOWN: /* at the end already: nothing, as in readline */
        if (p->history_at + 1 < p->history_count)
            set_text(p, p->history[++p->history_at]);
        else if (p->history_at + 1 == p->history_count) {
            p->history_at = p->history_count;
            set_text(p, p->edited);
        }
        break;
    default: break;
    }
    return PROMPT_EDITING;
}

void prompt_text_utf8(const prompt *p, char *buf, size_t size)
{
    size_t n = wcstombs(buf, p->text, size - 1);
    if (n == (size_t)-1)
        n = 0;
    buf[n < size ? n : size - 1] = 0;
}

void prompt_draw(const prompt *p, int y, int width)
{
    mvhline(y, 0, ' ', width); /* only its own part of the line */
    move(y, 0);
    /* Show the end of a long line: scroll so the cursor stays visible. */
    int before = 0;
    for (size_t k = 0; k < p->cursor; k++) {
        int w = wcwidth(p->text[k]);
        before += w > 0 ? w : 1;
    }
    size_t first = 0;
    while (before + 1 >= width - 1 && first < p->cursor) {
        int w = wcwidth(p->text[first++]);
        before -= w > 0 ? w : 1;
    }
    wchar_t lead[2] = {p->leader, 0};
    const wchar_t *label = p->label ? p->label : lead;
    int label_len = (int)wcslen(label), col = wcswidth(label, (size_t)label_len);
    if (col < 0)
        col = label_len;
    int cursor_col = col;
    addnwstr(label, label_len);
    for (size_t k = first; k < p->length; k++) {
        int w = wcwidth(p->text[k]);
        if (w < 1)
            w = 1;
        if (col + w > width)
            break;
        if (k == p->cursor)
            cursor_col = col;
        addnwstr(&p->text[k], 1);
        col += w;
    }
    if (p->cursor == p->length)
        cursor_col = col;
    move(y, cursor_col < width ? cursor_col : width - 1);
}
