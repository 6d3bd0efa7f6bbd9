/* Where per-user files go: the XDG base directories, with one rule for the
 * progress store and the catalog cache alike. */
#ifndef REVIEW_XDG_H
#define REVIEW_XDG_H

/* $variable/leaf when the variable holds an absolute path, else
 * $HOME/home_folder/leaf when HOME is absolute, else NULL. A relative value is
 * ignored, as the XDG spec requires of XDG_* variables, and for HOME too: it
 * would put the file under whatever folder the command runs in.
 * Example: xdg_path("XDG_STATE_HOME", ".local/state", "review/state.db").
 * Returns a new string (caller frees), or NULL. */
char *xdg_path(const char *variable, const char *home_folder, const char *leaf);

#endif
