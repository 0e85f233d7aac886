/* Checks before curses takes the terminal: a terminal type the reader can
 * drive, and a UTF-8 character locale (docs/READER.md, "Terminals and
 * locales"). Each refusal is one line on stderr; batch modes never come
 * here. */
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../cli/cli.h"
#include "../cli/i18n.h"
#include "term_setup.h"

static const char batch_hint[] = N_("batch modes such as --list, --outline and --search still work");

int tui_term_usable(void)
{
    const char *term = getenv("TERM");
    if (!term || !*term) {
        fprintf(stderr, _("yuedu: TERM is not set, so the reader cannot drive this terminal "
                        "(set it, e.g. TERM=xterm-256color); %s\n"), _(batch_hint));
        return 0;
    }
    if (strcmp(term, "dumb") == 0) {
        fprintf(stderr, _("yuedu: this terminal (TERM=dumb) cannot move the cursor, so it cannot show "
                        "the reader; %s\n"), _(batch_hint));
        return 0;
    }
    return 1;
}

void tui_term_unknown(void)
{
    /* TERM comes from the environment: escaped like any other text. */
    fputs(_("yuedu: unknown terminal type TERM="), stderr);
    cli_put_sanitized(stderr, getenv("TERM") ? getenv("TERM") : "");
    fprintf(stderr, _(" (no terminfo entry), so the reader cannot drive it; %s\n"), _(batch_hint));
}

static int ctype_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* The variable that decides LC_CTYPE, as setlocale(3) reads them. */
static const char *ctype_variable(const char **value)
{
    static const char *const names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const char *v = getenv(names[k]);
        if (v && *v) {
            *value = v;
            return names[k];
        }
    }
    *value = NULL;
    return NULL;
}

int tui_utf8_locale(char *note, size_t cap)
{
    note[0] = 0;
    const char *installed = setlocale(LC_CTYPE, ""); /* NULL: the locale asked for is not installed */
    if (installed && ctype_is_utf8())
        return 0;
    const char *value, *name = ctype_variable(&value);
    /* The same language in UTF-8 first (zh_CN.GB18030 -> zh_CN.UTF-8), then
     * C.UTF-8, which every recent glibc has, under both of its spellings. */
    char same_language[64] = "";
    if (value) {
        /* Only a plain language_TERRITORY: never a path or anything odd. */
        size_t n = strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");
        if (n > 0 && n < 32 && (value[n] == '.' || value[n] == '@' || value[n] == 0) &&
            strncmp(value, "C", n) != 0 && strncmp(value, "POSIX", n) != 0)
            snprintf(same_language, sizeof same_language, "%.*s.UTF-8", (int)n, value);
    }
    const char *const candidates[] = {same_language, "C.UTF-8", "C.utf8", "en_US.UTF-8"};
    for (size_t k = 0; k < sizeof candidates / sizeof candidates[0]; k++) {
        if (!candidates[k][0] || !setlocale(LC_CTYPE, candidates[k]) || !ctype_is_utf8())
            continue;
        if (name)
            snprintf(note, cap, installed ? _("%s=%s is not UTF-8: the screen uses %s")
                                          : _("%s=%s is not installed: the screen uses %s"), name, value, candidates[k]);
        else
            snprintf(note, cap, _("no locale is set (LANG): the screen uses %s"), candidates[k]);
        return 0;
    }
    setlocale(LC_CTYPE, "");
    fputs(_("yuedu: the reader needs a UTF-8 locale to draw Chinese text, and none is installed ("), stderr);
    if (name) {
        fprintf(stderr, "%s=", name);
        cli_put_sanitized(stderr, value);
    } else {
        fputs(_("LANG is unset"), stderr);
    }
    fprintf(stderr, _("; `locale -a` lists them, C.UTF-8 is enough); %s\n"), _(batch_hint));
    return -1;
}

int tui_term_attached(void)
{
    /* Drawn into a pipe or a file, the screen would be escape sequences
     * that nobody sees while keys are read blind. */
    if (!isatty(STDOUT_FILENO)) {
        fputs(_("yuedu: the output is not a terminal, so the reader cannot show itself; "
                "--render writes the text laid out\n"),
              stderr);
        return 0;
    }
    if (isatty(STDIN_FILENO))
        return 1;
    /* Started by xargs (input /dev/null) or at the end of a pipe: without
     * this the screen showed and no key, not even q, reached it. */
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty < 0 || dup2(tty, STDIN_FILENO) < 0) {
        if (tty >= 0)
            close(tty);
        fprintf(stderr, _("yuedu: the input is not a terminal and no terminal can be read for keys; %s\n"),
                _(batch_hint));
        return 0;
    }
    if (tty != STDIN_FILENO)
        close(tty);
    return 1;
}
