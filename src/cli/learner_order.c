/* The order in which show and grade list candidates: the learner's (a seed kept
 * in the progress store), the file's, or one given by --order and --seed. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "review/progress.h"

static bool parse_seed(const char *text, uint64_t *seed)
{
	char *end = NULL;
	if (!text || *text < '0' || *text > '9')
		return false;
	errno = 0;
	unsigned long long value = strtoull(text, &end, 10);
	if (errno || *end)
		return false;
	*seed = (uint64_t)value;
	return true;
}

/* The seed kept for this learner, drawn on first use; false when there is no store. */
static bool stored_seed(struct cli_context *context, const struct exercise *exercise,
			uint64_t *seed)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	bool found = false;

	if (progress_open(context->state_path, &store, &message) == PROGRESS_OK)
		found = progress_order_seed(store, exercise->id, seed) == PROGRESS_OK;
	if (!found) {
		fputs("review: ", stderr);
		cli_write_safe(stderr, message ? message : progress_last_error(store));
		fputs("; candidates are listed in file order\n", stderr);
	}
	free(message);
	progress_close(store);
	return found;
}

int cli_resolve_order(struct cli_context *context, const char *verb,
		      const struct order_option *option, const struct exercise *exercise,
		      struct order *out)
{
	enum order_kind kind = option->authors ? ORDER_FILE : ORDER_SHUFFLED;
	*out = (struct order){ ORDER_FILE, 0 };

	if (option->kind && !order_kind_parse(option->kind, &kind))
		return cli_usage_error(verb, "--order takes file or shuffled, not '%s'", option->kind);
	if (option->seed && !parse_seed(option->seed, &out->seed))
		return cli_usage_error(verb, "--seed takes a whole number, not '%s'", option->seed);
	if (option->seed && option->kind && kind == ORDER_FILE)
		return cli_usage_error(verb, "--seed shuffles; it cannot go with --order file");
	if (option->seed) {
		out->kind = ORDER_SHUFFLED;
		return EXIT_OK;
	}
	if (kind == ORDER_FILE)
		return EXIT_OK;
	if (!context->no_save && stored_seed(context, exercise, &out->seed)) {
		out->kind = ORDER_SHUFFLED;
	} else if (option->kind) {
		/* Asked for a shuffle without a store: a fresh one, printed so it can be repeated. */
		if (!order_random_seed(&out->seed)) {
			fprintf(stderr, "review %s: no random source for --order shuffled\n", verb);
			return EXIT_USAGE;
		}
		out->kind = ORDER_SHUFFLED;
	}
	return EXIT_OK;
}

void cli_write_order(FILE *out, struct order order)
{
	if (order.kind == ORDER_SHUFFLED)
		fprintf(out, "shuffled (seed %" PRIu64 ")", order.seed);
	else
		fputs("file", out);
}

void cli_write_order_json(FILE *out, struct order order)
{
	fprintf(out, "\"order\":\"%s\",\"seed\":", order_kind_name(order.kind));
	if (order.kind == ORDER_SHUFFLED)
		fprintf(out, "\"%" PRIu64 "\"", order.seed); /* a string: JSON numbers lose 64-bit */
	else
		fputs("null", out);
}
