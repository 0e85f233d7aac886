/* Translation of the messages of the reader and the batch modes (gettext,
 * docs/TRANSLATION.md). Output meant for scripts is never marked. */
#ifndef YUEDU_I18N_H
#define YUEDU_I18N_H

#include <libintl.h>

/* The text domain, YD_TEXT_DOMAIN: po/yuedu.pot,
 * LOCALEDIR/LANG/LC_MESSAGES/yuedu.mo. */
#include "yuedu/status.h"

#define _(msgid) gettext(msgid)
/* Marked for xgettext, translated where it is used (tables of strings). */
#define N_(msgid) msgid
/* A msgid with a context, for a short word whose sense the English leaves
 * open; glibc has no pgettext, so the key is joined as gettext's own
 * gettext.h joins it: context, EOT, msgid. */
#define C_(context, msgid) i18n_pgettext(context "\004" msgid, msgid)
/* The same, for a table of N_C_ entries translated where they are used. */
#define NC_(context, msgid) msgid

const char *i18n_pgettext(const char *key, const char *msgid) __attribute__((format_arg(2)));
/* The same for a context and msgid known when the program runs (NC_). */
const char *i18n_pgettext_context(const char *context, const char *msgid) __attribute__((format_arg(2)));

/* setlocale, and the text domain bound to the catalogs found from the
 * binary's place: build/locale beside a binary of the build tree (make run,
 * the tests), bin/../share/locale of an installed tree, else LOCALEDIR. */
void i18n_init(void);

#endif
