/* Terminal hygiene: checking the terminal can run the TUI, starting curses with
 * newterm, and restoring the terminal on every way out, signals included. */
#ifndef REVIEW_TUI_TERMINAL_H
#define REVIEW_TUI_TERMINAL_H

#include <stdbool.h>
#include <curses.h>

/* True when stdin and stdout are terminals and TERM can address the cursor and
 * clear the screen; otherwise prints one line pointing at the headless verbs. */
bool terminal_check(void);

/* Saves the terminal modes, installs the signal handlers and starts curses.
 * Returns NULL (after printing why) when curses cannot start. */
SCREEN *terminal_start(void);

/* Ends curses, restores the terminal and the previous signal handlers. */
void terminal_stop(SCREEN *screen);

/* The quit signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) received, or 0. */
int terminal_pending_signal(void);

#endif
