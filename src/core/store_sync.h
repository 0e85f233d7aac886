/* One read-merge-write of a YAML store (bookmarks.yaml, state.yaml) under
 * its lock (yuedu/atomic_file.h). The steps are the same for every store;
 * what is read, merged and written is the store's own, given as a kind.
 *
 *   begin (the lock) → read → parse into a fresh "disk" copy
 *   → a corrupt or partly bad file is moved aside and said (kind->aside)
 *   → merge this process's changes into the disk copy
 *   → write it when anything changed → end → the disk copy becomes ours.
 *
 * On any failure what this process holds stays as it was (and dirty), and
 * the message says so (kind->kept), so that the next save retries. */
#ifndef YUEDU_STORE_SYNC_H
#define YUEDU_STORE_SYNC_H

#include <stddef.h>

#include "yuedu/status.h"

/* What parsing a store's file found. */
typedef enum yd_parse_outcome {
    YD_PARSE_OK = 0,
    YD_PARSE_PARTIAL,  /* some entries were bad: the rest are kept, the file moved aside */
    YD_PARSE_CORRUPT,  /* nothing usable: the file is moved aside, a new one started */
    YD_PARSE_NEWER,    /* written by a newer yuedu: left alone */
    YD_PARSE_NOMEM
} yd_parse_outcome;

typedef struct yd_store_kind {
    const char *file; /* its name in the folder */
    const char *kept; /* appended to an error when there are unsaved changes */
    size_t size;      /* of the in-memory form (self, and the disk copy) */
    /* Parse data[0..length) into disk (zeroed); *rewrite: write it back
     * even when nothing changed (an old format). problem says why when not OK. */
    yd_parse_outcome (*parse)(const char *data, size_t length, void *disk, int *rewrite, char *problem,
                              size_t psize);
    void (*discard)(void *disk);
    /* This process's changes into disk; disk_valid 0: there was no usable
     * file. *changed: disk now differs from the file. YD_ENOMEM only. */
    yd_status (*merge)(void *self, void *disk, int disk_valid, int *changed);
    /* The YAML of disk; returns 0, or -1 with why. */
    int (*emit)(const void *disk, char **out, size_t *length, char *why, size_t wsize);
    /* The file was moved aside to aside because of problem: tell the user
     * (partial: the readable entries were kept). */
    void (*aside)(void *self, const char *path, const char *problem, const char *aside, yd_parse_outcome outcome);
    /* The file was moved aside but the new one could not be written: what
     * was read from it lives only in disk now; keep it as unsaved changes
     * (or discard it). Takes disk's memory. */
    void (*keep_unsaved)(void *self, void *disk);
    /* Success: disk becomes self (takes its memory). */
    void (*adopt)(void *self, void *disk);
} yd_store_kind;

/* One sync of self with dir/kind->file. dirty: self has changes to write;
 * force: write even without changes; read_only: only read (a missing file
 * is no error, a corrupt one is, nothing is written or moved). */
yd_status yd_store_sync(const yd_store_kind *kind, void *self, const char *dir, int dirty, int force, int read_only,
                        yd_error *err);

#endif
