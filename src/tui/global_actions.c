/* The reader's global actions: the last in line for an action (pane.h),
 * whichever pane has focus: headings and documents, jumps, the prompts and
 * lists they open, the outline's place and width, the mouse, help, quit. */
#include <curses.h>

#include <signal.h>

#include "app.h"
#include "key_input.h"

/* ] [ } {: the next or previous heading (items are not headings), of any
 * level or of the current section's level or higher, across documents. */
static void heading_jump(app *a, int forward, int same_level)
{
    int32_t offset = text_offset(a);
    const yd_outline *o = &a->outlines[a->doc];
    int32_t cur = outline_node_at_offset(a, a->doc, offset);
    while (cur >= 0 && o->nodes[cur].kind == YD_NODE_ITEM)
        cur = o->nodes[cur].parent;
    int level = same_level && cur >= 0 ? o->nodes[cur].depth : 1 << 20;
    size_t ready = yd_loader_ready(a->loader);
    for (size_t doc = a->doc; doc < ready; forward ? doc++ : doc--) {
        o = &a->outlines[doc];
        if (forward) {
            for (int32_t i = 0; i < o->count; i++) {
                const yd_outline_node *n = &o->nodes[i];
                if ((doc == a->doc && n->offset <= offset) || n->kind == YD_NODE_ITEM || n->depth > level)
                    continue;
                app_jump(a, doc, n->offset);
                return;
            }
        } else {
            for (int32_t i = o->count - 1; i >= 0; i--) {
                const yd_outline_node *n = &o->nodes[i];
                if ((doc == a->doc && n->offset >= offset) || n->kind == YD_NODE_ITEM || n->depth > level)
                    continue;
                app_jump(a, doc, n->offset);
                return;
            }
        }
        if (!forward && doc == 0)
            break;
    }
    app_say(a, 0, forward ? _("no next heading") : _("no previous heading"));
}

static void suspend(void)
{
    bracketed_paste(0); /* the shell's own, while stopped */
    endwin();
    /* Raw mode turned Ctrl-Z into a key: stop the whole job, as the
     * terminal would have (the shell waits on the job, not on us).
     * ncurses' own SIGTSTP handler restores the screen on fg. */
    kill(0, SIGTSTP);
    bracketed_paste(1);
    clearok(curscr, TRUE);
}

/* Actions that work whichever pane has focus. Returns 1 when handled. */
static int global_act(app *a, action what)
{
    yd_position to;
    size_t ready = yd_loader_ready(a->loader);
    switch (what) {
    case YD_ACT_NEXT_HEADING: heading_jump(a, 1, 0); break;
    case YD_ACT_PREV_HEADING: heading_jump(a, 0, 0); break;
    case YD_ACT_NEXT_SECTION: heading_jump(a, 1, 1); break;
    case YD_ACT_PREV_SECTION: heading_jump(a, 0, 1); break;
    case YD_ACT_NEXT_DOC:
        if (a->doc + 1 < ready)
            app_open(a, a->doc + 1);
        else
            app_say(a, 0, yd_loader_finished(a->loader) ? _("last document") : _("last document loaded so far"));
        break;
    case YD_ACT_PREV_DOC:
        if (a->doc > 0)
            app_open(a, a->doc - 1);
        else
            app_say(a, 0, "first document");
        break;
    case YD_ACT_JUMP_BACK:
        if (yd_jump_history_back(&a->history, app_here(a), &to))
            app_go(a, to.doc, to.offset);
        else
            app_say(a, 0, "no older jump");
        break;
    case YD_ACT_JUMP_FORWARD:
        if (yd_jump_history_forward(&a->history, &to))
            app_go(a, to.doc, to.offset);
        else
            app_say(a, 0, "no newer jump");
        break;
    case YD_ACT_COMMAND: prompt_pane_open(a, &command_line_owner, L':', NULL, NULL); break;
    case YD_ACT_SEARCH: search_begin(a); break;
    case YD_ACT_NEXT_HIT: search_step(a, 1); break;
    case YD_ACT_BOOKMARK_ADD: bookmarks_add_begin(a); break;
    case YD_ACT_BOOKMARK_LIST: bookmarks_list_open(a); break;
    case YD_ACT_NOTES_LIST: notes_list_open(a); break;
    case YD_ACT_FOLLOW_REFERENCE: ref_hints_open(a); break;
    case YD_ACT_CITED_BY: cited_by_open(a); break;
    case YD_ACT_PREV_HIT: search_step(a, 0); break;
    case YD_ACT_SEARCH_RESULTS: results_list_open(a); break;
    case YD_ACT_FOCUS:
        if (a->divider_x >= 0)
            a->focus_outline = !a->focus_outline;
        else
            app_say(a, 0, "the outline is hidden (o shows it)");
        break;
    case YD_ACT_TOGGLE_OUTLINE:
        a->outline_shown = !a->outline_shown;
        a->focus_outline = 0;
        app_relayout(a);
        break;
    case YD_ACT_OUTLINE_NARROWER:
    case YD_ACT_OUTLINE_WIDER:
        a->outline_pref = a->outline_cols + (what == YD_ACT_OUTLINE_WIDER ? 2 : -2);
        if (a->outline_pref < OUTLINE_MIN)
            a->outline_pref = OUTLINE_MIN;
        if (a->outline_pref > COLS - TEXT_MIN - 1)
            a->outline_pref = COLS - TEXT_MIN - 1;
        app_relayout(a);
        break;
    case YD_ACT_OUTLINE_SIDE:
        a->outline_right = !a->outline_right;
        app_relayout(a);
        break;
    case YD_ACT_TOGGLE_MOUSE:
        app_set_mouse(a, !a->mouse_on);
        app_say(a, 0, a->mouse_on ? _("mouse on") : _("mouse off: the terminal selects text"));
        break;
    case YD_ACT_HELP:
        if (pane_is_open(a, &pager_pane))
            pager_close(a);
        else
            pager_open(a, PAGER_KEYS);
        break;
    case YD_ACT_REDRAW: clearok(curscr, TRUE); break;
    case YD_ACT_SUSPEND: suspend(); break;
    case YD_ACT_QUIT: a->quit = 1; break;
    default: return 0;
    }
    return 1;
}

const pane_ops global_actions = {.name = "global", .act = global_act};
