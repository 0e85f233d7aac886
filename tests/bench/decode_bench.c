/* Decode + index throughput: load every document of a folder the way the
 * reader does (walk, read, detect, decode to UTF-16, index lines) and report
 * MB/s of input. The best of several runs is reported: the files are in the
 * page cache after the first, so this measures the CPU work, which is what
 * yuedu controls.
 *
 *   decode_bench [--runs N] DIR...     one line per DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uclean.h>

#include "yuedu/corpus.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ignore_diag(void *context, const char *path, const char *message)
{
    (void)context;
    fprintf(stderr, "decode_bench: %s: %s\n", path, message);
}

int main(int argc, char **argv)
{
    int runs = 5, first = 1;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
        runs = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || runs < 1) {
        fputs("usage: decode_bench [--runs N] DIR...\n", stderr);
        return 2;
    }
    for (int a = first; a < argc; a++) {
        double best = 1e30;
        size_t bytes = 0, docs = 0, chars = 0, repl = 0;
        const char *enc = "";
        for (int r = 0; r < runs; r++) {
            const char *paths[] = {argv[a]};
            yd_corpus c;
            double t0 = now();
            if (yd_corpus_load(&c, paths, 1, NULL, ignore_diag, NULL) != YD_OK) {
                fputs("decode_bench: out of memory\n", stderr);
                return 1;
            }
            double t = now() - t0;
            if (t < best)
                best = t;
            bytes = chars = repl = 0;
            for (size_t k = 0; k < c.count; k++) {
                bytes += c.docs[k].bytes;
                chars += c.docs[k].chars;
                repl += c.docs[k].replacements;
            }
            docs = c.count;
            enc = c.count ? (c.docs[0].encoding.kind == YD_ENC_GB18030 ? "GB18030"
                             : c.docs[0].encoding.kind == YD_ENC_BIG5  ? "Big5"
                                                                       : "UTF-8")
                          : "-";
            yd_corpus_free(&c);
        }
        printf("%-8s %6zu docs %8.1f MB %10zu chars %4zu repl  %7.1f ms  %7.1f MB/s\n", enc, docs,
               (double)bytes / 1e6, chars, repl, best * 1e3, (double)bytes / 1e6 / best);
    }
    u_cleanup();
    return 0;
}
