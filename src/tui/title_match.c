/* Typed text against titles and file names, folded the way search folds
 * (Simplified and Traditional, full and half width, smart case: 機制 finds
 * 机制, ＡＢＣ finds abc), so that the outline filter and :doc find what
 * the search would; and by pinyin when the typed text has Latin letters
 * (xf finds 宪法, yuedu/pinyin.h). One fold table for the whole reader, made
 * on first need (about 1 ms from the cache, fold_cache.h; 25-50 ms to build)
 * and shared with the search. */
#include <stdlib.h>
#include <wctype.h>

#include "app.h"
#include "yuedu/fold_cache.h"

int app_fold_ready(app *a)
{
    if (a->fold)
        return 0;
    yd_error err = {0};
    if (yd_fold_new_cached(&a->fold, NULL, NULL, &err) != YD_OK) {
        app_say(a, MSG_ERROR, "folding: %s", err.message);
        return -1;
    }
    return 0;
}

static wchar_t fold_char(const UChar *table, wchar_t c)
{
    return c >= 0 && c <= 0xFFFF && !U_IS_SURROGATE(c) ? (wchar_t)table[c] : c;
}

static int literal_contains(app *a, const wchar_t *title, const wchar_t *typed)
{
    size_t n = wcslen(typed);
    if (n == 0)
        return 1;
    const UChar *table = NULL;
    if (app_fold_ready(a) == 0) {
        /* Smart case from what was typed, as the search decides it. */
        UChar units[PROMPT_MAX];
        int32_t m = 0;
        for (size_t k = 0; k < n && m < PROMPT_MAX; k++)
            if (typed[k] >= 0 && typed[k] <= 0xFFFF)
                units[m++] = (UChar)typed[k];
        table = yd_fold_table(a->fold, yd_fold_resolve(YD_FOLD_DEFAULT, units, m));
    }
    for (const wchar_t *t = title; *t; t++) {
        size_t k = 0;
        if (table)
            while (k < n && t[k] && fold_char(table, t[k]) == fold_char(table, typed[k]))
                k++;
        else /* no table (out of memory): Latin case only */
            while (k < n && t[k] && towlower((wint_t)t[k]) == towlower((wint_t)typed[k]))
                k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* The transliterator, opened on first need; NULL (said once) without it. */
static yd_pinyin *pinyin_ready(app *a)
{
    if (a->pinyin || a->pinyin_failed)
        return a->pinyin;
    yd_error err = {0};
    if (yd_pinyin_new(&a->pinyin, &err) != YD_OK) {
        a->pinyin_failed = 1;
        if (err.code == YD_ENOMEM)
            app_out_of_memory(a);
        else
            app_say(a, MSG_ERROR, "%s; filters match characters only", err.message);
    }
    return a->pinyin;
}

/* typed as UTF-16 (BMP only, as the fold tables), its length. */
static int32_t typed_units(const wchar_t *typed, UChar *out, int32_t cap)
{
    int32_t m = 0;
    for (size_t k = 0; typed[k] && m < cap; k++)
        if (typed[k] >= 0 && typed[k] <= 0xFFFF)
            out[m++] = (UChar)typed[k];
    return m;
}

static int pinyin_matches(app *a, const yd_pinyin_title *t, const wchar_t *typed)
{
    UChar units[PROMPT_MAX];
    int32_t m = typed_units(typed, units, PROMPT_MAX);
    const UChar *table = app_fold_ready(a) == 0 ? yd_fold_table(a->fold, YD_FOLD_WIDTH | YD_FOLD_SCRIPT) : NULL;
    return yd_pinyin_match(a->pinyin, t, units, m, table);
}

static int wants_pinyin(const wchar_t *typed)
{
    for (size_t k = 0; typed[k]; k++)
        if ((typed[k] >= L'a' && typed[k] <= L'z') || (typed[k] >= L'A' && typed[k] <= L'Z'))
            return 1;
    return 0;
}

int title_contains(app *a, const wchar_t *title, const wchar_t *typed)
{
    if (literal_contains(a, title, typed))
        return 1;
    if (!wants_pinyin(typed) || !pinyin_ready(a))
        return 0;
    UChar units[300];
    int32_t n = typed_units(title, units, 300);
    yd_pinyin_title t;
    yd_error err = {0};
    if (app_failed(a, yd_pinyin_prepare(a->pinyin, units, n, &t, &err), "pinyin") != YD_OK)
        return 0;
    int m = pinyin_matches(a, &t, typed);
    yd_pinyin_title_free(&t);
    return m;
}

int node_title_contains(app *a, size_t doc, int32_t node, const wchar_t *title, const wchar_t *typed)
{
    if (literal_contains(a, title, typed))
        return 1;
    if (!wants_pinyin(typed) || !pinyin_ready(a))
        return 0;
    if (!a->pinyin_titles) {
        a->pinyin_titles = calloc(a->capacity, sizeof *a->pinyin_titles);
        a->pinyin_counts = calloc(a->capacity, sizeof *a->pinyin_counts);
        if (!a->pinyin_titles || !a->pinyin_counts) {
            app_out_of_memory(a);
            return 0;
        }
    }
    int32_t count = a->outlines[doc].count + 1, k = node + 1;
    if (!a->pinyin_titles[doc]) {
        a->pinyin_titles[doc] = calloc((size_t)count, sizeof **a->pinyin_titles);
        if (!a->pinyin_titles[doc]) {
            app_out_of_memory(a);
            return 0;
        }
        a->pinyin_counts[doc] = count;
    }
    if (k < 0 || k >= a->pinyin_counts[doc])
        return 0;
    yd_pinyin_title *t = &a->pinyin_titles[doc][k];
    if (!t->chars) { /* once per title */
        UChar units[300];
        int32_t n = typed_units(title, units, 300);
        yd_error err = {0};
        if (app_failed(a, yd_pinyin_prepare(a->pinyin, units, n, t, &err), "pinyin") != YD_OK)
            return 0;
    }
    return pinyin_matches(a, t, typed);
}

void title_match_forget(app *a, size_t doc)
{
    if (!a->pinyin_titles || doc >= a->capacity || !a->pinyin_titles[doc])
        return;
    for (int32_t k = 0; k < a->pinyin_counts[doc]; k++)
        yd_pinyin_title_free(&a->pinyin_titles[doc][k]);
    free(a->pinyin_titles[doc]);
    a->pinyin_titles[doc] = NULL;
    a->pinyin_counts[doc] = 0;
}

void title_match_free(app *a)
{
    for (size_t d = 0; a->pinyin_titles && d < a->capacity; d++)
        title_match_forget(a, d);
    free(a->pinyin_titles);
    free(a->pinyin_counts);
    a->pinyin_titles = NULL;
    a->pinyin_counts = NULL;
    yd_pinyin_free(a->pinyin);
    a->pinyin = NULL;
}
