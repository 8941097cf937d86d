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
 * removed before a new one is written. */
#define COMPACT_SUFFIX ".compacting"

static kb_status_t
compact_one(kb_store_t *st, const char *path, kb_buf_t *err)
{
	kb_buf_t tmp;
	kb_status_t rc;

	kb_buf_init(&tmp);
	if (kb_buf_printf(&tmp, "%s%s", path, COMPACT_SUFFIX) != KB_OK) {
		rc = tmp.err;
		goto done;
	}
	if (kb_path_remove_folder(tmp.data) != 0) {
		kb_buf_printf(err, "%s: cannot remove a copy left behind: %s",
		              tmp.data, strerror(errno));
		rc = KB_ERR_IO;
		goto done;
	}
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
