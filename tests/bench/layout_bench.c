/* Layout throughput: every paragraph of every file given, laid out and
 * turned into cells (what --render does, without the printing), at width
 * 80 and ambiwidth 1; best of 5. Then the lazy path: open the largest
 * document and page through its first 10 screens, counting the paragraphs
 * laid out.
 *
 *   layout_bench FILE|DIR...   */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "yuedu/corpus.h"
#include "yuedu/layout.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void quiet(void *context, const char *path, const char *message)
{
    (void)context;
    fprintf(stderr, "layout_bench: %s: %s\n", path, message);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: layout_bench FILE|DIR...\n", stderr);
        return 2;
    }
    yd_corpus corpus;
    if (yd_corpus_load(&corpus, (const char *const *)argv + 1, (size_t)argc - 1, NULL, quiet, NULL) != YD_OK)
        return 1;
    yd_width_table *widths;
    yd_error err = {0};
    double t0 = now();
    if (yd_width_table_new(1, &widths, &err) != YD_OK)
        return 1;
    printf("width table: %.1f ms\n", (now() - t0) * 1e3);
    yd_layout_options o;
    yd_layout_options_default(&o);
    yd_cell cells[80];
    size_t bytes = 0;
    long rows_total = 0;
    double best = 1e9;
    for (int round = 0; round < 5; round++) {
        bytes = 0;
        rows_total = 0;
        double start = now();
        for (size_t k = 0; k < corpus.count; k++) {
            const yd_document *d = &corpus.docs[k];
            yd_layout *l;
            if (yd_layout_new(d, widths, &o, &l, &err) != YD_OK)
                return 1;
            for (int32_t p = 0; p < d->line_count; p++) {
                const yd_row *rows;
                int32_t count;
                if (yd_layout_paragraph(l, p, &rows, &count, &err) != YD_OK)
                    return 1;
                for (int32_t r = 0; r < count; r++)
                    yd_layout_row_cells(l, &rows[r], cells, 80);
                rows_total += count;
            }
            yd_layout_free(l);
            bytes += d->bytes;
        }
        double s = now() - start;
        if (s < best)
            best = s;
    }
    printf("layout + cells, width 80: %zu bytes, %ld rows in %.1f ms: %.0f MB/s, %.1f M rows/s\n", bytes, rows_total,
           best * 1e3, (double)bytes / 1e6 / best, (double)rows_total / 1e6 / best);

    /* Lazy: the largest document, ten screens of 50 rows. */
    const yd_document *big = NULL;
    for (size_t k = 0; k < corpus.count; k++)
        if (!big || corpus.docs[k].bytes > big->bytes)
            big = &corpus.docs[k];
    if (big) {
        yd_layout *l;
        if (yd_layout_new(big, widths, &o, &l, &err) != YD_OK)
            return 1;
        yd_layout_pos pos = {0, 0};
        double start = now();
        for (int screen = 0; screen < 10; screen++)
            yd_layout_pos_move(l, &pos, 50, NULL, &err);
        double s = now() - start;
        yd_layout_stats st = yd_layout_get_stats(l);
        printf("paging 10 screens of 50 rows through %s (%zu bytes, %ld paragraphs): %lld paragraphs laid out, "
               "%.2f ms\n",
               big->path, big->bytes, (long)big->line_count, (long long)st.paragraphs_laid_out, s * 1e3);
        yd_layout_free(l);
    }
    yd_width_table_free(widths);
    yd_corpus_free(&corpus);
    return 0;
}
