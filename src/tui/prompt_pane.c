/* The prompt overlay: the one-line editor of prompt.c on the message line,
 * opened for a pane (its owner) that hears of every edit and of the end:
 * `:` commands, the outline and list filters, bookmark names and notes. */
#include <stdio.h>
#include <string.h>

#include "app.h"

void prompt_pane_open(app *a, const pane_ops *owner, wchar_t leader, const wchar_t *label, const wchar_t *text)
{
    prompt_open(&a->prompt, leader);
    a->prompt.label = label ? prompt_translated_label(&a->prompt, label) : NULL;
    if (text) {
        wcsncpy(a->prompt.text, text, PROMPT_MAX - 1);
        a->prompt.text[PROMPT_MAX - 1] = 0;
        a->prompt.length = a->prompt.cursor = wcslen(a->prompt.text);
    }
    a->prompt_owner = owner;
    a->completions[0] = 0;
    pane_open(a, &prompt_pane);
}

static int prompt_pane_key(app *a, key k)
{
    if (k.is_key || k.code != '\t')
        a->completions[0] = 0; /* the list Tab showed is for what was typed then */
    prompt_result r = prompt_key(&a->prompt, k);
    if (a->prompt.refused) /* shown where Tab shows its list: the message line holds the prompt */
        snprintf(a->completions, sizeof a->completions, _("the line holds at most %d characters"), PROMPT_MAX - 1);
    if (r != PROMPT_EDITING)
        pane_close(a, &prompt_pane); /* before the owner: it may open the next prompt */
    const pane_ops *owner = a->prompt_owner;
    if (owner && owner->prompt_done)
        owner->prompt_done(a, r);
    return 1;
}

/* What Tab found over the status line; the prompt on the message line,
 * with the cursor in it. */
static void prompt_pane_draw(app *a)
{
    if (a->completions[0]) {
        attron(app_style(a, YD_STYLE_STATUS));
        mvhline(LINES - 2, 0, ' ', COLS);
        line_put_cut(a, LINES - 2, 1, COLS - 2, a->completions);
        attroff(app_style(a, YD_STYLE_STATUS));
    }
    curs_set(1);
    prompt_draw(&a->prompt, LINES - 1, COLS);
}

const pane_ops prompt_pane = {
    .name = "prompt", .line_editor = 1, .draw = prompt_pane_draw, .key = prompt_pane_key,
};
