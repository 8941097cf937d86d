/* indexer_internal.h - the stages of the indexing pipeline.
 *
 * Private to indexer/.  Each stage is a function of its inputs; nothing
 * here keeps state between calls except what the caller passes in.
 */
#ifndef KB_INDEXER_INTERNAL_H
#define KB_INDEXER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../snippet/kb_snippet.h"
#include "../store/kb_store.h"
#include "../text/kb_text.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"
#include "kb_indexer.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* The file size and line length limits are in util/kb_limits.h. */

/* One file found by the walk. */
typedef struct kb_file {
	char *path;		/* filesystem path, as opened */
	char *id;		/* identity: path relative to its root */
	const char *root;	/* absolute root directory, or NULL for a
				   file named directly (borrowed from the
				   indexer's root list) */
	uint64_t size;
	int64_t mtime_ns;
} kb_file_t;

/* An article travelling through the pipeline. */
typedef struct kb_article {
	const kb_file_t *file;	/* where it came from (borrowed) */
	char *text;		/* valid UTF-8, LF line ends; owned */
	size_t len;
	unsigned long long hash; /* of the raw bytes */
	int repaired;		/* invalid UTF-8 was replaced */
	unsigned dropped_attrs;	/* HTML attributes the cleaner cut */
	size_t cut_html_bytes;	/* HTML the cleaner cut from the end */
	size_t dropped_snippets; /* passages past KB_LIMIT_SNIPPETS */
	size_t stopped_matches;	/* segmenter pattern matches stopped at a
				   PCRE2 limit */
	const char *stopped_file; /* the rule file of the first (static) */
	unsigned stopped_line;	/* and its line */
	char *title;		/* the title the cleaner found; owned */
	kb_snippet_t *snippets;	/* the advice snippets; owned */
	size_t nsnippets;
} kb_article_t;

/* Frees what the stages allocated in a and zeroes it.  Accepts NULL. */
void indexer_article_clear(kb_article_t *a);

/* Read stage: the one way from a file to article text, used by indexing,
 * `relief clean` and `relief snippets` alike (kb_clean_file,
 * kb_cleaner_learn_file), so that all three see the same text.  Reads
 * file->path into a->text and checks that it is an article: a non-empty
 * text file of at most KB_LIMIT_FILE_BYTES with no NUL byte, lines under
 * KB_LIMIT_LINE_BYTES (not for HTML) and few invalid UTF-8 bytes (which are then replaced,
 * setting a->repaired).  The text is then normalised
 * (indexer_normalise_stage); a->hash is of the raw bytes.  Returns KB_OK;
 * KB_DONE when the file is not an article, with the reason in why; KB_ERR_IO
 * when it cannot be read (reason in why); KB_ERR_NOMEM. */
kb_status_t indexer_read_stage(const kb_file_t *file, kb_article_t *a,
                               kb_buf_t *why);

/* Normalises CR LF and lone CR to LF and drops a byte-order mark, in
 * place. */
void indexer_normalise_stage(kb_article_t *a);

/* Clean stage.  Replaces a->text (as indexer_read_stage left it) with what the
 * cleaner keeps of it (as HTML when html is set) and sets a->title.
 * Returns KB_OK, KB_ERR_NOMEM, KB_ERR_CORRUPT. */
kb_status_t indexer_clean_stage(kb_cleaner_t *cl, kb_article_t *a, int html);

/* Writes what the clean and segment stages cut from a because it passed
 * a limit of util/kb_limits.h into why, as one line for a warning naming
 * the file ("300 HTML attributes cut from tags with more than 256; ...").
 * Returns 1 when something was cut, 0 (why untouched) when nothing. */
int indexer_cuts(const kb_article_t *a, kb_buf_t *why);

/* True when the file name ends in .html or .htm. */
int indexer_is_html_name(const char *path);

/* Segment stage.  Splits the cleaned text into advice snippets
 * (a->snippets).  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t indexer_segment_stage(kb_segmenter_t *sg, kb_article_t *a);

/* An article analysed into the documents that hold it: what the analyse
 * stage hands the write stage.  Nothing in it touches a database, so the
 * analyse stage can run on any thread. */
typedef struct indexer_docs {
	kb_doc_t **doc;		/* the article document, then one per
				   snippet; owned */
	char **term;		/* the unique id term each one replaces;
				   owned */
	size_t n, cap, tcap;
	struct kb_strset *words; /* the words for the spelling dictionary
				   (NULL until the first) */
	unsigned *wcount;	/* how often each occurs, by its number */
	size_t nwords, wcap;
} indexer_docs_t;

void indexer_docs_init(indexer_docs_t *d);

/* Frees d's documents and words and leaves it empty.  Accepts NULL. */
void indexer_docs_clear(indexer_docs_t *d);

/* Analyse stage.  Turns the article and its snippets into documents
 * (appended to d, which indexer_docs_init() prepared) through tx, one
 * kb_text_t per thread.  analysis is the fingerprint of the text
 * pipeline, recorded for change detection.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t indexer_analyse_stage(kb_text_t *tx, const kb_article_t *a,
                                  const char *analysis, indexer_docs_t *d);

/* Write stage.  Replaces the article and all its snippets in the store
 * with d's documents, and adds its words to the spelling dictionary (the
 * caller wraps this in a transaction).  Returns KB_OK or the store's
 * error (message on the store). */
kb_status_t indexer_write_stage(kb_store_t *store, const kb_article_t *a,
                                const indexer_docs_t *d);

/* Updates only the change-detection data of an article whose content is
 * unchanged (a touched file).  Returns KB_OK or the store's error. */
kb_status_t indexer_write_touch(kb_store_t *store, const kb_article_t *a,
                                const char *analysis, unsigned nsnippets);

/* Change detection: what the store knows about an article. */
typedef struct kb_known {
	int found;
	uint64_t size;
	int64_t mtime_ns;
	unsigned long long hash;
	unsigned nsnippets;
	char *analysis;		/* owned */
	char *root;		/* owned; NULL for a file named directly */
	char *source;		/* owned: the article id */
	char *title;		/* owned: the title it was indexed with */
} kb_known_t;

/* Looks up the article id in the store.  Returns KB_OK (k->found tells),
 * or a store error. */
kb_status_t indexer_known_get(kb_store_t *store, const char *id, kb_known_t *k);

/* Like indexer_known_get, for the article whose id term is term. */
kb_status_t indexer_known_lookup(kb_store_t *store, const char *term,
                                 size_t len, kb_known_t *k);

/* Frees k's strings.  Accepts NULL. */
void indexer_known_clear(kb_known_t *k);

/* Walk: appends the article files under path to *files (growing it).
 * root is the absolute directory the ids are relative to.  Hidden entries
 * are skipped silently; non-.txt files are ignored; unreadable
 * directories produce a warning through warn.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t indexer_walk_dir(const char *path, const char *root,
                             kb_file_t **files, size_t *nfiles, size_t *cap,
                             kb_warn_fn warn, void *warn_ctx,
                             unsigned *warnings);

/* The writers of one run (shards.c): one database, or n shards behind
 * the stub file at stub.  An article lives wholly in the shard
 * indexer_shard_of() names. */
typedef struct indexer_shards {
	kb_store_t **store;	/* n writers, owned */
	char **path;		/* their paths, owned */
	unsigned n;		/* 1 for one database */
	char *stub;		/* the stub file to write at the end; NULL
				   for one database */
} indexer_shards_t;

/* Opens the writers for the database at db_path.  want is the number of
 * shards asked for, 0 when not given: a missing path becomes one database
 * (want 0 or 1) or a stub with want shards in the folder db_path.shards; an
 * existing stub keeps its shards (want must be 0 or their number); an
 * existing database stays one (want must be 0 or 1).  The stub itself is
 * written by indexer_shards_write_stub().  On failure the message is in
 * err and the caller still calls indexer_shards_close().  Returns KB_OK,
 * KB_ERR_ARG (a number that does not match, a remote shard, a shard that
 * knows itself by another number), KB_ERR_LOCKED, KB_ERR_IO, KB_ERR_NOMEM
 * or another store error. */
kb_status_t indexer_shards_open(indexer_shards_t *sh, const char *db_path,
                                unsigned want, kb_buf_t *err);

/* The shard that holds the article with this id: a hash of the id, so it
 * is the same in every run. */
unsigned indexer_shard_of(const indexer_shards_t *sh, const char *id);

/* Writes the stub file naming the shards (relative to its folder) into a
 * temporary file and renames it over sh->stub, so that a reader sees the
 * old stub or the new one.  Does nothing for one database.  Returns KB_OK,
 * KB_ERR_IO (message in err), KB_ERR_NOMEM. */
kb_status_t indexer_shards_write_stub(const indexer_shards_t *sh,
                                      kb_buf_t *err);

/* Closes every writer (committing what is outside a transaction) and
 * frees sh's contents.  Accepts NULL. */
void indexer_shards_close(indexer_shards_t *sh);

/* True when path is a regular file and not a single-file database: a
 * Xapian stub file. */
int indexer_is_stub(const char *path);

/* Called for each line of a stub file that names a database: local is
 * the path of a local shard, resolved as Xapian resolves it (relative to
 * the stub's folder), or NULL for any other line (line: "remote
 * HOST:PORT", ...).  Both are valid during the call only.  KB_DONE stops
 * the reading without an error. */
typedef kb_status_t (*indexer_stub_fn)(void *ctx, const char *local,
                                       const char *line);

/* Reads the stub file at path, calling fn for each line that is not empty
 * or a comment.  Returns KB_OK, KB_ERR_IO (message in err), KB_ERR_NOMEM,
 * or fn's error. */
kb_status_t indexer_stub_read(const char *path, indexer_stub_fn fn, void *ctx,
                              kb_buf_t *err);

/* Compacts every database of sh in place (compact.c) when the run wrote
 * at least a quarter of their documents (written: articles added, updated
 * and removed, and snippets written).  Call once everything is committed.
 * Returns KB_OK, or an error with a message naming the database in err
 * (the database is then as it was). */
kb_status_t indexer_compact(indexer_shards_t *sh, uint64_t written,
                            kb_buf_t *err);

/* Work on several threads, handed back in order (pool.c). */
typedef struct indexer_pool indexer_pool_t;

/* Does the work on one item, on the thread numbered worker (0: the
 * driver's, 1 .. jobs - 1: the pool's), whose state the function may use
 * without a lock.  Whatever it has to say goes into the item. */
typedef void (*indexer_work_fn)(void *ctx, unsigned worker, void *item);

/* Starts jobs - 1 threads (none for 0 or 1 job) running fn, with room
 * for depth items in flight.  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t indexer_pool_new(unsigned jobs, size_t depth, indexer_work_fn fn,
                             void *ctx, indexer_pool_t **out);

/* True when depth items are in flight: take one back first. */
int indexer_pool_full(const indexer_pool_t *p);

/* How many items are in flight. */
size_t indexer_pool_pending(const indexer_pool_t *p);

/* Hands over item, which the pool must not be full for; with work 0 it
 * needs nothing done and is only kept in order. */
void indexer_pool_submit(indexer_pool_t *p, void *item, int work);

/* Takes back the oldest item once its work is done, running waiting work
 * on the driver's thread meanwhile; NULL when none is in flight. */
void *indexer_pool_next(indexer_pool_t *p);

/* Lets the running work finish, stops the threads and frees the pool.
 * Items still in it are the caller's to free.  Accepts NULL. */
void indexer_pool_free(indexer_pool_t *p);

#pragma GCC visibility pop

#endif /* KB_INDEXER_INTERNAL_H */
