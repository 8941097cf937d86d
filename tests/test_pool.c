/* test_pool.c - the indexer's work pool: work on several threads, taken
 * back in the order it was handed over, whatever the threads' timing. */
#include <pthread.h>
#include <unistd.h>

#include "helpers.h"

#include "../indexer/indexer_internal.h"

typedef struct item {
	unsigned no;		/* order of submission */
	unsigned worker;	/* which thread did the work */
	int worked;
	unsigned value;		/* the work's result */
} item_t;

typedef struct ctx {
	pthread_mutex_t mu;
	unsigned threads_seen;	/* bit per worker number */
} ctx_t;

/* indexer_work_fn: a result that depends on the item only, after a
 * delay that varies from item to item, so that later items often finish
 * first. */
static void
work(void *c, unsigned worker, void *it)
{
	ctx_t *ctx = c;
	item_t *item = it;

	usleep((useconds_t)((item->no * 7919u) % 5u) * 1000u);
	item->value = item->no * item->no + 1;
	item->worker = worker;
	item->worked = 1;
	pthread_mutex_lock(&ctx->mu);
	ctx->threads_seen |= 1u << worker;
	pthread_mutex_unlock(&ctx->mu);
}

/* Hands over n items (every third needing no work) through a pool of
 * jobs threads and depth slots; checks they come back in order, each with
 * its own result.  Returns the set of workers that did work. */
static unsigned
run_pool(unsigned jobs, size_t depth, unsigned n)
{
	item_t *items = calloc(n, sizeof(*items));
	indexer_pool_t *p = NULL;
	ctx_t ctx;
	unsigned sent = 0, back = 0;

	assert_non_null(items);
	pthread_mutex_init(&ctx.mu, NULL);
	ctx.threads_seen = 0;
	assert_int_equal(indexer_pool_new(jobs, depth, work, &ctx, &p), KB_OK);
	assert_null(indexer_pool_next(p));
	while (back < n) {
		item_t *got;

		while (sent < n && !indexer_pool_full(p)) {
			items[sent].no = sent;
			indexer_pool_submit(p, &items[sent], sent % 3 != 2);
			sent++;
		}
		assert_true(indexer_pool_pending(p) <= depth);
		got = indexer_pool_next(p);
		assert_non_null(got);
		assert_int_equal(got->no, back);
		if (back % 3 != 2) {
			assert_true(got->worked);
			assert_int_equal(got->value, back * back + 1);
		} else {
			assert_false(got->worked);
		}
		back++;
	}
	assert_null(indexer_pool_next(p));
	indexer_pool_free(p);
	pthread_mutex_destroy(&ctx.mu);
	free(items);
	return ctx.threads_seen;
}

static void
test_one_job_works_on_the_driver_thread_only(void **state)
{
	(void)state;
	assert_int_equal(run_pool(1, 1, 50), 1u);
	assert_int_equal(run_pool(1, 4, 50), 1u);
}

static void
test_items_come_back_in_order_from_several_threads(void **state)
{
	unsigned seen;

	(void)state;
	seen = run_pool(3, 12, 300);
	/* Workers 1 and 2 exist; with 300 delayed items both take some. */
	assert_true((seen & ~7u) == 0);
	assert_true((seen & 6u) != 0);
	run_pool(4, 1, 40);
	run_pool(2, 3, 200);
}

/* Freeing a pool with work still waiting stops cleanly: what runs
 * finishes, nothing else starts. */
static void
test_free_with_work_in_flight(void **state)
{
	item_t items[16];
	indexer_pool_t *p = NULL;
	ctx_t ctx;
	unsigned i;

	(void)state;
	memset(items, 0, sizeof(items));
	pthread_mutex_init(&ctx.mu, NULL);
	ctx.threads_seen = 0;
	assert_int_equal(indexer_pool_new(3, 16, work, &ctx, &p), KB_OK);
	for (i = 0; i < 16; i++) {
		items[i].no = i;
		indexer_pool_submit(p, &items[i], 1);
	}
	assert_true(indexer_pool_full(p));
	indexer_pool_free(p);
	for (i = 0; i < 16; i++)
		if (items[i].worked)
			assert_int_equal(items[i].value, i * i + 1);
	pthread_mutex_destroy(&ctx.mu);
	indexer_pool_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_job_works_on_the_driver_thread_only),
		cmocka_unit_test(
			test_items_come_back_in_order_from_several_threads),
		cmocka_unit_test(test_free_with_work_in_flight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
