/* Locating the bundled guide, the corpus opened when no PATH is given, and
 * the bundled themes. */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef YD_DATADIR
#define YD_DATADIR "/usr/local/share/yuedu"
#endif

/* Is path a directory? If so, replace it by its canonical form, so that
 * messages and --list show /usr/share/yuedu/guide, not bin/../share/... */
static int is_directory(char *path, size_t size)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    char resolved[PATH_MAX];
    if (realpath(path, resolved) && strlen(resolved) < size)
        memcpy(path, resolved, strlen(resolved) + 1);
    return 1;
}

/* A data folder: in the source tree (source, relative to the top, e.g.
 * "docs/guide"), beside build/ and build/asan/, so that `make run` uses the
 * files being edited; then an installed tree (bin/../share/yuedu/installed);
 * then the compiled-in data directory. */
int cli_binary_dir(char *buf, size_t size)
{
    ssize_t n = size > 1 ? readlink("/proc/self/exe", buf, size - 1) : -1;
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

static int find_data_dir(const char *source, const char *installed, char *buf, size_t size)
{
    char exe[PATH_MAX];
    if (cli_binary_dir(exe, sizeof exe) == 0) {
        static const char *const relative[] = {"/..", "/../..", "/../share/yuedu"};
        for (size_t k = 0; k < sizeof relative / sizeof relative[0]; k++) {
            int len = snprintf(buf, size, "%s%s/%s", exe, relative[k], k < 2 ? source : installed);
            if (len > 0 && (size_t)len < size && is_directory(buf, size))
                return 0;
        }
    }
    int len = snprintf(buf, size, "%s/%s", YD_DATADIR, installed);
    return len > 0 && (size_t)len < size && is_directory(buf, size) ? 0 : -1;
}

int cli_find_guide(char *buf, size_t size) { return find_data_dir("docs/guide", "guide", buf, size); }

/* The language messages are in: LANGUAGE's first entry, which gettext
 * honours unless LC_MESSAGES is C or POSIX, else LC_MESSAGES. */
static void message_language(char *buf, size_t size)
{
    const char *messages = setlocale(LC_MESSAGES, NULL);
    const char *language = getenv("LANGUAGE");
    int c_locale = !messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0;
    const char *chosen = !c_locale && language && *language ? language : messages ? messages : "";
    snprintf(buf, size, "%.*s", (int)strcspn(chosen, ":"), chosen);
}

size_t cli_guide_first_part(const char *const *files, size_t count)
{
    char language[64];
    message_language(language, sizeof language);
    const char *part = NULL;
    if (strncmp(language, "zh_TW", 5) == 0 || strncmp(language, "zh_HK", 5) == 0 ||
        strncmp(language, "zh_MO", 5) == 0 || strstr(language, "Hant"))
        part = "02-閱讀指南.txt";
    else if (strncmp(language, "zh", 2) == 0)
        part = "01-入门.md";
    else if (strncmp(language, "en", 2) == 0 && (language[2] == 0 || language[2] == '_' || language[2] == '.'))
        part = "03-reading-guide.md";
    for (size_t k = 0; part && k < count; k++) {
        const char *slash = strrchr(files[k], '/');
        if (strcmp(slash ? slash + 1 : files[k], part) == 0)
            return k;
    }
    return 0;
}

int cli_find_themes(char *buf, size_t size) { return find_data_dir("themes", "themes", buf, size); }
