/* The read-merge-write skeleton of the stores (store_sync.h). */
#include "store_sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yuedu/atomic_file.h"

static void append(yd_error *err, const char *text)
{
    if (err)
        strncat(err->message, text, sizeof err->message - strlen(err->message) - 1);
}

/* The read error without the path it starts with (the caller adds it). */
static void read_problem(const char *message, const char *path, char *problem, size_t psize)
{
    size_t n = strlen(path);
    if (strncmp(message, path, n) == 0 && message[n] == ':' && message[n + 1] == ' ')
        message += n + 2;
    snprintf(problem, psize, "%s", message);
}

/* Read and parse the file under the lock; *disk_valid 0 when there is none
 * or it is corrupt. Returns the outcome. */
static yd_parse_outcome read_disk(const yd_store_kind *kind, yd_store_txn *t, const char *path, void *disk,
                                  int *rewrite, int *disk_valid, char *problem, size_t psize)
{
    char *data = NULL;
    size_t length = 0;
    yd_error rerr = {0};
    yd_status st = yd_store_read(t, &data, &length, &rerr);
    yd_parse_outcome outcome = YD_PARSE_OK;
    *disk_valid = 1;
    if (st == YD_ENOMEM) {
        outcome = YD_PARSE_NOMEM;
    } else if (st != YD_OK) { /* unreadable: a link, a folder, no permission */
        outcome = YD_PARSE_CORRUPT;
        read_problem(rerr.message, path, problem, psize);
    } else if (data) {
        outcome = kind->parse(data, length, disk, rewrite, problem, psize);
    } else {
        *disk_valid = 0; /* no file: everything here is news */
    }
    free(data);
    return outcome;
}

/* Write disk when needed. Returns YD_OK or the error (already set). */
static yd_status write_disk(const yd_store_kind *kind, yd_store_txn *t, const char *path, const void *disk,
                            yd_error *err)
{
    char *out = NULL;
    size_t outlen = 0;
    char why[200];
    if (kind->emit(disk, &out, &outlen, why, sizeof why) != 0)
        return yd_error_set(err, strcmp(why, "out of memory") == 0 ? YD_ENOMEM : YD_EIO, "%s: cannot write YAML (%s)%s",
                            path, why, yd_translate(kind->kept));
    yd_status st = yd_store_write(t, out, outlen, err);
    free(out);
    if (st != YD_OK)
        append(err, yd_translate(kind->kept));
    return st;
}

yd_status yd_store_sync(const yd_store_kind *kind, void *self, const char *dir, int dirty, int force, int read_only,
                        yd_error *err)
{
    struct stat st_dir;
    if (!read_only && !dirty && !force && lstat(dir, &st_dir) != 0 && errno == ENOENT)
        return YD_OK; /* nothing to read, nothing to write: create nothing */
    yd_store_txn t;
    yd_status st;
    if (read_only) {
        int missing = 0;
        st = yd_store_begin_read(&t, dir, kind->file, &missing, err);
        if (missing) {
            if (err)
                err->code = YD_OK, err->message[0] = 0;
            return YD_OK;
        }
    } else {
        st = yd_store_begin(&t, dir, kind->file, err);
    }
    if (st != YD_OK) {
        if (dirty)
            append(err, yd_translate(kind->kept));
        return st;
    }
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, kind->file);
    void *disk = calloc(1, kind->size);
    if (!disk) {
        yd_store_end(&t);
        return yd_error_set(err, YD_ENOMEM, "%s: out of memory", path);
    }
    char problem[600] = "";
    int rewrite = 0, disk_valid = 1, moved_aside = 0;
    yd_parse_outcome outcome = read_disk(kind, &t, path, disk, &rewrite, &disk_valid, problem, sizeof problem);
    const char *kept = dirty ? yd_translate(kind->kept) : "";
    if (outcome == YD_PARSE_NOMEM || outcome == YD_PARSE_NEWER ||
        (read_only && (outcome == YD_PARSE_CORRUPT || outcome == YD_PARSE_PARTIAL))) {
        st = outcome == YD_PARSE_NOMEM ? yd_error_set(err, YD_ENOMEM, "%s: out of memory", path)
             : outcome == YD_PARSE_NEWER ? yd_error_set(err, YD_EIO, "%s: %s; it is left unchanged%s", path, problem, kept)
                                         : yd_error_set(err, YD_EIO, "%s: %s", path, problem);
        goto fail;
    }
    if (outcome == YD_PARSE_CORRUPT || outcome == YD_PARSE_PARTIAL) {
        char aside[4500];
        yd_error merr = {0};
        if (yd_store_move_aside(&t, aside, sizeof aside, &merr) != YD_OK) {
            st = yd_error_set(err, YD_EIO, "%s: %s; it could not be moved aside (%s), so it is left as it is%s", path,
                              problem, merr.message, kept);
            goto fail;
        }
        moved_aside = 1;
        if (outcome == YD_PARSE_CORRUPT) {
            kind->discard(disk);
            memset(disk, 0, kind->size);
            disk_valid = 0;
        }
        kind->aside(self, path, problem, aside, outcome);
        force = 1;
    }
    int changed = 0;
    if (kind->merge(self, disk, disk_valid, &changed) != YD_OK) {
        st = yd_error_set(err, YD_ENOMEM, "%s: out of memory", path);
        goto fail;
    }
    if (!read_only && (changed || force || rewrite || dirty)) {
        st = write_disk(kind, &t, path, disk, err);
        if (st != YD_OK) {
            yd_store_end(&t);
            if (moved_aside)
                kind->keep_unsaved(self, disk);
            else
                kind->discard(disk);
            free(disk);
            return st;
        }
    }
    yd_store_end(&t);
    kind->adopt(self, disk);
    free(disk);
    return YD_OK;
fail:
    kind->discard(disk);
    free(disk);
    yd_store_end(&t);
    return st;
}
