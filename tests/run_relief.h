/* run_relief.h - for the tests that run the real bin/relief (test_e2e.c,
 * test_faq.c): the binary, the source tree and the seeds, running the
 * binary in a folder, checking runs against a table of run_case_t, and the
 * set-up of main().
 */
#ifndef KB_TESTS_RUN_RELIEF_H
#define KB_TESTS_RUN_RELIEF_H

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

static const char *relief;	/* the binary under test */
static char srcdir[2048];	/* the source tree (the working directory) */
static char seeds[2048];	/* ../shared/seeds, or "" */

typedef struct run {
	int status;		/* exit status, or 128+signal */
	char *out;		/* stdout, NUL-terminated */
	char *err;		/* stderr */
} run_t;

/* The whole file at path, which must exist (to free). */
static char *
slurp(const char *path)
{
	char *buf = read_whole(path, NULL);

	assert_non_null(buf);
	return buf;
}

/* Runs argv (argv[0] is ignored: the binary is $RELIEF) in directory dir
 * with input on stdin, as user nobody when as_nobody. */
static void
run_in(const char *dir, const char *input, int as_nobody, run_t *r,
       const char *const *argv)
{
	char out[4096], err[4096], in[4096];
	const char *args[64];
	size_t n = 0, i;
	pid_t pid;
	int st;

	snprintf(out, sizeof(out), "%s/.stdout", dir);
	snprintf(err, sizeof(err), "%s/.stderr", dir);
	snprintf(in, sizeof(in), "%s/.stdin", dir);
	{
		FILE *f = fopen(in, "wb");

		assert_non_null(f);
		if (input != NULL)
			fputs(input, f);
		fclose(f);
	}
	char copy[4200];

	if (as_nobody) {
		/* The checkout may sit where nobody cannot go (root's home is
		 * 0700), so nobody runs a copy laid out as an installed
		 * relief, with its data beside it, inside dir. */
		char cmd[16384];

		snprintf(copy, sizeof(copy), "%s/.inst/bin/relief", dir);
		snprintf(cmd, sizeof(cmd),
			 "set -e; d='%s/.inst'; mkdir -p \"$d/bin\" "
			 "\"$d/share/relief\"; cp '%s' \"$d/bin/relief\"; "
			 "cp '%s/stopwords/english.txt' \"$d/share/relief/\"; "
			 "cp -R '%s/lexicon' \"$d/share/relief/\"; "
			 "chmod -R a+rX \"$d\"",
			 dir, relief, srcdir, srcdir);
		assert_int_equal(system(cmd), 0);
		args[n++] = "setpriv";
		args[n++] = "--reuid=65534";
		args[n++] = "--regid=65534";
		args[n++] = "--clear-groups";
		args[n++] = copy;
	} else {
		args[n++] = relief;
	}
	for (i = 1; argv[i] != NULL && n < 63; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fi = open(in, O_RDONLY), fo, fe;

		fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (fi < 0 || fo < 0 || fe < 0 || chdir(dir) != 0)
			_exit(127);
		dup2(fi, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		unsetenv("RELIEF_DB");
		unsetenv("RELIEF_FAQ");
		execvp(args[0], (char *const *)args);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = slurp(out);
	r->err = slurp(err);
}

#define RUN(dir, input, r, ...)                                            \
	run_in(dir, input, 0, r, (const char *const[]){ "relief", __VA_ARGS__, \
							NULL })

static void
run_free(run_t *r)
{
	free(r->out);
	free(r->err);
}

/* The number of lines in s. */
static inline size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* One run of relief and what it must do.  Unset fields check nothing. */
typedef struct run_case {
	const char *args[12];	/* the arguments after "relief", to a NULL */
	int as_nobody;		/* run as user nobody (see run_in) */
	int status;		/* the exit status */
	const char *err_has[2];	/* texts stderr holds */
	const char *err_lacks;	/* a text stderr does not hold */
	const char *out_has;	/* a text stdout holds */
	const char *out_is;	/* all of stdout */
	int one_line;		/* stderr is one line, ending in a newline */
	size_t err_below;	/* stderr is shorter than this many bytes */
} run_case_t;

/* Runs c in dir and checks all it says; stderr is printed first when the
 * status, err_has or err_lacks is not as said. */
static inline void
run_check(const char *dir, const run_case_t *c)
{
	const char *argv[14] = { "relief" };
	int as_said;
	run_t r;
	size_t i;

	for (i = 0; i < 12 && c->args[i] != NULL; i++)
		argv[i + 1] = c->args[i];
	run_in(dir, NULL, c->as_nobody, &r, argv);
	as_said = r.status == c->status &&
		  (c->err_lacks == NULL || strstr(r.err, c->err_lacks) == NULL);
	for (i = 0; i < 2 && c->err_has[i] != NULL; i++)
		as_said = as_said && strstr(r.err, c->err_has[i]) != NULL;
	if (!as_said)
		print_error("relief %s ...: status %d, stderr: %s\n",
			    c->args[0], r.status, r.err);
	assert_int_equal(r.status, c->status);
	for (i = 0; i < 2 && c->err_has[i] != NULL; i++)
		assert_non_null(strstr(r.err, c->err_has[i]));
	if (c->err_lacks != NULL)
		assert_null(strstr(r.err, c->err_lacks));
	if (c->out_has != NULL)
		assert_non_null(strstr(r.out, c->out_has));
	if (c->out_is != NULL)
		assert_string_equal(r.out, c->out_is);
	if (c->one_line) {
		assert_int_equal(count_lines(r.err), 1);
		assert_ptr_equal(strchr(r.err, '\n'),
				 r.err + strlen(r.err) - 1);
	}
	if (c->err_below > 0)
		assert_true(strlen(r.err) < c->err_below);
	run_free(&r);
}

/* run_check() of the n cases of c, in order. */
static inline void
run_checks(const char *dir, const run_case_t *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		run_check(dir, &c[i]);
}

/* The set-up of main() for test prog: the source tree is the working
 * directory, the binary is $RELIEF (an absolute path), the seeds are
 * $RELIEF_SHARED/seeds or ../shared/seeds ("" and a note when absent).
 * Returns 0, or 1 (with a message) when the binary is not named. */
static int
run_relief_init(const char *prog)
{
	const char *shared = getenv("RELIEF_SHARED");

	if (getcwd(srcdir, sizeof(srcdir)) == NULL)
		return 1;
	relief = getenv("RELIEF");
	if (relief == NULL || relief[0] != '/') {
		fprintf(stderr, "%s: set RELIEF to the absolute path of "
				"the relief binary\n", prog);
		return 1;
	}
	snprintf(seeds, sizeof(seeds), "%s/seeds",
		 shared ? shared : "../shared");
	if (seeds[0] != '/') {
		char *abs = realpath(seeds, NULL);

		snprintf(seeds, sizeof(seeds), "%s", abs ? abs : "");
		free(abs);
	}
	if (seeds[0] == '\0' || access(seeds, R_OK) != 0) {
		fprintf(stderr, "%s: seeds absent; seed tests skip\n", prog);
		seeds[0] = '\0';
	}
	return 0;
}

#endif /* KB_TESTS_RUN_RELIEF_H */
