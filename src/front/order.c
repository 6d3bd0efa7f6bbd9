/* The order in which the front ends list candidates: the learner's (a seed kept
 * in the progress store), the file's, or one given by --order and --seed. */
#include <inttypes.h>
#include <stdlib.h>

#include "front/front.h"

/* The seed kept for this learner, drawn on first use; false without a store. */
static bool stored_seed(const struct front_context *context, struct progress_store *store,
			const struct exercise *exercise, uint64_t *seed)
{
	if (store)
		return progress_order_seed(store, exercise->id, seed) == PROGRESS_OK;
	if (context->no_save)
		return false;
	char *message = NULL;
	bool found = progress_open(context->state_path, &store, &message) == PROGRESS_OK &&
		     progress_order_seed(store, exercise->id, seed) == PROGRESS_OK;
	free(message);
	progress_close(store);
	return found;
}

struct order front_resolve_order(const struct front_context *context, struct progress_store *store,
			       const struct exercise *exercise, bool authors, bool fresh)
{
	struct order order = { ORDER_FILE, 0 };
	enum order_kind wanted = context->order_given ? context->order
				 : authors	      ? ORDER_FILE
						      : ORDER_SHUFFLED;

	if (context->seed_given)
		return (struct order){ ORDER_SHUFFLED, context->seed };
	if (wanted == ORDER_FILE)
		return order;
	if (stored_seed(context, store, exercise, &order.seed) ||
	    ((context->order_given || fresh) && order_random_seed(&order.seed)))
		order.kind = ORDER_SHUFFLED;
	return order;
}

void front_write_order(FILE *out, struct order order)
{
	if (order.kind == ORDER_SHUFFLED)
		fprintf(out, "shuffled (seed %" PRIu64 ")", order.seed);
	else
		fputs("file", out);
}

void front_write_order_json(FILE *out, struct order order)
{
	fprintf(out, "\"order\":\"%s\",\"seed\":", order_kind_name(order.kind));
	if (order.kind == ORDER_SHUFFLED)
		fprintf(out, "\"%" PRIu64 "\"", order.seed); /* a string: JSON numbers lose 64-bit */
	else
		fputs("null", out);
}
