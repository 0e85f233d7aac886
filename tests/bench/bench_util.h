/* Helpers shared by the in-process benchmarks (each one .c file, so these
 * are static). Define BENCH_NAME ("search_bench") before including. */
#ifndef YUEDU_BENCH_UTIL_H
#define YUEDU_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yuedu/status.h"

static inline double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* yd_corpus_load's message callback. */
static inline void diag(void *context, const char *path, const char *message)
{
    (void)context;
    fprintf(stderr, BENCH_NAME ": %s: %s\n", path, message);
}

static inline void die(const char *what, const yd_error *err)
{
    fprintf(stderr, BENCH_NAME ": %s: %s\n", what, err ? err->message : "failed");
    exit(1);
}

/* [--runs N] DIR ...: *runs (5 by default) and the index of DIR, or -1
 * after printing usage when DIR is missing. */
static inline int bench_args(int argc, char **argv, int *runs, const char *usage)
{
    int a = 1;
    *runs = 5;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
        *runs = atoi(argv[2]);
        a = 3;
    }
    if (a >= argc || *runs < 1) {
        fprintf(stderr, "usage: " BENCH_NAME " %s\n", usage);
        return -1;
    }
    return a;
}

#endif
