/* Where the reader left each document during this run.
 *
 * Opening a document as a whole (next or previous document, :doc, its
 * outline row) brings back the place where it was left earlier in this
 * run; on its first visit, the position saved by an earlier run
 * (yuedu/state.h); else its start. Jumps to a heading, a hit or a bookmark
 * go where they point instead, but leaving the document afterwards records
 * the place left as usual. */
#ifndef YUEDU_READING_MEMORY_H
#define YUEDU_READING_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/state.h"
#include "yuedu/status.h"

typedef struct yd_reading_memory {
    int32_t *left; /* per document: the offset where it was left, or -1 */
    size_t count;
} yd_reading_memory;

typedef enum yd_resume_from {
    YD_RESUME_START = 0, /* never read: its start */
    YD_RESUME_RUN,       /* where it was left in this run */
    YD_RESUME_SAVED      /* where an earlier run left it */
} yd_resume_from;

/* For documents 0 to count - 1. */
yd_status yd_reading_memory_init(yd_reading_memory *m, size_t count);
void yd_reading_memory_free(yd_reading_memory *m);

/* Document doc was left at offset. */
void yd_reading_memory_leave(yd_reading_memory *m, size_t doc, int32_t offset);

/* Where to open document doc (index k, text d): *offset and where it came
 * from. state may be NULL. */
yd_resume_from yd_reading_memory_resume(const yd_reading_memory *m, const yd_state *state, size_t doc,
                                        const yd_document *d, int32_t *offset);

/* Could these paths (as given to the loader) be a corpus that was left in
 * some document? 1 when one of the paths at or just after that document's
 * old index (files that failed to load shift the documents) is that file.
 * Costs a string comparison per corpus remembered, and a realpath only
 * where the file name matches: the corpus root (yd_state_corpus_document
 * needs it) costs an lstat per file, worth paying only when this says 1. */
int yd_reading_resume_candidate(const yd_state *s, const char *const *paths, size_t n);

/* Which of paths[0..n) (as given to the loader) is the file `document`
 * (absolute, as yd_state_last_document gives it): hint first, the index
 * it had, then the paths with the same file name. 1 and *out, or 0. Costs
 * a realpath per path tried, not one per path. */
int yd_reading_find_document(const char *const *paths, size_t n, const char *document, size_t hint, size_t *out);

#endif
