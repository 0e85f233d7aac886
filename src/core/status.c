#include "yuedu/status.h"

#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>

const char *yd_translate(const char *msgid) { return msgid[0] ? dgettext(YD_TEXT_DOMAIN, msgid) : msgid; }

const char *yd_status_text(yd_status status)
{
    switch (status) {
    case YD_OK: return YD_N_("success");
    case YD_ENOMEM: return YD_N_("out of memory");
    case YD_EIO: return YD_N_("input/output error");
    case YD_EBINARY: return YD_N_("not a text file");
    case YD_ETOOBIG: return YD_N_("file too large");
    case YD_EENCODING: return YD_N_("unknown encoding");
    case YD_EINVAL: return YD_N_("invalid argument");
    case YD_ECANCELED: return YD_N_("cancelled");
    case YD_EFORMAT: return YD_N_("unreadable document");
    }
    return YD_N_("unknown error");
}

yd_status yd_error_set(yd_error *err, yd_status status, const char *fmt, ...)
{
    if (err) {
        err->code = status;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, yd_translate(fmt), ap);
        va_end(ap);
    }
    return status;
}
