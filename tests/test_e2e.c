/* test_e2e.c - end-to-end tests: the real bin/relief on real files.
 *
 * Each test runs the binary named by $RELIEF (as `make check` sets it) in a
 * fresh temporary directory and checks its exit status, its output and the
 * database it leaves behind.  Tests that need ../shared/seeds skip cleanly
 * when it is absent.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_relief.h"

static void
rm_rf(const char *dir)
{
	assert_int_equal(scratch_remove(dir), 0);
}

/* A fresh directory with a copy of the seeds in seeds/. */
static int
setup(void **state)
{
	char *dir = strdup("/tmp/relief-e2e-XXXXXX");

	if (dir == NULL || mkdtemp(dir) == NULL)
		return -1;
	chmod(dir, 0777);
	*state = dir;
	return 0;
}

static int
teardown(void **state)
{
	rm_rf(*state);
	free(*state);
	return 0;
}

static void
need_seeds(void)
{
	if (seeds[0] == '\0')
		skip();
}

/* Runs "relief index --db <db> <files...>" in dir, which must succeed. */
#define INDEX_OK(dir, db, ...)                                             \
	index_ok(dir, (const char *const[]){ "relief", "index", "--db", db, \
					     __VA_ARGS__, NULL })

static void
index_ok(const char *dir, const char *const *argv)
{
	run_t r;

	run_in(dir, NULL, 0, &r, argv);
	if (r.status != 0)
		print_error("stderr: %s\n", r.err);
	assert_int_equal(r.status, 0);
	run_free(&r);
}

/* Indexes the seeds into dir/relief.db. */
static void
index_seeds(const char *dir)
{
	run_t r;

	RUN(dir, NULL, &r, "index", "--db", "relief.db", seeds);
	if (r.status != 0)
		print_error("stderr: %s\n", r.err);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "5 added"));
	run_free(&r);
}

/* Runs a JSON query and returns the parsed answer. */
static json_t *
query_json(const char *dir, const char *q)
{
	run_t r;
	json_t *o;

	RUN(dir, NULL, &r, "query", "--db", "relief.db", "--format", "json",
	    q);
	if (r.status != 0)
		print_error("stderr: %s\n", r.err);
	assert_int_equal(r.status, 0);
	o = json_loads(r.out, 0, NULL);
	assert_non_null(o);
	run_free(&r);
	return o;
}

static const char *
top_source(json_t *ans)
{
	json_t *first = json_array_get(json_object_get(ans, "results"), 0);

	assert_non_null(first);
	return json_string_value(json_object_get(first, "source"));
}

static void
test_running_back_pain_ranks_running_seed_first(void **state)
{
	json_t *ans;

	need_seeds();
	index_seeds(*state);
	ans = query_json(*state, "running back pain");
	assert_string_equal(top_source(ans), "002_1a9c42e7176f5fbb.txt");
	json_decref(ans);
}

static void
test_stiff_on_waking_ranks_sleeping_seed_first(void **state)
{
	static const char *const questions[] = {
		"waking up with a stiff lower back",
		"my lower back is stiff when I wake up",
	};
	size_t i;

	need_seeds();
	index_seeds(*state);
	for (i = 0; i < 2; i++) {
		json_t *ans = query_json(*state, questions[i]);

		assert_string_equal(top_source(ans),
				    "001_ba26f8d0bf6164d4.txt");
		json_decref(ans);
	}
}

/* The JSON shape is documented; every highlight must cover a word of the
 * snippet that the question asked for. */
static void
test_json_results_have_documented_fields_and_true_highlights(void **state)
{
	json_t *ans, *results, *r;
	size_t i, j;

	need_seeds();
	index_seeds(*state);
	ans = query_json(*state, "running back pain");
	assert_string_equal(json_string_value(json_object_get(ans, "query")),
			    "running back pain");
	assert_true(json_integer_value(json_object_get(ans, "total")) > 0);
	results = json_object_get(ans, "results");
	assert_true(json_array_size(results) > 0);
	json_array_foreach(results, i, r) {
		const char *snip =
			json_string_value(json_object_get(r, "snippet"));
		json_t *hl = json_object_get(r, "highlights"), *h;

		assert_int_equal(json_integer_value(json_object_get(r, "rank")),
				 i + 1);
		assert_true(json_is_real(json_object_get(r, "score")));
		assert_non_null(json_string_value(json_object_get(r, "title")));
		assert_non_null(snip);
		assert_true(json_array_size(hl) > 0);
		/* Every highlight is a whole word of the snippet, and at least
		 * one is a word of the question (others may be synonyms). */
		{
			int own = 0;

			json_array_foreach(hl, j, h) {
				size_t st = (size_t)json_integer_value(
					json_array_get(h, 0));
				size_t n = (size_t)json_integer_value(
					json_array_get(h, 1));

				assert_true(n > 0 && st + n <= strlen(snip));
				assert_true(st == 0 || !isalnum((unsigned char)
								snip[st - 1]));
				assert_false(isalnum((unsigned char)snip[st + n]));
				if (strncasecmp(snip + st, "run", 3) == 0 ||
				    strncasecmp(snip + st, "back", 4) == 0 ||
				    strncasecmp(snip + st, "pain", 4) == 0)
					own = 1;
			}
			assert_true(own);
		}
	}
	json_decref(ans);
}

static void
test_reindex_unchanged_adds_and_updates_nothing(void **state)
{
	run_t r;

	need_seeds();
	index_seeds(*state);
	RUN(*state, NULL, &r, "index", "--db", "relief.db", seeds);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "0 added, 0 updated, 5 skipped"));
	run_free(&r);
	RUN(*state, NULL, &r, "stats", "--db", "relief.db", "--format",
	    "json");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"articles\":5"));
	run_free(&r);
}

static void
test_changed_file_is_replaced_and_prune_removes_deleted(void **state)
{
	const char *dir = *state;
	char docs[4096];
	run_t r;
	json_t *ans;

	snprintf(docs, sizeof(docs), "%s/docs", dir);
	assert_int_equal(mkdir(docs, 0755), 0);
	write_file(docs, "a.txt", "Knee pain\n\nIce the knee.\n", 25);
	write_file(docs, "b.txt", "Neck pain\n\nTurn the head slowly.\n", 33);
	RUN(dir, NULL, &r, "index", "--db", "relief.db", "docs");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "2 added"));
	run_free(&r);
	/* Change a.txt (another size, so the change is seen at once). */
	write_file(docs, "a.txt", "Knee pain\n\nRest the knee and elevate.\n",
		   38);
	RUN(dir, NULL, &r, "index", "--db", "relief.db", "docs");
	assert_non_null(strstr(r.err, "0 added, 1 updated, 1 skipped"));
	run_free(&r);
	ans = query_json(dir, "elevate");
	assert_string_equal(top_source(ans), "a.txt");
	json_decref(ans);
	ans = query_json(dir, "ice");
	assert_int_equal(json_array_size(json_object_get(ans, "results")), 0);
	json_decref(ans);
	/* Delete b.txt: without --prune it stays, with it it goes. */
	snprintf(docs, sizeof(docs), "%s/docs/b.txt", dir);
	assert_int_equal(unlink(docs), 0);
	RUN(dir, NULL, &r, "index", "--db", "relief.db", "docs");
	assert_non_null(strstr(r.err, "0 removed"));
	run_free(&r);
	RUN(dir, NULL, &r, "index", "--db", "relief.db", "--prune", "docs");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "1 removed"));
	run_free(&r);
	ans = query_json(dir, "neck");
	assert_int_equal(json_array_size(json_object_get(ans, "results")), 0);
	json_decref(ans);
}

/* A bad file named on the command line is an error (exit 1, one line
 * naming it), and what was indexed before stays searchable. */
static void
check_bad_file(const char *dir, const char *name, const void *data,
	       size_t len, const char *why)
{
	run_t r;
	json_t *ans;

	write_file(dir, name, data, len);
	RUN(dir, NULL, &r, "index", "--db", "relief.db", name);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, name));
	if (strstr(r.err, why) == NULL)
		print_error("stderr: %s\n", r.err);
	assert_non_null(strstr(r.err, why));
	run_free(&r);
	RUN(dir, NULL, &r, "stats", "--db", "relief.db", "--format", "json");
	assert_non_null(strstr(r.out, "\"articles\":5"));
	run_free(&r);
	ans = query_json(dir, "running back pain");
	assert_string_equal(top_source(ans), "002_1a9c42e7176f5fbb.txt");
	json_decref(ans);
}

static void
test_bad_files_are_refused_and_database_kept(void **state)
{
	static const char binary[] = "PK\x03\x04\x00\x00\x08\x00pain";
	char *big;
	size_t n = 10u << 20, i;

	need_seeds();
	index_seeds(*state);
	check_bad_file(*state, "empty.txt", "", 0, "empty");
	check_bad_file(*state, "binary.txt", binary, sizeof(binary) - 1,
		       "binary");
	/* 10 MB on one line. */
	big = malloc(n);
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = i % 7 == 6 ? ' ' : 'a';
	check_bad_file(*state, "oneline.txt", big, n, "longer than");
	free(big);
}

static void
test_invalid_utf8_is_repaired_with_a_warning(void **state)
{
	static const char text[] = "Back pain\n\nStretch the hamstrings "
				   "caf\xe9 \xff\xfe daily.\n";
	run_t r;
	json_t *ans;
	const char *snip;

	write_file(*state, "latin1.txt", text, sizeof(text) - 1);
	RUN(*state, NULL, &r, "index", "--db", "relief.db", "latin1.txt");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "invalid UTF-8"));
	assert_non_null(strstr(r.err, "1 added"));
	run_free(&r);
	ans = query_json(*state, "hamstrings");
	snip = json_string_value(json_object_get(
		json_array_get(json_object_get(ans, "results"), 0), "snippet"));
	assert_non_null(snip);
	assert_non_null(strstr(snip, "\xef\xbf\xbd"));
	json_decref(ans);
}

/* A file that cannot be read, and a folder named there that cannot be
 * listed, are errors that name them and say why (and are not taken for
 * a lexicon problem). */
static void
test_unreadable_file_is_an_error(void **state)
{
	static const char *const names[] = { "secret.txt", "locked" };
	char p[4096];
	size_t i;

	write_file(*state, "secret.txt", "Back pain\n\nRest.\n", 17);
	snprintf(p, sizeof(p), "%s/secret.txt", (char *)*state);
	assert_int_equal(chmod(p, 0), 0);
	snprintf(p, sizeof(p), "%s/locked", (char *)*state);
	assert_int_equal(mkdir(p, 0755), 0);
	write_file(*state, "locked/a.txt", "Back pain\n\nRest.\n", 17);
	assert_int_equal(chmod(p, 0), 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* Root reads anything, so run as nobody. */
		run_case_t c = {
			.args = { "index", "--db", "relief.db", names[i] },
			.as_nobody = geteuid() == 0, .status = 1,
			.err_has = { names[i], "ermission denied" },
			.err_lacks = "lexicon",
		};

		run_check(*state, &c);
	}
}

/* A database the user may not write, and a folder where one cannot be
 * made, are "permission denied", not "database is locked" or
 * "input/output error". */
static void
test_denied_writes_say_permission_denied(void **state)
{
	/* The one that exists, and the one that cannot be made. */
	static const char *const dbs[] = { "ro.db", "new.db" };
	char p[4096];
	run_t r;
	size_t i;

	if (geteuid() != 0)
		skip();	/* needs root to run as another user */
	write_text(*state, "a.txt", "Back pain\n\nRest for a day.\n");
	RUN(*state, NULL, &r, "index", "--db", "ro.db", "a.txt");
	assert_int_equal(r.status, 0);
	run_free(&r);
	snprintf(p, sizeof(p), "chmod -R a+rX,go-w '%s'", (char *)*state);
	assert_int_equal(system(p), 0);
	for (i = 0; i < sizeof(dbs) / sizeof(dbs[0]); i++) {
		run_case_t c = { .args = { "index", "--db", dbs[i], "a.txt" },
				 .as_nobody = 1, .status = 1,
				 .err_has = { p } };

		snprintf(p, sizeof(p), "%s: permission denied", dbs[i]);
		run_check(*state, &c);
	}
}

/* A disk that fills up mid-build: the failed batch is cancelled and the
 * summary counts only what the database kept.  Needs a small tmpfs (root
 * with mount rights); skipped where it cannot have one. */
static void
test_disk_full_summary_counts_what_was_kept(void **state)
{
	char mnt[4096], cmd[8300], *p;
	unsigned added = 99;
	run_t r;

	if (access(seeds, F_OK) != 0 ||
	    access("../shared/corpora/medquad", F_OK) != 0)
		skip();
	snprintf(mnt, sizeof(mnt), "%s/full", (char *)*state);
	assert_int_equal(mkdir(mnt, 0755), 0);
	snprintf(cmd, sizeof(cmd),
		 "mount -t tmpfs -o size=3M tmpfs '%s' 2>/dev/null", mnt);
	if (geteuid() != 0 || system(cmd) != 0)
		skip();
	{
		char corpus[4200], db[4200];
		run_t st;

		run_t first, after;

		snprintf(db, sizeof(db), "%s/f.db", mnt);
		snprintf(corpus, sizeof(corpus),
			 "%s/../shared/corpora/medquad/4_MPlus_Health_Topics_QA",
			 srcdir);
		/* An earlier build the full disk must not damage. */
		write_text(*state, "kept.txt",
			   "Quadriceps wobble\n\nTo calm a quadriceps "
			   "wobble, rest the leg for a day.\n");
		RUN(*state, NULL, &first, "index", "--db", db, "kept.txt");
		RUN(*state, NULL, &r, "index", "--db", db, corpus);
		RUN(*state, NULL, &st, "stats", "--db", db, "--format", "json");
		RUN(*state, NULL, &after, "query", "--db", db,
		    "quadriceps wobble");
		/* Unmounted before any check can fail. */
		snprintf(cmd, sizeof(cmd), "umount '%s'", mnt);
		assert_int_equal(system(cmd), 0);
		if (first.status != 0 || after.status != 0)
			print_error("stderr: %s%s\n", first.err, after.err);
		assert_int_equal(first.status, 0);
		assert_int_equal(after.status, 0);
		assert_non_null(strstr(after.out, "kept.txt"));
		run_free(&first);
		run_free(&after);
		assert_int_equal(r.status, 1);
		p = strstr(r.err, " added");
		if (strstr(r.err, "no space left on device") == NULL ||
		    p == NULL)
			print_error("stderr: %s\n", r.err);
		assert_non_null(strstr(r.err, "no space left on device"));
		assert_non_null(p);
		while (p > r.err && p[-1] >= '0' && p[-1] <= '9')
			p--;
		added = (unsigned)strtoul(p, NULL, 10);
		assert_int_equal(st.status, 0);
		{
			json_t *o = json_loads(st.out, 0, NULL);

			assert_non_null(o);
			assert_int_equal(json_integer_value(json_object_get(
					     o, "articles")),
					 added + 1);
			json_decref(o);
		}
		run_free(&st);
		run_free(&r);
	}
}

/* A database on a file system mounted read-only: indexing into it is a
 * one-line "read-only file system" error, and the database still answers
 * as before.  Needs root with mount rights; skipped where a bind mount
 * cannot be made. */
static void
test_read_only_mount_is_said_and_keeps_the_database(void **state)
{
	char dir[4096], db[4200], cmd[16800];
	run_t r, st, q;
	int mounted;

	snprintf(dir, sizeof(dir), "%s/ro", (char *)*state);
	snprintf(db, sizeof(db), "%s/k.db", dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_text(*state, "a.txt", "Back pain\n\nRest for a day.\n");
	write_text(*state, "b.txt", "Knee pain\n\nIce the knee.\n");
	RUN(*state, NULL, &r, "index", "--db", db, "a.txt");
	assert_int_equal(r.status, 0);
	run_free(&r);
	snprintf(cmd, sizeof(cmd),
		 "mount --bind '%s' '%s' 2>/dev/null && "
		 "{ mount -o remount,bind,ro '%s' 2>/dev/null || "
		 "{ umount '%s'; false; }; }",
		 dir, dir, dir, dir);
	mounted = geteuid() == 0 && system(cmd) == 0;
	if (!mounted)
		skip();
	RUN(*state, NULL, &r, "index", "--db", db, "b.txt");
	RUN(*state, NULL, &st, "stats", "--db", db, "--format", "json");
	RUN(*state, NULL, &q, "query", "--db", db, "back pain");
	/* Unmounted before any check can fail. */
	snprintf(cmd, sizeof(cmd), "umount '%s'", dir);
	assert_int_equal(system(cmd), 0);
	if (r.status != 1 || strstr(r.err, "read-only") == NULL)
		print_error("stderr: %s\n", r.err);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "k.db"));
	assert_non_null(strstr(r.err, "read-only file system"));
	assert_null(strstr(r.err, "locked"));
	/* One line. */
	assert_ptr_equal(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
	assert_int_equal(st.status, 0);
	assert_non_null(strstr(st.out, "\"articles\":1,"));
	assert_int_equal(q.status, 0);
	assert_non_null(strstr(q.out, "a.txt"));
	run_free(&r);
	run_free(&st);
	run_free(&q);
}

static void
test_query_without_database_names_it(void **state)
{
	/* One line, and nothing on stdout. */
	static const run_case_t nowhere = {
		.args = { "query", "--db", "nowhere.db", "back pain" },
		.status = 1, .err_has = { "nowhere.db" }, .out_is = "",
		.one_line = 1,
	};
	/* An empty file is no database: one short line naming it, for
	 * stats as for query (it read as a stub naming no database). */
	static const run_case_t empty[] = {
		{ .args = { "stats", "--db", "empty.db" }, .status = 1,
		  .err_has = { "empty.db: not a database" } },
		{ .args = { "query", "--db", "empty.db", "back pain" },
		  .status = 1, .err_has = { "empty.db: not a database" },
		  .err_below = 120, .one_line = 1 },
	};

	run_check(*state, &nowhere);
	/* And the failed query created nothing. */
	assert_int_equal(access("nowhere.db", F_OK), -1);
	write_file(*state, "empty.db", "", 0);
	run_checks(*state, empty, sizeof(empty) / sizeof(empty[0]));
}

static void
test_empty_question_is_a_usage_error(void **state)
{
	static const run_case_t cases[] = {
		{ .args = { "query", "--db", "relief.db", "  " }, .status = 2,
		  .err_has = { "empty question" } },
		{ .args = { "query", "--db", "relief.db", "the of and" },
		  .status = 1, .err_has = { "no searchable words" } },
	};

	need_seeds();
	index_seeds(*state);
	run_checks(*state, cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_batch_writes_one_json_line_per_question(void **state)
{
	run_t r;
	char *line, *save = NULL;
	int n = 0;

	need_seeds();
	index_seeds(*state);
	/* A blank line and a line of invalid UTF-8 get an object with an
	 * error, and every object names its question. */
	RUN(*state, "running back pain\n\nstiff lower back morning\n"
		    "\xff\xfe\xfd\n", &r,
	    "query", "--batch", "--db", "relief.db", "--limit", "3");
	assert_int_equal(r.status, 0);
	for (line = strtok_r(r.out, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *o = json_loads(line, 0, NULL);

		assert_non_null(o);
		assert_true(json_array_size(json_object_get(o, "results")) <=
			    3);
		assert_true(json_is_string(json_object_get(o, "query")));
		if (n == 1 || n == 3)
			assert_non_null(json_object_get(o, "error"));
		json_decref(o);
		n++;
	}
	assert_int_equal(n, 4);
	run_free(&r);
}

/* Every command: an unknown option is one line on stderr, exit 2, and a
 * near miss names the option meant. */
static void
test_bad_options_get_one_clear_line(void **state)
{
	static const char *const cmds[] = { "index", "query", "stats",
					    "clean", "snippets", "eval" };
	static const run_case_t cases[] = {
		{ .args = { "query", "--limt", "3", "back" }, .status = 2,
		  .err_has = { "did you mean '--limit'?" }, .one_line = 1 },
		/* Options may follow the question; a dash word after it is
		 * still an option, and "--" makes the rest words. */
		{ .args = { "query", "back", "pain", "-x" }, .status = 2,
		  .err_has = { "'-x'" } },
		{ .args = { "query", "--format", "xml", "back" }, .status = 2,
		  .err_has = { "text|json" } },
		{ .args = { "query", "--batch=yes" }, .status = 2 },
		{ .args = { "query", "--limit" }, .status = 2,
		  .err_has = { "needs a value" } },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		run_case_t c = { .args = { cmds[i], "--no-such-option", "x" },
				 .status = 2, .err_has = { "--no-such-option" },
				 .one_line = 1 };

		run_check(*state, &c);
	}
	run_checks(*state, cases, sizeof(cases) / sizeof(cases[0]));
}

/* A lexicon folder named but missing is refused the same way by every
 * command that reads one, before anything else happens. */
static void
test_missing_lexicon_is_refused_everywhere(void **state)
{
	static const char missing[] = "lexicon folder '/nonexistent'";
	static const run_case_t cases[] = {
		{ .args = { "query", "--lexicon", "/nonexistent", "back" },
		  .status = 1, .err_has = { missing }, .one_line = 1 },
		{ .args = { "index", "--db", "x.db", "--lexicon",
			    "/nonexistent", "a.txt" },
		  .status = 1, .err_has = { missing } },
		{ .args = { "snippets", "--lexicon", "/nonexistent", "a.txt" },
		  .status = 1, .err_has = { missing } },
		{ .args = { "snippets", "--lexicon", "a.txt", "a.txt" },
		  .status = 1, .err_has = { "not a folder" } },
		{ .args = { "index", "--db", "x.db", "--stopwords",
			    "/nonexistent.txt", "a.txt" },
		  .status = 1,
		  .err_has = { "stopword list '/nonexistent.txt'" } },
	};

	write_file(*state, "a.txt", "Title\n\nSome text about backs.\n", 30);
	run_checks(*state, cases, sizeof(cases) / sizeof(cases[0]));
	{
		struct stat sb;
		char path[4096];

		snprintf(path, sizeof(path), "%s/x.db", (char *)*state);
		assert_int_not_equal(stat(path, &sb), 0);
	}
}

static void
test_help_and_bad_usage(void **state)
{
	static const char *const cmds[] = { "index", "query", "stats" };
	static const run_case_t cases[] = {
		{ .args = { "frobnicate" }, .status = 2,
		  .err_has = { "unknown command" } },
		{ .args = { "qeury", "back" }, .status = 2,
		  .err_has = { "did you mean 'query'?" }, .one_line = 1 },
		{ .args = { "query", "--limit", "0", "x" }, .status = 2 },
		{ .args = { "query", "--param", "noequals", "x" },
		  .status = 2 },
	};
	/* A ranking parameter that does not exist, and a lexicon that does
	 * not load, are named (the database must open first). */
	static const run_case_t named[] = {
		{ .args = { "query", "--db", "relief.db", "--param",
			    "w_nothing=1", "back" },
		  .status = 1, .err_has = { "w_nothing" } },
		{ .args = { "query", "--db", "relief.db", "--lexicon", ".",
			    "back" },
		  .status = 1, .err_has = { "questions.txt:1" } },
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		run_case_t help = { .args = { cmds[i], "--help" },
				    .out_has = "usage:" };
		run_case_t bad = { .args = { cmds[i], "--no-such-option" },
				   .status = 2 };

		run_check(*state, &help);
		run_check(*state, &bad);
	}
	run_checks(*state, cases, sizeof(cases) / sizeof(cases[0]));
	if (seeds[0] != '\0') {
		index_seeds(*state);
		run_check(*state, &named[0]);
		write_file(*state, "questions.txt", "broken line\n", 12);
		run_check(*state, &named[1]);
	}
}

/* "relief version" and "relief --version" print the same one line, the
 * release the VERSION file names, and take no arguments. */
static void
test_version_names_the_release(void **state)
{
	static const run_case_t others[] = {
		{ .args = { "version", "extra" }, .status = 2 },
		{ .args = { "--help" }, .out_has = "\n  version " },
	};
	char path[4096], expect[256], *release;
	size_t n;
	run_t r, r2;

	snprintf(path, sizeof(path), "%s/VERSION", srcdir);
	release = slurp(path);
	n = strcspn(release, "\n");
	release[n] = '\0';
	assert_true(n > 0);
	snprintf(expect, sizeof(expect), "relief %s\n", release);
	RUN(*state, NULL, &r, "version");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, expect);
	assert_string_equal(r.err, "");
	RUN(*state, NULL, &r2, "--version");
	assert_int_equal(r2.status, 0);
	assert_string_equal(r2.out, r.out);
	run_free(&r);
	run_free(&r2);
	run_checks(*state, others, sizeof(others) / sizeof(others[0]));
	free(release);
}

static void
test_text_output_names_title_and_source(void **state)
{
	run_t r;

	need_seeds();
	index_seeds(*state);
	RUN(*state, NULL, &r, "query", "--db", "relief.db", "running", "back",
	    "pain");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "1. "));
	assert_non_null(strstr(r.out, "002_1a9c42e7176f5fbb.txt"));
	/* Not a terminal: no escape codes. */
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
}

/* ---- the cleaner ---------------------------------------------------- */

/* Every line of --explain output for a dropped line names its reason. */
static void
test_clean_explain_names_a_reason_for_every_dropped_line(void **state)
{
	char path[4096];
	run_t r;
	char *line, *save = NULL;
	int dropped = 0;

	need_seeds();
	snprintf(path, sizeof(path), "%s/003_33fed38d9375f28f.txt", seeds);
	RUN(*state, NULL, &r, "clean", "--explain", path);
	assert_int_equal(r.status, 0);
	for (line = strtok_r(r.out, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "DROP", 4) != 0)
			continue;
		dropped++;
		/* "DROP  rule ... | raw": a rule name before the bar. */
		assert_true(line[6] != ' ' && line[6] != '|');
	}
	/* The prev/next links and the teasers at least. */
	assert_true(dropped >= 10);
	run_free(&r);
}

/* On the seeds the cleaner keeps the article and drops the furniture: the
 * site header, prev/next links, teasers cut off with "...", a trailing
 * " |". */
static void
test_clean_seeds_keep_content_and_drop_navigation(void **state)
{
	static const char *const files[] = {
		"000_8323ff5881ffacbd.txt", "001_ba26f8d0bf6164d4.txt",
		"002_1a9c42e7176f5fbb.txt", "003_33fed38d9375f28f.txt",
		"004_7a8d6b07680e373a.txt",
	};
	size_t i;

	need_seeds();
	for (i = 0; i < 5; i++) {
		char path[4096], *raw, *line, *save = NULL;
		size_t content = 0;
		run_t r;

		snprintf(path, sizeof(path), "%s/%s", seeds, files[i]);
		RUN(*state, NULL, &r, "clean", path);
		assert_int_equal(r.status, 0);
		/* No navigation survives. */
		assert_null(strstr(r.out, "<<:"));
		assert_null(strstr(r.out, ">>:"));
		assert_null(strstr(r.out, "...\n"));
		assert_null(strstr(r.out, " |\n"));
		assert_null(strstr(r.out, " - Talk about mood - "));
		/* Every long paragraph of the page is there (the noise lines
		 * of the seeds are all short or end in "..."). */
		raw = malloc(1 << 16);
		assert_non_null(raw);
		{
			FILE *f = fopen(path, "rb");
			size_t n;

			assert_non_null(f);
			n = fread(raw, 1, (1 << 16) - 1, f);
			raw[n] = '\0';
			fclose(f);
		}
		for (line = strtok_r(raw, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			size_t n;

			while (*line == ' ' || *line == '\t')
				line++;
			n = strlen(line);
			while (n > 0 && (line[n - 1] == ' ' ||
					 line[n - 1] == '|' ||
					 line[n - 1] == '\r'))
				line[--n] = '\0';
			if (n < 120 || strstr(line, " - ") == line)
				continue;
			content++;
			/* Its start and end, since inline clean-up may take a
			 * filler sentence out of the middle. */
			{
				char head[61], *tail = line + n - 60;

				memcpy(head, line, 60);
				head[60] = '\0';
				if (strstr(r.out, head) == NULL ||
				    strstr(r.out, tail) == NULL)
					print_error("%s: lost: %.60s\n",
						    files[i], line);
				assert_non_null(strstr(r.out, head));
				assert_non_null(strstr(r.out, tail));
			}
		}
		assert_true(content > 0);
		free(raw);
		run_free(&r);
	}
}

/* A real-looking HTML page: nav bar, cookie banner, breadcrumbs, byline,
 * sidebar of related links, share buttons and footer go; the article
 * with its headings and list stays. */
static void
test_clean_html_keeps_article_and_drops_furniture(void **state)
{
	static const char *const kept[] = {
		"Three gentle stretches for a stiff lower back\n\n",
		"A lower back that feels stiff first thing in the morning",
		"Knee-to-chest stretch",
		"hold for 20 seconds, breathing slowly",
		"Cat-cow",
		"Kneel on all fours",
		"Move slowly between the two positions ten times.",
		"Child\xe2\x80\x99s pose",
		"Hold for 30 seconds",
		"Caution: stop if the pain spreads",
	};
	static const char *const dropped[] = {
		"cookies",	 "About us",	"Search articles",
		"Home",		 "Mara Ellison", "Related articles",
		"mattress",	 "Share this",	"All rights reserved",
		"Privacy",	 "dataLayer",	"font-family",
		"BackWell Journal",
	};
	char path[4096];
	run_t r;
	size_t i;

	snprintf(path, sizeof(path), "%s/tests/fixtures/lumbar-stretches.html",
		 srcdir);
	RUN(*state, NULL, &r, "clean", path);
	assert_int_equal(r.status, 0);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		if (strstr(r.out, kept[i]) == NULL)
			print_error("lost: %s\n", kept[i]);
		assert_non_null(strstr(r.out, kept[i]));
	}
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		if (strstr(r.out, dropped[i]) != NULL)
			print_error("leaked: %s\n", dropped[i]);
		assert_null(strstr(r.out, dropped[i]));
	}
	/* The list items keep their numbers, one per line. */
	assert_non_null(strstr(r.out, "\n1. Kneel"));
	assert_non_null(strstr(r.out, "\n2. Round"));
	run_free(&r);
}

/* An HTML page with no text at all is cleaned to nothing, quietly. */
static void
test_clean_html_without_text(void **state)
{
	static const char page[] = "<html><head></head><body></body></html>\n";
	run_t r;

	write_file(*state, "empty.html", page, sizeof(page) - 1);
	RUN(*state, NULL, &r, "clean", "empty.html");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "\n\n");
	run_free(&r);
}

/* The gold standard of the noisy dev pages (skipped when absent): line F1
 * >= 0.95 and token F1 >= 0.98 with no title lost, scored by the shared
 * scorer exactly as make eval-clean does. */
static void
test_clean_meets_the_noisy_dev_gold(void **state)
{
	char gold[4096], scorer[4096], cmd[16384], report[4200];
	json_t *o, *m;
	double line_f1, token_f1;
	long lost;

	snprintf(gold, sizeof(gold), "%s/../eval/noisy-dev", seeds);
	snprintf(scorer, sizeof(scorer), "%s/../tools/score-clean.py", seeds);
	if (seeds[0] == '\0' || access(gold, R_OK) != 0 ||
	    access(scorer, R_OK) != 0 || system("python3 -c '' 2>/dev/null"))
		skip();
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s/out' && '%s' clean --output-dir '%s/out' "
		 "'%s'/*.txt && python3 '%s' '%s' '%s/out' --json "
		 "'%s/report.json' > /dev/null",
		 (char *)*state, relief, (char *)*state, gold, scorer, gold,
		 (char *)*state, (char *)*state);
	assert_int_equal(system(cmd), 0);
	snprintf(report, sizeof(report), "%s/report.json", (char *)*state);
	o = json_load_file(report, 0, NULL);
	assert_non_null(o);
	m = json_object_get(o, "aggregate");
	if (m == NULL)
		m = o;
	line_f1 = json_number_value(json_object_get(
		json_object_get(m, "line_micro"), "f1"));
	token_f1 = json_number_value(json_object_get(
		json_object_get(m, "token_micro"), "f1"));
	lost = (long)json_integer_value(
		json_object_get(json_object_get(m, "titles"), "lost"));
	print_message("noisy-dev: line F1 %.4f, token F1 %.4f, titles lost "
		      "%ld\n", line_f1, token_f1, lost);
	assert_true(line_f1 >= 0.95);
	assert_true(token_f1 >= 0.98);
	assert_int_equal(lost, 0);
	json_decref(o);
}

/* Indexing cleans: a teaser line of another article is not searchable,
 * and the title shown is the article's, never the site's. */
static void
test_index_never_indexes_dropped_lines(void **state)
{
	json_t *ans;

	need_seeds();
	index_seeds(*state);
	/* Seed 003's tail teases an article on an anorectal disease. */
	ans = query_json(*state, "anorectal fistula");
	assert_int_equal(json_array_size(json_object_get(ans, "results")), 0);
	json_decref(ans);
	/* Seed 002 opens with "Site - Category - Title" and repeats the
	 * title on its third line: that line is the title. */
	{
		char path[4096], *raw, *l1, *l3, *save = NULL;
		const char *title;

		snprintf(path, sizeof(path), "%s/002_1a9c42e7176f5fbb.txt",
			 seeds);
		raw = slurp(path);
		l1 = strtok_r(raw, "\n", &save);
		l3 = strtok_r(NULL, "\n", &save);
		assert_non_null(l1);
		assert_non_null(l3);
		assert_non_null(strstr(l1, " - "));
		ans = query_json(*state, "running back pain");
		title = json_string_value(json_object_get(
			json_array_get(json_object_get(ans, "results"), 0),
			"title"));
		assert_string_equal(title, l3);
		assert_null(strstr(title, " - "));
		json_decref(ans);
		free(raw);
	}
}

/* ---- advice snippets ------------------------------------------------ */

/* Checks the hold, the reps and the sets of the JSON dosage d. */
static void
assert_dosage(json_t *d, json_int_t hold, json_int_t reps, json_int_t sets)
{
	assert_int_equal(json_integer_value(json_object_get(d, "hold_seconds")),
			 hold);
	assert_int_equal(json_integer_value(json_object_get(d, "reps")), reps);
	assert_int_equal(json_integer_value(json_object_get(d, "sets")), sets);
}

/* Query results carry the snippet record: kind, name, section and the
 * dosage, with the exercise article's group dosage carried over to every
 * exercise. */
static void
test_query_results_carry_kind_name_and_dosage(void **state)
{
	json_t *ans, *results, *r;
	size_t i;
	int named = 0;

	need_seeds();
	index_seeds(*state);
	ans = query_json(*state, "side bridge exercise hold");
	results = json_object_get(ans, "results");
	assert_true(json_array_size(results) > 0);
	json_array_foreach(results, i, r) {
		const char *kind = json_string_value(json_object_get(r, "kind"));
		const char *name = json_string_value(json_object_get(r, "name"));
		json_t *d = json_object_get(r, "dosage");

		assert_non_null(kind);
		assert_true(kind[0] != '\0');
		assert_non_null(name);
		assert_non_null(json_string_value(json_object_get(r, "section")));
		assert_true(json_is_object(d));
		if (strcmp(name, "side bridge") == 0) {
			named++;
			assert_string_equal(kind, "exercise");
			assert_dosage(d, 10, 10, 3);
			assert_true(json_is_true(json_object_get(d, "per_side")));
			assert_int_equal(json_integer_value(json_array_get(
						 json_object_get(d, "per_day"), 0)),
					 2);
			assert_int_equal(json_integer_value(json_array_get(
						 json_object_get(d, "per_day"), 1)),
					 3);
		}
	}
	assert_int_equal(named, 1);
	json_decref(ans);
}

/* relief snippets prints one JSON object per snippet; seed 000 has five
 * named exercises with the group's dosage, and no hold of 5 or 10 taken
 * from "raise the hips 5 to 10 centimeters". */
static void
test_snippets_of_the_exercise_seed(void **state)
{
	char path[4096], *line, *save = NULL;
	run_t r;
	int exercises = 0, n = 0;

	need_seeds();
	snprintf(path, sizeof(path), "%s/000_8323ff5881ffacbd.txt", seeds);
	RUN(*state, NULL, &r, "snippets", path);
	assert_int_equal(r.status, 0);
	for (line = strtok_r(r.out, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *o = json_loads(line, 0, NULL), *d;
		const char *kind, *name;

		assert_non_null(o);
		n++;
		assert_int_equal(json_integer_value(json_object_get(o, "ordinal")),
				 n);
		kind = json_string_value(json_object_get(o, "kind"));
		name = json_string_value(json_object_get(o, "name"));
		d = json_object_get(o, "dosage");
		assert_true(kind != NULL && kind[0] != '\0');
		assert_null(strstr(json_string_value(json_object_get(o, "text")),
				   "<<:"));
		if (strcmp(kind, "exercise") == 0 && name[0] != '\0') {
			exercises++;
			assert_dosage(d, 10, 10, 3);
		}
		json_decref(o);
	}
	assert_int_equal(exercises, 5);
	run_free(&r);
}

static void
test_snippets_errors_name_the_file(void **state)
{
	run_t r;

	RUN(*state, NULL, &r, "snippets", "missing.txt");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "missing.txt"));
	run_free(&r);
	RUN(*state, NULL, &r, "snippets", "--lexicon", "/no/lexicon", "x.txt");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "/no/lexicon"));
	run_free(&r);
}

/* ---- answering everyday questions ----------------------------------- */

/* Case-insensitive strstr for ASCII (strcasestr is a GNU extension). */
static const char *
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay != NULL && *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* Indexes the seeds and corpus/ together into dir/all.db. */
static void
index_all(const char *dir)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s/all' && cp -r '%s/corpus/.' '%s/all/' && "
		 "cp '%s'/*.txt '%s/all/'",
		 dir, srcdir, dir, seeds, dir);
	assert_int_equal(system(cmd), 0);
	INDEX_OK(dir, "all.db", "all");
}

static json_t *
ask_all(const char *dir, const char *q)
{
	run_t r;
	json_t *o;

	RUN(dir, NULL, &r, "query", "--db", "all.db", "--format", "json",
	    "--limit", "3", q);
	assert_int_equal(r.status, 0);
	o = json_loads(r.out, 0, NULL);
	assert_non_null(o);
	run_free(&r);
	return o;
}

/* True when one of the top three results, or an article that says the
 * same advice (also), is path. */
static int
in_top3(json_t *ans, const char *path)
{
	json_t *r, *a;
	size_t i, j;

	json_array_foreach(json_object_get(ans, "results"), i, r) {
		if (strcmp(json_string_value(json_object_get(r, "source")),
			   path) == 0)
			return 1;
		json_array_foreach(json_object_get(r, "also"), j, a)
			if (strcmp(json_string_value(a), path) == 0)
				return 1;
	}
	return 0;
}

/* A question about morning stiffness finds advice about the sleeping
 * position, though it never says "sleep". */
static void
test_morning_stiffness_finds_sleeping_position_advice(void **state)
{
	json_t *ans, *r;
	size_t i;
	int found = 0;

	need_seeds();
	index_all(*state);
	ans = ask_all(*state, "stiff lower back every morning");
	json_array_foreach(json_object_get(ans, "results"), i, r) {
		const char *t = json_string_value(json_object_get(r, "snippet"));

		if (contains_ci(t, "sleeping") != NULL ||
		    contains_ci(t, "pillow") != NULL ||
		    contains_ci(t, "mattress") != NULL)
			found = 1;
	}
	assert_true(found);
	json_decref(ans);
}

/* A common gym name finds the article that uses a translated name for the
 * same movement, and the reverse.  Over the seeds alone, where the
 * translated article is the one that has the movement; then over the
 * corpus too, where "flat support" must still find gym-named planks. */
static void
test_gym_names_find_translated_names(void **state)
{
	static const char *const asks[] = {
		"glute bridge", "side plank exercise", "bird dog exercise",
	};
	size_t i, j;
	json_t *ans, *r;
	int gym = 0;

	need_seeds();
	index_seeds(*state);
	for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		ans = query_json(*state, asks[i]);
		if (!in_top3(ans, "000_8323ff5881ffacbd.txt"))
			print_error("%s: translated-name article missing\n",
				    asks[i]);
		assert_true(in_top3(ans, "000_8323ff5881ffacbd.txt"));
		json_decref(ans);
	}
	index_all(*state);
	ans = ask_all(*state, "flat support exercise");
	json_array_foreach(json_object_get(ans, "results"), j, r) {
		const char *name = json_string_value(json_object_get(r, "name"));
		const char *src = json_string_value(json_object_get(r, "source"));

		/* Another name of the same movement (lexicon/synonyms.txt). */
		if (strstr(src, "000_") == NULL && name != NULL &&
		    (strstr(name, "plank") != NULL ||
		     strcmp(name, "front support") == 0 ||
		     strcmp(name, "prone bridge") == 0))
			gym = 1;
		if (json_array_size(json_object_get(r, "also")) > 0)
			gym = 1;
	}
	assert_true(gym);
	json_decref(ans);
}

/* A lay word finds the clinical one and the reverse. */
static void
test_lay_and_clinical_words_find_each_other(void **state)
{
	static const struct {
		const char *q, *word;
	} cases[] = {
		/* "waist" (lay) -> "lumbar"/"lower back" articles */
		{ "waist ache after sitting all day", "lower back" },
		/* "lumbago" (clinical) appears in no article */
		{ "lumbago remedies", "back" },
		/* "sciatica" -> "sciatic nerve" */
		{ "sciatica", "sciatic" },
	};
	size_t i;

	need_seeds();
	index_all(*state);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *ans = ask_all(*state, cases[i].q), *r;
		size_t k;
		int hit = 0;

		json_array_foreach(json_object_get(ans, "results"), k, r)
			if (contains_ci(json_string_value(
					       json_object_get(r, "snippet")),
				       cases[i].word) != NULL)
				hit = 1;
		if (!hit)
			print_error("%s: no '%s' in the top 3\n", cases[i].q,
				    cases[i].word);
		assert_true(hit);
		assert_true(json_is_null(json_object_get(ans, "suggestion")));
		json_decref(ans);
	}
}

/* A question with a red flag starts with the see-a-doctor notice, in JSON
 * and in text; one without never does. */
/* Copies s with every run of whitespace made one space. */
static char *
squeeze(const char *s, size_t len)
{
	char *o = malloc(len + 1);
	size_t i, n = 0;

	assert_non_null(o);
	for (i = 0; i < len; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';

		if (!sp)
			o[n++] = s[i];
		else if (n > 0 && o[n - 1] != ' ')
			o[n++] = ' ';
	}
	while (n > 0 && o[n - 1] == ' ')
		n--;
	o[n] = '\0';
	return o;
}

/* The text output's see-a-doctor notice, wrapped at several terminal
 * widths, holds every word of the notice in order, none glued. */
static void
check_notice_words(const char *dir, const char *q)
{
	static const char *const widths[] = { "40", "60", "80", "100" };
	json_t *ans = ask_all(dir, q);
	const char *notice = json_string_value(json_object_get(
		json_array_get(json_object_get(ans, "warnings"), 0), "notice"));
	char *want, *got, *end;
	size_t i;
	run_t r;

	assert_non_null(notice);
	want = squeeze(notice, strlen(notice));
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		setenv("COLUMNS", widths[i], 1);
		RUN(dir, NULL, &r, "query", "--db", "all.db", q);
		unsetenv("COLUMNS");
		assert_int_equal(r.status, 0);
		assert_true(strncmp(r.out, "See a doctor: ", 14) == 0);
		/* The notice is the first paragraph. */
		end = strstr(r.out, "\n\n");
		assert_non_null(end);
		got = squeeze(r.out + 14, (size_t)(end - r.out) - 14);
		if (strcmp(got, want) != 0)
			print_error("width %s:\n%s\n", widths[i], r.out);
		assert_string_equal(got, want);
		free(got);
		run_free(&r);
	}
	free(want);
	json_decref(ans);
}

static void
test_red_flags_come_first_and_only_when_named(void **state)
{
	static const char *const flagged[] = {
		"back pain and my legs feel numb",
		"lower back pain with a fever",
		"I can't control my bladder since my back started hurting",
		"back pain after a fall down the stairs",
	};
	static const char *const calm[] = {
		"stiff lower back every morning",
		"no fever, just a sore back after gardening",
		"what exercises help my back",
	};
	size_t i;
	run_t r;

	need_seeds();
	index_all(*state);
	for (i = 0; i < sizeof(flagged) / sizeof(flagged[0]); i++) {
		json_t *ans = ask_all(*state, flagged[i]);

		if (json_array_size(json_object_get(ans, "warnings")) == 0)
			print_error("no warning: %s\n", flagged[i]);
		assert_true(json_array_size(json_object_get(ans, "warnings")) >
			    0);
		assert_non_null(strstr(
			json_string_value(json_object_get(
				json_array_get(json_object_get(ans, "warnings"),
					       0),
				"notice")),
			"doctor"));
		json_decref(ans);
	}
	for (i = 0; i < sizeof(calm) / sizeof(calm[0]); i++) {
		json_t *ans = ask_all(*state, calm[i]);

		assert_int_equal(
			json_array_size(json_object_get(ans, "warnings")), 0);
		json_decref(ans);
	}
	RUN(*state, NULL, &r, "query", "--db", "all.db", flagged[0]);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "See a doctor: ", 14) == 0);
	run_free(&r);
	RUN(*state, NULL, &r, "query", "--db", "all.db", calm[0]);
	assert_null(strstr(r.out, "See a doctor"));
	run_free(&r);
	check_notice_words(*state, "lower back pain and my legs feel numb");
}

/* A misspelled question gets a suggestion, and results for it when the
 * original finds nothing. */
static void
test_misspelled_question_is_corrected(void **state)
{
	json_t *ans;

	need_seeds();
	index_all(*state);
	ans = ask_all(*state, "piriformsi strecth");
	assert_non_null(json_string_value(json_object_get(ans, "suggestion")));
	assert_true(json_is_true(json_object_get(ans, "corrected")));
	assert_true(json_array_size(json_object_get(ans, "results")) > 0);
	assert_non_null(contains_ci(
		json_string_value(json_object_get(ans, "suggestion")),
		"piriformis"));
	json_decref(ans);
}

/* The suggestion for question q, or NULL; *corrected says whether the
 * results are for it. */
static char *
suggestion_of(const char *dir, const char *db, const char *q, int *corrected)
{
	json_t *o;
	char *s;
	run_t r;

	RUN(dir, NULL, &r, "query", "--db", db, "--format", "json", q);
	assert_int_equal(r.status, 0);
	o = json_loads(r.out, 0, NULL);
	assert_non_null(o);
	run_free(&r);
	s = json_is_string(json_object_get(o, "suggestion"))
		    ? strdup(json_string_value(json_object_get(o, "suggestion")))
		    : NULL;
	*corrected = json_is_true(json_object_get(o, "corrected"));
	json_decref(o);
	return s;
}

/* Unknown words are corrected even when the question as typed finds
 * something, short ones too; an English word is never "corrected" into
 * another because a small index happens not to hold it. */
static void
test_spelling_mends_typos_and_keeps_words(void **state)
{
	static const struct {
		const char *db, *q;
		const char *want; /* the suggestion, or NULL for none */
		int corrected;    /* the results are for it: 1, 0, -1 (any) */
	} cases[] = {
	    {"all.db", "exercises for sciatia", "exercises for sciatica", 1},
	    {"all.db", "bak pain wen i run", "back pain when i run", 1},
	    {"all.db", "lowr back stiff in the morning",
	     "lower back stiff in the morning", 1},
	    {"all.db", "excercise for lumbr pain", "exercise for lumbar pain",
	     1},
	    {"all.db", "best sleeping position", NULL, -1},
	    /* One article that says "bent" and never "best". */
	    {"knee.db", "best stretch for my back", NULL, 0},
	    {"knee.db", "kne hug", "knee hug", -1},
	};
	static const char knee[] =
		"Knee hug\n\nLie on your back with the knees bent and hug "
		"them to the chest for 20 seconds.\n";
	size_t i;
	int corrected;
	char *s;

	need_seeds();
	index_all(*state);
	write_file(*state, "knee.txt", knee, strlen(knee));
	INDEX_OK(*state, "knee.db", "knee.txt");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = suggestion_of(*state, cases[i].db, cases[i].q, &corrected);
		if ((s == NULL) != (cases[i].want == NULL) ||
		    (s != NULL && strcmp(s, cases[i].want) != 0))
			print_error("%s: got %s\n", cases[i].q, s ? s : "none");
		if (cases[i].want == NULL) {
			assert_null(s);
		} else {
			assert_non_null(s);
			assert_string_equal(s, cases[i].want);
		}
		if (cases[i].corrected >= 0)
			assert_int_equal(corrected, cases[i].corrected);
		free(s);
	}
}

/* A long word three edits from the index's spelling is mended, keeping
 * its capital, and warning signs are read in the question answered: the
 * disease "Familial Mediterean Fever" raises no fever notice once mended,
 * "feverr" mended does. */
static void
test_spelling_mends_long_words_before_warnings(void **state)
{
	static const char fmf[] =
		"Familial Mediterranean fever\n\nFamilial Mediterranean "
		"fever is an inherited condition with episodes of painful "
		"inflammation of the abdominal lining and the joints, often "
		"with a fever.  Colchicine taken every day prevents most "
		"attacks.\n";
	static const struct {
		const char *q, *want;
		size_t warnings;
	} cases[] = {
	    {"Familial Mediterean Fever", "Familial Mediterranean Fever", 0},
	    {"joint pain and a feverr", "joint pain and a fever", 1},
	};
	json_t *o;
	run_t r;
	size_t i;

	write_file(*state, "fmf.txt", fmf, strlen(fmf));
	INDEX_OK(*state, "fmf.db", "fmf.txt");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got;

		RUN(*state, NULL, &r, "query", "--db", "fmf.db", "--format",
		    "json", cases[i].q);
		assert_int_equal(r.status, 0);
		o = json_loads(r.out, 0, NULL);
		assert_non_null(o);
		run_free(&r);
		got = json_string_value(json_object_get(o, "suggestion"));
		if (got == NULL || strcmp(got, cases[i].want) != 0)
			print_error("%s: got %s\n", cases[i].q,
				    got ? got : "none");
		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
		assert_true(json_is_true(json_object_get(o, "corrected")));
		assert_int_equal(
			json_array_size(json_object_get(o, "warnings")),
			cases[i].warnings);
		json_decref(o);
	}
}

/* The answer card: 3-5 distinct pieces of advice that answer the
 * question's type, each with how and sources, then cautions. */
static void
test_answer_card_lists_distinct_advice(void **state)
{
	json_t *ans, *card, *adv, *a, *b;
	size_t i, j;

	need_seeds();
	index_all(*state);
	ans = ask_all(*state, "what exercises help my lower back");
	card = json_object_get(ans, "answer");
	adv = json_object_get(card, "advice");
	assert_true(json_array_size(adv) >= 3);
	assert_true(json_array_size(adv) <= 5);
	json_array_foreach(adv, i, a) {
		const char *kind = json_string_value(json_object_get(a, "kind"));

		assert_true(strcmp(kind, "exercise") == 0 ||
			    strcmp(kind, "stretch") == 0);
		assert_true(strlen(json_string_value(json_object_get(a, "how"))) >
			    10);
		assert_true(json_array_size(json_object_get(a, "sources")) >= 1);
		json_array_foreach(adv, j, b)
			if (j > i && json_string_value(json_object_get(a, "name"))
					     [0] != '\0')
				assert_string_not_equal(
					json_string_value(json_object_get(a, "name")),
					json_string_value(json_object_get(b, "name")));
	}
	assert_true(json_is_array(json_object_get(card, "cautions")));
	json_decref(ans);
}

/* A clean article passes through the cleaner unchanged: on about 200
 * MedQuAD articles taken across its collections (when ../shared is
 * present), cleaned together as a corpus, at least 99% of the non-empty
 * lines are kept as they were. */
static void
test_clean_articles_pass_through(void **state)
{
	char corpus[4096], cmd[16384], path[1024], *raw, *out, *line, *save;
	size_t total = 0, kept = 0;
	FILE *list;

	snprintf(corpus, sizeof(corpus), "%s/../corpora/medquad", seeds);
	if (seeds[0] == '\0' || access(corpus, R_OK) != 0)
		skip();
	/* Copied flat under unique names: the collections reuse file
	 * names. */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && mkdir -p '%s/in' '%s/out' && "
		 "find . -name '*.txt' | sort | awk 'NR %% 27 == 1' | "
		 "while read f; do n=$(echo \"$f\" | cut -c3- | tr / _); "
		 "cp \"$f\" '%s/in/'\"$n\"; echo \"$n\"; done > '%s/list' && "
		 "'%s' clean --output-dir '%s/out' '%s'/in/*.txt",
		 corpus, (char *)*state, (char *)*state, (char *)*state,
		 (char *)*state, relief, (char *)*state, (char *)*state);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/list", (char *)*state);
	list = fopen(path, "r");
	assert_non_null(list);
	while (fgets(path, sizeof(path), list) != NULL) {
		char in[6144], cleaned[6144];
		const char *base;

		path[strcspn(path, "\n")] = '\0';
		base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		snprintf(in, sizeof(in), "%s/in/%s", (char *)*state, path);
		snprintf(cleaned, sizeof(cleaned), "%s/out/%s", (char *)*state,
			 base);
		raw = slurp(in);
		out = slurp(cleaned);
		save = NULL;
		for (line = strtok_r(raw, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			char *hit;
			size_t n = strlen(line);

			if (n == 0)
				continue;
			total++;
			/* Kept means present as a whole line of the output. */
			for (hit = strstr(out, line); hit != NULL;
			     hit = strstr(hit + 1, line))
				if ((hit == out || hit[-1] == '\n') &&
				    (hit[n] == '\n' || hit[n] == '\0')) {
					kept++;
					break;
				}
		}
		free(raw);
		free(out);
	}
	fclose(list);
	print_message("clean pass-through: %zu of %zu lines kept\n", kept,
		      total);
	assert_true(total > 1000);
	assert_true(kept * 100 >= total * 99);
}

/* ---- relief snippets shows what relief index stores ----------------- */

/* The snippets `relief index` stores for the files args[0..n), indexed in
 * one run into a fresh database under dir. */
static long
indexed_snippets(const char *dir, const char *const *files, size_t n)
{
	const char *argv[72] = { "relief", "index", "--quiet", "--db",
				 "one.db" };
	size_t i, k = 5;
	json_t *o;
	long count;
	run_t r;
	char db[8400];

	snprintf(db, sizeof(db), "%s/one.db", dir);
	rm_rf(db);
	for (i = 0; i < n && k < 70; i++)
		argv[k++] = files[i];
	argv[k] = NULL;
	run_in(dir, NULL, 0, &r, argv);
	if (r.status != 0)
		print_error("stderr: %s\n", r.err);
	assert_int_equal(r.status, 0);
	run_free(&r);
	RUN(dir, NULL, &r, "stats", "--db", "one.db", "--format", "json");
	assert_int_equal(r.status, 0);
	o = json_loads(r.out, 0, NULL);
	assert_non_null(o);
	count = (long)json_integer_value(json_object_get(o, "snippets"));
	json_decref(o);
	run_free(&r);
	return count;
}

/* The snippets `relief snippets` prints for the same files. */
static long
shown_snippets(const char *dir, const char *const *files, size_t n)
{
	const char *argv[72] = { "relief", "snippets" };
	size_t i, k = 2;
	long lines = 0;
	const char *c;
	run_t r;

	for (i = 0; i < n && k < 70; i++)
		argv[k++] = files[i];
	argv[k] = NULL;
	run_in(dir, NULL, 0, &r, argv);
	assert_int_equal(r.status, 0);
	for (c = r.out; *c != '\0'; c++)
		lines += *c == '\n';
	run_free(&r);
	return lines;
}

/* Writes a copy of src into dir/name with every LF made eol. */
static void
copy_with_line_ends(const char *dir, const char *src, const char *name,
		    const char *eol)
{
	char *text = slurp(src), path[8400];
	FILE *f;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '\n')
			fputs(eol, f);
		else if (text[i] != '\r')
			fputc(text[i], f);
	}
	fclose(f);
	free(text);
}

/* Adds the lines cmd prints, as paths[*n...], while *n < max. */
static void
add_listed(const char *cmd, char paths[][4200], size_t *n, size_t max)
{
	FILE *ls = popen(cmd, "r");

	assert_non_null(ls);
	while (*n < max && fgets(paths[*n], sizeof(paths[0]), ls) != NULL) {
		paths[*n][strcspn(paths[*n], "\n")] = '\0';
		(*n)++;
	}
	pclose(ls);
}

/* One file at a time, then all of them as one corpus (where lines shared
 * across files are learned as boilerplate): `relief snippets` gives the
 * snippets `relief index` stores, whatever the line endings. */
static void
test_snippets_show_what_index_stores(void **state)
{
	const char *files[64];
	char paths[64][4200];
	size_t n = 0, i;
	char cmd[4400];

	if (seeds[0] != '\0') {
		char src[4200];

		snprintf(src, sizeof(src), "%s/003_33fed38d9375f28f.txt", seeds);
		copy_with_line_ends(*state, src, "cr-only.txt", "\r");
		copy_with_line_ends(*state, src, "crlf.txt", "\r\n");
		snprintf(paths[n++], sizeof(paths[0]), "%s/cr-only.txt",
			 (char *)*state);
		snprintf(paths[n++], sizeof(paths[0]), "%s/crlf.txt",
			 (char *)*state);
		snprintf(cmd, sizeof(cmd), "ls '%s'/*.txt", seeds);
		add_listed(cmd, paths, &n, 16);
	}
	snprintf(cmd, sizeof(cmd), "find '%s/corpus' -name '*.txt' | sort",
		 srcdir);
	add_listed(cmd, paths, &n, 64);
	assert_true(n > 30);
	for (i = 0; i < n; i++) {
		long stored, shown;

		files[i] = paths[i];
		stored = indexed_snippets(*state, &files[i], 1);
		shown = shown_snippets(*state, &files[i], 1);
		if (stored != shown)
			print_error("%s: index stores %ld, snippets shows %ld\n",
				    files[i], stored, shown);
		assert_int_equal(stored, shown);
		assert_true(stored > 0);
	}
	assert_int_equal(indexed_snippets(*state, files, n),
			 shown_snippets(*state, files, n));
}

/* Indexes article as dir/name alone and returns the answer card's advice
 * for question (a new reference the caller frees). */
static json_t *
card_of_one_article(const char *dir, const char *name, const char *article,
		    const char *question)
{
	json_t *ans, *adv;

	write_file(dir, name, article, strlen(article));
	INDEX_OK(dir, "relief.db", name);
	ans = query_json(dir, question);
	adv = json_object_get(json_object_get(ans, "answer"), "advice");
	assert_non_null(adv);
	json_incref(adv);
	json_decref(ans);
	return adv;
}

/* What is not advice stays off the answer card, and the advice beside it
 * stays on: no advice holds any of the texts of never, and exactly one
 * holds once.
 *  - A forum post is someone's story: the card never offers it as
 *    advice, even when a later sentence of it reads like one.
 *  - A thing not to do ("wrong position") is never offered as advice;
 *    the right position beside it is. */
static void
test_answer_card_leaves_out_what_is_not_advice(void **state)
{
	static const struct {
		const char *name, *article, *question;
		const char *never[3]; /* up to a NULL */
		const char *once;
	} cases[] = {
	    {"forum.txt",
	     "Stiff lower back every morning\n\n"
	     "Replies\n\n"
	     "greg_h77 wrote: Update after 3 weeks: stopped sleeping on my "
	     "front. Doing the knee to chest stretch every morning, 30 "
	     "seconds each side, helped me a lot.\n\n"
	     "What helps\n\n"
	     "Pelvic tilt: lie on your back and flatten your lower back "
	     "against the floor for 20 seconds every morning, three "
	     "times.\n",
	     "what helps a stiff lower back in the morning",
	     {"helped me", "wrote"}, "20 seconds"},
	    {"sleep.txt",
	     "Sleeping positions for a sore back\n\n"
	     "On your back\n\n"
	     "Lie flat on your back with straight legs on a soft mattress "
	     "for the whole night: wrong position for a sore back.\n\n"
	     "On your side\n\n"
	     "Lie on your side with a pillow between the knees, knees "
	     "slightly bent, every night.\n",
	     "which sleeping position helps a sore back", {"wrong"},
	     "pillow between the knees"},
	};
	size_t c;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char dir[4200];
		json_t *adv, *a;
		size_t i, k, found = 0;

		/* Each article in a folder (and a database) of its own. */
		snprintf(dir, sizeof(dir), "%s/%zu", (char *)*state, c);
		assert_int_equal(mkdir(dir, 0777), 0);
		adv = card_of_one_article(dir, cases[c].name, cases[c].article,
					  cases[c].question);
		json_array_foreach(adv, i, a) {
			const char *how =
				json_string_value(json_object_get(a, "how"));

			for (k = 0; cases[c].never[k] != NULL; k++)
				assert_null(strstr(how, cases[c].never[k]));
			found += strstr(how, cases[c].once) != NULL;
		}
		assert_int_equal(found, 1);
		json_decref(adv);
	}
}

/* The JSON answer ans has at least min results, the first of kind
 * "avoid". */
static void
assert_avoid_leads(json_t *ans, size_t min)
{
	json_t *res = json_object_get(ans, "results");

	assert_true(json_array_size(res) >= min);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(res, 0), "kind")),
			    "avoid");
}

/* "What should I not do" asks for the things to avoid: they lead the
 * results, shown with their kind, yet the card still offers none of them
 * as advice. */
static void
test_avoid_question_ranks_things_not_to_do_first(void **state)
{
	static const char article[] =
		"Lifting with a sore back\n\n"
		"How to lift\n\n"
		"Bend your knees, keep the load close and lift by straightening "
		"the hips and knees.\n\n"
		"Common mistakes\n\n"
		"Twisting the waist while holding a heavy box.\n\n"
		"What helps afterwards\n\n"
		"A warm pack on the lower back for 15 minutes eases sore "
		"muscles.\n";
	json_t *ans, *adv, *a;
	size_t i;

	write_file(*state, "lift.txt", article, strlen(article));
	INDEX_OK(*state, "relief.db", "lift.txt");
	ans = query_json(*state, "what should I not do when lifting with a "
				 "sore back");
	assert_avoid_leads(ans, 2);
	adv = json_object_get(json_object_get(ans, "answer"), "advice");
	json_array_foreach(adv, i, a)
		assert_string_not_equal(
		    json_string_value(json_object_get(a, "kind")), "avoid");
	json_decref(ans);
	/* Misspelt, the question is answered as mended, type included. */
	ans = query_json(*state, "what excercises should I avoid when lifting "
				 "with a sore back");
	assert_true(json_is_true(json_object_get(ans, "corrected")));
	assert_string_equal(json_string_value(json_object_get(ans, "type")),
			    "avoid");
	assert_avoid_leads(ans, 1);
	json_decref(ans);
}

/* A sentence listing exercises, each with its own dosage, is indexed as
 * one snippet per exercise, and the card shows each with its dosage: the
 * collapse of near-identical advice never folds two of them, whose texts
 * share the sentence's opening and frequency but whose dosages differ. */
static void
test_answer_card_shows_each_listed_exercise_with_its_dosage(void **state)
{
	static const char article[] =
		"Core routine\n\n"
		"A simple routine: glute bridge 3 x 12, bird dog 10 each side, "
		"side plank 3 x 20 seconds per side, 3 times a week.\n";
	static const struct {
		const char *name;
		json_int_t hold, reps, sets;
		int side;
	} want[] = {
		{"glute bridge", 0, 12, 3, 0},
		{"bird dog", 0, 10, 0, 1},
		{"side plank", 20, 0, 3, 1},
	};
	json_t *adv, *a;
	size_t i, k, found = 0;

	adv = card_of_one_article(*state, "core.txt", article,
				  "core routine glute bridge bird dog side "
				  "plank how many");
	assert_int_equal(json_array_size(adv), 3);
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		json_array_foreach(adv, i, a) {
			json_t *d = json_object_get(a, "dosage");
			json_t *side = json_object_get(d, "per_side");

			if (strcmp(json_string_value(json_object_get(a, "name")),
				   want[k].name) != 0)
				continue;
			found++;
			assert_dosage(d, want[k].hold, want[k].reps,
				      want[k].sets);
			assert_int_equal(json_is_true(side), want[k].side);
			assert_int_equal(json_integer_value(
						 json_object_get(d, "per_week")),
					 3);
			assert_non_null(strstr(
				json_string_value(json_object_get(a, "how")),
				want[k].name));
		}
	assert_int_equal(found, 3);
	json_decref(adv);
}

/* Two pieces of pillow advice: one said with "should", one with an
 * opening verb. */
static const char pillow_article[] =
	"Choosing a pillow\n\n"
	"The head pillow\n\n"
	"Your head pillow should fill the gap between the shoulder and "
	"the ear when you lie on your side, so that the neck stays "
	"straight all night.\n\n"
	"The knee pillow\n\n"
	"Put a second pillow between your knees, so that the top leg "
	"does not pull the pelvis round.\n";

/* Asks question of pillow_article alone; counts the card's pieces on the
 * head pillow and on the knee pillow. */
static void
pillow_card(void **state, const char *question, int *head, int *knees)
{
	json_t *adv, *a;
	size_t i;

	*head = *knees = 0;
	adv = card_of_one_article(*state, "pillow.txt", pillow_article,
				  question);
	json_array_foreach(adv, i, a) {
		const char *how = json_string_value(json_object_get(a, "how"));

		assert_non_null(how);
		*head += strstr(how, "head pillow should fill") != NULL;
		*knees += strstr(how, "between your knees") != NULL;
	}
	json_decref(adv);
}

/* Advice said without an opening verb ("Your head pillow should fill the
 * gap") is advice on the card beside the instructions, where only the
 * instruction was before. */
static void
test_answer_card_takes_advice_said_with_should(void **state)
{
	int head, knees;

	pillow_card(state, "how to choose a pillow", &head, &knees);
	assert_int_equal(head, 1);
	assert_int_equal(knees, 1);
}

/* The card leaves out a result far weaker than the first, however well it
 * says what to do: the knee pillow does not answer "which pillow for my
 * neck", though it is a result. */
static void
test_answer_card_leaves_out_weak_matches(void **state)
{
	int head, knees;

	pillow_card(state, "which pillow for my neck", &head, &knees);
	assert_int_equal(head, 1);
	assert_int_equal(knees, 0);
}

/* Advice said in the passive ("two pillows are recommended") is what to
 * do: the card leads with it, not with the description before it. */
static void
test_answer_card_takes_advice_said_in_the_passive(void **state)
{
	static const char article[] =
		"Sleeping position\n\n"
		"The lower back rests on the mattress all night. Two pillows "
		"are recommended under both knees, so that the knees bend.\n";
	json_t *adv, *a;
	const char *how;

	adv = card_of_one_article(*state, "sleep.txt", article,
				  "pillow under my knees when sleeping");
	assert_int_equal(json_array_size(adv), 1);
	a = json_array_get(adv, 0);
	how = json_string_value(json_object_get(a, "how"));
	assert_non_null(how);
	assert_int_equal(strncmp(how, "Two pillows are recommended", 27), 0);
	json_decref(adv);
}

/* The sources of the first n results of a JSON answer, one per line. */
static void
sources_of(const char *out, size_t n, char *buf, size_t size)
{
	json_t *o = json_loads(out, 0, NULL), *r;
	size_t i;

	assert_non_null(o);
	buf[0] = '\0';
	json_array_foreach(json_object_get(o, "results"), i, r) {
		if (i >= n)
			break;
		strncat(buf, json_string_value(json_object_get(r, "source")),
			size - strlen(buf) - 2);
		strcat(buf, "\n");
	}
	json_decref(o);
}

/* One article with many matching snippets does not fill the first page:
 * another article's best answer comes before the first article's fourth,
 * though each of those scores higher on its own (--param r_diverse=0
 * shows the plain order, and is the control). */
static void
test_one_article_does_not_fill_the_page(void **state)
{
	static const char many[] =
		"Hamstring stretches for a stiff lower back\n\n"
		"Standing hamstring stretch\n\n"
		"Stand and put one heel on a low step. Lean forward until you "
		"feel the hamstring stretch. Hold the hamstring stretch for 30 "
		"seconds.\n\n"
		"Seated hamstring stretch\n\n"
		"Sit on the floor with the legs straight. Reach for the toes "
		"for a hamstring stretch. Hold the hamstring stretch for 30 "
		"seconds.\n\n"
		"Lying hamstring stretch\n\n"
		"Lie on your back and loop a towel around one foot. Pull the "
		"leg up for a hamstring stretch. Hold for 30 seconds.\n\n"
		"Doorway hamstring stretch\n\n"
		"Lie in a doorway with one leg up the wall for a hamstring "
		"stretch. Hold the hamstring stretch for 60 seconds.\n\n"
		"Chair hamstring stretch\n\n"
		"Sit on the edge of a chair with one leg straight out and lean "
		"forward into a hamstring stretch. Hold for 30 seconds.\n";
	static const char one[] =
		"Easing a stiff back\n\n"
		"Towel hamstring stretch\n\n"
		"Lie on your back with the knees bent and pull one leg up "
		"with a towel for a hamstring stretch, ten times.\n";
	char plain[4096], diverse[4096];
	run_t r;

	write_file(*state, "many.txt", many, strlen(many));
	write_file(*state, "one.txt", one, strlen(one));
	INDEX_OK(*state, "relief.db", "many.txt", "one.txt");
	RUN(*state, NULL, &r, "query", "--db", "relief.db", "--format",
	    "json", "--param", "r_diverse=0", "hamstring stretch");
	assert_int_equal(r.status, 0);
	sources_of(r.out, 4, plain, sizeof(plain));
	run_free(&r);
	RUN(*state, NULL, &r, "query", "--db", "relief.db", "--format",
	    "json", "hamstring stretch");
	assert_int_equal(r.status, 0);
	sources_of(r.out, 4, diverse, sizeof(diverse));
	run_free(&r);
	/* Without diversity the first four are all the first article's. */
	assert_null(strstr(plain, "one.txt"));
	assert_non_null(strstr(diverse, "one.txt"));
	/* The first result is the best one either way. */
	assert_true(strncmp(plain, diverse, strcspn(plain, "\n")) == 0);
}

/* The results of one batch line (one JSON object per line of out). */
static json_t *
batch_line(const char *out, size_t i)
{
	const char *p = out;
	json_t *o;

	while (i-- > 0) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	o = json_loadb(p, strcspn(p, "\n"), 0, NULL);
	assert_non_null(o);
	return o;
}

/* The order of results is a property of the question and the index: the
 * first 10 of --limit 100 are the --limit 10 list, with the same scores,
 * so that a second page continues the first. */
static void
test_ranking_does_not_depend_on_the_limit(void **state)
{
	static const char questions[] =
		"how long should I hold a plank for back pain\n"
		"lower back stiff and sore when I wake up in the morning\n"
		"my back aches when I run\n"
		"waist muscle spasm what can I do\n"
		"glute bridge how many reps\n"
		"best sleeping position for sciatica\n"
		"hot or cold for a sore back\n"
		"sitting all day at a desk and my neck hurts\n"
		"exercises\n"
		"pain\n";
	char corpus[4096];
	run_t small, big;
	size_t i, k, longer = 0;

	snprintf(corpus, sizeof(corpus), "%s/corpus", srcdir);
	RUN(*state, NULL, &small, "index", "--db", "relief.db", corpus);
	assert_int_equal(small.status, 0);
	run_free(&small);
	RUN(*state, questions, &small, "query", "--batch", "--db",
	    "relief.db", "--limit", "10");
	RUN(*state, questions, &big, "query", "--batch", "--db", "relief.db",
	    "--limit", "100");
	assert_int_equal(small.status, 0);
	assert_int_equal(big.status, 0);
	for (i = 0; i < 10; i++) {
		json_t *a = batch_line(small.out, i), *b = batch_line(big.out, i);
		json_t *ra = json_object_get(a, "results");
		json_t *rb = json_object_get(b, "results");

		assert_true(json_array_size(ra) <= 10);
		assert_true(json_array_size(rb) >= json_array_size(ra));
		longer += json_array_size(rb) > 10;
		for (k = 0; k < json_array_size(ra); k++) {
			json_t *x = json_array_get(ra, k);
			json_t *y = json_array_get(rb, k);
			char *dx, *dy;

			dx = json_dumps(x, JSON_COMPACT | JSON_SORT_KEYS);
			dy = json_dumps(y, JSON_COMPACT | JSON_SORT_KEYS);
			if (strcmp(dx, dy) != 0)
				print_error("question %zu, rank %zu:\n %s\n"
					    " %s\n",
					    i + 1, k + 1, dx, dy);
			assert_string_equal(dx, dy);
			free(dx);
			free(dy);
		}
		json_decref(a);
		json_decref(b);
	}
	/* The test means something only when the long lists are longer. */
	assert_true(longer >= 5);
	run_free(&small);
	run_free(&big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_running_back_pain_ranks_running_seed_first),
		T(test_stiff_on_waking_ranks_sleeping_seed_first),
		T(test_json_results_have_documented_fields_and_true_highlights),
		T(test_reindex_unchanged_adds_and_updates_nothing),
		T(test_changed_file_is_replaced_and_prune_removes_deleted),
		T(test_bad_files_are_refused_and_database_kept),
		T(test_invalid_utf8_is_repaired_with_a_warning),
		T(test_unreadable_file_is_an_error),
		T(test_query_without_database_names_it),
		T(test_denied_writes_say_permission_denied),
		T(test_disk_full_summary_counts_what_was_kept),
		T(test_read_only_mount_is_said_and_keeps_the_database),
		T(test_empty_question_is_a_usage_error),
		T(test_batch_writes_one_json_line_per_question),
		T(test_help_and_bad_usage),
		T(test_version_names_the_release),
		T(test_bad_options_get_one_clear_line),
		T(test_missing_lexicon_is_refused_everywhere),
		T(test_text_output_names_title_and_source),
		T(test_clean_explain_names_a_reason_for_every_dropped_line),
		T(test_clean_seeds_keep_content_and_drop_navigation),
		T(test_clean_html_keeps_article_and_drops_furniture),
		T(test_clean_html_without_text),
		T(test_clean_meets_the_noisy_dev_gold),
		T(test_clean_articles_pass_through),
		T(test_index_never_indexes_dropped_lines),
		T(test_query_results_carry_kind_name_and_dosage),
		T(test_snippets_of_the_exercise_seed),
		T(test_snippets_errors_name_the_file),
		T(test_snippets_show_what_index_stores),
		T(test_morning_stiffness_finds_sleeping_position_advice),
		T(test_gym_names_find_translated_names),
		T(test_lay_and_clinical_words_find_each_other),
		T(test_red_flags_come_first_and_only_when_named),
		T(test_misspelled_question_is_corrected),
		T(test_spelling_mends_typos_and_keeps_words),
		T(test_spelling_mends_long_words_before_warnings),
		T(test_answer_card_takes_advice_said_with_should),
		T(test_answer_card_leaves_out_weak_matches),
		T(test_answer_card_takes_advice_said_in_the_passive),
		T(test_answer_card_lists_distinct_advice),
		T(test_ranking_does_not_depend_on_the_limit),
		T(test_one_article_does_not_fill_the_page),
		T(test_answer_card_leaves_out_what_is_not_advice),
		T(test_avoid_question_ranks_things_not_to_do_first),
		T(test_answer_card_shows_each_listed_exercise_with_its_dosage),
#undef T
	};
	if (run_relief_init("test_e2e") != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
