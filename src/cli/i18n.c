/* Setting up gettext: the locale of the environment and where the message
 * catalogs are, found from the binary's place like the bundled guide. */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

#ifndef YD_LOCALEDIR
#define YD_LOCALEDIR "/usr/local/share/locale"
#endif

static char locale_dir[PATH_MAX];

const char *i18n_pgettext(const char *key, const char *msgid)
{
    const char *found = dgettext(YD_TEXT_DOMAIN, key);
    /* Not translated: gettext gives the key back, context and all. */
    return found == key ? msgid : found;
}

const char *i18n_pgettext_context(const char *context, const char *msgid)
{
    char key[256];
    int n = snprintf(key, sizeof key, "%s\004%s", context, msgid);
    if (n < 0 || (size_t)n >= sizeof key)
        return msgid;
    const char *found = dgettext(YD_TEXT_DOMAIN, key);
    /* Not translated: gettext gives back key, a buffer that ends here. */
    return found == key ? msgid : found;
}

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* build/locale for build/yuedu and build/asan/yuedu (make builds the
 * catalogs into the tree of the binary), bin/../share/locale for an
 * installed tree; the compiled-in LOCALEDIR otherwise. */
static void find_locale_dir(void)
{
    char exe[PATH_MAX];
    if (cli_binary_dir(exe, sizeof exe) == 0) {
        static const char *const relative[] = {"/locale", "/../share/locale"};
        for (size_t k = 0; k < sizeof relative / sizeof relative[0]; k++) {
            int len = snprintf(locale_dir, sizeof locale_dir, "%s%s", exe, relative[k]);
            char mo[PATH_MAX + 64];
            /* A share/locale without our catalogs is not ours to claim. */
            if (len > 0 && (size_t)len < sizeof locale_dir && is_directory(locale_dir) &&
                snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/" YD_TEXT_DOMAIN ".mo", locale_dir) > 0 &&
                access(mo, R_OK) == 0)
                return;
        }
    }
    snprintf(locale_dir, sizeof locale_dir, "%s", YD_LOCALEDIR);
}

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    find_locale_dir();
    /* Failures leave the messages in English, which is all they can do. */
    bindtextdomain(YD_TEXT_DOMAIN, locale_dir);
    textdomain(YD_TEXT_DOMAIN);
}
