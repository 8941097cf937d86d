/* shards.c - the writers of one run: one database, or N shards behind a
 * Xapian stub file.
 *
 * A knowledge base indexed with --shards N is a stub file at the database
 * path (one "auto PATH" line per shard, the format Xapian's Database
 * constructor reads) and the shards in the folder PATH.shards beside it.
 * Searching needs nothing of ours: Xapian opens the stub as one database
 * and merges the shards' statistics, so the ranking is that of one
 * database.  Writing is ours: an article goes, snippets and all, to the
 * shard a stable hash of its id names, so that re-indexing it replaces it
 * in that shard and pruning it deletes it there.  Each shard is a
 * WritableDatabase of its own, with its own lock, so a second writer is
 * refused as with one database.
 *
 * Every shard records "i/N" under KB_META_SHARD: a stub whose lines were
 * reordered, or shards from another run, would send articles to the wrong
 * shard, and this is refused when the writers open.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/kb_hash.h"
#include "../util/kb_schema.h"
#include "indexer_internal.h"

/* The first bytes of a glass database in one file (a FAQ bundle, a
 * compacted copy): such a file is a database, not a stub. */
static const char glass_magic[] = "\x0f\x0dXapian Glass";

/* path joined onto the folder of the stub file stub, as Xapian resolves
 * the relative paths of a stub; an absolute path is copied. */
static char *
resolve(const char *stub, const char *path)
{
	const char *slash = strrchr(stub, '/');
	kb_buf_t b;

	kb_buf_init(&b);
	if (path[0] != '/' && slash != NULL)
		kb_buf_append(&b, stub, (size_t)(slash - stub) + 1);
	kb_buf_puts(&b, path);
	return kb_buf_detach(&b);
}

int
indexer_is_stub(const char *path)
{
	char head[sizeof(glass_magic) - 1];
	struct stat st;
	FILE *f;
	size_t n;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	f = fopen(path, "rb");
	if (f == NULL)
		return 0;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return !(n == sizeof(head) && memcmp(head, glass_magic, n) == 0);
}

kb_status_t
indexer_stub_read(const char *path, indexer_stub_fn fn, void *ctx,
                  kb_buf_t *err)
{
	kb_buf_t text;
	kb_status_t rc;
	char *line, *next, *local;
	unsigned lineno = 0;

	kb_buf_init(&text);
	rc = kb_buf_read_file(&text, path, 1u << 20);
	if (rc != KB_OK) {
		kb_buf_printf(err, "%s: cannot read the stub file: %s", path,
		              rc == KB_ERR_IO ? strerror(errno)
		                              : kb_status_str(rc));
		kb_buf_free(&text);
		return rc;
	}
	for (line = text.data; rc == KB_OK && line != NULL && *line != '\0';
	     line = next) {
		char *sp;

		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		sp = strchr(line, ' ');
		if (sp != NULL && sp[1] != '\0' &&
		    (((size_t)(sp - line) == 4 && memcmp(line, "auto", 4) == 0) ||
		     ((size_t)(sp - line) == 5 &&
		      memcmp(line, "glass", 5) == 0))) {
			local = resolve(path, sp + 1);
			if (local == NULL) {
				rc = KB_ERR_NOMEM;
				break;
			}
			rc = fn(ctx, local, NULL);
			free(local);
		} else {
			/* A remote shard ("remote HOST:PORT"), or a line
			 * Xapian reads and we need not. */
			rc = fn(ctx, NULL, line);
		}
		if (rc != KB_OK && rc != KB_DONE && err->len == 0)
			kb_buf_printf(err, "%s:%u: %s", path, lineno,
			              kb_status_str(rc));
	}
	kb_buf_free(&text);
	return rc == KB_DONE ? KB_OK : rc;
}

/* What indexer_stub_read() found in an existing stub. */
typedef struct entries {
	char **path;		/* the local shards, resolved */
	unsigned n;
	const char *remote;	/* the first line that is not a local shard
				   (borrowed for the callback only) */
	kb_buf_t *err;
	const char *stub;
} entries_t;

/* indexer_stub_fn: collects local shards; refuses any other line, since a
 * remote shard is indexed on its own machine. */
static kb_status_t
collect_entry(void *ctx, const char *local, const char *line)
{
	entries_t *e = ctx;
	char **p;

	if (local == NULL) {
		kb_buf_printf(e->err,
		              "%s: '%s' is not a local shard; index each "
		              "remote shard on its own machine",
		              e->stub, line);
		return KB_ERR_ARG;
	}
	p = realloc(e->path, (e->n + 1) * sizeof(*p));
	if (p == NULL)
		return KB_ERR_NOMEM;
	e->path = p;
	e->path[e->n] = strdup(local);
	if (e->path[e->n] == NULL)
		return KB_ERR_NOMEM;
	e->n++;
	return KB_OK;
}

/* Fills sh->path with n new shard paths, PATH.shards/0 ... and the folder
 * they live in.  Returns KB_OK, KB_ERR_IO (message in err), KB_ERR_NOMEM. */
static kb_status_t
new_layout(indexer_shards_t *sh, const char *db_path, unsigned n,
           kb_buf_t *err)
{
	kb_buf_t b;
	unsigned i;

	kb_buf_init(&b);
	kb_buf_printf(&b, "%s.shards", db_path);
	if (b.err != KB_OK)
		return KB_ERR_NOMEM;
	if (mkdir(b.data, 0777) != 0 && errno != EEXIST) {
		kb_buf_printf(err, "%s: cannot create: %s", b.data,
		              strerror(errno));
		kb_buf_free(&b);
		return KB_ERR_IO;
	}
	sh->path = calloc(n, sizeof(*sh->path));
	if (sh->path == NULL) {
		kb_buf_free(&b);
		return KB_ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		kb_buf_reset(&b);
		kb_buf_printf(&b, "%s.shards/%u", db_path, i);
		sh->path[i] = kb_buf_detach(&b);
		if (sh->path[i] == NULL)
			return KB_ERR_NOMEM;
		sh->n = i + 1;
	}
	kb_buf_free(&b);
	return KB_OK;
}

/* Checks (or, for a new shard, leaves to the run to record) that shard i
 * of sh knows itself as "i/N".  Returns KB_OK or KB_ERR_ARG (message in
 * err). */
static kb_status_t
check_shard(indexer_shards_t *sh, unsigned i, kb_buf_t *err)
{
	char want[32], *have = NULL;
	size_t len;
	kb_status_t rc;

	snprintf(want, sizeof(want), "%u/%u", i, sh->n);
	rc = kb_store_get_metadata(sh->store[i], KB_META_SHARD, &have, &len);
	if (rc == KB_ERR_NOT_FOUND)
		return KB_OK;
	if (rc == KB_OK && strcmp(have, want) != 0) {
		kb_buf_printf(err,
		              "%s: shard %s listed as shard %s; the stub "
		              "does not match its shards",
		              sh->path[i], have, want);
		rc = KB_ERR_ARG;
	} else if (rc != KB_OK) {
		const char *m = kb_store_errmsg(sh->store[i]);

		kb_buf_printf(err, "%s: %s", sh->path[i],
		              m ? m : kb_status_str(rc));
	}
	free(have);
	return rc;
}

/* Opens every shard of sh for writing, creating the missing ones.
 * Returns KB_OK or the store's error (message in err). */
static kb_status_t
open_stores(indexer_shards_t *sh, kb_buf_t *err)
{
	kb_status_t rc = KB_OK;
	unsigned i;

	sh->store = calloc(sh->n, sizeof(*sh->store));
	if (sh->store == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; rc == KB_OK && i < sh->n; i++) {
		char *serr = NULL;

		rc = kb_store_open(sh->path[i], KB_STORE_CREATE, &sh->store[i],
		                   &serr);
		if (rc != KB_OK)
			kb_buf_puts(err, serr ? serr : kb_status_str(rc));
		free(serr);
	}
	return rc;
}

kb_status_t
indexer_shards_open(indexer_shards_t *sh, const char *db_path,
                    unsigned want, kb_buf_t *err)
{
	struct stat st;
	entries_t e;
	kb_status_t rc = KB_OK;
	unsigned i;

	memset(sh, 0, sizeof(*sh));
	memset(&e, 0, sizeof(e));
	if (stat(db_path, &st) == 0 && S_ISREG(st.st_mode) &&
	    indexer_is_stub(db_path)) {
		e.err = err;
		e.stub = db_path;
		rc = indexer_stub_read(db_path, collect_entry, &e, err);
		sh->path = e.path;
		sh->n = e.n;
		if (rc == KB_OK && sh->n == 0) {
			kb_buf_printf(err, "%s: a stub file with no shards",
			              db_path);
			rc = KB_ERR_ARG;
		}
		if (rc == KB_OK && want != 0 && want != sh->n) {
			kb_buf_printf(err,
			              "%s: has %u shards, not %u; index into "
			              "a new path to change the number",
			              db_path, sh->n, want);
			rc = KB_ERR_ARG;
		}
	} else if (want > 1) {
		if (stat(db_path, &st) == 0) {
			kb_buf_printf(err,
			              "%s: is one database, not a stub of "
			              "shards; index into a new path for "
			              "--shards %u",
			              db_path, want);
			return KB_ERR_ARG;
		}
		rc = new_layout(sh, db_path, want, err);
	} else {
		sh->path = calloc(1, sizeof(*sh->path));
		if (sh->path == NULL)
			return KB_ERR_NOMEM;
		sh->path[0] = strdup(db_path);
		if (sh->path[0] == NULL)
			return KB_ERR_NOMEM;
		sh->n = 1;
		return open_stores(sh, err);
	}
	if (rc == KB_OK) {
		sh->stub = strdup(db_path);
		if (sh->stub == NULL)
			rc = KB_ERR_NOMEM;
	}
	if (rc == KB_OK)
		rc = open_stores(sh, err);
	for (i = 0; rc == KB_OK && i < sh->n; i++)
		rc = check_shard(sh, i, err);
	return rc;
}

unsigned
indexer_shard_of(const indexer_shards_t *sh, const char *id)
{
	uint64_t h;

	if (sh->n <= 1)
		return 0;
	/* FNV-1a's low bits mix poorly; fold the high half in. */
	h = kb_hash64(id, strlen(id));
	return (unsigned)((h ^ (h >> 32)) % sh->n);
}

kb_status_t
indexer_shards_write_stub(const indexer_shards_t *sh, kb_buf_t *err)
{
	const char *base;
	kb_buf_t b, tmp;
	kb_status_t rc = KB_OK;
	unsigned i;
	FILE *f;

	if (sh->stub == NULL)
		return KB_OK;
	kb_buf_init(&b);
	kb_buf_init(&tmp);
	kb_buf_printf(&b,
	              "# relief knowledge base: %u shards, written by "
	              "relief index.\n# Line i is shard i: keep the order. "
	              "A line may be \"remote HOST:PORT\" for a shard\n# "
	              "served by xapian-tcpsrv.\n",
	              sh->n);
	for (i = 0; i < sh->n; i++) {
		/* Relative to the stub's folder, so the pair can move. */
		base = strrchr(sh->stub, '/');
		base = base ? base + 1 : sh->stub;
		if (strncmp(sh->path[i], sh->stub, (size_t)(base - sh->stub)) ==
		    0)
			kb_buf_printf(&b, "auto %s\n",
			              sh->path[i] + (base - sh->stub));
		else
			kb_buf_printf(&b, "auto %s\n", sh->path[i]);
	}
	kb_buf_printf(&tmp, "%s.tmp%ld", sh->stub, (long)getpid());
	if (b.err != KB_OK || tmp.err != KB_OK) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	/* Written beside it and renamed over it: a reader sees the old stub
	 * or the new one, never half of one. */
	f = fopen(tmp.data, "w");
	if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		kb_buf_printf(err, "%s: cannot write: %s", tmp.data,
		              strerror(errno));
		if (f != NULL)
			fclose(f);
		unlink(tmp.data);
		rc = KB_ERR_IO;
		goto done;
	}
	if (fclose(f) != 0 || rename(tmp.data, sh->stub) != 0) {
		kb_buf_printf(err, "%s: cannot write: %s", sh->stub,
		              strerror(errno));
		unlink(tmp.data);
		rc = KB_ERR_IO;
	}
done:
	kb_buf_free(&b);
	kb_buf_free(&tmp);
	return rc;
}

void
indexer_shards_close(indexer_shards_t *sh)
{
	unsigned i;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->n; i++) {
		if (sh->store != NULL)
			kb_store_close(sh->store[i]);
		free(sh->path[i]);
	}
	free(sh->store);
	free(sh->path);
	free(sh->stub);
	memset(sh, 0, sizeof(*sh));
}
