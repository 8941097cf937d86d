/* kb_paths.h - where an installed or a built relief finds its data.
 *
 * relief's data (the stopword list and the lexicon folder) lives in
 * share/relief beside the bin/ folder of the executable, as installed
 * programs lay it out, so that a tree staged with DESTDIR and moved to its
 * PREFIX works.  The candidates, in order:
 *
 *   1. EXE/../share/relief/NAME, EXE being the folder of the running
 *      executable (/proc/self/exe), or EXE/../../share/relief/NAME when
 *      EXE is PREFIX/lib/relief (where relief.cgi is installed);
 *   2. the source tree's own file, when the executable lives inside the
 *      source tree it was built from (a developer's bin/relief never
 *      reads an older installed copy);
 *   3. PREFIX/share/relief/NAME, the prefix compiled in (make PREFIX=);
 *   4. the source tree's own file.
 *
 * Also two file-system steps a database swap needs: removing a flat folder
 * and exchanging two paths atomically.
 *
 * Pure C, no allocation.
 */
#ifndef KB_PATHS_H
#define KB_PATHS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What kb_path_find looks for. */
typedef enum kb_path_kind {
	KB_PATH_FILE,	/* a readable file */
	KB_PATH_DIR	/* a readable, searchable folder */
} kb_path_kind_t;

/* Finds a data file or folder.  installed is its name under share/relief
 * ("english.txt", "lexicon"), source its path in the source tree
 * ("stopwords/english.txt", "lexicon").  Writes the first candidate that
 * exists into out (cap bytes) and returns 0; returns -1 when none exists
 * or a candidate does not fit (out is then ""). */
int kb_path_find(const char *installed, const char *source,
		 kb_path_kind_t kind, char *out, size_t cap);

/* The folder holding the running executable, written into out; returns
 * 0, or -1 when it cannot be told (out is then ""). */
int kb_path_exe_dir(char *out, size_t cap);

/* Removes the folder dir and the files in it (a Xapian database folder
 * holds no subfolders).  Returns 0, or -1 with errno set; a missing dir is
 * not an error. */
int kb_path_remove_folder(const char *dir);

/* Exchanges the two paths in one step (Linux renameat2 with
 * RENAME_EXCHANGE): whoever opens either path afterwards finds the other's
 * entry, and nobody ever finds neither.  Returns 0, or -1 with errno set
 * (EINVAL or ENOSYS where the file system or kernel cannot do it). */
int kb_path_exchange(const char *a, const char *b);

#ifdef __cplusplus
}
#endif

#endif /* KB_PATHS_H */
