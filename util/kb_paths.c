/* kb_paths.c - finding relief's data files; see kb_paths.h. */
#define _GNU_SOURCE	/* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb_config.h"
#include "kb_paths.h"

#ifndef KB_DATADIR
#define KB_DATADIR "/usr/local/share/relief"
#endif
/* The source tree: the generated header's (make SRCDIR=), else the
 * compiler's -D. */
#ifdef KB_DATA_SRCDIR
#undef KB_SRCDIR
#define KB_SRCDIR KB_DATA_SRCDIR
#endif
#ifndef KB_SRCDIR
#define KB_SRCDIR "."
#endif

int
kb_path_exe_dir(char *out, size_t cap)
{
	char buf[PATH_MAX];
	ssize_t n;
	char *slash;

	if (cap > 0)
		out[0] = '\0';
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL || (size_t)(slash - buf) + 1 > cap)
		return -1;
	*slash = '\0';
	memcpy(out, buf, (size_t)(slash - buf) + 1);
	return 0;
}

/* True when path names what kind asks for. */
static int
usable(const char *path, kb_path_kind_t kind)
{
	return access(path, kind == KB_PATH_DIR ? R_OK | X_OK : R_OK) == 0;
}

/* True when folder dir lies inside the source tree (or is it). */
static int
inside_source_tree(const char *dir)
{
	char src[PATH_MAX], here[PATH_MAX];
	size_t n;

	if (realpath(KB_SRCDIR, src) == NULL || realpath(dir, here) == NULL)
		return 0;
	n = strlen(src);
	return strncmp(here, src, n) == 0 &&
	       (here[n] == '\0' || here[n] == '/');
}

/* Writes "a/b" into out; returns 0 when it fits and names something
 * usable, else -1 with out "". */
static int
try_path(char *out, size_t cap, kb_path_kind_t kind, const char *a,
	 const char *b)
{
	int n = snprintf(out, cap, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= cap || !usable(out, kind)) {
		if (cap > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

int
kb_path_find(const char *installed, const char *source, kb_path_kind_t kind,
	     char *out, size_t cap)
{
	char exe[PATH_MAX], share[PATH_MAX + 32];
	int have_exe = kb_path_exe_dir(exe, sizeof(exe)) == 0;

	if (have_exe) {
		/* EXE/../share/relief, written without the "..". */
		const char *slash = strrchr(exe, '/');
		int plen = slash != NULL ? (int)(slash - exe) : 0;

		snprintf(share, sizeof(share), "%.*s/share/relief", plen, exe);
		if (try_path(out, cap, kind, share, installed) == 0)
			return 0;
		/* EXE/../../share/relief: relief.cgi in PREFIX/lib/relief. */
		if (plen > 0 && strcmp(exe + plen, "/relief") == 0 &&
		    plen >= 4 && strncmp(exe + plen - 4, "/lib", 4) == 0) {
			snprintf(share, sizeof(share), "%.*s/share/relief",
				 plen - 4, exe);
			if (try_path(out, cap, kind, share, installed) == 0)
				return 0;
		}
		if (inside_source_tree(exe) &&
		    try_path(out, cap, kind, KB_SRCDIR, source) == 0)
			return 0;
	}
	if (try_path(out, cap, kind, KB_DATADIR, installed) == 0)
		return 0;
	return try_path(out, cap, kind, KB_SRCDIR, source);
}

int
kb_path_remove_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0, saved = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) != 0 && saved == 0)
			saved = errno;
	}
	closedir(d);
	if (rmdir(dir) != 0) {
		rc = -1;
		if (saved == 0)
			saved = errno;
	}
	if (rc != 0)
		errno = saved;
	return rc;
}

int
kb_path_exchange(const char *a, const char *b)
{
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}
