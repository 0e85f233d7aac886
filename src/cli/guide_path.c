/* Locating the bundled guide, the corpus opened when no PATH is given, and
 * the bundled themes. */
#include <limits.h>
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
static int find_data_dir(const char *source, const char *installed, char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const relative[] = {"/..", "/../..", "/../share/yuedu"};
            for (size_t k = 0; k < sizeof relative / sizeof relative[0]; k++) {
                int len = snprintf(buf, size, "%s%s/%s", exe, relative[k], k < 2 ? source : installed);
                if (len > 0 && (size_t)len < size && is_directory(buf, size))
                    return 0;
            }
        }
    }
    int len = snprintf(buf, size, "%s/%s", YD_DATADIR, installed);
    return len > 0 && (size_t)len < size && is_directory(buf, size) ? 0 : -1;
}

int cli_find_guide(char *buf, size_t size) { return find_data_dir("docs/guide", "guide", buf, size); }

int cli_find_themes(char *buf, size_t size) { return find_data_dir("themes", "themes", buf, size); }
