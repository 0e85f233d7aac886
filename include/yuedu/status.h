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
    YD_ECANCELED, /* the caller asked to stop (a key came during a search) */
    YD_EFORMAT    /* a document that cannot be read as its format says: a
                     damaged or DRM-protected book, an archive bomb */
} yd_status;

typedef struct yd_error {
    yd_status code;
    char message[256];
} yd_error;

/* A short English phrase for a status, e.g. "out of memory" (a msgid:
 * yd_translate gives it in the user's language). */
const char *yd_status_text(yd_status status);

/* The text domain of yuedu's messages (po/yuedu.pot). */
#define YD_TEXT_DOMAIN "yuedu"
/* Marks a message for xgettext that is translated where it is used. */
#define YD_N_(msgid) msgid

/* msgid in the user's language: the core's messages are translated where
 * they are made (yd_error_set, problems, notices), through glibc's
 * libintl; msgid itself until the program binds the domain (src/cli/i18n.c)
 * and for "" (gettext's catalog header). */
const char *yd_translate(const char *msgid) __attribute__((format_arg(1)));

/* Record status and a printf-style message in err (which may be NULL).
 * Returns status so that callers can write `return yd_error_set(...)`. */
yd_status yd_error_set(yd_error *err, yd_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
