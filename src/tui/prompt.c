#include "prompt.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

void prompt_open(prompt *p, wchar_t leader)
{
    p->active = 1;
    p->leader = leader;
    p->label = NULL;
    p->length = p->cursor = 0;
    p->text[0] = 0;
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

prompt_result prompt_key(prompt *p, key k)
{
    if (!k.is_key) {
        wint_t c = k.code;
        if (c == '\r' || c == '\n') {
            remember(p);
            p->active = 0;
            return PROMPT_ACCEPT;
        }
        if (c == 0x1B || c == 0x07 /* Ctrl-G */ || c == 0x03 /* Ctrl-C */) {
            p->active = 0;
            return PROMPT_CANCEL;
        }
        if (c == 0x7F || c == 0x08) {
            if (p->length == 0) { /* backspace on an empty line leaves */
                p->active = 0;
                return PROMPT_CANCEL;
            }
            if (p->cursor > 0) {
                memmove(p->text + p->cursor - 1, p->text + p->cursor, (p->length - p->cursor + 1) * sizeof(wchar_t));
                p->cursor--;
                p->length--;
            }
            return PROMPT_EDITING;
        }
        if (c == 0x15) { /* Ctrl-U */
            p->length = p->cursor = 0;
            p->text[0] = 0;
            return PROMPT_EDITING;
        }
        if (c == '\t') {
            if (p->complete && p->complete(p->context, p->text))
                p->length = p->cursor = wcslen(p->text);
            return PROMPT_EDITING;
        }
        if (c < 0x20 || (c >= 0x7F && c < 0xA0))
            return PROMPT_EDITING; /* no control characters in commands */
        if (p->length + 1 < PROMPT_MAX) {
            memmove(p->text + p->cursor + 1, p->text + p->cursor, (p->length - p->cursor + 1) * sizeof(wchar_t));
            p->text[p->cursor++] = (wchar_t)c;
            p->length++;
        }
        return PROMPT_EDITING;
    }
    switch ((int)k.code) {
    case KEY_LEFT: if (p->cursor > 0) p->cursor--; break;
    case KEY_RIGHT: if (p->cursor < p->length) p->cursor++; break;
    case KEY_HOME: p->cursor = 0; break;
    case KEY_END: p->cursor = p->length; break;
    case KEY_BACKSPACE: return prompt_key(p, (key){0, 0x7F});
    case KEY_ENTER: return prompt_key(p, (key){0, '\r'});
    case KEY_DC:
        if (p->cursor < p->length) {
            memmove(p->text + p->cursor, p->text + p->cursor + 1, (p->length - p->cursor) * sizeof(wchar_t));
            p->length--;
        }
        break;
    case KEY_UP:
        if (p->history_at > 0)
            set_text(p, p->history[--p->history_at]);
        break;
    case KEY_DOWN:
        if (p->history_at + 1 < p->history_count)
            set_text(p, p->history[++p->history_at]);
        else {
            p->history_at = p->history_count;
            set_text(p, L"");
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
    int col = (int)wcslen(label), cursor_col = col;
    addnwstr(label, col);
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
