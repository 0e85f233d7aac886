/* Search speed in process: the fold tables, the folded shadows of a whole
 * corpus, then folded queries over every document (as incremental search
 * does on each keystroke once the shadows exist). Best of several runs.
 *
 *   search_bench [--runs N] DIR [PATTERN...]   (default patterns below) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uclean.h>

#include "yuedu/corpus.h"
#include "yuedu/search.h"

#define BENCH_NAME "search_bench"
#include "bench_util.h"

/* One query over the corpus; returns the best time, fills *total. */
static double run_query(const yd_fold *fold, yd_corpus *c, yd_shadow *shadows, yd_hits *hits, const char *pattern,
                        int regex, int runs, size_t *total, size_t *docs_hit)
{
    double best = 1e30;
    for (int r = 0; r < runs; r++) {
        yd_error err = {0};
        double t0 = now_ms();
        yd_query *q;
        yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = regex};
        if (yd_query_compile_utf8(&q, fold, pattern, &o, &err) != YD_OK)
            die(pattern, &err);
        *total = *docs_hit = 0;
        for (size_t k = 0; k < c->count; k++) {
            if (yd_search_document(q, &c->docs[k], &shadows[k], &hits[k], &err) != YD_OK)
                die(pattern, &err);
            *total += hits[k].count;
            *docs_hit += hits[k].count > 0;
        }
        yd_query_free(q);
        double t = now_ms() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    int runs, a = bench_args(argc, argv, &runs, "[--runs N] DIR [PATTERN...]");
    if (a < 0)
        return 2;
    const char *dir = argv[a++];
    static const char *const defaults[] = {"阅读", "閱讀指南", "Ｓｅａｒｃｈ", "the", "党建", NULL};
    static const char *const regexes[] = {"阅读|书签", "^#+ ", "[0-9]+、", NULL};

    yd_error err = {0};
    /* The first build pays for loading ICU's data and compiling the
     * transliterator rules: that is what every start-up pays. */
    double fold_ms = 1e30, cold_ms = 0;
    yd_fold *fold = NULL;
    for (int r = 0; r < runs; r++) {
        double ms;
        yd_fold_free(fold);
        if (yd_fold_new(&fold, &ms, &err) != YD_OK)
            die("fold tables", &err);
        if (r == 0)
            cold_ms = ms;
        if (ms < fold_ms)
            fold_ms = ms;
    }
    yd_corpus c;
    const char *paths[] = {dir};
    double t0 = now_ms();
    if (yd_corpus_load(&c, paths, 1, NULL, diag, NULL) != YD_OK)
        die("load", NULL);
    double load_ms = now_ms() - t0;
    size_t units = 0, bytes = 0;
    for (size_t k = 0; k < c.count; k++) {
        units += (size_t)c.docs[k].length;
        bytes += c.docs[k].bytes;
    }
    yd_shadow *shadows = calloc(c.count, sizeof *shadows);
    yd_hits *hits = calloc(c.count, sizeof *hits);
    if (!shadows || !hits)
        die("out of memory", NULL);

    printf("corpus: %zu documents, %.1f MB on disk, %.1f M UTF-16 units (loaded in %.0f ms)\n", c.count,
           (double)bytes / 1e6, (double)units / 1e6, load_ms);
    printf("fold tables (8 combinations, from ICU):  %6.1f ms at start-up, %.1f ms rebuilt\n", cold_ms, fold_ms);

    /* Literal queries before any shadow exists scan the original text. */
    for (size_t i = 0; defaults[i]; i++) {
        size_t total, docs;
        double ms = run_query(fold, &c, shadows, hits, defaults[i], 0, runs, &total, &docs);
        printf("no shadows: literal %-16s %8zu hits in %3zu docs  %8.1f ms\n", defaults[i], total, docs, ms);
    }

    /* Shadows for the default folds with case folded (a lower-case or
     * Chinese pattern), built as the first query would. */
    unsigned folds = YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT;
    double shadow_ms = 1e30;
    for (int r = 0; r < runs; r++) {
        for (size_t k = 0; k < c.count; k++)
            yd_shadow_free(&shadows[k]);
        double s0 = now_ms();
        for (size_t k = 0; k < c.count; k++)
            if (!yd_shadow_get(&shadows[k], fold, &c.docs[k], folds, &err))
                die("shadow", &err);
        double t = now_ms() - s0;
        if (t < shadow_ms)
            shadow_ms = t;
    }
    printf("folded shadows of every document:        %6.1f ms  (%.0f M units/s)\n", shadow_ms,
           (double)units / 1e3 / shadow_ms);

    for (int regex = 0; regex <= 1; regex++) {
        const char *const *list = regex ? regexes : defaults;
        const char *user[64];
        if (!regex && a < argc) {
            int n = 0;
            for (; a < argc && n < 63; a++)
                user[n++] = argv[a];
            user[n] = NULL;
            list = user;
        }
        for (size_t i = 0; list[i]; i++) {
            size_t total, docs;
            double ms = run_query(fold, &c, shadows, hits, list[i], regex, regex ? 1 : runs, &total, &docs);
            printf("shadows:    %-7s %-16s %8zu hits in %3zu docs  %8.1f ms  %6.0f MB/s of source\n",
                   regex ? "regex" : "literal", list[i], total, docs, ms, (double)bytes / 1e3 / ms);
        }
    }
    for (size_t k = 0; k < c.count; k++) {
        yd_shadow_free(&shadows[k]);
        yd_hits_free(&hits[k]);
    }
    free(shadows);
    free(hits);
    yd_corpus_free(&c);
    yd_fold_free(fold);
    u_cleanup();
    return 0;
}
