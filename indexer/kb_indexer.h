/* kb_indexer.h - turns article files into a searchable knowledge base.
 *
 * Indexing one file is a pipeline of stages, each a plain function over
 * values the previous stage produced, with no global state, so that the
 * stages can later run on worker threads and write to several shards:
 *
 *   read     bytes of the file, checked to be text, repaired to UTF-8,
 *            with size, mtime and content hash for change detection
 *   clean    the title and the article's own lines, site furniture
 *            removed
 *   segment  the advice snippets: exercises, postures, remedies,
 *            cautions, causes, with name, section and dosage
 *   analyse  every snippet through the kb_text pipeline into terms
 *   write    one article document and one document per snippet
 *
 * Use:
 *
 *	kb_index_opts_t o;
 *	kb_index_opts_init(&o);
 *	o.db_path = "relief.db";
 *	kb_indexer_t *ix;
 *	char *err;
 *	if (kb_indexer_open(&o, &ix, &err) != KB_OK) { ...; free(err); }
 *	kb_indexer_add_path(ix, "corpus");	(repeat per argument)
 *	kb_indexer_run(ix);			(index, prune, commit)
 *	const kb_index_stats_t *s = kb_indexer_stats(ix);
 *	kb_indexer_close(ix);
 *
 * The indexer is the driver: it walks the folders, reads each file (the
 * one way from a file to normalised text, also behind kb_clean_file()),
 * runs the cleaner (clean/kb_clean.h) and the segmenter
 * (snippet/kb_snippet.h), analyses with text/ and writes through store/.
 *
 * May use: clean/, snippet/, text/, store/, util/.  Nothing but the front
 * ends uses it.
 */
#ifndef KB_INDEXER_H
#define KB_INDEXER_H

#include <stddef.h>
#include <stdint.h>

#include "../clean/kb_clean.h"
#include "../util/kb_schema.h"
#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_indexer kb_indexer_t;

/* Counters of one run. */
typedef struct kb_index_stats {
	unsigned files;		/* article files found */
	unsigned done;		/* files processed so far */
	unsigned added;		/* new articles */
	unsigned updated;	/* changed articles re-indexed */
	unsigned skipped;	/* unchanged articles */
	unsigned removed;	/* articles pruned */
	unsigned warnings;	/* files skipped or repaired, with a warning */
	unsigned errors;	/* files named on the command line that
				   could not be indexed */
	unsigned snippets;	/* snippets written */
	uint64_t bytes_total;	/* bytes of all files found */
	uint64_t bytes_done;	/* bytes of files processed */
} kb_index_stats_t;

/* Receives a one-line warning about one file ("path: reason"). */
typedef void (*kb_warn_fn)(void *ctx, const char *msg);

/* Called after each file.  Returning anything but KB_OK stops the run
 * early (what was indexed so far is committed); KB_DONE is not an error. */
typedef kb_status_t (*kb_progress_fn)(void *ctx, const kb_index_stats_t *s);

#define KB_INDEX_MAX_JOBS 64

typedef struct kb_index_opts {
	const char *db_path;	/* database directory (created if missing) */
	const char *stopwords;	/* stopword file; NULL = no stopwords */
	const char *lexicon;	/* lexicon folder (kinds, names, body
				   parts); required */
	const char *stemmer;	/* Snowball language; NULL = "english" */
	int prune;		/* remove articles whose files are gone */
	unsigned shards;	/* a new database: this many shards behind
				   a stub file at db_path (0 or 1: one
				   database); an existing one: 0, or the
				   number it has */
	unsigned commit_every;	/* commit after this many changed
				   articles (0 = 1000) */
	unsigned jobs;		/* threads that read, clean, segment and
				   analyse files, the writing one
				   included (0 = one per online core; at
				   most KB_INDEX_MAX_JOBS).  The database
				   is the same whatever the number. */
	int no_compact;		/* never compact at the end (a run that
				   wrote a quarter of the database or more
				   rewrites it compactly, in place) */
	kb_warn_fn warn;	/* NULL = warnings are only counted */
	void *warn_ctx;
	kb_progress_fn progress;	/* may be NULL */
	void *progress_ctx;
} kb_index_opts_t;

/* Fills o with defaults: no database path, no stopwords, english
 * stemming, no pruning. */
void kb_index_opts_init(kb_index_opts_t *o);

/* Opens (creating if needed) the database for writing and prepares the
 * analysis pipeline.  A database of several shards is a Xapian stub file
 * at db_path naming them, in the folder db_path.shards; each shard has its
 * own writer and lock, and the stub is written (atomically) at the end of
 * kb_indexer_run().  On failure *out is NULL and *errmsg (if errmsg is not
 * NULL) a malloc'd one-line message naming the database, stopword file
 * or lexicon file at fault.
 * Returns KB_OK, KB_ERR_ARG (also: opts.shards does not match the
 * database, or its stub names a remote shard), KB_ERR_LOCKED, KB_ERR_IO,
 * KB_ERR_CORRUPT, KB_ERR_NOMEM, KB_ERR_XAPIAN. */
kb_status_t kb_indexer_open(const kb_index_opts_t *opts, kb_indexer_t **out,
			    char **errmsg);

/* Commits and closes.  Accepts NULL. */
void kb_indexer_close(kb_indexer_t *ix);

/* The message for the last failed call on this handle, or NULL.  Valid
 * until the next call on the handle. */
const char *kb_indexer_errmsg(const kb_indexer_t *ix);

/* Adds a file or directory to this run.  A directory is walked
 * recursively for *.txt files, skipping hidden entries; its articles are
 * identified by their path relative to it.  A file is identified by its
 * name.  Nothing is indexed until kb_indexer_run().  Returns KB_OK,
 * KB_ERR_NOT_FOUND or KB_ERR_IO (the message names the path; the path is
 * not added), KB_ERR_NOMEM. */
kb_status_t kb_indexer_add_path(kb_indexer_t *ix, const char *path);

/* Indexes every file added: new and changed files are (re)indexed,
 * unchanged ones skipped, and with opts.prune, articles under the
 * directories added whose files are gone are removed.  Bad files are
 * skipped with a warning (an error when named directly).  Commits at the
 * end.  Returns KB_OK (even when some files were skipped: see the stats),
 * or a database error that stopped the run; what was committed before it
 * stays intact. */
kb_status_t kb_indexer_run(kb_indexer_t *ix);

/* The counters of this run; valid while the handle is open. */
const kb_index_stats_t *kb_indexer_stats(const kb_indexer_t *ix);

/* ---- one file, read as the indexer reads it, then cleaned ----------
 *
 * The same read stage as indexing (text check, size limit, UTF-8 repair,
 * line ends), so that `relief clean` and `relief snippets` see exactly the
 * text the indexer sees.  The cleaner itself is clean/kb_clean.h.
 */

/* Reads the article file at path with the indexer's checks (text, size,
 * UTF-8 repair) and cleans it, as HTML when its name ends in .html or
 * .htm.  On failure *errmsg (if not NULL) is a malloc'd one-line message
 * naming the file.  Returns KB_OK, KB_ERR_IO (unreadable), KB_DONE (not
 * an article: empty, binary...), KB_ERR_NOMEM. */
kb_status_t kb_clean_file(kb_cleaner_t *cl, const char *path,
			  kb_cleaned_t **out, char **errmsg);

/* Reads the file at path as kb_clean_file does and feeds it to
 * kb_cleaner_learn().  Unreadable or non-article files are ignored.
 * Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t kb_cleaner_learn_file(kb_cleaner_t *cl, const char *path);

/* What "relief stats" shows about a database. */
typedef struct kb_db_stats {
	uint64_t articles;
	uint64_t snippets;
	uint64_t documents;
	uint64_t terms;		/* distinct terms, prefixed ones included */
	uint64_t bytes;		/* size on disk */
} kb_db_stats_t;

/* Reads the statistics of the database at path (read-only).  On failure
 * *errmsg (if not NULL) is a malloc'd message.  Returns KB_OK,
 * KB_ERR_NOT_FOUND, KB_ERR_IO, ... */
kb_status_t kb_db_stats(const char *path, kb_db_stats_t *out, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif /* KB_INDEXER_H */
