/* Reading state: the last position in each document, the last corpus
 * opened, and the search history, in $XDG_STATE_HOME/yuedu/state.yaml
 * (schema version YD_STATE_SCHEMA; docs/BOOKMARKS.md).
 *
 * Same safety as the bookmarks (yuedu/atomic_file.h): atomic writes, mode
 * 0600, a lock with read-merge-write (positions merge by document, the
 * later one winning; search histories are united), a corrupt file moved
 * aside with a notice, and a failed save keeps every change in memory to be
 * retried by the next save. Positions are anchors (yuedu/anchor.h), so a
 * position survives edits before it.
 *
 * Messages in yd_error and notices start with the file's path. */
#ifndef YUEDU_STATE_H
#define YUEDU_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "yuedu/anchor.h"
#include "yuedu/document.h"
#include "yuedu/status.h"

#define YD_STATE_SCHEMA 1
#define YD_STATE_FILE "state.yaml"
#define YD_STATE_MAX_POSITIONS 1000 /* the least recently read are forgotten */
#define YD_STATE_MAX_CORPORA 100    /* the least recently read are forgotten */
#define YD_STATE_SEARCHES 200       /* searches kept by default; the oldest are forgotten */
#define YD_STATE_MAX_SEARCHES 100000 /* the most that may be asked for */

typedef struct yd_state_position {
    char *path;           /* absolute, links resolved */
    yd_anchor anchor;
    long long updated;    /* ms since the epoch */
    int dirty;
} yd_state_position;

typedef struct yd_state_search {
    char *pattern;
    long long time;
    int dirty;
} yd_state_search;

/* The document last read in a corpus. */
typedef struct yd_state_corpus {
    char *root;           /* the corpus: the folder holding it (yd_corpus_root) */
    char *document;       /* absolute, links resolved */
    size_t index;         /* its index among the corpus's documents then (a hint) */
    long long updated;    /* ms since the epoch */
    int dirty;
} yd_state_corpus;

typedef struct yd_state {
    char dir[4096];
    yd_state_position *positions;
    size_t npositions, cap_positions;
    yd_state_search *searches;     /* oldest first */
    size_t nsearches, cap_searches;
    yd_state_corpus *corpora;      /* in no order */
    size_t ncorpora, cap_corpora;
    size_t search_limit;           /* searches kept (YD_STATE_SEARCHES by default) */
    int rewrite;
    char notice[1024];
} yd_state;

/* Open dir (NULL: $XDG_STATE_HOME/yuedu) and read state.yaml. A corrupt
 * file is moved aside with a notice. Fails only when the folder cannot be
 * used at all; s is then empty and usable (saves retry). */
yd_status yd_state_open(yd_state *s, const char *dir, yd_error *err);
void yd_state_free(yd_state *s);

/* Read-merge-write; on failure nothing is lost from memory. */
yd_status yd_state_save(yd_state *s, yd_error *err);

/* What a failed save adds to its message, translated ("; the reading
 * state is kept in memory and saving will be retried"): a caller with no
 * later try (the reader as it ends) takes it off. */
const char *yd_state_kept_note(void);
const char *yd_state_take_notice(yd_state *s);

/* Remember that doc is being read at offset. Costs one pass over the text
 * (its fingerprint): call it when leaving a document and at exit, not on
 * every scroll. Saved by the next yd_state_save. */
yd_status yd_state_set_position(yd_state *s, const yd_document *doc, int32_t offset);

/* Where doc was left: 1 and *offset (re-anchored if the document changed;
 * found by fingerprint if it moved), or 0 when it was never read. */
int yd_state_get_position(const yd_state *s, const yd_document *doc, int32_t *offset);

/* The document last read in the corpus named by root (the folder holding
 * it, yd_corpus_root), and its index among the corpus's documents (a hint:
 * files may have come and gone). Each corpus has its own, so reading
 * another in between takes nothing away. */
yd_status yd_state_set_corpus_document(yd_state *s, const char *root, const char *document, size_t index);
int yd_state_corpus_document(const yd_state *s, const char *root, const char **document, size_t *index);

/* How many searches to keep (0 keeps none), at most YD_STATE_MAX_SEARCHES;
 * the oldest are forgotten when saving. */
void yd_state_set_search_limit(yd_state *s, size_t limit);

/* Add a search (an earlier identical one counts as this one). Every search
 * of a run is kept, and merged with other instances' on save. */
yd_status yd_state_add_search(yd_state *s, const char *pattern);
size_t yd_state_search_count(const yd_state *s);
/* k = 0 is the most recent. */
const char *yd_state_search_get(const yd_state *s, size_t k);

#endif
