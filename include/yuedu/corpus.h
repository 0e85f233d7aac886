/* A corpus: the documents named by the command line, in reading order.
 *
 * Directories are walked recursively for *.txt, *.md, *.markdown and
 * extension-less files; hidden entries are skipped; a directory reached a
 * second time (a symlink loop, or two links to one place) is walked once;
 * entries are read in natural order. Files named explicitly are read
 * whatever their extension. Problems with single files never stop the
 * walk: they are reported through a yd_diag_fn and the file is left out. */
#ifndef YUEDU_CORPUS_H
#define YUEDU_CORPUS_H

#include <stddef.h>

#include "yuedu/document.h"
#include "yuedu/status.h"

/* Called once per file that is left out, with a message that follows
 * "yuedu: PATH: " (e.g. "skipped: binary file"). */
typedef void (*yd_diag_fn)(void *context, const char *path, const char *message);

typedef struct yd_path_list {
    char **paths;
    size_t count, capacity;
    char *root; /* from a walk: yd_corpus_root of the paths, found as they
                   were taken ("" when none exists); else NULL */
} yd_path_list;

/* Deepest directory nesting walked; deeper folders are reported and left
 * out (the walk recurses: about 400 bytes of stack a level). */
#define YD_CORPUS_MAX_DEPTH 256

/* Expand args into the files to read, in reading order. Only running out of
 * memory fails; everything else is a diagnostic. */
yd_status yd_corpus_collect(const char *const *args, size_t nargs, yd_path_list *out, yd_diag_fn diag,
                            void *context);

/* As yd_corpus_collect, asking stopped(context) between entries (and now
 * and then while a large folder is listed): once it returns nonzero the
 * walk ends with YD_ECANCELED and nothing in out. For a walk on another
 * thread that must end soon when its reader quits. */
yd_status yd_corpus_collect_until(const char *const *args, size_t nargs, yd_path_list *out, yd_diag_fn diag,
                                  int (*stopped)(void *context), void *context);
void yd_path_list_free(yd_path_list *list);

/* The path of the first file yd_corpus_collect would list, into out,
 * without walking everything: the least entry of each folder on the way
 * down. Returns 0, or -1 when none is found within a few dozen entries
 * (it is only a guess to show first: a file that cannot be read, a link
 * loop or a folder of empty folders may make it differ from the walk). */
int yd_corpus_first(const char *const *args, size_t nargs, char *out, size_t size);

/* Does a file found while walking look like a document by its name? */
int yd_corpus_name_is_document(const char *name);

typedef struct yd_corpus {
    yd_document *docs;
    size_t count, capacity;
} yd_corpus;

/* Collect and load every document. Files that cannot be read or are binary
 * are reported and left out; a document read only in part (its notice) is
 * reported and kept; only running out of memory fails. */
yd_status yd_corpus_load(yd_corpus *corpus, const char *const *args, size_t nargs, const yd_load_options *options,
                         yd_diag_fn diag, void *context);
void yd_corpus_free(yd_corpus *corpus);

/* The corpus root for relative paths: the deepest folder holding every
 * path given (a folder itself, a file's folder), symbolic links resolved.
 * Returns 0, or -1 when no path exists. */
int yd_corpus_root(const char *const *paths, size_t npaths, char *buf, size_t size);

/* Absolute path of a document's file, symbolic links resolved when it
 * exists. malloc'ed; NULL when out of memory. */
char *yd_absolute_path(const char *path);

#endif
