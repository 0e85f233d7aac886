/* The reader's lists: moving, revealing and painting (list_view.h). */
#include "list_view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "../cli/i18n.h"

/* Where a moving action takes row at of rows [0, last], page rows a page. */
static size_t moved(action what, size_t at, size_t last, size_t page)
{
    size_t half = page / 2 ? page / 2 : 1;
    switch (what) {
    case YD_ACT_LINE_DOWN: return at < last ? at + 1 : last;
    case YD_ACT_LINE_UP: return at ? at - 1 : 0;
    case YD_ACT_PAGE_DOWN: return at + page < last ? at + page : last;
    case YD_ACT_PAGE_UP: return at > page ? at - page : 0;
    case YD_ACT_HALF_DOWN: return at + half < last ? at + half : last;
    case YD_ACT_HALF_UP: return at > half ? at - half : 0;
    case YD_ACT_TOP: return 0;
    default: return last; /* YD_ACT_BOTTOM */
    }
}

static int moving(action what) { return what >= YD_ACT_LINE_DOWN && what <= YD_ACT_BOTTOM; }

int list_view_move(list_view *v, action what, size_t page)
{
    if (!moving(what))
        return 0;
    v->selected = moved(what, v->selected, v->count ? v->count - 1 : 0, page ? page : 1);
    return 1;
}

int list_view_scroll(list_view *v, action what, size_t page)
{
    if (!moving(what))
        return 0;
    size_t last = v->count > page ? v->count - page : 0;
    v->top = moved(what, v->top > last ? last : v->top, last, page ? page : 1);
    return 1;
}

void list_view_reveal(list_view *v, size_t shown)
{
    if (shown == 0)
        shown = 1;
    if (v->selected < v->top)
        v->top = v->selected;
    else if (v->selected >= v->top + shown)
        v->top = v->selected - shown + 1;
}

void list_view_clamp(list_view *v)
{
    if (v->selected >= v->count)
        v->selected = v->count ? v->count - 1 : 0;
}

int list_put(int y, int x, int limit, const wchar_t *w, size_t n, attr_t attr)
{
    for (size_t k = 0; k < n; k++) {
        int cw = wcwidth(w[k]);
        if (cw <= 0)
            continue;
        if (x + cw > limit)
            break;
        cchar_t cc;
        wchar_t one[2] = {w[k], 0};
        if (setcchar(&cc, one, attr, PAIR_NUMBER(attr), NULL) == OK)
            mvadd_wch(y, x, &cc);
        x += cw;
    }
    return x;
}

void list_hints_append(const keymap *m, char *buf, size_t at, size_t size, const list_hint *hints, size_t n)
{
    const char *sep = " ";
    /* The tables say them in English (NC_, context "list key"). */
    for (size_t k = 0; k < n && at < size; k++) {
        char name[64];
        if (!keymap_key_name(m, CTX_LIST, hints[k].what, name, sizeof name)[0])
            continue; /* unbound: nothing to say */
        int w = snprintf(buf + at, size - at, "%s%s %s", sep, name, i18n_pgettext_context("list key", hints[k].says));
        if (w < 0)
            break;
        at += (size_t)w;
        sep = C_("list separator", ", ");
    }
}

/* ---- the filter of every list ---- */

struct list_words_entry {
    uint64_t hash; /* 0: an empty slot */
    yd_pinyin_title title;
};

static wchar_t folded(const UChar *table, wchar_t c)
{
    if (!table)
        return (wchar_t)towlower((wint_t)c);
    return c >= 0 && c <= 0xFFFF && !U_IS_SURROGATE(c) ? (wchar_t)table[c] : c;
}

static int literal_match(const UChar *table, const wchar_t *words, const wchar_t *typed)
{
    size_t n = wcslen(typed);
    for (const wchar_t *t = words; n == 0 || *t; t++) {
        size_t k = 0;
        while (k < n && t[k] && folded(table, t[k]) == folded(table, typed[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

int32_t list_text_units(const wchar_t *s, UChar *out, int32_t cap)
{
    int32_t m = 0;
    for (size_t k = 0; s[k] && m < cap; k++)
        if (s[k] >= 0 && s[k] <= 0xFFFF)
            out[m++] = (UChar)s[k];
    return m;
}

static uint64_t hash_units(const UChar *u, int32_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (int32_t k = 0; k < n; k++)
        h = (h ^ u[k]) * 1099511628211u;
    return h ? h : 1;
}

/* The slot of u[0..n) in cache: its own, or the empty one it goes in. */
static list_words_entry *slot_of(list_words *c, const UChar *u, int32_t n, uint64_t h)
{
    for (size_t k = h & (c->cap - 1);; k = (k + 1) & (c->cap - 1)) {
        list_words_entry *e = &c->slots[k];
        if (!e->hash || (e->hash == h && e->title.length == n && memcmp(e->title.chars, u, (size_t)n * sizeof *u) == 0))
            return e;
    }
}

/* Room for one more, at most half full; -1 when out of memory. */
static int make_room(list_words *c)
{
    if (c->cap && 2 * (c->used + 1) <= c->cap)
        return 0;
    size_t cap = c->cap ? c->cap * 2 : 64;
    list_words bigger = {calloc(cap, sizeof *bigger.slots), cap, c->used};
    if (!bigger.slots)
        return -1;
    for (size_t k = 0; k < c->cap; k++)
        if (c->slots[k].hash)
            *slot_of(&bigger, c->slots[k].title.chars, c->slots[k].title.length, c->slots[k].hash) = c->slots[k];
    free(c->slots);
    *c = bigger;
    return 0;
}

/* The prepared readings of u[0..n), from cache or made into it. */
static const yd_pinyin_title *prepared(const list_filter *f, list_words *c, const UChar *u, int32_t n)
{
    if (make_room(c) != 0)
        return NULL;
    uint64_t h = hash_units(u, n);
    list_words_entry *e = slot_of(c, u, n, h);
    if (!e->hash) {
        if (yd_pinyin_prepare(f->pinyin, u, n, &e->title, NULL) != YD_OK)
            return NULL;
        e->hash = h;
        c->used++;
    }
    return &e->title;
}

int list_filter_wants_pinyin(const wchar_t *typed)
{
    for (size_t k = 0; typed[k]; k++)
        if ((typed[k] >= L'a' && typed[k] <= L'z') || (typed[k] >= L'A' && typed[k] <= L'Z'))
            return 1;
    return 0;
}

int list_filter_match(const list_filter *f, list_words *cache, const wchar_t *words)
{
    if (literal_match(f->fold, words, f->typed))
        return 1;
    if (!f->pinyin || !list_filter_wants_pinyin(f->typed))
        return 0;
    enum { UNITS = 2048 };
    UChar units[UNITS], typed[UNITS];
    int32_t n = list_text_units(words, units, UNITS), m = list_text_units(f->typed, typed, UNITS);
    if (cache) {
        const yd_pinyin_title *t = prepared(f, cache, units, n);
        return t ? yd_pinyin_match(f->pinyin, t, typed, m, f->pinyin_fold) : -1;
    }
    yd_pinyin_title t;
    if (yd_pinyin_prepare(f->pinyin, units, n, &t, NULL) != YD_OK)
        return -1;
    int match = yd_pinyin_match(f->pinyin, &t, typed, m, f->pinyin_fold);
    yd_pinyin_title_free(&t);
    return match;
}

void list_words_free(list_words *c)
{
    for (size_t k = 0; k < c->cap; k++)
        if (c->slots[k].hash)
            yd_pinyin_title_free(&c->slots[k].title);
    free(c->slots);
    memset(c, 0, sizeof *c);
}
