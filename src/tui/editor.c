/* Editing the previewed file without leaving the TUI: curses steps aside, the
 * author's editor runs in the terminal, and the screen comes back. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/tui.h"

static const char *chosen_editor(void)
{
	const char *names[] = { "VISUAL", "EDITOR" };
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		const char *value = getenv(names[i]);
		if (value && *value)
			return value;
	}
	return NULL;
}

/* As git runs its editor: through the shell, so EDITOR may carry arguments
 * ("code --wait"), with the place and the path as separate words. Ctrl-C in the
 * editor is the editor's: review ignores it meanwhile, as system(3) does. */
static int run_editor(const char *editor, const char *place, const char *path)
{
	size_t size = strlen(editor) + sizeof(" \"$@\"") + 5;
	char *script = malloc(size);
	struct sigaction ignore, old_int, old_quit;
	int status = -1;

	if (!script)
		return -1;
	snprintf(script, size, "exec %s \"$@\"", editor);
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, editor, place, path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		continue;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	return pid > 0 ? status : -1;
}

int editor_line_of(const struct diag_list *diags)
{
	const struct diag *first = NULL;
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *diag = &diags->items[i];
		if (diag->line > 0 && (!first || diag->level > first->level ||
				       (diag->level == first->level && diag->line < first->line)))
			first = diag;
	}
	return first ? first->line : 0;
}

bool editor_edit(struct tui *tui, const char *path, int line)
{
	const char *editor = chosen_editor();
	char place[24];

	if (!editor) {
		tui_message(tui, "Set VISUAL or EDITOR to edit the file from here.");
		return false;
	}
	snprintf(place, sizeof(place), "+%d", line > 0 ? line : 1);
	def_prog_mode();
	endwin();
	fflush(stdout);
	int status = run_editor(editor, place, path);
	reset_prog_mode();
	clearok(curscr, TRUE); /* the editor drew over everything */
	refresh();
	if (status == -1)
		tui_message(tui, "The editor could not be started.");
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		tui_message(tui, "The editor (%s) failed%s.", editor,
			    WIFEXITED(status) && WEXITSTATUS(status) == 127 ? ": not found" : "");
	return true;
}
