/* Pinyin filter speed: 10 000 titles made of the Han characters of the
 * first documents of DIR (or of a fixed range when DIR has none), each
 * prepared once; then the keystrokes of "rmfy", "zhonghua" and "xf" typed
 * one by one, every title matched at each. Reports the preparation once
 * and the worst keystroke of the best of the runs.
 *
 *   pinyin_bench [--runs N] [DIR] */
#define BENCH_NAME "pinyin_bench"
#include "bench_util.h"

#include "yuedu/pinyin.h"

enum { TITLES = 10000, TITLE_MAX = 24 };

int main(int argc, char **argv)
{
    int runs = 5;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0)
        runs = atoi(argv[2]);
    yd_pinyin *py;
    yd_error err = {0};
    if (yd_pinyin_new(&py, &err) != YD_OK)
        die("pinyin", &err);
    /* Titles of 6 to 24 characters from the common CJK block, a fixed seed. */
    static UChar text[TITLES][TITLE_MAX];
    static int32_t len[TITLES];
    unsigned seed = 12345;
    for (int k = 0; k < TITLES; k++) {
        seed = seed * 1103515245u + 12345u;
        len[k] = 6 + (int32_t)((seed >> 16) % (TITLE_MAX - 6));
        for (int32_t i = 0; i < len[k]; i++) {
            seed = seed * 1103515245u + 12345u;
            text[k][i] = (UChar)(0x4E00 + (seed >> 16) % 3500); /* the commonest part of the block */
        }
    }
    yd_pinyin_title *titles = calloc(TITLES, sizeof *titles);
    if (!titles)
        die("titles", NULL);
    double t0 = now_ms();
    for (int k = 0; k < TITLES; k++)
        if (yd_pinyin_prepare(py, text[k], len[k], &titles[k], &err) != YD_OK)
            die("prepare", &err);
    double prepared = now_ms() - t0;
    static const char *const typed[] = {"rmfy", "zhonghua", "xf"};
    double worst_best = 0;
    size_t found = 0;
    for (size_t w = 0; w < sizeof typed / sizeof typed[0]; w++) {
        size_t n = strlen(typed[w]);
        for (size_t end = 1; end <= n; end++) {
            UChar q[16];
            for (size_t i = 0; i < end; i++)
                q[i] = (UChar)typed[w][i];
            double best = 1e9;
            for (int r = 0; r < runs; r++) {
                double s = now_ms();
                size_t hits = 0;
                for (int k = 0; k < TITLES; k++)
                    hits += (size_t)yd_pinyin_match(py, &titles[k], q, (int32_t)end, NULL);
                double ms = now_ms() - s;
                if (ms < best)
                    best = ms;
                found = hits;
            }
            if (best > worst_best)
                worst_best = best;
            printf("%-10.*s %5zu of %d titles match, %.2f ms\n", (int)end, typed[w], found, TITLES, best);
        }
    }
    printf("prepared %d titles once in %.1f ms; slowest keystroke %.2f ms (budget 5 ms)\n", TITLES, prepared,
           worst_best);
    for (int k = 0; k < TITLES; k++)
        yd_pinyin_title_free(&titles[k]);
    free(titles);
    yd_pinyin_free(py);
    return 0;
}
