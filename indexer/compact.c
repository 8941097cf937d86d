/* compact.c - each database of a run rewritten compactly at its end.
 *
 * Xapian's B-trees are left about half full when batches of new documents
 * land between older keys, as every commit of a build does; a compacted
 * copy has every block full and reads faster (MedQuAD: 150 MB -> 92 MB, in
 * under a second).  The copy is written beside the database and exchanged
 * with it in one step (kb_path_exchange), so that a reader or a kill -9
 * finds the old database or the new one, never neither; the old one is
 * then removed.  Where the file system cannot exchange two folders, the
 * database simply stays as it was written.
 */
#include <errno.h>
#include <string.h>

#include "../util/kb_paths.h"
#include "indexer_internal.h"

/* The copy's name beside the database.  A copy left by a killed run is
 * removed at the end of the next run. */
#define COMPACT_SUFFIX ".compacting"

/* The copy's name beside path, in *tmp. */
static kb_status_t
copy_name(const char *path, kb_buf_t *tmp)
{
	kb_buf_init(tmp);
	return kb_buf_printf(tmp, "%s%s", path, COMPACT_SUFFIX);
}

/* Removes the copy a killed run left beside path: the compacted copy
 * it was writing, or, when it was killed between the exchange and the
 * removal, the old database. */
static kb_status_t
remove_left_behind(const char *path, kb_buf_t *err)
{
	kb_buf_t tmp;
	kb_status_t rc = copy_name(path, &tmp);

	if (rc == KB_OK && kb_path_remove_folder(tmp.data) != 0) {
		kb_buf_printf(err, "%s: cannot remove a copy left behind: %s",
		              tmp.data, strerror(errno));
		rc = KB_ERR_IO;
	}
	kb_buf_free(&tmp);
	return rc;
}

static kb_status_t
compact_one(kb_store_t *st, const char *path, kb_buf_t *err)
{
	kb_buf_t tmp;
	kb_status_t rc = copy_name(path, &tmp);

	if (rc != KB_OK)
		goto done;
	rc = kb_store_compact(st, tmp.data, 0);
	if (rc != KB_OK) {
		kb_buf_printf(err, "%s: compacting: %s", path,
		              kb_store_errmsg(st) ? kb_store_errmsg(st)
		                                  : kb_status_str(rc));
		(void)kb_path_remove_folder(tmp.data);
		goto done;
	}
	if (kb_path_exchange(tmp.data, path) != 0 && errno != EINVAL &&
	    errno != ENOSYS) {
		kb_buf_printf(err, "%s: cannot put the compacted copy in "
		              "place: %s", path, strerror(errno));
		rc = KB_ERR_IO;
	}
	/* After the exchange the old database, else the unused copy. */
	(void)kb_path_remove_folder(tmp.data);
done:
	kb_buf_free(&tmp);
	return rc;
}

kb_status_t
indexer_compact(indexer_shards_t *sh, uint64_t written, kb_buf_t *err)
{
	uint64_t docs = 0, n;
	unsigned s;
	kb_status_t rc;

	/* Whether or not this run compacts, a copy a killed run left is
	 * removed (the writer's lock makes it ours). */
	for (s = 0; s < sh->n; s++) {
		rc = remove_left_behind(sh->path[s], err);
		if (rc != KB_OK)
			return rc;
	}
	for (s = 0; s < sh->n; s++) {
		rc = kb_store_doc_count(sh->store[s], &n);
		if (rc != KB_OK)
			return KB_OK;	/* nothing lost: it stays as written */
		docs += n;
	}
	/* Worth its cost (a read and a write of the whole database) when
	 * the run wrote a good share of it: a build, not a small update. */
	if (docs == 0 || written * 4 < docs)
		return KB_OK;
	for (s = 0; s < sh->n; s++) {
		rc = compact_one(sh->store[s], sh->path[s], err);
		if (rc != KB_OK)
			return rc;
	}
	return KB_OK;
}
