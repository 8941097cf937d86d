/* stats.c - what "relief stats" reports about a database. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../store/kb_store.h"
#include "../util/kb_schema.h"
#include "indexer_internal.h"

/* kb_term_fn: counts terms. */
static kb_status_t
count_term(void *ctx, const char *term, size_t len, uint64_t tf)
{
	(void)term;
	(void)len;
	(void)tf;
	++*(uint64_t *)ctx;
	return KB_OK;
}

static uint64_t disk_size(const char *path);

/* indexer_stub_fn: adds up the sizes of a stub's local shards (a remote
 * one's disk is not ours to measure). */
static kb_status_t
add_shard_size(void *ctx, const char *local, const char *line)
{
	(void)line;
	if (local != NULL && !indexer_is_stub(local))
		*(uint64_t *)ctx += disk_size(local);
	return KB_OK;
}

/* Sum of the sizes of the files in dir (a Xapian database is one flat
 * directory), of the file itself for a single-file database, and of the
 * local shards for a stub file. */
static uint64_t
disk_size(const char *path)
{
	struct stat st;
	struct dirent *de;
	uint64_t total = 0;
	DIR *d;

	if (stat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode) && indexer_is_stub(path)) {
		kb_buf_t err;

		kb_buf_init(&err);
		(void)indexer_stub_read(path, add_shard_size, &total, &err);
		kb_buf_free(&err);
		return total;
	}
	if (!S_ISDIR(st.st_mode))
		return (uint64_t)st.st_size;
	d = opendir(path);
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char p[4096];

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, de->d_name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
	}
	closedir(d);
	return total;
}

kb_status_t
kb_db_stats(const char *path, kb_db_stats_t *out, char **errmsg)
{
	kb_store_t *st = NULL;
	kb_status_t rc;
	const char *what;

	memset(out, 0, sizeof(*out));
	if (errmsg != NULL)
		*errmsg = NULL;
	rc = kb_store_open(path, KB_STORE_READ, &st, errmsg);
	if (rc != KB_OK)
		return rc;
	what = "counting articles";
	rc = kb_store_term_freq(st, KB_PREFIX_KIND KB_KIND_ARTICLE,
				strlen(KB_PREFIX_KIND KB_KIND_ARTICLE),
				&out->articles);
	if (rc == KB_OK)
		rc = kb_store_term_freq(st, KB_PREFIX_KIND KB_KIND_SNIPPET,
					strlen(KB_PREFIX_KIND KB_KIND_SNIPPET),
					&out->snippets);
	if (rc == KB_OK)
		rc = kb_store_doc_count(st, &out->documents);
	if (rc == KB_OK) {
		what = "counting terms";
		rc = kb_store_terms(st, "", 0, count_term, &out->terms);
	}
	if (rc != KB_OK && errmsg != NULL) {
		const char *m = kb_store_errmsg(st);
		size_t n = strlen(path) + strlen(what) + 8 +
			   strlen(m ? m : kb_status_str(rc));

		*errmsg = malloc(n);
		if (*errmsg != NULL)
			snprintf(*errmsg, n, "%s: %s: %s", path, what,
				 m ? m : kb_status_str(rc));
	}
	out->bytes = disk_size(path);
	kb_store_close(st);
	return rc;
}
