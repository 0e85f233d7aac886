/* src/tui/list_view.c compiled into a test or a bench for its filter: what
 * its painting and key hints need, which they do not use. Include after
 * list_view.c. */
#ifndef YUEDU_LIST_VIEW_STUBS_H
#define YUEDU_LIST_VIEW_STUBS_H

const char *i18n_pgettext(const char *id, const char *msgid)
{
    (void)id;
    return msgid;
}

const char *i18n_pgettext_context(const char *context, const char *msgid)
{
    (void)context;
    return msgid;
}

const char *keymap_key_name(const keymap *m, key_context context, action what, char *buf, size_t size)
{
    (void)m;
    (void)context;
    (void)what;
    snprintf(buf, size, "?");
    return buf;
}

#endif
