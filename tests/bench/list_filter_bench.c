/* The filter of every list (src/tui/list_view.c) by pinyin: 10 000 rows of
 * 6 to 24 Han characters from a fixed seed, matched through the shared
 * predicate and its cache as the bookmark, notes and result lists match
 * them. The first keystroke prepares every row once; then each keystroke of
 * "rmfy", "zhonghua" and "xf" finds every row in the cache (a hash of its
 * text) and matches it. Reports the first keystroke and the worst of the
 * others, best of the runs.
 *
 *   list_filter_bench [--runs N] */
#define BENCH_NAME "list_filter_bench"
#define NCURSES_WIDECHAR 1
#include "bench_util.h"

#include <curses.h>
#include <locale.h>

#include "../../src/tui/list_view.c"

#include "../unit/list_view_stubs.h"

enum { ROWS = 10000, ROW_MAX = 24 };

int main(int argc, char **argv)
{
    int runs = 5;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0)
        runs = atoi(argv[2]);
    setlocale(LC_ALL, "C.UTF-8");
    yd_pinyin *py;
    yd_error err = {0};
    if (yd_pinyin_new(&py, &err) != YD_OK)
        die("pinyin", &err);
    static wchar_t rows[ROWS][ROW_MAX + 1];
    unsigned seed = 12345;
    for (int k = 0; k < ROWS; k++) {
        seed = seed * 1103515245u + 12345u;
        int len = 6 + (int)((seed >> 16) % (ROW_MAX - 6));
        for (int i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            rows[k][i] = (wchar_t)(0x4E00 + (seed >> 16) % 3500); /* the commonest part of the block */
        }
        rows[k][len] = 0;
    }
    list_words cache = {0};
    list_filter f = {.typed = L"r", .pinyin = py};
    double t0 = now_ms();
    for (int k = 0; k < ROWS; k++)
        if (list_filter_match(&f, &cache, rows[k]) < 0)
            die("out of memory", NULL);
    double first = now_ms() - t0;
    static const wchar_t *const typed[] = {L"rmfy", L"zhonghua", L"xf"};
    double worst_best = 0;
    for (size_t w = 0; w < sizeof typed / sizeof typed[0]; w++) {
        size_t n = wcslen(typed[w]);
        for (size_t end = 1; end <= n; end++) {
            wchar_t q[16];
            wcsncpy(q, typed[w], end);
            q[end] = 0;
            f.typed = q;
            double best = 1e9;
            size_t found = 0;
            for (int r = 0; r < runs; r++) {
                double s = now_ms();
                size_t hits = 0;
                for (int k = 0; k < ROWS; k++)
                    hits += list_filter_match(&f, &cache, rows[k]) == 1;
                double ms = now_ms() - s;
                best = ms < best ? ms : best;
                found = hits;
            }
            worst_best = best > worst_best ? best : worst_best;
            printf("%-10ls %5zu of %d rows match, %.2f ms\n", q, found, ROWS, best);
        }
    }
    printf("first keystroke (every row prepared) %.1f ms; slowest keystroke after it %.2f ms (budget 5 ms); "
           "%zu texts cached\n",
           first, worst_best, cache.used);
    list_words_free(&cache);
    yd_pinyin_free(py);
    return 0;
}
