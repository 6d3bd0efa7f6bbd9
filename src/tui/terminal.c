/* Terminal hygiene. No path out of the TUI may leave the terminal raw: quit
 * signals only set a flag that the loop acts on (it then ends curses normally);
 * fatal signals restore the saved modes and leave the alternate screen with
 * async-signal-safe calls, then re-raise. That is the only global state of the
 * TUI, and it is global because signal handlers can reach nothing else. */
#include "tui/terminal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <term.h>

static volatile sig_atomic_t pending_signal;
static volatile sig_atomic_t modes_saved;
static struct termios saved_modes;
static char leave_sequence[512];
static size_t leave_length;

static const int quit_signals[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT };
static const int fatal_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };
#define QUIT_COUNT (sizeof(quit_signals) / sizeof(*quit_signals))
#define FATAL_COUNT (sizeof(fatal_signals) / sizeof(*fatal_signals))
static struct sigaction previous_quit[QUIT_COUNT], previous_fatal[FATAL_COUNT];

static const char *const headless =
	"; `review list`, `review show EXERCISE` and `review grade EXERCISE` work without one";

static void on_quit_signal(int sig)
{
	pending_signal = sig;
}

static void on_fatal_signal(int sig)
{
	if (modes_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
	if (write(STDOUT_FILENO, leave_sequence, leave_length) < 0) {
		/* Nothing more can be done from a signal handler. */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int collect(int c)
{
	if (leave_length < sizeof(leave_sequence))
		leave_sequence[leave_length++] = (char)c;
	return c;
}

static bool has_capability(const char *name)
{
	const char *value = tigetstr(name);
	return value && value != (const char *)-1;
}

static void collect_capability(const char *name)
{
	const char *value = tigetstr(name);
	if (value && value != (const char *)-1)
		tputs(value, 1, collect);
}

/* What the fatal path writes: mouse reporting off, keypad and attributes reset,
 * cursor shown, alternate screen left. Taken from terminfo while it is loaded. */
static void prepare_leave_sequence(void)
{
	static const char mouse_off[] = "\033[?1006l\033[?1002l\033[?1000l";

	leave_length = 0;
	if (has_capability("kmous"))
		for (const char *c = mouse_off; *c; c++)
			collect(*c);
	collect_capability("rmkx");
	collect_capability("sgr0");
	collect_capability("cnorm");
	collect_capability("rmcup");
}

bool terminal_check(void)
{
	const char *term = getenv("TERM");
	int error = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "review: the terminal UI needs a terminal on stdin and stdout%s\n", headless);
		return false;
	}
	if (!term || !*term || setupterm(term, STDOUT_FILENO, &error) != OK) {
		fprintf(stderr, "review: TERM=%s is not a terminal type this system knows%s\n",
			term && *term ? term : "(unset)", headless);
		return false;
	}
	bool usable = has_capability("cup") && has_capability("clear");
	if (usable)
		prepare_leave_sequence();
	del_curterm(cur_term);
	if (!usable)
		fprintf(stderr, "review: TERM=%s cannot move the cursor or clear the screen%s\n", term,
			headless);
	return usable;
}

static void install(const int *signals, size_t count, void (*handler)(int), int flags,
		    struct sigaction *previous)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = handler;
	action.sa_flags = flags;
	sigemptyset(&action.sa_mask);
	for (size_t i = 0; i < count; i++)
		sigaction(signals[i], &action, &previous[i]);
}

static void restore_handlers(void)
{
	for (size_t i = 0; i < QUIT_COUNT; i++)
		sigaction(quit_signals[i], &previous_quit[i], NULL);
	for (size_t i = 0; i < FATAL_COUNT; i++)
		sigaction(fatal_signals[i], &previous_fatal[i], NULL);
}

SCREEN *terminal_start(void)
{
	pending_signal = 0;
	modes_saved = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
	/* Installed before newterm, so curses keeps its hands off SIGINT and SIGTERM;
	 * no SA_RESTART, so a blocked read returns to the loop. */
	install(quit_signals, QUIT_COUNT, on_quit_signal, 0, previous_quit);
	install(fatal_signals, FATAL_COUNT, on_fatal_signal, (int)SA_RESETHAND, previous_fatal);
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		restore_handlers();
		modes_saved = 0;
		fprintf(stderr, "review: cannot start the terminal UI on this terminal%s\n", headless);
		return NULL;
	}
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	/* Wake up now and then even without input, so a signal is never left waiting. */
	timeout(250);
	return screen;
}

void terminal_stop(SCREEN *screen)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	restore_handlers();
	modes_saved = 0;
}

int terminal_pending_signal(void)
{
	return pending_signal;
}
