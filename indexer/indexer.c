/* indexer.c - drives the indexing pipeline over the files of one run. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/kb_array.h"
#include "../util/kb_errmsg.h"
#include "../util/kb_schema.h"
#include "../util/kb_strset.h"
#include "indexer_internal.h"

struct kb_indexer {
	kb_index_opts_t opts;	/* copy; its strings are not kept */
	indexer_shards_t sh;	/* the writers: one database or N shards */
	kb_text_t *tx;
	kb_cleaner_t *cleaner;
	kb_segmenter_t *segmenter;
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

/* Passes over file f, which cannot be indexed for the reason why: a
 * warning, and an error too when f was named directly rather than found
 * under a root.  Whatever was indexed of f before stays.  Returns KB_OK:
 * the run goes on. */
static kb_status_t
pass_over(kb_indexer_t *ix, const kb_file_t *f, const char *why)
{
	warn(ix, f->path, why);
	if (f->root == NULL)
		ix->stats.errors++;
	return KB_OK;
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

kb_status_t
kb_indexer_open(const kb_index_opts_t *opts, kb_indexer_t **out,
		char **errmsg)
{
	kb_indexer_t *ix;
	kb_status_t rc;
	char *serr = NULL;
	size_t nstop;

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
	rc = kb_text_new(&ix->tx);
	if (rc != KB_OK)
		goto fail;
	rc = kb_text_set_stemmer(ix->tx, ix->stemmer);
	if (rc != KB_OK) {
		kb_errmsg_set(&ix->err, "stemmer '%s': %s", ix->stemmer,
			      kb_status_str(rc));
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
	nstop = strlen(ix->stopwords);
	rc = kb_text_add_stopwords(ix->tx, ix->stopwords, nstop);
	if (rc != KB_OK)
		goto fail;
	if (opts->lexicon == NULL) {
		kb_errmsg_set(&ix->err, "no lexicon folder");
		rc = KB_ERR_ARG;
		goto fail;
	}
	rc = kb_segmenter_new(opts->lexicon, &ix->segmenter, &serr);
	if (rc != KB_OK) {
		kb_errmsg_set(&ix->err, "%s", serr ? serr : kb_status_str(rc));
		free(serr);
		serr = NULL;
		goto fail;
	}
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
			      kb_segmenter_fingerprint(ix->segmenter),
			      ix->stemmer, kb_hash64(ix->stopwords, nstop));
		ix->analysis = kb_buf_detach(&fp);
		if (ix->analysis == NULL) {
			rc = KB_ERR_NOMEM;
			goto fail;
		}
	}
	rc = kb_cleaner_new(ix->stopwords, nstop, &ix->cleaner, &serr);
	if (rc != KB_OK) {
		kb_errmsg_set(&ix->err, "cleaner: %s",
			      serr ? serr : kb_status_str(rc));
		free(serr);
		goto fail;
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
	kb_text_free(ix->tx);
	kb_cleaner_free(ix->cleaner);
	kb_segmenter_free(ix->segmenter);
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
	work = !(k.found && k.size == f->size && k.mtime_ns == f->mtime_ns &&
		 strcmp(k.analysis, ix->analysis) == 0);
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
		rc = kb_cleaner_learn_file(ix->cleaner, ix->files[i].path);
	return rc;
}

/* Runs the pipeline on one file.  Returns KB_OK (also when the file was
 * skipped with a warning) or the store error that must stop the run. */
static kb_status_t
index_file(kb_indexer_t *ix, const kb_file_t *f, unsigned *changed)
{
	kb_store_t *store = shard(ix, f->id);
	kb_article_t a;
	kb_known_t k;
	kb_buf_t why;
	kb_status_t rc;

	kb_buf_init(&why);
	memset(&a, 0, sizeof(a));
	rc = indexer_known_get(store, f->id, &k);
	if (rc != KB_OK) {
		store_err(ix, store, rc, f->id);
		goto done;
	}
	/* Same size and mtime under the same analysis: unchanged, without
	 * even reading the file.  This keeps a re-run cheap. */
	if (k.found && k.size == f->size && k.mtime_ns == f->mtime_ns &&
	    strcmp(k.analysis, ix->analysis) == 0) {
		ix->stats.skipped++;
		goto done;
	}
	rc = indexer_read_stage(f, &a, &why);
	if (rc == KB_DONE || rc == KB_ERR_IO) {
		/* Not an article, or unreadable: an old version stays
		 * indexed, which loses nothing. */
		rc = pass_over(ix, f, why.data ? why.data : "skipped");
		goto done;
	}
	if (rc != KB_OK)
		goto done;
	if (a.repaired)
		warn(ix, f->path, why.data);
	if (k.found && k.hash == a.hash &&
	    strcmp(k.analysis, ix->analysis) == 0) {
		/* Touched but identical: record the new mtime only. */
		a.title = k.title;
		k.title = NULL;
		rc = indexer_write_touch(store, &a, ix->analysis, k.nsnippets);
		if (rc != KB_OK)
			store_err(ix, store, rc, f->id);
		else
			ix->stats.skipped++;
		goto done;
	}
	rc =
	    indexer_clean_stage(ix->cleaner, &a, indexer_is_html_name(f->path));
	if (rc == KB_ERR_CORRUPT) {
		rc = pass_over(ix, f, "unparsable HTML");
		goto done;
	}
	if (rc != KB_OK)
		goto done;
	rc = indexer_segment_stage(ix->segmenter, &a);
	if (rc != KB_OK)
		goto done;
	/* Past a limit of util/kb_limits.h, never a silent cut. */
	kb_buf_reset(&why);
	if (indexer_cuts(&a, &why))
		warn(ix, f->path, why.err == KB_OK ? why.data : "cut");
	rc = indexer_write_stage(store, ix->tx, &a, ix->analysis);
	if (rc != KB_OK) {
		store_err(ix, store, rc, f->id);
		goto done;
	}
	ix->stats.snippets += (unsigned)a.nsnippets;
	if (k.found)
		ix->stats.updated++;
	else
		ix->stats.added++;
	(*changed)++;
done:
	indexer_known_clear(&k);
	indexer_article_clear(&a);
	kb_buf_free(&why);
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

kb_status_t
kb_indexer_run(kb_indexer_t *ix)
{
	kb_strset_t *seen = NULL;
	unsigned changed = 0;
	int in_batch = 0;
	kb_index_stats_t committed;
	kb_status_t rc;
	size_t i = 0;

	kb_errmsg_clear(&ix->err);
	committed = ix->stats;
	rc = kb_strset_new(&seen);
	if (rc != KB_OK)
		return rc;
	rc = learn(ix);
	if (rc != KB_OK) {
		kb_strset_free(seen);
		return rc;
	}
	if (ix->opts.progress != NULL &&
	    ix->opts.progress(ix->opts.progress_ctx, &ix->stats) != KB_OK)
		goto finish;
	for (i = 0; i < ix->nfiles; i++) {
		const kb_file_t *f = &ix->files[i];

		/* Changes go in batches, each one transaction: a batch is
		 * committed whole (one fsync for many articles), and a
		 * failure part-way cancels it, so the database always holds
		 * whole articles and everything committed before stays. */
		if (!in_batch) {
			rc = batch_begin(ix);
			if (rc != KB_OK)
				break;
			in_batch = 1;
			committed = ix->stats;
		}
		if (kb_strset_has(seen, f->id, strlen(f->id))) {
			warn(ix, f->path,
			     "same id as an earlier file; not indexed");
		} else {
			rc = kb_strset_add(seen, f->id, strlen(f->id));
			if (rc == KB_OK)
				rc = index_file(ix, f, &changed);
			if (rc != KB_OK)
				break;
		}
		ix->stats.done++;
		ix->stats.bytes_done += f->size;
		if (changed >= ix->opts.commit_every) {
			changed = 0;
			in_batch = 0;
			rc = batch_end(ix, KB_OK);
			if (rc != KB_OK) {
				uncount(ix, &committed);
				break;
			}
		}
		if (ix->opts.progress != NULL &&
		    ix->opts.progress(ix->opts.progress_ctx, &ix->stats) !=
			    KB_OK)
			break;
	}
	if (in_batch) {
		in_batch = 0;
		rc = batch_end(ix, rc);
		if (rc != KB_OK)
			uncount(ix, &committed);
	}
finish:
	if (rc == KB_OK && ix->opts.prune && i == ix->nfiles)
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
