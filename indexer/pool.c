/* pool.c - work done on several threads, handed back in order.
 *
 * The driver submits items in file order; worker threads take the oldest
 * waiting item, run the work function on it and mark it done; the driver
 * takes items back strictly in the order it submitted them.  While the
 * oldest item is not done, the driver runs waiting items itself rather
 * than sit idle, so that one job is the plain serial loop and the driver
 * (which also writes) is never the only thread waiting.  Nothing about an
 * item depends on which thread ran it, so results do not depend on thread
 * timing.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "indexer_internal.h"

enum { WAITING, RUNNING, DONE };

struct indexer_pool {
	indexer_work_fn fn;
	void *ctx;
	void **item;		/* the ring: cap items from head */
	unsigned char *state;
	size_t cap, head, n;	/* n items in the ring from head */
	size_t next;		/* items before head + next are taken */
	int quit;
	pthread_mutex_t mu;
	pthread_cond_t work;	/* an item is waiting, or quit */
	pthread_cond_t done;	/* an item is done */
	pthread_t *thread;
	unsigned nthreads;
};

/* Takes the oldest waiting item, if any (mu held).  Returns its ring
 * position, or cap when none waits. */
static size_t
take(indexer_pool_t *p)
{
	while (p->next < p->n) {
		size_t at = (p->head + p->next++) % p->cap;

		if (p->state[at] == WAITING) {
			p->state[at] = RUNNING;
			return at;
		}
	}
	return p->cap;
}

/* Runs the item at ring position at on the thread numbered worker, with
 * mu held on entry and on return. */
static void
run(indexer_pool_t *p, size_t at, unsigned worker)
{
	void *item = p->item[at];

	pthread_mutex_unlock(&p->mu);
	p->fn(p->ctx, worker, item);
	pthread_mutex_lock(&p->mu);
	p->state[at] = DONE;
	pthread_cond_broadcast(&p->done);
}

struct worker_arg {
	indexer_pool_t *p;
	unsigned no;
};

static void *
worker_main(void *arg)
{
	indexer_pool_t *p = ((struct worker_arg *)arg)->p;
	unsigned no = ((struct worker_arg *)arg)->no;

	free(arg);
	pthread_mutex_lock(&p->mu);
	while (!p->quit) {
		size_t at = take(p);

		if (at == p->cap)
			pthread_cond_wait(&p->work, &p->mu);
		else
			run(p, at, no);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

kb_status_t
indexer_pool_new(unsigned jobs, size_t depth, indexer_work_fn fn, void *ctx,
                 indexer_pool_t **out)
{
	indexer_pool_t *p = calloc(1, sizeof(*p));
	sigset_t all, old;
	unsigned i;

	*out = NULL;
	if (p == NULL)
		return KB_ERR_NOMEM;
	p->fn = fn;
	p->ctx = ctx;
	p->cap = depth > 0 ? depth : 1;
	p->item = calloc(p->cap, sizeof(*p->item));
	p->state = calloc(p->cap, 1);
	p->thread = calloc(jobs > 1 ? jobs - 1 : 1, sizeof(*p->thread));
	if (p->item == NULL || p->state == NULL || p->thread == NULL) {
		free(p->item);
		free(p->state);
		free(p->thread);
		free(p);
		return KB_ERR_NOMEM;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	/* The driver is job 0; the others are threads.  A thread that
	 * cannot be started leaves fewer workers, never a failure.  The
	 * threads start with every signal blocked, so that an interrupt
	 * reaches the driver (which stops the run) and never breaks a
	 * worker's read. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 1; i < jobs; i++) {
		struct worker_arg *a = malloc(sizeof(*a));

		if (a == NULL)
			break;
		a->p = p;
		a->no = i;
		if (pthread_create(&p->thread[p->nthreads], NULL, worker_main,
		                   a) != 0) {
			free(a);
			break;
		}
		p->nthreads++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	*out = p;
	return KB_OK;
}

int
indexer_pool_full(const indexer_pool_t *p)
{
	return p->n == p->cap;
}

size_t
indexer_pool_pending(const indexer_pool_t *p)
{
	return p->n;
}

void
indexer_pool_submit(indexer_pool_t *p, void *item, int work)
{
	size_t at;

	pthread_mutex_lock(&p->mu);
	at = (p->head + p->n++) % p->cap;
	p->item[at] = item;
	p->state[at] = work ? WAITING : DONE;
	if (work)
		pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void *
indexer_pool_next(indexer_pool_t *p)
{
	void *item = NULL;

	pthread_mutex_lock(&p->mu);
	while (p->n > 0 && p->state[p->head] != DONE) {
		size_t at = take(p);

		if (at == p->cap)
			pthread_cond_wait(&p->done, &p->mu);
		else
			run(p, at, 0);
	}
	if (p->n > 0) {
		item = p->item[p->head];
		p->head = (p->head + 1) % p->cap;
		p->n--;
		if (p->next > 0)
			p->next--;
	}
	pthread_mutex_unlock(&p->mu);
	return item;
}

void
indexer_pool_free(indexer_pool_t *p)
{
	unsigned i;

	if (p == NULL)
		return;
	/* What is still running finishes; what waits is left alone (the
	 * driver frees its items). */
	pthread_mutex_lock(&p->mu);
	while (p->next < p->n)
		(void)take(p);
	p->quit = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->thread[i], NULL);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p->item);
	free(p->state);
	free(p->thread);
	free(p);
}
