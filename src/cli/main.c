/* yuedu: command line parsing and dispatch to a batch mode or the reader. */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "../tui/tui.h"
#include "cli.h"
#include "yuedu/decode.h"

typedef enum mode { MODE_READ, MODE_LIST } mode;

typedef struct options {
    mode mode;
    output_format format;
    const char *encoding;
} options;

static void usage(FILE *out)
{
    fputs("Usage: yuedu [OPTION]... [PATH]...          read documents in the terminal\n"
          "       yuedu --list [--format text|tsv] PATH...\n"
          "\n"
          "PATH is a file or a folder (searched recursively for *.txt, *.md, *.markdown\n"
          "and extension-less files). Without PATH, yuedu reads its bundled guide.\n"
          "\n"
          "  --list             list documents: encoding, bytes, characters, lines,\n"
          "                     replacement characters, path\n"
          "  --format FORMAT    output format of --list: text (default) or tsv\n"
          "  --encoding NAME    read every file as NAME (UTF-8, UTF-16LE, UTF-16BE,\n"
          "                     GB18030, GBK, Big5 or any ICU converter name)\n"
          "                     instead of detecting it\n"
          "  --version          print the version and exit\n"
          "  --help             print this help and exit\n"
          "\n"
          "Exit status: 0 success, 1 nothing could be opened, 2 bad usage.\n",
          out);
}

static int bad_usage(const char *what, const char *arg)
{
    fprintf(stderr, "yuedu: %s", what);
    cli_put_sanitized(stderr, arg);
    fputs("\nTry 'yuedu --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Returns -1 to go on, or an exit code. */
static int parse_options(int argc, char **argv, options *opt)
{
    enum { OPT_LIST = 256, OPT_FORMAT, OPT_ENCODING, OPT_VERSION, OPT_HELP };
    static const struct option longopts[] = {
        {"list", no_argument, NULL, OPT_LIST},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LIST: opt->mode = MODE_LIST; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                opt->format = FORMAT_TEXT;
            else if (strcmp(optarg, "tsv") == 0)
                opt->format = FORMAT_TSV;
            else
                return bad_usage("--format: unknown format (text or tsv): ", optarg);
            break;
        case OPT_ENCODING: {
            yd_encoding enc;
            yd_error err = {0};
            if (yd_encoding_from_name(optarg, &enc, &err) != YD_OK)
                return bad_usage("--encoding: ", err.message);
            opt->encoding = optarg;
            break;
        }
        case OPT_VERSION:
            printf("yuedu %s\n", YUEDU_VERSION);
            return EXIT_OK;
        case OPT_HELP:
            usage(stdout);
            return EXIT_OK;
        case ':':
            return bad_usage("option needs an argument: ", argv[optind - 1]);
        default:
            return bad_usage("unknown option: ", argv[optind - 1]);
        }
    }
    return -1;
}

/* The reader: the walk happens now (it is quick and its messages belong on
 * stderr), the documents load in the background while the first screen
 * shows. */
static int read_interactively(const char *const *paths, size_t npaths, const yd_load_options *load)
{
    yd_path_list files;
    if (yd_corpus_collect(paths, npaths, &files, cli_diag, NULL) != YD_OK) {
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_NOTHING;
    }
    if (files.count == 0) {
        yd_path_list_free(&files);
        fputs("yuedu: no documents to read\n", stderr);
        return EXIT_NOTHING;
    }
    yd_loader *loader;
    if (yd_loader_start(&loader, &files, load, NULL, NULL) != YD_OK) {
        yd_path_list_free(&files);
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_NOTHING;
    }
    int code = tui_run(loader);
    yd_loader_free(loader);
    return code;
}

static int run(int argc, char **argv)
{
    options opt = {.mode = MODE_READ, .format = FORMAT_TEXT};
    int code = parse_options(argc, argv, &opt);
    if (code >= 0)
        return code;

    const char *const *paths = (const char *const *)argv + optind;
    size_t npaths = (size_t)(argc - optind);
    char guide[PATH_MAX];
    const char *guide_paths[1];
    if (npaths == 0) { /* every mode: the bundled guide */
        if (cli_find_guide(guide, sizeof guide) != 0) {
            fputs("yuedu: cannot find the bundled guide; give a PATH to read\n", stderr);
            return EXIT_NOTHING;
        }
        guide_paths[0] = guide;
        paths = guide_paths;
        npaths = 1;
    }

    yd_load_options load = {.encoding = opt.encoding};
    if (opt.mode == MODE_READ)
        return read_interactively(paths, npaths, &load);
    yd_corpus corpus;
    if (yd_corpus_load(&corpus, paths, npaths, &load, cli_diag, NULL) != YD_OK) {
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_NOTHING;
    }
    code = cli_list(&corpus, opt.format);
    yd_corpus_free(&corpus);
    return code;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    int code = run(argc, argv);
    u_cleanup(); /* release ICU's caches so leak checkers see a clean exit */
    return code;
}
