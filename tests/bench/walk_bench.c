/* The walk alone: yd_corpus_collect of the folders given (the listing, the
 * kind of every entry, the natural order), no file read. Reports min /
 * median / max of the runs in ms, so that the figure of a 100 000-file
 * folder can be set beside the first key the reader handles after it. */
#define BENCH_NAME "walk_bench"
#include "bench_util.h"

#include "yuedu/corpus.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int runs;
    int a = bench_args(argc, argv, &runs, "[--runs N] DIR...");
    if (a < 0)
        return 2;
    double *times = malloc((size_t)runs * sizeof *times);
    if (!times)
        die("runs", NULL);
    size_t files = 0;
    for (int r = 0; r < runs; r++) {
        yd_path_list paths;
        double t0 = now_ms();
        if (yd_corpus_collect((const char *const *)argv + a, (size_t)(argc - a), &paths, diag, NULL) != YD_OK)
            die("walk", NULL);
        times[r] = now_ms() - t0;
        files = paths.count;
        yd_path_list_free(&paths);
    }
    qsort(times, (size_t)runs, sizeof *times, by_value);
    printf("walk of %zu files: %.1f / %.1f / %.1f ms (min / median / max of %d)\n", files, times[0],
           times[runs / 2], times[runs - 1], runs);
    free(times);
    return 0;
}
