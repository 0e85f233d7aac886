/* Status codes and error details shared by every core module.
 *
 * Core functions never print and never exit: they return a yd_status and,
 * where a caller needs to tell the user what went wrong, fill a yd_error
 * whose message is ready to follow "yuedu: FILE: ". */
#ifndef YUEDU_STATUS_H
#define YUEDU_STATUS_H

#include <stddef.h>

typedef enum yd_status {
    YD_OK = 0,
    YD_ENOMEM,    /* an allocation failed */
    YD_EIO,       /* the file could not be opened, read or written */
    YD_EBINARY,   /* the file is not text */
    YD_ETOOBIG,   /* the file exceeds what a document can hold */
    YD_EENCODING, /* the requested encoding is unknown */
    YD_EINVAL,    /* a bad argument */
    YD_ECANCELED  /* the caller asked to stop (a key came during a search) */
} yd_status;

typedef struct yd_error {
    yd_status code;
    char message[256];
} yd_error;

/* A short English phrase for a status, e.g. "out of memory". */
const char *yd_status_text(yd_status status);

/* Record status and a printf-style message in err (which may be NULL).
 * Returns status so that callers can write `return yd_error_set(...)`. */
yd_status yd_error_set(yd_error *err, yd_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
