/* test_indexer.c - the stages of the indexing pipeline, one by one, and
 * the indexer API on a temporary database. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

#include "../indexer/indexer_internal.h"

static void
put(const char *name, const void *data, size_t len)
{
	write_file(scratch, name, data, len);
}

static void
test_normalise_fixes_line_ends_and_bom(void **state)
{
	kb_article_t a;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.text = strdup("\xEF\xBB\xBFTitle\r\n\r\nOne.\rTwo.\r\n");
	assert_non_null(a.text);
	a.len = strlen(a.text);
	indexer_normalise_stage(&a);
	assert_string_equal(a.text, "Title\n\nOne.\nTwo.\n");
	assert_int_equal(a.len, strlen(a.text));
	indexer_article_clear(&a);
}

/* ---- read stage --------------------------------------------------- */

typedef struct read_case {
	const char *name;
	const char *data;
	size_t len;
	kb_status_t want;
	const char *why;	/* substring of the reason, or NULL */
} read_case_t;

static void
test_read_stage_classifies_files(void **state)
{
	static const read_case_t cases[] = {
		{ "ok.txt", "Back\n\nRest.\n", 12, KB_OK, NULL },
		{ "empty.txt", "", 0, KB_DONE, "empty" },
		{ "nul.txt", "Back\0pain", 9, KB_DONE, "binary" },
		{ "ctrl.txt", "\x01\x02\x03\x04\x05 text", 10, KB_DONE,
		  "not a text file" },
		{ "latin1.txt", "caf\xe9 au lait and more words here", 32,
		  KB_OK, "invalid UTF-8" },
		{ "garbage.txt", "\xff\xfe\xfd\xfc\xfb\xfa ab", 9, KB_DONE,
		  "not UTF-8" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const read_case_t *c = &cases[i];
		char path[256];
		kb_file_t f = { path, (char *)c->name, NULL, c->len, 0 };
		kb_article_t a;
		kb_buf_t why;
		kb_status_t rc;

		put(c->name, c->data, c->len);
		snprintf(path, sizeof(path), "%s/%s", scratch, c->name);
		kb_buf_init(&why);
		rc = indexer_read_stage(&f, &a, &why);
		if (rc != c->want)
			print_error("%s: got %s\n", c->name,
				    kb_status_str(rc));
		assert_int_equal(rc, c->want);
		if (c->why != NULL)
			assert_non_null(strstr(why.data, c->why));
		if (rc == KB_OK)
			assert_true(kb_text_valid_utf8(a.text, a.len));
		indexer_article_clear(&a);
		kb_buf_free(&why);
	}
}

static void
test_read_stage_refuses_monster_line_and_missing_file(void **state)
{
	size_t n = KB_LIMIT_LINE_BYTES + 10, i;
	char *big = malloc(n), path[256];
	kb_file_t f = { path, "x", NULL, 0, 0 };
	kb_article_t a;
	kb_buf_t why;

	(void)state;
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = i % 5 == 4 ? ' ' : 'x';
	put("long.txt", big, n);
	/* An HTML page's lines are markup: a minified page is one line. */
	put("long.html", big, n);
	free(big);
	snprintf(path, sizeof(path), "%s/long.txt", scratch);
	kb_buf_init(&why);
	assert_int_equal(indexer_read_stage(&f, &a, &why), KB_DONE);
	assert_non_null(strstr(why.data, "longer than"));
	indexer_article_clear(&a);
	kb_buf_reset(&why);
	snprintf(path, sizeof(path), "%s/long.html", scratch);
	assert_int_equal(indexer_read_stage(&f, &a, &why), KB_OK);
	assert_int_equal(a.len, n);
	indexer_article_clear(&a);
	kb_buf_reset(&why);
	snprintf(path, sizeof(path), "%s/nothing.txt", scratch);
	assert_int_equal(indexer_read_stage(&f, &a, &why), KB_ERR_IO);
	assert_non_null(strstr(why.data, "No such file"));
	indexer_article_clear(&a);
	kb_buf_free(&why);
}

static void
test_read_stage_hash_follows_content(void **state)
{
	char path[256];
	kb_file_t f = { path, "h.txt", NULL, 0, 0 };
	kb_article_t a;
	kb_buf_t why;
	unsigned long long h1, h2, h3;

	(void)state;
	snprintf(path, sizeof(path), "%s/h.txt", scratch);
	kb_buf_init(&why);
	put("h.txt", "one\n", 4);
	assert_int_equal(indexer_read_stage(&f, &a, &why), KB_OK);
	h1 = a.hash;
	indexer_article_clear(&a);
	put("h.txt", "one\n", 4);
	assert_int_equal(indexer_read_stage(&f, &a, &why), KB_OK);
	h2 = a.hash;
	indexer_article_clear(&a);
	put("h.txt", "two\n", 4);
	assert_int_equal(indexer_read_stage(&f, &a, &why), KB_OK);
	h3 = a.hash;
	indexer_article_clear(&a);
	assert_true(h1 == h2);
	assert_true(h1 != h3);
	kb_buf_free(&why);
}

/* ---- walk --------------------------------------------------------- */

static void
collect_warning(void *ctx, const char *msg)
{
	kb_buf_t *b = ctx;

	kb_buf_puts(b, msg);
	kb_buf_putc(b, '\n');
}

/* Frees what indexer_walk_dir returned and the warnings collected. */
static void
free_walk(kb_file_t *files, size_t n, kb_buf_t *w)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].id);
	}
	free(files);
	kb_buf_free(w);
}

static void
test_walk_finds_txt_files_in_order_skipping_hidden(void **state)
{
	kb_file_t *files = NULL;
	size_t n = 0, cap = 0;
	unsigned warnings = 0;
	char dir[256];
	kb_buf_t w;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/sub", scratch);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(dir, sizeof(dir), "%s/.git", scratch);
	assert_int_equal(mkdir(dir, 0755), 0);
	put("b.txt", "b\n", 2);
	put("a.TXT", "a\n", 2);
	put("sub/c.txt", "c\n", 2);
	put(".hidden.txt", "h\n", 2);
	put(".git/d.txt", "d\n", 2);
	put("notes.md", "m\n", 2);
	put("zero.txt", "", 0);
	kb_buf_init(&w);
	assert_int_equal(indexer_walk_dir(scratch, "/root", &files, &n, &cap,
	                                  collect_warning, &w, &warnings),
	                 KB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(files[0].id, "a.TXT");
	assert_string_equal(files[1].id, "b.txt");
	assert_string_equal(files[2].id, "sub/c.txt");
	assert_string_equal(files[0].root, "/root");
	assert_int_equal(files[1].size, 2);
	/* The empty file is reported, the hidden ones are not. */
	assert_int_equal(warnings, 1);
	assert_non_null(strstr(w.data, "zero.txt: empty file"));
	free_walk(files, n, &w);
}

/* Folders nested deeper than KB_LIMIT_DIR_DEPTH are not walked, and the
 * warning names the first folder left out; an article just above it is
 * found. */
static void
test_walk_warns_at_the_folder_depth_limit(void **state)
{
	kb_file_t *files = NULL;
	size_t n = 0, cap = 0, i, len;
	unsigned warnings = 0;
	char dir[4096];
	kb_buf_t w;

	(void)state;
	len = (size_t)snprintf(dir, sizeof(dir), "%s", scratch);
	for (i = 0; i <= KB_LIMIT_DIR_DEPTH + 1; i++) {
		len += (size_t)snprintf(dir + len, sizeof(dir) - len, "/d");
		assert_true(len < sizeof(dir) - 16);
		assert_int_equal(mkdir(dir, 0755), 0);
		/* One article at the deepest level walked, one below. */
		if (i == KB_LIMIT_DIR_DEPTH - 1 || i == KB_LIMIT_DIR_DEPTH) {
			char path[4200];

			snprintf(path, sizeof(path), "%s/a%zu.txt", dir, i);
			write_path(path, "a\n", 2);
		}
	}
	kb_buf_init(&w);
	assert_int_equal(indexer_walk_dir(scratch, scratch, &files, &n, &cap,
	                                  collect_warning, &w, &warnings),
	                 KB_OK);
	assert_int_equal(n, 1);
	assert_non_null(strstr(files[0].id, "a63.txt"));
	assert_int_equal(warnings, 1);
	assert_non_null(strstr(w.data, "nested more than 64 deep"));
	/* The warning names the folder: the first one too deep, dir
	 * without its last "/d". */
	dir[len - 2] = '\0';
	assert_non_null(strstr(w.data, dir + strlen(scratch)));
	free_walk(files, n, &w);
}

/* ---- the indexer API ---------------------------------------------- */

static void
test_indexer_runs_and_is_idempotent(void **state)
{
	kb_index_opts_t o;
	kb_indexer_t *ix;
	kb_db_stats_t st;
	char db[256], docs[256], *err = NULL;
	int run;

	(void)state;
	snprintf(docs, sizeof(docs), "%s/docs", scratch);
	snprintf(db, sizeof(db), "%s/k.db", scratch);
	assert_int_equal(mkdir(docs, 0755), 0);
	put("docs/one.txt", "Knee pain\n\nIce the knee.\n\nRest it.\n", 35);
	put("docs/two.txt", "Neck\n\nTurn slowly.\n", 19);
	for (run = 0; run < 2; run++) {
		const kb_index_stats_t *s;

		kb_index_opts_init(&o);
		o.db_path = db;
		o.lexicon = "lexicon";
		assert_int_equal(kb_indexer_open(&o, &ix, &err), KB_OK);
		assert_null(err);
		assert_int_equal(kb_indexer_add_path(ix, docs), KB_OK);
		assert_int_equal(kb_indexer_run(ix), KB_OK);
		s = kb_indexer_stats(ix);
		assert_int_equal(s->files, 2);
		assert_int_equal(s->added, run == 0 ? 2 : 0);
		assert_int_equal(s->skipped, run == 0 ? 0 : 2);
		assert_int_equal(s->snippets > 0, run == 0);
		kb_indexer_close(ix);
	}
	assert_int_equal(kb_db_stats(db, &st, &err), KB_OK);
	assert_int_equal(st.articles, 2);
	assert_true(st.snippets >= 2);
	assert_int_equal(st.documents, 2 + st.snippets);
	assert_true(st.terms > 0);
	assert_true(st.bytes > 0);
}

static void
test_indexer_reports_missing_path_and_bad_db(void **state)
{
	kb_index_opts_t o;
	kb_indexer_t *ix = NULL;
	char db[256], *err = NULL;

	(void)state;
	kb_index_opts_init(&o);
	snprintf(db, sizeof(db), "%s/m.db", scratch);
	o.db_path = db;
	o.lexicon = "lexicon";
	assert_int_equal(kb_indexer_open(&o, &ix, &err), KB_OK);
	assert_int_equal(kb_indexer_add_path(ix, "/no/such/dir"),
			 KB_ERR_NOT_FOUND);
	assert_non_null(strstr(kb_indexer_errmsg(ix), "/no/such/dir"));
	kb_indexer_close(ix);
	/* A database path under a file cannot be created. */
	put("plain", "x", 1);
	snprintf(db, sizeof(db), "%s/plain/sub.db", scratch);
	o.db_path = db;
	assert_int_not_equal(kb_indexer_open(&o, &ix, &err), KB_OK);
	assert_null(ix);
	assert_non_null(err);
	assert_non_null(strstr(err, "plain/sub.db"));
	free(err);
	/* A missing stopword file is named. */
	snprintf(db, sizeof(db), "%s/s.db", scratch);
	o.db_path = db;
	o.stopwords = "/no/stopwords.txt";
	assert_int_equal(kb_indexer_open(&o, &ix, &err), KB_ERR_IO);
	assert_non_null(strstr(err, "/no/stopwords.txt"));
	free(err);
	kb_indexer_close(NULL);
}

/* Bytes of the files in a database folder. */
static long long
folder_bytes(const char *dir)
{
	static const char *const tables[] = { "docdata.glass", "postlist.glass",
		"position.glass", "termlist.glass", "spelling.glass" };
	char p[4096];
	struct stat sb;
	long long n = 0;
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, tables[i]);
		if (stat(p, &sb) == 0)
			n += (long long)sb.st_size;
	}
	return n;
}

/* corpus/ built with and without the compaction at the end of a run:
 * the same documents and terms, in fewer bytes, and no copy left over. */
static void
test_indexer_compacts_a_build_in_place(void **state)
{
	char db[2][4096], left[4200];
	uint64_t docs[2], freq[2];
	int run;

	(void)state;
	for (run = 0; run < 2; run++) {
		kb_index_opts_t o;
		kb_indexer_t *ix;
		kb_store_t *st;
		char *err = NULL;

		snprintf(db[run], sizeof(db[run]), "%s/%s.db", scratch,
		         run ? "compacted" : "plain");
		kb_index_opts_init(&o);
		o.db_path = db[run];
		o.lexicon = "lexicon";
		o.commit_every = 4;	/* several commits, as a big build */
		o.no_compact = run == 0;
		assert_int_equal(kb_indexer_open(&o, &ix, &err), KB_OK);
		assert_int_equal(kb_indexer_add_path(ix, "corpus"), KB_OK);
		assert_int_equal(kb_indexer_run(ix), KB_OK);
		assert_int_equal(kb_indexer_stats(ix)->warnings, 0);
		kb_indexer_close(ix);
		assert_int_equal(kb_store_open(db[run], KB_STORE_READ, &st,
		                               NULL), KB_OK);
		assert_int_equal(kb_store_doc_count(st, &docs[run]), KB_OK);
		assert_int_equal(kb_store_term_freq(st, "back", 4, &freq[run]),
		                 KB_OK);
		kb_store_close(st);
	}
	assert_true(docs[0] > 100);
	assert_int_equal(docs[0], docs[1]);
	assert_true(freq[0] > 0);
	assert_int_equal(freq[0], freq[1]);
	assert_true(folder_bytes(db[1]) < folder_bytes(db[0]));
	snprintf(left, sizeof(left), "%s.compacting", db[1]);
	assert_int_equal(access(left, F_OK), -1);
}

/* A run killed while compacting leaves its copy beside the database; the
 * next run removes it, even an update too small to compact. */
static void
test_indexer_removes_a_copy_a_killed_run_left(void **state)
{
	char db[4096], left[4200], file[4200];
	int pass;

	(void)state;
	snprintf(db, sizeof(db), "%s/k.db", scratch);
	snprintf(left, sizeof(left), "%s.compacting", db);
	snprintf(file, sizeof(file), "%s/a.txt", scratch);
	{
		FILE *f = fopen(file, "w");

		assert_non_null(f);
		fputs("Knee pain\n\nIce the knee for a day.\n", f);
		assert_int_equal(fclose(f), 0);
	}
	for (pass = 0; pass < 2; pass++) {
		kb_index_opts_t o;
		kb_indexer_t *ix;
		char *err = NULL;

		kb_index_opts_init(&o);
		o.db_path = db;
		o.lexicon = "lexicon";
		assert_int_equal(kb_indexer_open(&o, &ix, &err), KB_OK);
		assert_int_equal(kb_indexer_add_path(ix, pass ? file
		                                              : "corpus"),
		                 KB_OK);
		assert_int_equal(kb_indexer_run(ix), KB_OK);
		kb_indexer_close(ix);
		/* What a kill -9 during compaction leaves. */
		if (pass == 0) {
			char sub[4300];

			assert_int_equal(mkdir(left, 0755), 0);
			snprintf(sub, sizeof(sub), "%s/postlist.glass", left);
			assert_int_equal(close(open(sub, O_CREAT | O_WRONLY,
			                            0644)),
			                 0);
		}
	}
	assert_int_equal(access(left, F_OK), -1);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, scratch_setup, \
						   scratch_teardown)
	const struct CMUnitTest tests[] = {
		T(test_normalise_fixes_line_ends_and_bom),
		T(test_read_stage_classifies_files),
		T(test_read_stage_refuses_monster_line_and_missing_file),
		T(test_read_stage_hash_follows_content),
		T(test_walk_finds_txt_files_in_order_skipping_hidden),
		T(test_walk_warns_at_the_folder_depth_limit),
		T(test_indexer_runs_and_is_idempotent),
		T(test_indexer_reports_missing_path_and_bad_db),
		T(test_indexer_compacts_a_build_in_place),
		T(test_indexer_removes_a_copy_a_killed_run_left),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
