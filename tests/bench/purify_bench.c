/* Purify rules' cost: every document of a folder read without rules and
 * with them (what the reader's loader does), the difference reported as
 * the rules' time: the best, median and worst of several runs. Two sets:
 * rules that match rarely (a line to hide, a phrase to remove: the usual
 * case), and a rule that rewrites nearly every line (the worst case: the
 * text is rebuilt).
 *
 *   purify_bench [--runs N] DIR */
#define BENCH_NAME "purify_bench"
#include "bench_util.h"

#include <unicode/uclean.h>

#include "yuedu/corpus.h"
#include "yuedu/document.h"
#include "yuedu/purify.h"

static int by_time(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Seconds to read every file with options. */
static double read_all(const yd_path_list *files, const yd_load_options *options, size_t *units)
{
    double t0 = now_ms();
    *units = 0;
    for (size_t k = 0; k < files->count; k++) {
        yd_document d;
        yd_error err = {0};
        if (yd_document_load(&d, files->paths[k], options, &err) != YD_OK)
            die(files->paths[k], &err);
        *units += (size_t)d.length;
        yd_document_free(&d);
    }
    return (now_ms() - t0) / 1e3;
}

static int add(yd_purify_rules *rules, const char *pattern, yd_purify_action action, const char *replacement)
{
    yd_purify_rule r = {.pattern = (char *)pattern, .replacement = (char *)replacement, .action = action};
    return yd_purify_rules_add(rules, &r, NULL) == YD_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    int runs, first = bench_args(argc, argv, &runs, "[--runs N] DIR");
    if (first < 0)
        return 2;
    const char *paths[] = {argv[first]};
    yd_path_list files;
    if (yd_corpus_collect(paths, 1, &files, diag, NULL) != YD_OK)
        die("out of memory", NULL);
    yd_purify_rules rare, every;
    yd_purify_rules_init(&rare);
    yd_purify_rules_init(&every);
    if (add(&rare, "^本章完", YD_PURIFY_HIDE, NULL) || add(&rare, "（求(月票|收藏)）", YD_PURIFY_REPLACE, "") ||
        add(&rare, "^(第.+章)\\s*[|｜].*$", YD_PURIFY_REPLACE, "$1") || add(&every, "\\S", YD_PURIFY_REPLACE, "$0"))
        die("out of memory", NULL);
    /* "\S" -> "$0" rewrites each line into itself: every line is matched and
     * rebuilt, yet the text stays the same; "的" -> "之" changes it. */
    if (add(&every, "的", YD_PURIFY_REPLACE, "之"))
        die("out of memory", NULL);
    double *plain = malloc((size_t)runs * sizeof *plain), *with_rare = malloc((size_t)runs * sizeof *with_rare),
           *with_every = malloc((size_t)runs * sizeof *with_every);
    if (!plain || !with_rare || !with_every)
        die("out of memory", NULL);
    yd_load_options none = {0}, o_rare = {.purify = &rare}, o_every = {.purify = &every};
    size_t units = 0;
    for (int r = 0; r < runs; r++) {
        plain[r] = read_all(&files, &none, &units);
        with_rare[r] = read_all(&files, &o_rare, &units);
        with_every[r] = read_all(&files, &o_every, &units);
    }
    qsort(plain, (size_t)runs, sizeof *plain, by_time);
    qsort(with_rare, (size_t)runs, sizeof *with_rare, by_time);
    qsort(with_every, (size_t)runs, sizeof *with_every, by_time);
    double mb = (double)units * 2 / 1e6;
    printf("%zu documents, %.1f MB of UTF-16 text; %d runs\n", files.count, mb, runs);
    printf("read, no rules:           best %.3f s, median %.3f s, worst %.3f s\n", plain[0], plain[runs / 2],
           plain[runs - 1]);
    printf("3 rules that match rarely: best %.3f s (+%.3f s), median %.3f s, worst %.3f s\n", with_rare[0],
           with_rare[0] - plain[0], with_rare[runs / 2], with_rare[runs - 1]);
    printf("2 rules rewriting every line: best %.3f s (+%.3f s), median %.3f s, worst %.3f s\n", with_every[0],
           with_every[0] - plain[0], with_every[runs / 2], with_every[runs - 1]);
    free(plain);
    free(with_rare);
    free(with_every);
    yd_purify_rules_free(&rare);
    yd_purify_rules_free(&every);
    yd_path_list_free(&files);
    u_cleanup();
    return 0;
}
