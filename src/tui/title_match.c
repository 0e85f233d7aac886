/* Typed text against titles, file names, names and notes, folded the way
 * search folds (Simplified and Traditional, full and half width, smart
 * case: 機制 finds 机制, ＡＢＣ finds abc), so that the outline filter, :doc
 * and the filters of the lists find what the search would; and by pinyin
 * when the typed text has Latin letters (xf finds 宪法, yuedu/pinyin.h),
 * each text prepared once in one cache for the whole reader (the predicate
 * and the cache: list_view.c), through the search's fold table
 * (app_fold_ready, search_model.c). */
#include <stdlib.h>
#include <unicode/utf16.h>

#include "app.h"

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

/* Texts prepared for pinyin, kept while there are fewer than this many:
 * more (a corpus reloaded over and over) starts the cache again. */
enum { WORDS_KEPT = 1 << 20 };

int title_contains(app *a, const wchar_t *title, const wchar_t *typed)
{
    if (!typed[0])
        return 1;
    list_filter f = {.typed = typed};
    if (app_fold_ready(a) == 0) {
        /* Smart case from what was typed, as the search decides it. */
        UChar units[PROMPT_MAX];
        int32_t m = list_text_units(typed, units, PROMPT_MAX);
        f.fold = yd_fold_table(a->fold, yd_fold_resolve(YD_FOLD_DEFAULT, units, m));
        f.pinyin_fold = yd_fold_table(a->fold, YD_FOLD_WIDTH | YD_FOLD_SCRIPT);
    }
    if (list_filter_wants_pinyin(typed))
        f.pinyin = pinyin_ready(a);
    if (a->filter_words.used >= WORDS_KEPT)
        list_words_free(&a->filter_words);
    int m = list_filter_match(&f, &a->filter_words, title);
    if (m < 0) {
        app_out_of_memory(a);
        return 0;
    }
    return m;
}

int text_contains(app *a, const UChar *text, int32_t n, const wchar_t *typed)
{
    wchar_t w[512];
    size_t len = 0;
    for (int32_t k = 0; k < n && len + 1 < 512;) {
        UChar32 c;
        U16_NEXT(text, k, n, c);
        w[len++] = (wchar_t)c;
    }
    w[len] = 0;
    return title_contains(a, w, typed);
}

int parts_contain(app *a, const char *const *parts, size_t n, const char *typed)
{
    if (!typed[0])
        return 1;
    wchar_t t[PROMPT_MAX], hay[2048];
    if (mbstowcs(t, typed, PROMPT_MAX - 1) == (size_t)-1)
        return 0;
    t[PROMPT_MAX - 1] = 0;
    for (size_t k = 0; k < n; k++) {
        if (!parts[k] || mbstowcs(hay, parts[k], 2047) == (size_t)-1)
            continue;
        hay[2047] = 0;
        if (title_contains(a, hay, t))
            return 1;
    }
    return 0;
}

void title_match_free(app *a)
{
    list_words_free(&a->filter_words);
    yd_pinyin_free(a->pinyin);
    a->pinyin = NULL;
}
