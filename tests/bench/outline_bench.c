/* Outline throughput: load every document of a folder once, then build the
 * outline of each (what --outline and the reader's loader do after
 * decoding) and report the time beyond loading: the best, median and
 * worst of several runs (this machine is shared; the spread says how much).
 *
 *   outline_bench [--runs N] DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uclean.h>

#include "yuedu/corpus.h"
#include "yuedu/outline.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void diag(void *context, const char *path, const char *message)
{
    (void)context;
    fprintf(stderr, "outline_bench: %s: %s\n", path, message);
}

static int by_time(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int runs = 5, first = 1;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
        runs = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || runs < 1) {
        fputs("usage: outline_bench [--runs N] DIR\n", stderr);
        return 2;
    }
    const char *paths[] = {argv[first]};
    yd_corpus c;
    if (yd_corpus_load(&c, paths, 1, NULL, diag, NULL) != YD_OK) {
        fputs("outline_bench: out of memory\n", stderr);
        return 1;
    }
    size_t bytes = 0, units = 0, lines = 0;
    for (size_t k = 0; k < c.count; k++) {
        bytes += c.docs[k].bytes;
        units += (size_t)c.docs[k].length;
        lines += (size_t)c.docs[k].line_count;
    }
    double *times = malloc((size_t)runs * sizeof *times);
    if (!times) {
        fputs("outline_bench: out of memory\n", stderr);
        return 1;
    }
    long nodes = 0, headings = 0;
    for (int r = 0; r < runs; r++) {
        nodes = headings = 0;
        double t0 = now();
        for (size_t k = 0; k < c.count; k++) {
            yd_outline o;
            if (yd_outline_build(&o, &c.docs[k], NULL) != YD_OK) {
                fputs("outline_bench: out of memory\n", stderr);
                return 1;
            }
            nodes += o.count;
            headings += o.headings;
            yd_outline_free(&o);
        }
        times[r] = now() - t0;
    }
    qsort(times, (size_t)runs, sizeof *times, by_time);
    double best = times[0], median = times[runs / 2], worst = times[runs - 1];
    printf("outline %-28s %4zu docs %8.1f MB %9zu lines %8ld nodes (%ld headings): %7.1f ms (median %.1f, worst "
           "%.1f), %6.0f MB/s\n",
           argv[first], c.count, (double)bytes / 1e6, lines, nodes, headings, best * 1e3, median * 1e3, worst * 1e3,
           (double)bytes / 1e6 / best);
    free(times);
    (void)units;
    yd_corpus_free(&c);
    u_cleanup();
    return 0;
}
