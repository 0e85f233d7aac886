/* The walk alone: yd_corpus_collect of the folders given (the listing, the
 * kind of every entry, the natural order), no file read. Reports min /
 * median / max of the runs in ms, so that the figure of a 100 000-file
 * folder can be set beside the first key the reader handles after it.
 *
 * Beside it, in the same runs and alternately, the bare listing of the
 * same folders: opendir and readdir of every entry and nothing else. That
 * is the floor under any first screen that must know every name of a
 * folder to find its first document in natural order; the first screen of
 * the 100 000-file folder is set against it in docs/PERFORMANCE.md. */
#define BENCH_NAME "walk_bench"
#include "bench_util.h"

#include <dirent.h>

#include "yuedu/corpus.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Entries of the folder, read and counted; -1 when it cannot be opened. */
static long bare_listing(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    long entries = 0;
    while (readdir(dir) != NULL)
        entries++;
    closedir(dir);
    return entries;
}

static void report(const char *what, double *times, int runs)
{
    qsort(times, (size_t)runs, sizeof *times, by_value);
    printf("%s: %.1f / %.1f / %.1f ms (min / median / max of %d)\n", what, times[0], times[runs / 2],
           times[runs - 1], runs);
}

int main(int argc, char **argv)
{
    int runs;
    int a = bench_args(argc, argv, &runs, "[--runs N] DIR...");
    if (a < 0)
        return 2;
    double *walk = malloc((size_t)runs * sizeof *walk);
    double *listing = malloc((size_t)runs * sizeof *listing);
    if (!walk || !listing)
        die("runs", NULL);
    size_t files = 0;
    long entries = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        entries = 0;
        for (int i = a; i < argc; i++) {
            long n = bare_listing(argv[i]);
            if (n < 0)
                die(argv[i], NULL);
            entries += n;
        }
        listing[r] = now_ms() - t0;

        yd_path_list paths;
        t0 = now_ms();
        if (yd_corpus_collect((const char *const *)argv + a, (size_t)(argc - a), &paths, diag, NULL) != YD_OK)
            die("walk", NULL);
        walk[r] = now_ms() - t0;
        files = paths.count;
        yd_path_list_free(&paths);
    }
    char what[96];
    snprintf(what, sizeof what, "bare listing of %ld entries (readdir only)", entries);
    report(what, listing, runs);
    snprintf(what, sizeof what, "walk of %zu files", files);
    report(what, walk, runs);
    free(walk);
    free(listing);
    return 0;
}
