/* The search result list over a whole corpus: what the reader's & costs
 * once the search has run (grouping the hits by document and section), one
 * screen of snippets, and filter keystrokes (typing on narrows; a changed
 * filter starts again from every hit). Best of several runs.
 *
 *   results_bench [--runs N] DIR [PATTERN [FILTER]]   (default: the, "search") */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>

#include "yuedu/corpus.h"
#include "yuedu/search_results.h"

#define BENCH_NAME "results_bench"
#include "bench_util.h"

static double best_of(double best, double t0)
{
    double t = now_ms() - t0;
    return t < best ? t : best;
}

int main(int argc, char **argv)
{
    int runs, a = bench_args(argc, argv, &runs, "[--runs N] DIR [PATTERN [FILTER]]");
    if (a < 0)
        return 2;
    const char *dir = argv[a++];
    const char *pattern = a < argc ? argv[a++] : "the";
    const char *filter = a < argc ? argv[a++] : "search";
    yd_error err = {0};
    yd_fold *fold;
    if (yd_fold_new(&fold, NULL, &err) != YD_OK)
        die("fold tables", &err);
    yd_corpus c;
    const char *paths[] = {dir};
    if (yd_corpus_load(&c, paths, 1, NULL, diag, NULL) != YD_OK)
        die("load", NULL);
    yd_outline *outlines = calloc(c.count ? c.count : 1, sizeof *outlines);
    yd_shadow *shadows = calloc(c.count ? c.count : 1, sizeof *shadows);
    yd_hits *hits = calloc(c.count ? c.count : 1, sizeof *hits);
    const yd_document **docs = calloc(c.count ? c.count : 1, sizeof *docs);
    yd_snippet_cell *cells = malloc(1024 * sizeof *cells);
    if (!outlines || !shadows || !hits || !docs || !cells)
        die("out of memory", NULL);
    yd_query *q;
    yd_query_options o = {.folds = YD_FOLD_DEFAULT};
    if (yd_query_compile_utf8(&q, fold, pattern, &o, &err) != YD_OK)
        die(pattern, &err);
    size_t total = 0;
    for (size_t k = 0; k < c.count; k++) {
        docs[k] = &c.docs[k];
        if (yd_outline_build(&outlines[k], &c.docs[k], &err) != YD_OK ||
            yd_search_document(q, &c.docs[k], &shadows[k], &hits[k], &err) != YD_OK)
            die(c.docs[k].path, &err);
        total += hits[k].count;
    }
    yd_width_table *widths;
    if (yd_width_table_new(1, &widths, &err) != YD_OK)
        die("width table", &err);

    double build_ms = 1e30, screen_ms = 1e30, narrow_ms = 1e30, fresh_ms = 1e30, clear_ms = 1e30;
    yd_results r;
    size_t shown = 0;
    UChar f[256];
    int32_t flen = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(f, 256, &flen, filter, -1, &st);
    if (U_FAILURE(st) || flen < 1)
        die("filter", NULL);
    for (int run = 0; run < runs; run++) {
        double t0 = now_ms();
        if (yd_results_build(&r, docs, outlines, hits, c.count, &err) != YD_OK)
            die("build", &err);
        build_ms = best_of(build_ms, t0);
        /* A 200x60 screen: 59 rows, snippets 190 cells wide. */
        t0 = now_ms();
        for (size_t k = 0; k < r.row_count && k < 59; k++) {
            yd_result_row row = yd_results_row(&r, k);
            if (row.kind == YD_RESULT_HIT)
                yd_result_snippet(docs[row.at.doc], widths, yd_results_hit(&r, &row), 190, cells, 1024);
        }
        screen_ms = best_of(screen_ms, t0);
        /* The first keystroke of the filter looks at every hit; the next
         * ones only at those still shown. */
        t0 = now_ms();
        if (yd_results_filter(&r, fold, f, 1, &err) != YD_OK)
            die("filter", &err);
        fresh_ms = best_of(fresh_ms, t0);
        t0 = now_ms();
        for (int32_t n = 2; n <= flen; n++)
            if (yd_results_filter(&r, fold, f, n, &err) != YD_OK)
                die("filter", &err);
        narrow_ms = best_of(narrow_ms, t0);
        shown = r.shown_count;
        t0 = now_ms();
        if (yd_results_filter(&r, fold, f, 0, &err) != YD_OK)
            die("filter", &err);
        clear_ms = best_of(clear_ms, t0);
        yd_results_free(&r);
    }
    printf("result list: %zu hits of %s in %zu documents\n", total, pattern, c.count);
    printf("  index and rows (the & key):           %8.1f ms\n", build_ms);
    printf("  one 200x60 screen of snippets:        %8.2f ms\n", screen_ms);
    printf("  filter, first keystroke (every hit):  %8.1f ms\n", fresh_ms);
    printf("  filter, %d more keystrokes (narrow):  %8.1f ms in all, %zu hits match %s\n", flen - 1, narrow_ms,
           shown, filter);
    printf("  filter cleared:                       %8.1f ms\n", clear_ms);
    yd_query_free(q);
    for (size_t k = 0; k < c.count; k++) {
        yd_shadow_free(&shadows[k]);
        yd_hits_free(&hits[k]);
        yd_outline_free(&outlines[k]);
    }
    free(outlines);
    free(shadows);
    free(hits);
    free(docs);
    free(cells);
    yd_width_table_free(widths);
    yd_corpus_free(&c);
    yd_fold_free(fold);
    u_cleanup();
    return 0;
}
