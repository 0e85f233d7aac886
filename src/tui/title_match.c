/* Typed text against titles and file names, folded the way search folds
 * (Simplified and Traditional, full and half width, smart case: 機制 finds
 * 机制, ＡＢＣ finds abc), so that the outline filter and :doc find what
 * the search would. One fold table for the whole reader, made on first need
 * (about 1 ms from the cache, fold_cache.h; 25-50 ms to build) and shared
 * with the search. */
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

int title_contains(app *a, const wchar_t *title, const wchar_t *typed)
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
