/* walk.c - finds the article files under a directory.
 *
 * Entries are visited in byte order, so runs are reproducible.  Hidden
 * entries (".name") are skipped without a word: they are editor backups,
 * version-control folders and the like.  Symbolic links to files are
 * followed; links to directories are not, which rules out cycles.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../util/kb_array.h"
#include "indexer_internal.h"

typedef struct walk {
	const char *root;
	size_t root_len;	/* strlen of the walked path + 1 */
	kb_file_t **files;
	size_t *nfiles;
	size_t *cap;
	kb_warn_fn warn;
	void *warn_ctx;
	unsigned *warnings;
} walk_t;

static void
warn(walk_t *w, const char *path, const char *why)
{
	char msg[1024];

	(*w->warnings)++;
	if (w->warn != NULL) {
		snprintf(msg, sizeof(msg), "%s: %s", path, why);
		w->warn(w->warn_ctx, msg);
	}
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Article files: plain text, and HTML pages. */
static int
is_article_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && strcasecmp(name + n - 4, ".txt") == 0) ||
	       indexer_is_html_name(name);
}

static kb_status_t
add_file(walk_t *w, const char *path, const struct stat *st)
{
	kb_file_t *f;

	if (kb_array_grow((void **)w->files, w->cap, *w->nfiles,
	                  sizeof(**w->files), 256) != KB_OK)
		return KB_ERR_NOMEM;
	f = &(*w->files)[*w->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	/* The id is the path below the walked directory. */
	f->id = strdup(path + w->root_len);
	if (f->path == NULL || f->id == NULL) {
		free(f->path);
		free(f->id);
		return KB_ERR_NOMEM;
	}
	f->root = w->root;
	f->size = (uint64_t)st->st_size;
	f->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
		      st->st_mtim.tv_nsec;
	(*w->nfiles)++;
	return KB_OK;
}

static kb_status_t
walk(walk_t *w, const char *dir, int depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	kb_status_t rc = KB_OK;

	if (depth > KB_LIMIT_DIR_DEPTH) {
		char why[80];

		snprintf(why, sizeof(why),
			 "folders nested more than %d deep; not descending",
			 KB_LIMIT_DIR_DEPTH);
		warn(w, dir, why);
		return KB_OK;
	}
	d = opendir(dir);
	if (d == NULL) {
		warn(w, dir, strerror(errno));
		return KB_OK;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (kb_array_grow((void **)&names, &cap, n,
				  sizeof(*names), 64) != KB_OK) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
		names[n] = strdup(de->d_name);
		if (names[n] == NULL) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == KB_OK; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat lst, st;

		if (path == NULL) {
			rc = KB_ERR_NOMEM;
			break;
		}
		snprintf(path, len, "%s/%s", dir, names[i]);
		if (lstat(path, &lst) != 0) {
			warn(w, path, strerror(errno));
		} else if (S_ISDIR(lst.st_mode)) {
			rc = walk(w, path, depth + 1);
		} else if (!is_article_name(names[i])) {
			/* Not an article file: ignored silently. */
		} else if (stat(path, &st) != 0) {
			warn(w, path, strerror(errno));
		} else if (!S_ISREG(st.st_mode)) {
			warn(w, path, "not a regular file");
		} else if (st.st_size == 0) {
			warn(w, path, "empty file");
		} else {
			rc = add_file(w, path, &st);
		}
		free(path);
	}
done:
	kb_strv_free(names, n);
	closedir(d);
	return rc;
}

kb_status_t
indexer_walk_dir(const char *path, const char *root, kb_file_t **files,
                 size_t *nfiles, size_t *cap, kb_warn_fn warnfn, void *warn_ctx,
                 unsigned *warnings)
{
	walk_t w;
	size_t len = strlen(path);
	char *dir = strdup(path);
	kb_status_t rc;

	if (dir == NULL)
		return KB_ERR_NOMEM;
	/* "corpus/" and "corpus" give the same ids. */
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	w = (walk_t){ .root = root, .root_len = len + 1, .files = files,
		       .nfiles = nfiles, .cap = cap, .warn = warnfn,
		       .warn_ctx = warn_ctx, .warnings = warnings };
	rc = walk(&w, dir, 0);
	free(dir);
	return rc;
}
