#include "yuedu/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *yd_status_text(yd_status status)
{
    switch (status) {
    case YD_OK: return "success";
    case YD_ENOMEM: return "out of memory";
    case YD_EIO: return "input/output error";
    case YD_EBINARY: return "not a text file";
    case YD_ETOOBIG: return "file too large";
    case YD_EENCODING: return "unknown encoding";
    case YD_EINVAL: return "invalid argument";
    case YD_ECANCELED: return "cancelled";
    }
    return "unknown error";
}

yd_status yd_error_set(yd_error *err, yd_status status, const char *fmt, ...)
{
    if (err) {
        err->code = status;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}
