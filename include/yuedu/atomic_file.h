/* Safe storage of one small file in a private folder: the machinery that
 * bookmarks and reading state share.
 *
 * A transaction opens the folder (creating it 0700 when missing, and never
 * through a symbolic link), takes an exclusive advisory lock (flock on
 * NAME.lock, never deleted), lets the caller read the current file, merge
 * and write a new one, and releases the lock. Writing is atomic: the bytes
 * go to NAME.tmp in the same folder (created 0600 with O_EXCL|O_NOFOLLOW
 * after removing any leftover), are fsync'ed, renamed over NAME, and the
 * folder is fsync'ed. A reader therefore sees the old file or the new one,
 * never a mixture, and a crash at any point leaves one of the two.
 *
 * Every file is opened relative to the folder's descriptor with
 * O_NOFOLLOW: a symbolic link planted at NAME, NAME.lock or NAME.tmp is
 * never followed (reading NAME fails with a message; rename replaces the
 * link itself, not its target). */
#ifndef YUEDU_ATOMIC_FILE_H
#define YUEDU_ATOMIC_FILE_H

#include <stddef.h>

#include "yuedu/status.h"

/* How long yd_store_begin waits for another instance's lock. */
#define YD_STORE_LOCK_TIMEOUT_MS 5000

typedef struct yd_store_txn {
    int dirfd;        /* the folder, or -1 */
    int lockfd;       /* the lock file, or -1 when the lock could not be had */
    char dir[4096];   /* the folder, for messages */
    char name[256];   /* the file's name in the folder */
    char lock_error[1024]; /* why the lock is missing (when lockfd < 0) */
} yd_store_txn;

/* The home folder: $HOME when it is an absolute path, else the account's
 * (env -i, some services run without HOME); NULL when there is none. */
const char *yd_home_dir(void);

/* Folder for a kind of file: $XDG_DATA_HOME/yuedu or $XDG_STATE_HOME/yuedu
 * (variables that are unset, empty or relative fall back to
 * $HOME/.local/share and $HOME/.local/state, as the XDG spec says).
 * which is "data" or "state". Returns YD_EINVAL when no home is known. */
yd_status yd_store_default_dir(const char *which, char *buf, size_t size, yd_error *err);

/* Open dir (creating it and its missing parents with mode 0700) and lock
 * name. When the lock cannot be taken because the folder is read-only or
 * not writable, the transaction still opens for reading (t->lockfd < 0,
 * t->lock_error says why) and yd_store_write refuses. Waiting longer than
 * YD_STORE_LOCK_TIMEOUT_MS for another holder is an error. */
yd_status yd_store_begin(yd_store_txn *t, const char *dir, const char *name, yd_error *err);

/* Open dir for reading only: no folder is created, no lock taken (so
 * nothing on disk changes); yd_store_write and yd_store_move_aside refuse.
 * A missing folder is YD_EIO with errno-style text "No such file...";
 * *missing (may be NULL) is set to 1 in that case. */
yd_status yd_store_begin_read(yd_store_txn *t, const char *dir, const char *name, int *missing, yd_error *err);

/* Read the whole file. *data is NULL (and *length 0) when it does not
 * exist; otherwise malloc'ed and NUL-terminated. YD_EIO with a message for
 * a file that exists but cannot be read (a symbolic link, not a regular
 * file, no permission, an I/O error). */
yd_status yd_store_read(yd_store_txn *t, char **data, size_t *length, yd_error *err);

/* Rename the file (or whatever sits at its name, a link included) to
 * NAME.corrupt-YYYYMMDDTHHMMSSZ (with -2, -3... when taken). The new name
 * goes to aside (may be NULL). Needs the lock. */
yd_status yd_store_move_aside(yd_store_txn *t, char *aside, size_t size, yd_error *err);

/* Replace the file atomically with data. Needs the lock. On failure the
 * old file is untouched and the temporary file removed. */
yd_status yd_store_write(yd_store_txn *t, const char *data, size_t length, yd_error *err);

/* Release the lock and close the folder. Safe on a failed begin. */
void yd_store_end(yd_store_txn *t);

/* Milliseconds since the epoch, UTC. */
long long yd_now_ms(void);

/* Format ms as 2026-01-02T03:04:05.678Z; parse it back (0 on success). */
void yd_time_format(long long ms, char *buf, size_t size);
int yd_time_parse(const char *s, long long *ms);

#endif
