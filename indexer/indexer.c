/* indexer.c - drives the indexing pipeline over the files of one run. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/kb_array.h"
#include "../util/kb_errmsg.h"
#include "../util/kb_schema.h"
#include "../util/kb_strset.h"
#include "indexer_internal.h"

/* What one thread analyses with: none of it may be shared. */
typedef struct analyst {
	kb_text_t *tx;
	kb_cleaner_t *cleaner;	/* the first one learns; the others
				   share what it learned */
	kb_segmenter_t *segmenter;
} analyst_t;

struct kb_indexer {
	kb_index_opts_t opts;	/* copy; its strings are not kept */
	indexer_shards_t sh;	/* the writers: one database or N shards */
	analyst_t *an;		/* one per job; an[0] is the driver's */
	unsigned jobs;
	char *analysis;		/* fingerprint of the text pipeline */
	char *stopwords;	/* the stopword list, as read */
	char *stemmer;
	kb_errmsg_t err;	/* last error message */
	kb_file_t *files;	/* files of this run, in order */
	size_t nfiles, cap;
	char **roots;		/* absolute directories added (for prune) */
	size_t nroots;
	kb_index_stats_t stats;
};

void
kb_index_opts_init(kb_index_opts_t *o)
{
	memset(o, 0, sizeof(*o));
}

/* Records the message of store (a writer of ix) for a failed call,
 * naming the database (the shard, when there are several) and what was
 * being done. */
static kb_status_t
store_err(kb_indexer_t *ix, kb_store_t *store, kb_status_t rc,
	  const char *what)
{
	const char *m = kb_store_errmsg(store);
	const char *db = ix->opts.db_path;
	unsigned i;

	for (i = 0; ix->sh.n > 1 && i < ix->sh.n; i++)
		if (ix->sh.store[i] == store)
			db = ix->sh.path[i];
	kb_errmsg_set(&ix->err, "%s: %s: %s", db, what,
		      m ? m : kb_status_str(rc));
	return rc;
}

/* The writer of the shard that holds the article with this id. */
static kb_store_t *
shard(const kb_indexer_t *ix, const char *id)
{
	return ix->sh.store[indexer_shard_of(&ix->sh, id)];
}

static void
warn(kb_indexer_t *ix, const char *path, const char *why)
{
	char msg[1024];

	ix->stats.warnings++;
	if (ix->opts.warn != NULL) {
		snprintf(msg, sizeof(msg), "%s: %s", path, why);
		ix->opts.warn(ix->opts.warn_ctx, msg);
	}
}

/* Reads the stopword file into ix->stopwords.  Returns KB_OK or KB_ERR_IO
 * (message set) or KB_ERR_NOMEM. */
static kb_status_t
read_stopwords(kb_indexer_t *ix, const char *path)
{
	kb_buf_t b;
	kb_status_t rc;

	kb_buf_init(&b);
	rc = kb_buf_read_file(&b, path, 0);
	if (rc == KB_ERR_IO)
		kb_errmsg_set(&ix->err, "%s: cannot read stopwords: %s", path,
			      strerror(errno));
	if (rc != KB_OK) {
		kb_buf_free(&b);
		return rc;
	}
	ix->stopwords = kb_buf_detach(&b);
	return ix->stopwords ? KB_OK : KB_ERR_NOMEM;
}

/* Sets up what one job analyses with: the text pipeline with the run's
 * stemmer and stopwords, a cleaner and a segmenter.  Every cleaner after
 * the first shares the first one's learning.  Returns KB_OK or an error
 * with its message set. */
static kb_status_t
analyst_open(kb_indexer_t *ix, analyst_t *an)
{
	size_t nstop = strlen(ix->stopwords);
	char *serr = NULL;
	kb_status_t rc;

	rc = kb_text_new(&an->tx);
	if (rc != KB_OK)
		return rc;
	rc = kb_text_set_stemmer(an->tx, ix->stemmer);
	if (rc != KB_OK) {
		kb_errmsg_set(&ix->err, "stemmer '%s': %s", ix->stemmer,
			      kb_status_str(rc));
		return rc;
	}
	rc = kb_text_add_stopwords(an->tx, ix->stopwords, nstop);
	if (rc != KB_OK)
		return rc;
	rc = kb_segmenter_new(ix->opts.lexicon, &an->segmenter, &serr);
	if (rc == KB_OK)
		rc = kb_cleaner_new(ix->stopwords, nstop, &an->cleaner, &serr);
	if (rc == KB_OK && an != &ix->an[0])
		rc = kb_cleaner_share_learning(an->cleaner, ix->an[0].cleaner);
	if (rc != KB_OK)
		kb_errmsg_set(&ix->err, "%s%s",
			      an->segmenter != NULL ? "cleaner: " : "",
			      serr ? serr : kb_status_str(rc));
	free(serr);
	return rc;
}

static void
analyst_close(analyst_t *an)
{
	kb_text_free(an->tx);
	kb_cleaner_free(an->cleaner);
	kb_segmenter_free(an->segmenter);
}

kb_status_t
kb_indexer_open(const kb_index_opts_t *opts, kb_indexer_t **out,
		char **errmsg)
{
	kb_indexer_t *ix;
	kb_status_t rc;
	size_t nstop;
	unsigned i;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	ix = calloc(1, sizeof(*ix));
	if (ix == NULL)
		return KB_ERR_NOMEM;
	ix->opts = *opts;
	kb_errmsg_init(&ix->err);
	if (opts->db_path == NULL || opts->db_path[0] == '\0') {
		kb_errmsg_set(&ix->err, "no database path");
		rc = KB_ERR_ARG;
		goto fail;
	}
	if (ix->opts.commit_every == 0)
		ix->opts.commit_every = 1000;
	ix->stemmer = strdup(opts->stemmer ? opts->stemmer : "english");
	if (ix->stemmer == NULL) {
		rc = KB_ERR_NOMEM;
		goto fail;
	}
	if (opts->stopwords != NULL) {
		rc = read_stopwords(ix, opts->stopwords);
		if (rc != KB_OK)
			goto fail;
	} else {
		ix->stopwords = strdup("");
		if (ix->stopwords == NULL) {
			rc = KB_ERR_NOMEM;
			goto fail;
		}
	}
	if (opts->lexicon == NULL) {
		kb_errmsg_set(&ix->err, "no lexicon folder");
		rc = KB_ERR_ARG;
		goto fail;
	}
	ix->jobs = opts->jobs;
	if (ix->jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		ix->jobs = n > 0 ? (unsigned)n : 1;
	}
	if (ix->jobs > KB_INDEX_MAX_JOBS)
		ix->jobs = KB_INDEX_MAX_JOBS;
	ix->an = calloc(ix->jobs, sizeof(*ix->an));
	if (ix->an == NULL) {
		rc = KB_ERR_NOMEM;
		goto fail;
	}
	for (i = 0; i < ix->jobs; i++) {
		rc = analyst_open(ix, &ix->an[i]);
		if (rc != KB_OK)
			goto fail;
	}
	nstop = strlen(ix->stopwords);
	/* Documents analysed differently from the queries that search them
	 * would not match: the fingerprint lets a run with another stopword
	 * list or stemmer re-index everything. */
	{
		kb_buf_t fp;

		kb_buf_init(&fp);
		kb_buf_printf(&fp,
			      "schema=%s;clean=%s;lexicon=%s;stem=%s;"
			      "stop=%016llx",
			      KB_SCHEMA_VERSION, KB_CLEANER_VERSION,
			      kb_segmenter_fingerprint(ix->an[0].segmenter),
			      ix->stemmer, kb_hash64(ix->stopwords, nstop));
		ix->analysis = kb_buf_detach(&fp);
		if (ix->analysis == NULL) {
			rc = KB_ERR_NOMEM;
			goto fail;
		}
	}
	{
		kb_buf_t e;

		kb_buf_init(&e);
		rc = indexer_shards_open(&ix->sh, opts->db_path, opts->shards,
		                         &e);
		if (rc != KB_OK)
			kb_errmsg_set(&ix->err, "%s",
				      e.len ? e.data : kb_status_str(rc));
		kb_buf_free(&e);
		if (rc != KB_OK)
			goto fail;
	}
	*out = ix;
	return KB_OK;
fail:
	if (errmsg != NULL) {
		const char *m = kb_errmsg_get(&ix->err);

		*errmsg = strdup(m != NULL ? m : kb_status_str(rc));
	}
	kb_indexer_close(ix);
	return rc;
}

void
kb_indexer_close(kb_indexer_t *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	indexer_shards_close(&ix->sh);
	for (i = 0; ix->an != NULL && i < ix->jobs; i++)
		analyst_close(&ix->an[i]);
	free(ix->an);
	for (i = 0; i < ix->nfiles; i++) {
		free(ix->files[i].path);
		free(ix->files[i].id);
	}
	free(ix->files);
	for (i = 0; i < ix->nroots; i++)
		free(ix->roots[i]);
	free(ix->roots);
	free(ix->analysis);
	free(ix->stopwords);
	free(ix->stemmer);
	kb_errmsg_free(&ix->err);
	free(ix);
}

const char *
kb_indexer_errmsg(const kb_indexer_t *ix)
{
	return ix != NULL ? kb_errmsg_get(&ix->err) : NULL;
}

const kb_index_stats_t *
kb_indexer_stats(const kb_indexer_t *ix)
{
	return &ix->stats;
}

/* Adds a file named directly: its id is its base name. */
static kb_status_t
add_named_file(kb_indexer_t *ix, const char *path, const struct stat *st)
{
	const char *base = strrchr(path, '/');
	kb_file_t *f;

	if (kb_array_grow((void **)&ix->files, &ix->cap, ix->nfiles,
	                  sizeof(*ix->files), 16) != KB_OK)
		return KB_ERR_NOMEM;
	f = &ix->files[ix->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	f->id = strdup(base ? base + 1 : path);
	if (f->path == NULL || f->id == NULL) {
		free(f->path);
		free(f->id);
		return KB_ERR_NOMEM;
	}
	f->size = (uint64_t)st->st_size;
	f->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
		      st->st_mtim.tv_nsec;
	ix->nfiles++;
	return KB_OK;
}

kb_status_t
kb_indexer_add_path(kb_indexer_t *ix, const char *path)
{
	struct stat st;
	char *root, **roots;
	size_t first = ix->nfiles, i;
	kb_status_t rc;

	kb_errmsg_clear(&ix->err);
	if (stat(path, &st) != 0) {
		kb_errmsg_set(&ix->err, "%s: %s", path, strerror(errno));
		return errno == ENOENT ? KB_ERR_NOT_FOUND : KB_ERR_IO;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (!S_ISREG(st.st_mode)) {
			kb_errmsg_set(&ix->err,
				      "%s: not a regular file or directory",
				      path);
			return KB_ERR_IO;
		}
		rc = add_named_file(ix, path, &st);
		if (rc == KB_OK)
			ix->stats.bytes_total += (uint64_t)st.st_size;
		ix->stats.files = (unsigned)ix->nfiles;
		return rc;
	}
	/* A folder named on the command line that cannot be listed is an
	 * error, as an unreadable file named there is; what cannot be read
	 * below it is a warning. */
	{
		DIR *d = opendir(path);

		if (d == NULL) {
			kb_errmsg_set(&ix->err, "%s: %s", path,
				      strerror(errno));
			return KB_ERR_IO;
		}
		closedir(d);
	}
	root = realpath(path, NULL);
	if (root == NULL) {
		kb_errmsg_set(&ix->err, "%s: %s", path, strerror(errno));
		return KB_ERR_IO;
	}
	roots = realloc(ix->roots, (ix->nroots + 1) * sizeof(*roots));
	if (roots == NULL) {
		free(root);
		return KB_ERR_NOMEM;
	}
	ix->roots = roots;
	ix->roots[ix->nroots++] = root;
	rc = indexer_walk_dir(path, root, &ix->files, &ix->nfiles, &ix->cap,
	                      ix->opts.warn, ix->opts.warn_ctx,
	                      &ix->stats.warnings);
	for (i = first; i < ix->nfiles; i++)
		ix->stats.bytes_total += ix->files[i].size;
	ix->stats.files = (unsigned)ix->nfiles;
	return rc;
}

static int
unchanged(const kb_indexer_t *ix, const kb_known_t *k, const kb_file_t *f)
{
	return k->found && k->size == f->size && k->mtime_ns == f->mtime_ns &&
	       strcmp(k->analysis, ix->analysis) == 0;
}

/* True when the file must be read: new, changed, or analysed with other
 * settings.  Sets *rc on a store error. */
static int
needs_work(kb_indexer_t *ix, const kb_file_t *f, kb_status_t *rc)
{
	kb_known_t k;
	int work;

	*rc = indexer_known_get(shard(ix, f->id), f->id, &k);
	if (*rc != KB_OK) {
		store_err(ix, shard(ix, f->id), *rc, f->id);
		return 0;
	}
	work = !unchanged(ix, &k, f);
	indexer_known_clear(&k);
	return work;
}

/* The cleaner learns which short lines repeat across the corpus.  It
 * learns from every file of the run, not only the changed ones, so that an
 * article is cleaned the same way whichever files changed with it; and it
 * does so only when some file needs indexing, so that a run with nothing
 * to do reads nothing. */
static kb_status_t
learn(kb_indexer_t *ix)
{
	kb_status_t rc = KB_OK;
	size_t i;
	int any = 0;

	for (i = 0; i < ix->nfiles && !any && rc == KB_OK; i++)
		any = needs_work(ix, &ix->files[i], &rc);
	for (i = 0; any && i < ix->nfiles && rc == KB_OK; i++)
		rc = kb_cleaner_learn_file(ix->an[0].cleaner,
		                           ix->files[i].path);
	return rc;
}

/* One file on its way through the pipeline: what the driver found out
 * before handing it over, what the analysis made of it, and what is to be
 * said about it, in order, once it is written. */
typedef struct job {
	const kb_file_t *f;
	enum {
		JOB_SKIP,	/* unchanged */
		JOB_PASS,	/* not indexed (warnings tell why) */
		JOB_TOUCH,	/* same content: new mtime only */
		JOB_WRITE,	/* analysed: d holds its documents */
		JOB_FAIL	/* rc stops the run */
	} what;
	int pass_error;		/* passing over it is an error too */
	kb_status_t rc;
	kb_known_t k;		/* what the store knows of it */
	kb_buf_t notes;		/* warnings, each followed by a NUL */
	kb_article_t a;
	indexer_docs_t d;
} job_t;

static void
job_init(job_t *j, const kb_file_t *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	kb_buf_init(&j->notes);
	indexer_docs_init(&j->d);
}

static void
job_clear(job_t *j)
{
	indexer_known_clear(&j->k);
	kb_buf_free(&j->notes);
	indexer_article_clear(&j->a);
	indexer_docs_clear(&j->d);
}

static void
note(job_t *j, const char *why)
{
	kb_buf_puts(&j->notes, why);
	kb_buf_append(&j->notes, "", 1);
}

/* The driver's part before the analysis, in file order: the file is a
 * duplicate, unchanged (same size and mtime under the same analysis:
 * not even read, which keeps a re-run cheap) or work.  Reads the store,
 * which only the driver's thread touches.  Returns KB_OK (*work tells)
 * or the store error that stops the run. */
static kb_status_t
job_start(kb_indexer_t *ix, job_t *j, kb_strset_t *seen, int *work)
{
	const char *id = j->f->id;
	kb_status_t rc;

	*work = 0;
	if (kb_strset_has(seen, id, strlen(id))) {
		note(j, "same id as an earlier file; not indexed");
		j->what = JOB_PASS;
		return KB_OK;
	}
	rc = kb_strset_add(seen, id, strlen(id));
	if (rc == KB_OK)
		rc = indexer_known_get(shard(ix, id), id, &j->k);
	if (rc != KB_OK)
		return store_err(ix, shard(ix, id), rc, id);
	if (unchanged(ix, &j->k, j->f)) {
		j->what = JOB_SKIP;
		return KB_OK;
	}
	*work = 1;
	return KB_OK;
}

/* Passes over the file for the reason why: a warning, and an error too
 * when it was named directly rather than found under a root.  Whatever
 * was indexed of it before stays, which loses nothing. */
static void
pass_over(job_t *j, const char *why)
{
	note(j, why);
	j->what = JOB_PASS;
	j->pass_error = j->f->root == NULL;
}

/* indexer_work_fn: reads, cleans, segments and analyses one file with
 * the worker's own analyst; touches nothing shared but what is only
 * read. */
static void
job_analyse(void *ctx, unsigned worker, void *item)
{
	kb_indexer_t *ix = ctx;
	analyst_t *an = &ix->an[worker];
	job_t *j = item;
	kb_article_t *a = &j->a;
	kb_buf_t why;
	kb_status_t rc;

	kb_buf_init(&why);
	rc = indexer_read_stage(j->f, a, &why);
	if (rc == KB_DONE || rc == KB_ERR_IO) {
		pass_over(j, why.data ? why.data : "skipped");
		goto done;
	}
	if (rc != KB_OK)
		goto done;
	if (a->repaired)
		note(j, why.data);
	if (j->k.found && j->k.hash == a->hash &&
	    strcmp(j->k.analysis, ix->analysis) == 0) {
		a->title = j->k.title;
		j->k.title = NULL;
		j->what = JOB_TOUCH;
		goto done;
	}
	rc = indexer_clean_stage(an->cleaner, a,
	                         indexer_is_html_name(j->f->path));
	if (rc == KB_ERR_CORRUPT) {
		pass_over(j, "unparsable HTML");
		rc = KB_OK;
		goto done;
	}
	if (rc == KB_OK)
		rc = indexer_segment_stage(an->segmenter, a);
	if (rc != KB_OK)
		goto done;
	/* Past a limit of util/kb_limits.h, never a silent cut. */
	kb_buf_reset(&why);
	if (indexer_cuts(a, &why))
		note(j, why.err == KB_OK ? why.data : "cut");
	rc = indexer_analyse_stage(an->tx, a, ix->analysis, &j->d);
	if (rc == KB_OK)
		j->what = JOB_WRITE;
done:
	if (rc != KB_OK && rc != KB_DONE && rc != KB_ERR_IO) {
		j->what = JOB_FAIL;
		j->rc = rc;
	}
	kb_buf_free(&why);
}

/* The driver's part after the analysis, in file order: the warnings, the
 * write and the counts.  Returns KB_OK or the error that stops the
 * run. */
static kb_status_t
job_finish(kb_indexer_t *ix, job_t *j, unsigned *changed)
{
	kb_store_t *store = shard(ix, j->f->id);
	size_t at;
	kb_status_t rc = KB_OK;

	if (j->notes.err != KB_OK)
		return j->notes.err;
	for (at = 0; at < j->notes.len; at += strlen(j->notes.data + at) + 1)
		warn(ix, j->f->path, j->notes.data + at);
	switch (j->what) {
	case JOB_SKIP:
		ix->stats.skipped++;
		break;
	case JOB_PASS:
		if (j->pass_error)
			ix->stats.errors++;
		break;
	case JOB_TOUCH:
		rc = indexer_write_touch(store, &j->a, ix->analysis,
		                         j->k.nsnippets);
		if (rc != KB_OK)
			return store_err(ix, store, rc, j->f->id);
		ix->stats.skipped++;
		break;
	case JOB_WRITE:
		rc = indexer_write_stage(store, &j->a, &j->d);
		if (rc != KB_OK)
			return store_err(ix, store, rc, j->f->id);
		ix->stats.snippets += (unsigned)j->a.nsnippets;
		if (j->k.found)
			ix->stats.updated++;
		else
			ix->stats.added++;
		(*changed)++;
		break;
	case JOB_FAIL:
		rc = j->rc;
		break;
	}
	return rc;
}

/* Removes the articles of store (one shard) under this run's directories
 * whose files were not found.  Articles of other directories, and of files
 * named directly, are left alone: their absence from this run says
 * nothing. */
static kb_status_t
prune_shard(kb_indexer_t *ix, kb_store_t *store, const kb_strset_t *seen)
{
	kb_strv_t c = { NULL, 0, 0 };
	kb_buf_t t;
	kb_status_t rc;
	size_t i, j;

	kb_buf_init(&t);
	rc = kb_store_terms(store, KB_PREFIX_ID_ARTICLE,
			    strlen(KB_PREFIX_ID_ARTICLE), kb_strv_push_term,
			    &c);
	if (rc != KB_OK) {
		store_err(ix, store, rc, "listing articles");
		goto done;
	}
	for (i = 0; i < c.n && rc == KB_OK; i++) {
		kb_known_t k;
		int ours = 0;

		rc = indexer_known_lookup(store, c.v[i], strlen(c.v[i]), &k);
		if (rc != KB_OK) {
			store_err(ix, store, rc, c.v[i]);
			break;
		}
		for (j = 0; k.found && k.root != NULL && j < ix->nroots; j++)
			if (strcmp(k.root, ix->roots[j]) == 0)
				ours = 1;
		if (ours && !kb_strset_has(seen, k.source, strlen(k.source))) {
			kb_buf_reset(&t);
			kb_schema_term(&t, KB_PREFIX_ARTICLE, k.source,
				       strlen(k.source));
			rc = t.err != KB_OK ? t.err
					    : kb_store_delete(store, t.data,
							      t.len);
			if (rc != KB_OK)
				store_err(ix, store, rc, k.source);
			else
				ix->stats.removed++;
		}
		indexer_known_clear(&k);
	}
done:
	kb_strv_free(c.v, c.n);
	kb_buf_free(&t);
	return rc;
}

static kb_status_t
prune(kb_indexer_t *ix, const kb_strset_t *seen)
{
	kb_status_t rc = KB_OK;
	unsigned i;

	for (i = 0; rc == KB_OK && i < ix->sh.n; i++)
		rc = prune_shard(ix, ix->sh.store[i], seen);
	return rc;
}

/* Starts a batch: one transaction on every shard.  On failure the ones
 * started are cancelled.  Returns KB_OK or the store's error (message
 * set). */
static kb_status_t
batch_begin(kb_indexer_t *ix)
{
	kb_status_t rc = KB_OK;
	unsigned i, j;

	for (i = 0; rc == KB_OK && i < ix->sh.n; i++) {
		rc = kb_store_txn_begin(ix->sh.store[i]);
		if (rc != KB_OK) {
			store_err(ix, ix->sh.store[i], rc,
				  "starting a transaction");
			for (j = 0; j < i; j++)
				kb_store_txn_cancel(ix->sh.store[j]);
		}
	}
	return rc;
}

/* A batch that was cancelled or failed to commit left nothing in the
 * database: the summary must not count its articles and snippets. */
static void
uncount(kb_indexer_t *ix, const kb_index_stats_t *committed)
{
	ix->stats.added = committed->added;
	ix->stats.updated = committed->updated;
	ix->stats.snippets = committed->snippets;
}

/* Ends a batch: commits every shard's transaction, or cancels them all
 * when rc (the batch's outcome) is not KB_OK.  Each shard holds whole
 * articles, so a kill between two shards' commits loses at most the
 * batch in flight, as with one database.  Returns the first error. */
static kb_status_t
batch_end(kb_indexer_t *ix, kb_status_t rc)
{
	unsigned i;

	for (i = 0; i < ix->sh.n; i++) {
		kb_store_t *st = ix->sh.store[i];

		if (rc != KB_OK) {
			kb_store_txn_cancel(st);
			continue;
		}
		rc = kb_store_txn_commit(st);
		if (rc != KB_OK) {
			store_err(ix, st, rc, "commit");
			/* The later shards' batches go too. */
		}
	}
	return rc;
}

/* Records what the query engine reads back (kb_engine_open) in every
 * shard: Xapian answers a metadata lookup on a stub from its first shard
 * only, and a shard searched alone must be complete too. */
static kb_status_t
write_metadata(kb_indexer_t *ix)
{
	kb_status_t rc = KB_OK;
	unsigned i;

	for (i = 0; rc == KB_OK && i < ix->sh.n; i++) {
		kb_store_t *st = ix->sh.store[i];
		char shard_no[32];

		/* The query engine analyses questions with exactly the
		 * stopwords and stemmer the documents were analysed with. */
		rc = kb_store_set_metadata(st, KB_META_STOPWORDS,
					   ix->stopwords,
					   strlen(ix->stopwords));
		if (rc == KB_OK)
			rc = kb_store_set_metadata(st, KB_META_STEMMER,
						   ix->stemmer,
						   strlen(ix->stemmer));
		if (rc == KB_OK)
			rc = kb_store_set_metadata(st, KB_META_VERSION,
						   KB_SCHEMA_VERSION,
						   strlen(KB_SCHEMA_VERSION));
		if (rc == KB_OK && ix->sh.stub != NULL) {
			snprintf(shard_no, sizeof(shard_no), "%u/%u", i,
				 ix->sh.n);
			rc = kb_store_set_metadata(st, KB_META_SHARD, shard_no,
						   strlen(shard_no));
		}
		if (rc != KB_OK)
			store_err(ix, st, rc, "metadata");
	}
	return rc;
}

/* Ends the batch in flight when it holds commit_every changed articles,
 * or (final) in any case. */
static kb_status_t
batch_maybe_end(kb_indexer_t *ix, int *in_batch, unsigned *changed,
                const kb_index_stats_t *committed, kb_status_t rc, int final)
{
	if (!*in_batch || (!final && *changed < ix->opts.commit_every))
		return rc;
	*changed = 0;
	*in_batch = 0;
	rc = batch_end(ix, rc);
	if (rc != KB_OK)
		uncount(ix, committed);
	return rc;
}

kb_status_t
kb_indexer_run(kb_indexer_t *ix)
{
	kb_strset_t *seen = NULL;
	indexer_pool_t *pool = NULL;
	job_t *jobs = NULL, *j;
	size_t depth = 4 * (size_t)ix->jobs, next = 0, i;
	unsigned changed = 0;
	int in_batch = 0, stopped = 0;
	kb_index_stats_t committed;
	kb_status_t rc;

	kb_errmsg_clear(&ix->err);
	committed = ix->stats;
	rc = kb_strset_new(&seen);
	if (rc == KB_OK)
		rc = learn(ix);
	if (rc == KB_OK) {
		jobs = calloc(depth, sizeof(*jobs));
		rc = jobs != NULL ? indexer_pool_new(ix->jobs, depth,
		                                     job_analyse, ix, &pool)
		                  : KB_ERR_NOMEM;
	}
	if (rc != KB_OK) {
		free(jobs);
		kb_strset_free(seen);
		return rc;
	}
	if (ix->opts.progress != NULL &&
	    ix->opts.progress(ix->opts.progress_ctx, &ix->stats) != KB_OK) {
		stopped = ix->nfiles > 0;
		goto finish;
	}
	/* Files go through the pool in order and come back in order: the
	 * workers read, clean, segment and analyse, this thread writes,
	 * warns and counts, so the database and everything said are the
	 * same whatever the number of jobs. */
	for (;;) {
		while (!stopped && next < ix->nfiles && !indexer_pool_full(pool)) {
			int work;

			j = &jobs[next % depth];
			job_init(j, &ix->files[next]);
			rc = job_start(ix, j, seen, &work);
			if (rc != KB_OK) {
				stopped = 1;
				break;
			}
			indexer_pool_submit(pool, j, work);
			next++;
		}
		if (stopped || (j = indexer_pool_next(pool)) == NULL)
			break;
		/* Changes go in batches, each one transaction: a batch is
		 * committed whole (one fsync for many articles), and a
		 * failure part-way cancels it, so the database always holds
		 * whole articles and everything committed before stays. */
		if (!in_batch) {
			rc = batch_begin(ix);
			if (rc != KB_OK) {
				stopped = 1;
				break;
			}
			in_batch = 1;
			committed = ix->stats;
		}
		rc = job_finish(ix, j, &changed);
		ix->stats.done += rc == KB_OK;
		ix->stats.bytes_done += rc == KB_OK ? j->f->size : 0;
		job_clear(j);
		if (rc != KB_OK) {
			stopped = 1;
			break;
		}
		rc = batch_maybe_end(ix, &in_batch, &changed, &committed, rc,
		                     0);
		if (rc != KB_OK ||
		    (ix->opts.progress != NULL &&
		     ix->opts.progress(ix->opts.progress_ctx, &ix->stats) !=
		         KB_OK)) {
			stopped = 1;
			break;
		}
	}
	rc = batch_maybe_end(ix, &in_batch, &changed, &committed, rc, 1);
finish:
	/* The work still in flight after a stop is not written. */
	indexer_pool_free(pool);
	for (i = 0; jobs != NULL && i < depth; i++)
		job_clear(&jobs[i]);
	free(jobs);
	if (rc == KB_OK && ix->opts.prune && !stopped)
		rc = prune(ix, seen);
	kb_strset_free(seen);
	if (rc == KB_OK)
		rc = write_metadata(ix);
	/* Commit the prune and the metadata; after an error this commits
	 * nothing new, the failed batch having been cancelled. */
	{
		unsigned s;

		for (s = 0; s < ix->sh.n; s++) {
			kb_status_t crc = kb_store_commit(ix->sh.store[s]);

			if (crc != KB_OK && rc == KB_OK)
				rc = store_err(ix, ix->sh.store[s], crc,
					       "commit");
		}
	}
	/* Once everything is committed, and before the stub is written
	 * anew (a reader of a stub sees its new file and opens the
	 * compacted shards afresh): a failure here loses nothing, the
	 * database stays as it was written. */
	if (rc == KB_OK && !ix->opts.no_compact) {
		kb_buf_t e;
		uint64_t written = (uint64_t)ix->stats.added +
		                   ix->stats.updated + ix->stats.removed +
		                   ix->stats.snippets;

		kb_buf_init(&e);
		if (indexer_compact(&ix->sh, written, &e) != KB_OK) {
			ix->stats.warnings++;
			if (ix->opts.warn != NULL)
				ix->opts.warn(ix->opts.warn_ctx,
				              e.len ? e.data
				                    : "compaction failed");
		}
		kb_buf_free(&e);
	}
	/* The stub last, once every shard holds its metadata: a reader
	 * never finds a stub naming a shard it cannot answer from. */
	if (rc == KB_OK) {
		kb_buf_t e;

		kb_buf_init(&e);
		rc = indexer_shards_write_stub(&ix->sh, &e);
		if (rc != KB_OK)
			kb_errmsg_set(&ix->err, "%s",
				      e.len ? e.data : kb_status_str(rc));
		kb_buf_free(&e);
	}
	return rc;
}
