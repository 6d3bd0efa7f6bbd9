/* Notices the screens and the app give the learner: a message in the footer,
 * a yes/no question, a store failure said in plain words. Kept apart from
 * app.c so that the screens depend on these and on the ops they are given,
 * never on the app loop. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tui/tui.h"

void tui_message(struct tui *tui, const char *format, ...)
{
	char text[sizeof(tui->message)];
	va_list args;

	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	char *safe = tui_safe(tui, text);
	snprintf(tui->message, sizeof(tui->message), "%s", safe ? safe : "");
	free(safe);
}

void tui_confirm(struct tui *tui, tui_action accept, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(tui->confirm.text, sizeof(tui->confirm.text), format, args);
	va_end(args);
	tui->confirm.accept = accept;
	tui->confirm.cancel = NULL;
	tui->confirm.open = true;
}

void tui_report_store(struct tui *tui, enum progress_status status, const char *what)
{
	if (status == PROGRESS_OK || status == PROGRESS_DISABLED || status == PROGRESS_NOT_FOUND)
		return;
	tui_message(tui, "Could not %s: %s", what, progress_last_error(tui->store));
}

