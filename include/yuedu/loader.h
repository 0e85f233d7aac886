/* Loading a corpus in the background, so that the reader paints its first
 * screen as soon as the first document is ready while the rest are read,
 * decoded and indexed on another thread.
 *
 * Documents become visible in reading order: docs 0..ready-1 are complete
 * and never move or change while the loader lives (the array is allocated
 * once for every path), so the reader may keep pointers to them. Files that
 * fail are left out and reported as messages. */
#ifndef YUEDU_LOADER_H
#define YUEDU_LOADER_H

#include <stddef.h>

#include "yuedu/corpus.h"

typedef struct yd_loader yd_loader;

/* Runs on the loader thread for each document after decoding, before it
 * becomes visible as document `index` (e.g. to detect its outline into a
 * slot the caller allocated for every path). May be NULL. */
typedef void (*yd_prepare_fn)(yd_document *doc, size_t index, void *context);

/* Runs on the loader thread once the paths are known, before any document
 * is loaded: count documents at most will be ready (e.g. to allocate the
 * caller's slots for every one). Nonzero: out of memory, nothing loads. */
typedef int (*yd_walked_fn)(size_t count, void *context);

/* Start loading paths (the list is taken over and freed by the loader; at
 * most paths->count documents will be ready).
 * options->encoding is copied; options->purify is borrowed and must
 * outlive the loader. Fails only when out of memory or when no
 * thread can be started. */
yd_status yd_loader_start(yd_loader **out, yd_path_list *paths, const yd_load_options *options,
                          yd_prepare_fn prepare, void *context);

/* Walk args (copied) into paths on the loader thread, as yd_corpus_collect
 * does, then load them: the first document can show before the walk of a
 * large folder would have ended. What the walk leaves out comes as
 * messages, in order before the loading's. */
yd_status yd_loader_start_walk(yd_loader **out, const char *const *args, size_t nargs,
                               const yd_load_options *options, yd_walked_fn walked, yd_prepare_fn prepare,
                               void *context);

/* The paths being loaded, in order (owned by the loader, never changed);
 * none (count 0, NULL) until the walk has ended, which it has once a
 * document is ready or loading finished. */
const char *const *yd_loader_paths(yd_loader *loader, size_t *count);

/* The corpus root (yd_corpus_root of the paths) as the walk found it, so
 * that nobody looks at every path again for it; NULL until the walk has
 * ended, or when paths given to the loader came with none (not walked). */
const char *yd_loader_root(yd_loader *loader);

/* YD_OK, or YD_ENOMEM when loading stopped before any document. */
yd_status yd_loader_status(yd_loader *loader);

/* Every message of the walk so far, oldest first (for stderr once the
 * screen is given back); they stay to be popped as well. */
void yd_loader_walk_messages(yd_loader *loader, yd_diag_fn fn, void *context);

/* Documents ready so far. */
size_t yd_loader_ready(yd_loader *loader);
yd_document *yd_loader_document(yd_loader *loader, size_t index);

/* Files handled so far (ready or failed) and in all (0 while walking). */
void yd_loader_progress(yd_loader *loader, size_t *handled, size_t *total);
int yd_loader_finished(yd_loader *loader);

/* Block until at least `count` documents are ready or loading finished, at
 * most timeout_ms (negative: no limit). Returns the number ready. */
size_t yd_loader_wait(yd_loader *loader, size_t count, int timeout_ms);

/* Take the oldest message: fills the buffers (truncating) and returns
 * YD_LOADER_LEFT_OUT for a file left out, YD_LOADER_NOTICE for a notice
 * about a document that was read (its yd_document's notice: malformed
 * markup shown as far as it could be read); 0 when there is none. */
enum { YD_LOADER_LEFT_OUT = 1, YD_LOADER_NOTICE = 2 };
int yd_loader_pop_message(yd_loader *loader, char *path, size_t path_size, char *message, size_t message_size);

/* Documents read from now on show markup raw (1) or rendered (0). */
void yd_loader_set_markup_raw(yd_loader *loader, int raw);

/* Stop (the current file is finished first), join, free every document. */
void yd_loader_free(yd_loader *loader);

#endif
