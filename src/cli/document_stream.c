/* The documents of a batch mode one at a time (cli.h): each is loaded when
 * asked for and freed when the next one is, so that --list, --outline and
 * --render of a 1 GB folder hold one document (two for --render, which
 * looks one ahead) instead of all of them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_documents_open(cli_documents *d, const char *const *paths, size_t npaths, const yd_load_options *load)
{
    memset(d, 0, sizeof *d);
    d->load = load;
    return yd_corpus_collect(paths, npaths, &d->paths, cli_diag, NULL) == YD_OK ? 0 : -1;
}

/* Load the next path that loads into *doc: 1, or 0 at the end (or when
 * out of memory: d->out_of_memory). Files that fail are said on stderr, as
 * a whole load says them. */
static int load_next(cli_documents *d, yd_document *doc)
{
    while (d->next < d->paths.count && !d->out_of_memory) {
        const char *path = d->paths.paths[d->next++];
        yd_error err = {0};
        yd_status st = yd_document_load(doc, path, d->load, &err);
        if (st == YD_OK && doc->notice) /* read only in part: said, and shown */
            cli_diag(NULL, path, doc->notice);
        if (st == YD_OK)
            return 1;
        if (st == YD_ENOMEM)
            d->out_of_memory = 1;
        else
            cli_diag(NULL, path, err.message);
    }
    return 0;
}

const yd_document *cli_documents_next(cli_documents *d)
{
    if (d->have_current) {
        yd_document_free(&d->current);
        d->have_current = 0;
        d->index++;
    }
    if (d->have_ahead) {
        d->current = d->ahead;
        d->have_ahead = 0;
        d->have_current = 1;
    } else {
        d->have_current = load_next(d, &d->current);
    }
    if (d->have_current)
        d->seen++;
    return d->have_current ? &d->current : NULL;
}

int cli_documents_more(cli_documents *d)
{
    if (!d->have_ahead)
        d->have_ahead = load_next(d, &d->ahead);
    return d->have_ahead;
}

void cli_documents_close(cli_documents *d)
{
    if (d->have_current)
        yd_document_free(&d->current);
    if (d->have_ahead)
        yd_document_free(&d->ahead);
    yd_path_list_free(&d->paths);
    memset(d, 0, sizeof *d);
}
