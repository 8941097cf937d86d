/* test_store.c - unit tests for the Xapian store (store/kb_store.h).
 *
 * Every test works on real databases in a private temporary directory,
 * made by the group setup and removed by the group teardown.  Each test
 * that writes uses its own database names under that directory, so the
 * tests do not depend on each other's order.
 *
 * The tests that only read share one small corpus (see corpus[] below),
 * built once by the group setup as corpus.db; each opens a reader of its
 * own (open_corpus).  The query tests are table-driven: each row is an
 * operator, its sub-queries and the ids of the documents that must match.
 */
/* nftw() and FTW_PHYS are X/Open; the removal of the temporary directory
 * needs them. */
#define _XOPEN_SOURCE 700

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../store/kb_store.h"

static char tmpdir[] = "/tmp/kb-test-store-XXXXXX";

/* ---- helpers ------------------------------------------------------ */

/* A path under the temporary directory.  The result lives in one of a few
 * static buffers, enough for the paths a test holds at once. */
static const char *
path_of(const char *name)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s", tmpdir, name);
	return b;
}

static kb_store_t *
open_ok(const char *name, kb_store_mode_t mode)
{
	kb_store_t *st = NULL;
	char *err = NULL;
	kb_status_t rc = kb_store_open(path_of(name), mode, &st, &err);

	if (rc != KB_OK)
		fail_msg("open %s: %s", name, err ? err : "?");
	assert_null(err);
	assert_non_null(st);
	return st;
}

/* The number of documents in st, which must answer. */
static uint64_t
doc_count(kb_store_t *st)
{
	uint64_t n = 0;

	assert_int_equal(kb_store_doc_count(st, &n), KB_OK);
	return n;
}

/* The number of documents of st that hold term, which must answer. */
static uint64_t
term_freq(kb_store_t *st, const char *term)
{
	uint64_t n = 0;

	assert_int_equal(kb_store_term_freq(st, term, strlen(term), &n), KB_OK);
	return n;
}

/* Opening path with mode fails with rc, with no handle and a message of
 * one line that holds want. */
static void
open_fails(const char *path, kb_store_mode_t mode, kb_status_t rc,
           const char *want)
{
	kb_store_t *st = (kb_store_t *)1;
	char *err = NULL;

	assert_int_equal(kb_store_open(path, mode, &st, &err), rc);
	assert_null(st);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		fail_msg("open %s: \"%s\" holds no \"%s\"", path, err, want);
	assert_null(strchr(err, '\n'));
	free(err);
}

/* Writes the stub file name over two shards: a, named relative to the
 * stub, and b by its absolute path. */
static void
write_stub(const char *name, const char *a, const char *b)
{
	FILE *f = fopen(path_of(name), "w");

	assert_non_null(f);
	fprintf(f, "auto %s\nglass %s\n", a, path_of(b));
	fclose(f);
}

/* One test document: words are indexed with positions 1, 2, ...; bools
 * are boolean terms; value0 goes in value slot 0.  Lists are separated by
 * spaces.  The data is "doc:" followed by the id term. */
struct doc_spec {
	const char *id;
	const char *words;
	const char *bools;
	const char *value0;
};

/* Calls fn on each space-separated word of s. */
static void
each_word(const char *s, void (*fn)(kb_doc_t *, const char *, size_t, unsigned),
          kb_doc_t *doc)
{
	unsigned pos = 0;

	while (s && *s) {
		size_t n = strcspn(s, " ");

		if (n)
			fn(doc, s, n, ++pos);
		s += n;
		s += strspn(s, " ");
	}
}

static void
add_word(kb_doc_t *doc, const char *w, size_t n, unsigned pos)
{
	assert_int_equal(kb_doc_add_posting(doc, w, n, pos, 1), KB_OK);
}

static void
add_bool(kb_doc_t *doc, const char *w, size_t n, unsigned pos)
{
	(void)pos;
	assert_int_equal(kb_doc_add_boolean(doc, w, n), KB_OK);
}

static unsigned
add_spec(kb_store_t *st, const struct doc_spec *d)
{
	kb_doc_t *doc;
	char data[128];
	unsigned docid = 0;

	assert_int_equal(kb_doc_new(&doc), KB_OK);
	each_word(d->words, add_word, doc);
	each_word(d->bools, add_bool, doc);
	if (d->value0)
		assert_int_equal(
		    kb_doc_set_value(doc, 0, d->value0, strlen(d->value0)),
		    KB_OK);
	snprintf(data, sizeof data, "doc:%s", d->id);
	assert_int_equal(kb_doc_set_data(doc, data, strlen(data)), KB_OK);
	assert_int_equal(
	    kb_store_replace(st, d->id, strlen(d->id), doc, &docid), KB_OK);
	kb_doc_free(doc);
	return docid;
}

static kb_query_t *
term_q(const char *t, unsigned pos)
{
	kb_query_t *q = NULL;

	assert_int_equal(kb_query_term(t, strlen(t), 1, pos, &q), KB_OK);
	return q;
}

/* Combines the space-separated terms of s with op (positions 1, 2, ...
 * in order, for phrases). */
static kb_query_t *
combine_q(kb_query_op_t op, const char *s, unsigned window)
{
	kb_query_t *subs[8] = {NULL};
	kb_query_t *q = NULL;
	size_t n = 0;

	while (*s) {
		size_t len = strcspn(s, " ");
		char t[64];

		assert_true(n < 8 && len < sizeof t);
		memcpy(t, s, len);
		t[len] = '\0';
		subs[n] = term_q(t, (unsigned)n + 1);
		n++;
		s += len;
		s += strspn(s, " ");
	}
	assert_int_equal(kb_query_combine(op, subs, n, window, &q), KB_OK);
	for (size_t i = 0; i < n; i++)
		kb_query_free(subs[i]);
	return q;
}

/* Runs q and writes the matching docids, sorted ascending and separated
 * by spaces, into out ("" for no match).  Also checks that the iterator
 * ends with KB_DONE and stays there. */
static void
match_ids(kb_store_t *st, const kb_query_t *q, char *out, size_t size)
{
	kb_hits_t *hits = NULL;
	const kb_hit_t *h;
	unsigned ids[64];
	size_t n = 0;
	kb_status_t rc;
	kb_search_opts_t o;

	kb_search_opts_init(&o);
	o.limit = 64;
	assert_int_equal(kb_store_search(st, q, &o, &hits), KB_OK);
	while ((rc = kb_hits_next(hits, &h)) == KB_OK) {
		assert_true(n < 64);
		ids[n++] = h->docid;
	}
	assert_int_equal(rc, KB_DONE);
	assert_null(h);
	assert_int_equal(kb_hits_next(hits, &h), KB_DONE);
	kb_hits_free(hits);

	/* Insertion sort: a handful of ids. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
			unsigned t = ids[j];

			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(out);

		snprintf(out + used, size - used, "%s%u", i ? " " : "", ids[i]);
	}
}

/* The weight of docid among q's hits (-1 if it does not match). */
static double
weight_of(kb_store_t *st, const kb_query_t *q, const kb_bm25_t *bm25,
          unsigned docid)
{
	kb_hits_t *hits = NULL;
	const kb_hit_t *h;
	kb_search_opts_t o;
	double w = -1;

	kb_search_opts_init(&o);
	o.limit = 100;
	o.bm25 = bm25;
	assert_int_equal(kb_store_search(st, q, &o, &hits), KB_OK);
	while (kb_hits_next(hits, &h) == KB_OK)
		if (h->docid == docid)
			w = h->weight;
	kb_hits_free(hits);
	return w;
}

/* The shared corpus for the query tests; docids are 1..5 in this order.
 * The words are chosen so that phrase, proximity and boolean filters give
 * different answers. */
static const struct doc_spec corpus[] = {
    {"Q1", "lower back pain", "Kexercise", "a"},
    {"Q2", "back pain lower", "Ksleep", "a"},
    {"Q3", "pain in the lower back muscles", NULL, "b"},
    {"Q4", "neck stiffness", "Kexercise", "b"},
    {"Q5", "back back back", NULL, NULL},
};

static kb_store_t *
corpus_db(const char *name)
{
	kb_store_t *st = open_ok(name, KB_STORE_CREATE);

	for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
		assert_int_equal(add_spec(st, &corpus[i]), i + 1);
	assert_int_equal(kb_store_commit(st), KB_OK);
	kb_store_close(st);
	return open_ok(name, KB_STORE_READ);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The group set-up: the temporary directory, and in it corpus.db, which
 * the tests that only read the corpus share. */
static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	kb_store_close(corpus_db("corpus.db"));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The set-up of a test that only reads the corpus: *state is a reader of
 * corpus.db of its own, which close_corpus closes. */
static int
open_corpus(void **state)
{
	*state = open_ok("corpus.db", KB_STORE_READ);
	return 0;
}

static int
close_corpus(void **state)
{
	kb_store_close(*state);
	return 0;
}

/* ---- opening ------------------------------------------------------ */

static void
test_store_open_missing_readonly_is_not_found(void **state)
{
	(void)state;
	open_fails(path_of("nosuch.db"), KB_STORE_READ, KB_ERR_NOT_FOUND,
	           "nosuch.db: no database here");
}

static void
test_store_open_missing_for_write_is_not_found(void **state)
{
	(void)state;
	open_fails(path_of("nosuch2.db"), KB_STORE_WRITE, KB_ERR_NOT_FOUND,
	           "nosuch2.db");
}

static void
test_store_open_rejects_bad_arguments(void **state)
{
	kb_store_t *st = (kb_store_t *)1;
	char *err = NULL;

	(void)state;
	assert_int_equal(kb_store_open(NULL, KB_STORE_READ, &st, &err),
	                 KB_ERR_ARG);
	assert_null(st);
	free(err);
	assert_int_equal(
	    kb_store_open(path_of("x.db"), KB_STORE_READ, NULL, NULL),
	    KB_ERR_ARG);
	assert_int_equal(
	    kb_store_open(path_of("x.db"), (kb_store_mode_t)7, &st, NULL),
	    KB_ERR_ARG);
	assert_null(st);
}

static void
test_store_open_garbage_file_is_an_error(void **state)
{
	const char *p = path_of("garbage.db");
	FILE *f = fopen(p, "w");

	(void)state;
	assert_non_null(f);
	fputs("this is not a database\n", f);
	fclose(f);
	open_fails(p, KB_STORE_READ, KB_ERR_IO, "garbage.db");
}

static void
test_store_second_writer_is_locked(void **state)
{
	kb_store_t *a = open_ok("locked.db", KB_STORE_CREATE);

	(void)state;
	open_fails(path_of("locked.db"), KB_STORE_WRITE, KB_ERR_LOCKED,
	           "locked.db: database is locked (DatabaseLockError: ");

	/* Readers are never locked out, and the lock ends with the
	 * writer. */
	kb_store_close(open_ok("locked.db", KB_STORE_READ));
	kb_store_close(a);
	kb_store_close(open_ok("locked.db", KB_STORE_WRITE));
}

/* A writable database that is not one: an empty regular file is read as
 * a stub file listing no databases, which a writer cannot open.  The
 * message names the path and keeps Xapian's reason. */
static void
test_store_open_empty_file_for_write_is_io_error(void **state)
{
	const char *p = path_of("empty.db");
	static const kb_store_mode_t modes[] = {KB_STORE_WRITE,
	                                        KB_STORE_CREATE};
	FILE *f = fopen(p, "w");

	(void)state;
	assert_non_null(f);
	fclose(f);
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		open_fails(p, modes[i], KB_ERR_IO,
		           "empty.db: input/output error "
		           "(DatabaseOpeningError: ");
}

/* A directory without a database in it is "not found", for a reader and
 * for a writer alike, not a generic opening error. */
static void
test_store_open_empty_directory_is_not_found(void **state)
{
	const char *p = path_of("emptydir.db");
	static const kb_store_mode_t modes[] = {KB_STORE_READ, KB_STORE_WRITE};

	(void)state;
	assert_int_equal(mkdir(p, 0700), 0);
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		open_fails(p, modes[i], KB_ERR_NOT_FOUND,
		           "emptydir.db: no database here "
		           "(DatabaseNotFoundError: ");
}

/* Builds a database of n documents, each with the term "common" and the
 * id term Q0, Q1, ... */
static void
build_common_db(const char *name, unsigned n)
{
	kb_store_t *st = open_ok(name, KB_STORE_CREATE);

	for (unsigned i = 0; i < n; i++) {
		char id[16];
		struct doc_spec d = {id, "common words here", NULL, NULL};

		snprintf(id, sizeof id, "Q%u", i);
		add_spec(st, &d);
	}
	kb_store_close(st);
}

/* An emptied table is noticed when the database is opened: an I/O error
 * (Xapian's DatabaseError, not its corruption error) naming the path. */
static void
test_store_open_truncated_table_is_io_error(void **state)
{
	(void)state;
	build_common_db("truncated.db", 200);
	assert_int_equal(truncate(path_of("truncated.db/postlist.glass"), 0),
	                 0);
	open_fails(path_of("truncated.db"), KB_STORE_READ, KB_ERR_IO,
	           "truncated.db: input/output error (DatabaseError: ");
}

/* A table emptied under an open reader fails each later call that reads
 * it, and every message names that call's input. */
static void
test_store_table_truncated_under_reader_names_input(void **state)
{
	kb_store_t *st;
	uint64_t n = 7;
	unsigned docid = 7;
	char *out = (char *)1;

	(void)state;
	build_common_db("shrunk.db", 2000);
	st = open_ok("shrunk.db", KB_STORE_READ);
	assert_int_equal(truncate(path_of("shrunk.db/postlist.glass"), 0), 0);

	assert_int_equal(kb_store_term_freq(st, "common", 6, &n), KB_ERR_IO);
	assert_non_null(strstr(kb_store_errmsg(st),
	                       "term 'common': input/output error "
	                       "(DatabaseError: "));
	assert_int_equal(kb_store_find(st, "Q5", 2, &docid), KB_ERR_IO);
	assert_non_null(strstr(kb_store_errmsg(st),
	                       "id term 'Q5': input/output error "
	                       "(DatabaseError: "));
	assert_int_equal(kb_store_get_metadata(st, "k", &out, NULL), KB_ERR_IO);
	assert_null(out);
	assert_non_null(strstr(kb_store_errmsg(st),
	                       "metadata key 'k': input/output error "
	                       "(DatabaseError: "));
	kb_store_close(st);
}

/* ---- reading and writing ------------------------------------------ */

static void
test_store_round_trip_through_readonly_reopen(void **state)
{
	static const char data[] = "{\"title\":\"Back pain\"}";
	static const char id[] = "Qa/b.txt#3";
	kb_store_t *st = open_ok("round.db", KB_STORE_CREATE);
	kb_doc_t *doc;
	unsigned docid = 0, found = 0;
	char *out;
	size_t len;

	(void)state;
	assert_int_equal(kb_doc_new(&doc), KB_OK);
	assert_int_equal(kb_doc_add_posting(doc, "back", 4, 1, 1), KB_OK);
	assert_int_equal(kb_doc_add_posting(doc, "pain", 4, 2, 1), KB_OK);
	assert_int_equal(kb_doc_add_term(doc, "Zback", 5, 2), KB_OK);
	assert_int_equal(kb_doc_add_boolean(doc, "Kfaq", 4), KB_OK);
	assert_int_equal(kb_doc_set_value(doc, 1, "2024", 4), KB_OK);
	assert_int_equal(kb_doc_set_data(doc, data, strlen(data)), KB_OK);
	assert_int_equal(kb_store_replace(st, id, strlen(id), doc, &docid),
	                 KB_OK);
	assert_int_equal(docid, 1);
	kb_doc_free(doc);
	assert_int_equal(kb_store_commit(st), KB_OK);
	assert_null(kb_store_errmsg(st));
	kb_store_close(st);

	st = open_ok("round.db", KB_STORE_READ);
	assert_int_equal(doc_count(st), 1);
	assert_int_equal(term_freq(st, "back"), 1);
	assert_int_equal(term_freq(st, "Kfaq"), 1);
	assert_int_equal(term_freq(st, "neck"), 0);
	assert_int_equal(kb_store_find(st, id, strlen(id), &found), KB_OK);
	assert_int_equal(found, docid);

	assert_int_equal(kb_store_get_data(st, docid, &out, &len), KB_OK);
	assert_int_equal(len, strlen(data));
	assert_string_equal(out, data);
	free(out);
	assert_int_equal(kb_store_get_value(st, docid, 1, &out, &len), KB_OK);
	assert_int_equal(len, 4);
	assert_string_equal(out, "2024");
	free(out);
	assert_int_equal(kb_store_get_value(st, docid, 7, &out, &len), KB_OK);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	free(out);
	kb_store_close(st);
}

static void
test_store_missing_documents_are_not_found(void **state)
{
	kb_store_t *st = *state;
	unsigned docid = 0;
	char *out = (char *)1;

	assert_int_equal(kb_store_find(st, "Qzz", 3, &docid), KB_ERR_NOT_FOUND);
	assert_non_null(strstr(kb_store_errmsg(st), "'Qzz'"));
	assert_int_equal(kb_store_get_data(st, 99, &out, NULL),
	                 KB_ERR_NOT_FOUND);
	assert_null(out);
	assert_non_null(strstr(kb_store_errmsg(st), "document 99"));
	/* Docid 0 is Xapian's InvalidArgumentError, caught and mapped. */
	assert_int_equal(kb_store_get_data(st, 0, &out, NULL), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "InvalidArgumentError"));
	/* Success clears the message. */
	assert_int_equal(kb_store_get_data(st, 1, &out, NULL), KB_OK);
	assert_null(kb_store_errmsg(st));
	free(out);
}

static void
test_store_replace_by_id_term_keeps_count(void **state)
{
	kb_store_t *st = open_ok("replace.db", KB_STORE_CREATE);
	struct doc_spec d = {"Qx", "first version", NULL, NULL};
	unsigned a, b;
	char *out;

	(void)state;
	a = add_spec(st, &d);
	d.words = "second version";
	b = add_spec(st, &d);
	assert_int_equal(a, b);
	assert_int_equal(doc_count(st), 1);
	assert_int_equal(term_freq(st, "first"), 0);
	assert_int_equal(term_freq(st, "second"), 1);
	assert_int_equal(kb_store_get_data(st, a, &out, NULL), KB_OK);
	assert_string_equal(out, "doc:Qx");
	free(out);
	kb_store_close(st);
}

static void
test_store_replace_leaves_callers_document_alone(void **state)
{
	kb_store_t *st = open_ok("reuse.db", KB_STORE_CREATE);
	kb_doc_t *doc;
	unsigned a = 0, b = 0;

	(void)state;
	assert_int_equal(kb_doc_new(&doc), KB_OK);
	assert_int_equal(kb_doc_add_posting(doc, "shared", 6, 1, 1), KB_OK);
	assert_int_equal(kb_store_replace(st, "Qa", 2, doc, &a), KB_OK);
	/* The same document under a second id must not carry the first
	 * id term. */
	assert_int_equal(kb_store_replace(st, "Qb", 2, doc, &b), KB_OK);
	kb_doc_free(doc);
	assert_int_not_equal(a, b);
	assert_int_equal(term_freq(st, "Qa"), 1);
	assert_int_equal(term_freq(st, "shared"), 2);
	kb_store_close(st);
}

/* kb_store_add writes the document as it is: its own id term, the next
 * document number, nothing replaced; a read-only handle refuses it. */
static void
test_store_add_writes_the_document_as_it_is(void **state)
{
	kb_store_t *st = open_ok("add.db", KB_STORE_CREATE);
	kb_doc_t *doc;
	unsigned a = 0, b = 0, found = 0;

	(void)state;
	assert_int_equal(kb_doc_new(&doc), KB_OK);
	assert_int_equal(kb_doc_add_posting(doc, "plank", 5, 1, 1), KB_OK);
	assert_int_equal(kb_doc_add_boolean(doc, "Qp", 2), KB_OK);
	assert_int_equal(kb_store_add(st, doc, &a), KB_OK);
	assert_int_equal(kb_store_add(st, doc, &b), KB_OK);
	assert_int_equal(b, a + 1);
	assert_int_equal(doc_count(st), 2);
	assert_int_equal(term_freq(st, "Qp"), 2);
	assert_int_equal(kb_store_find(st, "Qp", 2, &found), KB_OK);
	assert_int_equal(found, a);
	assert_int_equal(kb_store_add(st, NULL, NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_add(NULL, doc, NULL), KB_ERR_ARG);
	kb_doc_free(doc);
	kb_store_close(st);
}

static void
test_store_delete_by_id_term(void **state)
{
	kb_store_t *st = open_ok("delete.db", KB_STORE_CREATE);
	unsigned docid;

	(void)state;
	for (size_t i = 0; i < 3; i++)
		add_spec(st, &corpus[i]);
	assert_int_equal(kb_store_delete(st, "Q2", 2), KB_OK);
	assert_int_equal(doc_count(st), 2);
	assert_int_equal(kb_store_find(st, "Q2", 2, &docid), KB_ERR_NOT_FOUND);
	/* Deleting what is not there deletes nothing, successfully. */
	assert_int_equal(kb_store_delete(st, "Q2", 2), KB_OK);
	/* A shared term deletes every document carrying it. */
	assert_int_equal(kb_store_delete(st, "lower", 5), KB_OK);
	assert_int_equal(doc_count(st), 0);
	kb_store_close(st);
}

static void
test_store_metadata_set_get_and_missing(void **state)
{
	kb_store_t *st = open_ok("meta.db", KB_STORE_CREATE);
	char *out = (char *)1;
	size_t len = 0;

	(void)state;
	assert_int_equal(kb_store_get_metadata(st, "schema", &out, &len),
	                 KB_ERR_NOT_FOUND);
	assert_null(out);
	assert_non_null(strstr(kb_store_errmsg(st), "'schema'"));
	assert_int_equal(kb_store_set_metadata(st, "schema", "3", 1), KB_OK);
	assert_int_equal(kb_store_commit(st), KB_OK);
	kb_store_close(st);

	st = open_ok("meta.db", KB_STORE_WRITE);
	assert_int_equal(kb_store_get_metadata(st, "schema", &out, &len),
	                 KB_OK);
	assert_int_equal(len, 1);
	assert_string_equal(out, "3");
	free(out);
	/* An empty value deletes the key. */
	assert_int_equal(kb_store_set_metadata(st, "schema", "", 0), KB_OK);
	assert_int_equal(kb_store_get_metadata(st, "schema", &out, NULL),
	                 KB_ERR_NOT_FOUND);
	/* Xapian refuses an empty key; the firewall maps that. */
	assert_int_equal(kb_store_set_metadata(st, "", "x", 1), KB_ERR_ARG);
	assert_non_null(kb_store_errmsg(st));
	kb_store_close(st);
}

static void
test_store_transaction_commit_and_cancel(void **state)
{
	kb_store_t *st = open_ok("txn.db", KB_STORE_CREATE);
	kb_store_t *rd;
	unsigned docid;
	uint64_t n;

	(void)state;
	assert_int_equal(kb_store_txn_commit(st), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_cancel(st), KB_ERR_ARG);

	assert_int_equal(kb_store_txn_begin(st), KB_OK);
	assert_int_equal(kb_store_txn_begin(st), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "already"));
	assert_int_equal(kb_store_commit(st), KB_ERR_ARG);
	add_spec(st, &corpus[0]);
	add_spec(st, &corpus[1]);
	assert_int_equal(kb_store_txn_commit(st), KB_OK);

	/* A committed (flushed) transaction is on disk at once. */
	rd = open_ok("txn.db", KB_STORE_READ);
	assert_int_equal(kb_store_doc_count(rd, &n), KB_OK);
	assert_int_equal(n, 2);

	assert_int_equal(kb_store_txn_begin(st), KB_OK);
	add_spec(st, &corpus[2]);
	assert_int_equal(kb_store_delete(st, "Q1", 2), KB_OK);
	assert_int_equal(kb_store_txn_cancel(st), KB_OK);
	assert_int_equal(kb_store_find(st, "Q3", 2, &docid), KB_ERR_NOT_FOUND);
	assert_int_equal(kb_store_find(st, "Q1", 2, &docid), KB_OK);

	/* Closing inside a transaction drops it, like Xapian does. */
	assert_int_equal(kb_store_txn_begin(st), KB_OK);
	add_spec(st, &corpus[3]);
	kb_store_close(st);
	assert_int_equal(kb_store_reopen(rd), KB_OK);
	assert_int_equal(kb_store_doc_count(rd, &n), KB_OK);
	assert_int_equal(n, 2);
	kb_store_close(rd);
}

static void
test_store_readonly_handle_rejects_writes(void **state)
{
	kb_store_t *st = *state;
	kb_doc_t *doc;

	assert_int_equal(kb_doc_new(&doc), KB_OK);
	assert_int_equal(kb_store_replace(st, "Qn", 2, doc, NULL), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "read-only"));
	assert_int_equal(kb_store_add(st, doc, NULL), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "read-only"));
	assert_int_equal(kb_store_delete(st, "Q1", 2), KB_ERR_ARG);
	assert_int_equal(kb_store_set_metadata(st, "k", "v", 1), KB_ERR_ARG);
	assert_int_equal(kb_store_commit(st), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_begin(st), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_commit(st), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_cancel(st), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "read-only"));
	kb_doc_free(doc);
}

/* ---- the exception firewall and argument checks ------------------- */

/* The byte strings every call that takes a term or a word refuses with
 * KB_ERR_ARG; big is 300 'a's once bad_bytes_init() has run. */
static char big[300];
static const struct {
	const char *bytes;
	size_t len;
} bad[] = {
    {big, sizeof big}, /* over Xapian's limit */
    {big, 241},        /* one past ours */
    {"", 0},           /* empty */
    {NULL, 3},         /* no bytes */
};

static void
bad_bytes_init(void)
{
	memset(big, 'a', sizeof big);
}

static void
test_store_bad_terms_are_arg_errors(void **state)
{
	kb_store_t *st = open_ok("terms.db", KB_STORE_CREATE);
	kb_doc_t *doc;
	kb_query_t *q = (kb_query_t *)1;
	unsigned docid;
	uint64_t n;

	(void)state;
	bad_bytes_init();
	assert_int_equal(kb_doc_new(&doc), KB_OK);
	/* 240 bytes is still fine. */
	assert_int_equal(kb_doc_add_term(doc, big, 240, 1), KB_OK);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *t = bad[i].bytes;
		size_t len = bad[i].len;

		assert_int_equal(kb_doc_add_posting(doc, t, len, 1, 1),
		                 KB_ERR_ARG);
		assert_int_equal(kb_doc_add_term(doc, t, len, 1), KB_ERR_ARG);
		assert_int_equal(kb_doc_add_boolean(doc, t, len), KB_ERR_ARG);
		assert_int_equal(kb_query_term(t, len, 1, 0, &q), KB_ERR_ARG);
		assert_null(q);
		assert_int_equal(kb_store_replace(st, t, len, doc, NULL),
		                 KB_ERR_ARG);
		assert_int_equal(kb_store_delete(st, t, len), KB_ERR_ARG);
		assert_int_equal(kb_store_find(st, t, len, &docid), KB_ERR_ARG);
		assert_int_equal(kb_store_term_freq(st, t, len, &n),
		                 KB_ERR_ARG);
		assert_non_null(kb_store_errmsg(st));
	}
	/* The message names the input, cut short, with its length. */
	assert_int_equal(kb_store_find(st, big, sizeof big, &docid),
	                 KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "(300 bytes)"));
	assert_true(strlen(kb_store_errmsg(st)) < 200);
	/* The 240-byte term really goes into the database. */
	assert_int_equal(kb_store_replace(st, "Qbig", 4, doc, NULL), KB_OK);
	assert_int_equal(kb_store_commit(st), KB_OK);
	kb_doc_free(doc);
	kb_store_close(st);
}

static void
test_store_message_escapes_control_bytes(void **state)
{
	kb_store_t *st = *state;
	unsigned docid;
	const char *m;

	assert_int_equal(kb_store_find(st, "Q\n'\\x", 5, &docid),
	                 KB_ERR_NOT_FOUND);
	m = kb_store_errmsg(st);
	assert_null(strchr(m, '\n'));
	assert_non_null(strstr(m, "'Q\\x0a\\x27\\x5cx'"));
}

static void
test_store_null_handles_are_arg_errors(void **state)
{
	kb_query_t *q = term_q("back", 0);
	kb_hits_t *hits = (kb_hits_t *)1;
	const kb_hit_t *h;
	const char *v;
	uint64_t n;
	char *s;
	unsigned docid;

	(void)state;
	assert_null(kb_store_errmsg(NULL));
	assert_int_equal(kb_store_commit(NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_begin(NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_commit(NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_txn_cancel(NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_reopen(NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_doc_count(NULL, &n), KB_ERR_ARG);
	assert_int_equal(kb_store_term_freq(NULL, "a", 1, &n), KB_ERR_ARG);
	assert_int_equal(kb_store_find(NULL, "a", 1, &docid), KB_ERR_ARG);
	assert_int_equal(kb_store_get_data(NULL, 1, &s, NULL), KB_ERR_ARG);
	assert_int_equal(kb_store_get_metadata(NULL, "k", &s, NULL),
	                 KB_ERR_ARG);
	assert_int_equal(kb_store_search(NULL, q, NULL, &hits), KB_ERR_ARG);
	assert_null(hits);
	assert_int_equal(kb_doc_add_term(NULL, "a", 1, 1), KB_ERR_ARG);
	assert_int_equal(kb_doc_set_data(NULL, "a", 1), KB_ERR_ARG);
	assert_int_equal(kb_query_describe(NULL, &s), KB_ERR_ARG);
	assert_int_equal(kb_hits_next(NULL, &h), KB_ERR_ARG);
	assert_int_equal(kb_hits_value(NULL, 0, &v, NULL), KB_ERR_ARG);
	assert_int_equal(kb_hits_estimate(NULL), 0);
	kb_query_free(q);
}

/* The calls without a handler (KB_STORE_NOEXCEPT) and close accept NULL
 * too. */
static void
test_store_free_and_close_accept_null(void **state)
{
	(void)state;
	kb_store_close(NULL);
	kb_doc_free(NULL);
	kb_query_free(NULL);
	kb_hits_free(NULL);
	kb_bm25_defaults(NULL);
	kb_search_opts_init(NULL);
	assert_null(kb_store_errmsg(NULL));
}

/* ---- terms ---------------------------------------------------------- */

struct walk {
	char seen[256]; /* terms, space-separated */
	int calls;
	int stop_after; /* return stop_rc on this call */
	kb_status_t stop_rc;
};

static kb_status_t
on_term(void *ctx, const char *term, size_t len, uint64_t tf)
{
	struct walk *w = ctx;
	size_t used = strlen(w->seen);

	assert_true(tf > 0);
	snprintf(w->seen + used, sizeof w->seen - used, "%s%.*s",
	         used ? " " : "", (int)len, term);
	return ++w->calls == w->stop_after ? w->stop_rc : KB_OK;
}

static void
test_store_terms_walks_prefix_and_stops_early(void **state)
{
	static const struct {
		const char *prefix;
		int stop_after;
		kb_status_t stop_rc;
		kb_status_t want;
		const char *seen;
	} cases[] = {
	    {"Q", 0, KB_OK, KB_OK, "Q1 Q2 Q3 Q4 Q5"},
	    {"K", 0, KB_OK, KB_OK, "Kexercise Ksleep"},
	    {"ba", 0, KB_OK, KB_OK, "back"},
	    {"Q", 2, KB_DONE, KB_OK, "Q1 Q2"},
	    {"Q", 3, KB_ERR_RANGE, KB_ERR_RANGE, "Q1 Q2 Q3"},
	    {"Zno", 0, KB_OK, KB_OK, ""},
	};
	kb_store_t *st = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct walk w = {"", 0, cases[i].stop_after, cases[i].stop_rc};

		assert_int_equal(kb_store_terms(st, cases[i].prefix,
		                                strlen(cases[i].prefix),
		                                on_term, &w),
		                 cases[i].want);
		assert_string_equal(w.seen, cases[i].seen);
		if (cases[i].want != KB_OK)
			assert_non_null(strstr(kb_store_errmsg(st), "'Q3'"));
		else
			assert_null(kb_store_errmsg(st));
	}

	/* The empty prefix walks everything, in byte order. */
	struct walk all = {"", 0, 0, KB_OK};

	assert_int_equal(kb_store_terms(st, NULL, 0, on_term, &all), KB_OK);
	assert_int_equal(strncmp(all.seen, "Kexercise Ksleep Q1", 19), 0);
	assert_int_equal(kb_store_terms(st, "Q", 1, NULL, NULL), KB_ERR_ARG);
}

/* ---- queries ------------------------------------------------------ */

static void
test_query_ops_match_expected_documents(void **state)
{
	static const struct {
		kb_query_op_t op;
		const char *terms;
		unsigned window;
		const char *want;
	} cases[] = {
	    {KB_QUERY_OR, "back neck", 0, "1 2 3 4 5"},
	    {KB_QUERY_OR, "nothing", 0, ""},
	    {KB_QUERY_AND, "lower pain", 0, "1 2 3"},
	    {KB_QUERY_AND, "lower neck", 0, ""},
	    {KB_QUERY_AND_NOT, "back lower", 0, "5"},
	    {KB_QUERY_AND_NOT, "back lower neck", 0, "5"},
	    {KB_QUERY_AND_MAYBE, "neck back", 0, "4"},
	    {KB_QUERY_SYNONYM, "neck muscles", 0, "3 4"},
	    /* "lower back" in this order, adjacent: Q2 has "back pain
	     * lower", the wrong order. */
	    {KB_QUERY_PHRASE, "lower back", 0, "1 3"},
	    {KB_QUERY_PHRASE, "lower back", 3, "1 3"},
	    {KB_QUERY_PHRASE, "back lower", 0, ""},
	    /* NEAR allows any order within the window: Q2's "back" at
	     * 1 and "lower" at 3 fit in 3 positions but not in 2. */
	    {KB_QUERY_NEAR, "lower back", 2, "1 3"},
	    {KB_QUERY_NEAR, "lower back", 3, "1 2 3"},
	    {KB_QUERY_FILTER, "pain Kexercise", 0, "1"},
	    {KB_QUERY_FILTER, "pain Kexercise Ksleep", 0, ""},
	};
	kb_store_t *st = *state;
	char got[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		kb_query_t *q =
		    combine_q(cases[i].op, cases[i].terms, cases[i].window);

		match_ids(st, q, got, sizeof got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu (%s): got \"%s\", want \"%s\"", i,
			         cases[i].terms, got, cases[i].want);
		kb_query_free(q);
	}
}

static void
test_query_filter_adds_no_weight(void **state)
{
	kb_store_t *st = *state;
	kb_query_t *plain = term_q("pain", 0);
	kb_query_t *filt = combine_q(KB_QUERY_FILTER, "pain Kexercise", 0);
	kb_query_t *and = combine_q(KB_QUERY_AND, "pain lower", 0);

	assert_float_equal(weight_of(st, filt, NULL, 1),
	                   weight_of(st, plain, NULL, 1), 1e-9);
	/* Whereas AND with a weighted term does add weight. */
	assert_true(weight_of(st, and, NULL, 1) >
	            weight_of(st, plain, NULL, 1));
	kb_query_free(plain);
	kb_query_free(filt);
	kb_query_free(and);
}

static void
test_query_scale_multiplies_weights(void **state)
{
	static const double factors[] = {0.0, 0.5, 2.0, 10.0};
	kb_store_t *st = *state;
	kb_query_t *q = combine_q(KB_QUERY_OR, "back pain", 0);

	for (size_t i = 0; i < sizeof factors / sizeof factors[0]; i++) {
		kb_query_t *s = NULL;

		assert_int_equal(kb_query_scale(q, factors[i], &s), KB_OK);
		for (unsigned d = 1; d <= 3; d++) {
			double w = weight_of(st, q, NULL, d);

			assert_true(w > 0);
			assert_float_equal(weight_of(st, s, NULL, d),
			                   w * factors[i], 1e-9);
		}
		kb_query_free(s);
	}
	kb_query_t *s = (kb_query_t *)1;

	assert_int_equal(kb_query_scale(q, -1.0, &s), KB_ERR_ARG);
	assert_null(s);
	assert_int_equal(kb_query_scale(q, NAN, &s), KB_ERR_ARG);
	assert_int_equal(kb_query_scale(q, INFINITY, &s), KB_ERR_ARG);
	assert_int_equal(kb_query_scale(NULL, 1.0, &s), KB_ERR_ARG);
	kb_query_free(q);
}

static void
test_query_combine_edge_cases(void **state)
{
	kb_store_t *st = *state;
	kb_query_t *a = term_q("back", 0);
	kb_query_t *subs[2] = {a, NULL};
	kb_query_t *q = (kb_query_t *)1;
	char got[64];
	char *desc;

	/* No sub-queries: the empty query, which matches nothing. */
	assert_int_equal(kb_query_combine(KB_QUERY_AND, NULL, 0, 0, &q), KB_OK);
	match_ids(st, q, got, sizeof got);
	assert_string_equal(got, "");
	kb_query_free(q);

	assert_int_equal(kb_query_combine(KB_QUERY_OR, subs, 2, 0, &q),
	                 KB_ERR_ARG);
	assert_null(q);
	assert_int_equal(kb_query_combine(KB_QUERY_OR, NULL, 2, 0, &q),
	                 KB_ERR_ARG);
	assert_int_equal(kb_query_combine((kb_query_op_t)99, subs, 1, 0, &q),
	                 KB_ERR_ARG);

	/* Sub-queries are not consumed: a can be used again and freed. */
	assert_int_equal(kb_query_combine(KB_QUERY_OR, subs, 1, 0, &q), KB_OK);
	assert_int_equal(kb_query_describe(q, &desc), KB_OK);
	assert_non_null(strstr(desc, "back"));
	free(desc);
	kb_query_free(q);
	q = combine_q(KB_QUERY_OR, "back neck", 0);
	assert_int_equal(kb_query_describe(q, &desc), KB_OK);
	assert_string_equal(desc, "Query((back@1 OR neck@2))");
	free(desc);
	kb_query_free(q);
	kb_query_free(a);
}

/* ---- searching ---------------------------------------------------- */

static void
test_search_bm25_k1_zero_ignores_term_frequency(void **state)
{
	kb_store_t *st = *state;
	kb_query_t *q = term_q("back", 0);
	kb_bm25_t p, bad;

	kb_bm25_defaults(&p);
	assert_float_equal(p.k1, 1.2, 0);
	assert_float_equal(p.b, 0.5, 0);
	/* By default Q5 ("back back back") outweighs Q1 (one "back"). */
	assert_true(weight_of(st, q, &p, 5) > weight_of(st, q, NULL, 1));
	assert_float_equal(weight_of(st, q, &p, 5), weight_of(st, q, NULL, 5),
	                   1e-9);
	/* With k1 = 0 the within-document frequency no longer counts. */
	p.k1 = 0;
	assert_float_equal(weight_of(st, q, &p, 5), weight_of(st, q, &p, 1),
	                   1e-9);
	/* b changes how document length counts: Q3 is the longest. */
	kb_bm25_defaults(&p);
	p.b = 1.0;
	assert_true(fabs(weight_of(st, q, &p, 3) - weight_of(st, q, NULL, 3)) >
	            1e-6);

	static const kb_bm25_t bads[] = {
	    {-1, 0, 1, 0.5, 0.5},
	    {1.2, 0, 1, 1.5, 0.5},
	    {1.2, 0, 1, 0.5, -0.5},
	    {NAN, 0, 1, 0.5, 0.5},
	};
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		kb_search_opts_t o;
		kb_hits_t *hits = (kb_hits_t *)1;

		bad = bads[i];
		kb_search_opts_init(&o);
		o.bm25 = &bad;
		assert_int_equal(kb_store_search(st, q, &o, &hits), KB_ERR_ARG);
		assert_null(hits);
		assert_non_null(strstr(kb_store_errmsg(st), "BM25"));
	}
	kb_query_free(q);
}

static void
test_search_collapses_on_value_slot(void **state)
{
	kb_store_t *st = *state;
	kb_query_t *q = combine_q(KB_QUERY_OR, "back neck", 0);
	kb_search_opts_t o;
	kb_hits_t *hits;
	const kb_hit_t *h;
	unsigned n = 0, collapsed = 0;
	char seen[8] = "";

	kb_search_opts_init(&o);
	o.collapse_slot = 0;
	assert_int_equal(kb_store_search(st, q, &o, &hits), KB_OK);
	while (kb_hits_next(hits, &h) == KB_OK) {
		const char *v;
		size_t len;

		assert_int_equal(kb_hits_value(hits, 0, &v, &len), KB_OK);
		assert_int_equal(len, strlen(v));
		/* At most one hit per non-empty value. */
		if (len) {
			assert_null(strstr(seen, v));
			strcat(seen, v);
		}
		collapsed += h->collapse_count;
		n++;
	}
	/* Values a, a, b, b and one unset (never collapsed): 3 hits. */
	assert_int_equal(n, 3);
	assert_int_equal(collapsed, 2);
	kb_hits_free(hits);
	kb_query_free(q);
}

static void
test_search_pages_ranks_and_done(void **state)
{
	kb_store_t *st = *state;
	kb_query_t *q = term_q("back", 0);
	kb_search_opts_t o;
	kb_hits_t *hits;
	const kb_hit_t *h = NULL;
	const char *v = (const char *)1;
	double last = INFINITY;
	char *data;

	kb_search_opts_init(&o);
	assert_int_equal(o.limit, 10);
	assert_int_equal(o.collapse_slot, -1);
	o.offset = 1;
	o.limit = 2;
	assert_int_equal(kb_store_search(st, q, &o, &hits), KB_OK);
	assert_int_equal(kb_hits_estimate(hits), 4);
	/* No current hit before the first kb_hits_next(). */
	assert_int_equal(kb_hits_value(hits, 0, &v, NULL), KB_ERR_ARG);
	assert_null(v);
	for (unsigned rank = 1; rank <= 2; rank++) {
		assert_int_equal(kb_hits_next(hits, &h), KB_OK);
		assert_int_equal(h->rank, rank);
		assert_true(h->weight <= last);
		last = h->weight;
		assert_int_equal(kb_store_get_data(st, h->docid, &data, NULL),
		                 KB_OK);
		assert_int_equal(h->data_len, strlen(data));
		assert_memory_equal(h->data, data, h->data_len + 1);
		free(data);
	}
	assert_int_equal(kb_hits_next(hits, &h), KB_DONE);
	assert_null(h);
	assert_int_equal(kb_hits_next(hits, &h), KB_DONE);
	assert_int_equal(kb_hits_value(hits, 0, &v, NULL), KB_ERR_ARG);
	kb_hits_free(hits);
	kb_query_free(q);
}

static void
test_search_hits_may_be_freed_after_store_close(void **state)
{
	kb_store_t *st = corpus_db("late.db");
	kb_query_t *q = term_q("back", 0);
	kb_hits_t *hits = NULL;
	const kb_hit_t *h;

	(void)state;
	assert_int_equal(kb_store_search(st, q, NULL, &hits), KB_OK);
	assert_int_equal(kb_hits_next(hits, &h), KB_OK);
	/* Closing the store invalidates the hits for use, but freeing
	 * them afterwards must still be safe (front ends clean up in
	 * whatever order their done: label has). */
	kb_store_close(st);
	kb_hits_free(hits);
	kb_query_free(q);
}

static void
test_search_stub_file_searches_both_shards(void **state)
{
	static const struct doc_spec one[] = {
	    {"Qs1a", "sciatica stretch", NULL, NULL},
	    {"Qs1b", "hamstring stretch", NULL, NULL},
	};
	static const struct doc_spec two[] = {
	    {"Qs2a", "piriformis stretch", NULL, NULL},
	};
	kb_store_t *st;
	kb_query_t *q;
	kb_hits_t *hits;
	const kb_hit_t *h;
	unsigned docid, hits_seen = 0;
	char got[64];

	(void)state;
	st = open_ok("shard1", KB_STORE_CREATE);
	for (size_t i = 0; i < 2; i++)
		add_spec(st, &one[i]);
	kb_store_close(st);
	st = open_ok("shard2", KB_STORE_CREATE);
	add_spec(st, &two[0]);
	kb_store_close(st);

	/* Relative shard paths are relative to the stub file. */
	write_stub("both.stub", "shard1", "shard2");

	st = open_ok("both.stub", KB_STORE_READ);
	assert_int_equal(doc_count(st), 3);
	assert_int_equal(term_freq(st, "stretch"), 3);
	assert_int_equal(kb_store_find(st, "Qs2a", 4, &docid), KB_OK);

	q = term_q("stretch", 0);
	match_ids(st, q, got, sizeof got);
	assert_string_equal(got, "1 2 3");
	assert_int_equal(kb_store_search(st, q, NULL, &hits), KB_OK);
	while (kb_hits_next(hits, &h) == KB_OK) {
		assert_int_equal(strncmp(h->data, "doc:Qs", 6), 0);
		hits_seen++;
	}
	assert_int_equal(hits_seen, 3);
	kb_hits_free(hits);
	kb_query_free(q);
	kb_store_close(st);
}

static void
test_search_corrupt_database_is_an_error(void **state)
{
	const char *table = path_of("corrupt.db/postlist.glass");
	kb_store_t *rd = NULL;
	kb_query_t *q = term_q("common", 0);
	kb_hits_t *hits = NULL;
	char junk[8192];
	char *err = NULL;
	kb_status_t rc;
	int fd;

	(void)state;
	build_common_db("corrupt.db", 200);
	memset(junk, 0x5a, sizeof junk);
	fd = open(table, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, junk, sizeof junk), sizeof junk);
	close(fd);

	/* Xapian may notice at open or only when the table is read. */
	rc = kb_store_open(path_of("corrupt.db"), KB_STORE_READ, &rd, &err);
	if (rc == KB_OK) {
		rc = kb_store_search(rd, q, NULL, &hits);
		assert_null(hits);
		/* The message names the search, with its query. */
		assert_non_null(strstr(kb_store_errmsg(rd), "search Query("));
		assert_non_null(
		    strstr(kb_store_errmsg(rd),
		           ": corrupt data (DatabaseCorruptError: "));
	} else {
		assert_null(rd);
		assert_non_null(strstr(err, "corrupt.db: corrupt data "
		                            "(DatabaseCorruptError: "));
	}
	assert_int_equal(rc, KB_ERR_CORRUPT);
	free(err);
	kb_query_free(q);
	kb_store_close(rd);
}

/* A writer that has committed 4 times over 1000 documents since the
 * returned reader opened (after the first commit): the reader's revision
 * is gone.  *wr gets the writer. */
static kb_store_t *
modified_reader(const char *name, kb_store_t **wr)
{
	kb_store_t *rd = NULL;
	char data[512];

	*wr = open_ok(name, KB_STORE_CREATE);
	memset(data, 'x', sizeof data - 1);
	data[sizeof data - 1] = '\0';
	/* A reader keeps its revision until the writer has committed
	 * twice more and reused the old blocks, so the database must span
	 * many blocks and change several times. */
	for (unsigned round = 0; round < 4; round++) {
		kb_doc_t *doc;

		assert_int_equal(kb_doc_new(&doc), KB_OK);
		assert_int_equal(kb_doc_add_term(doc, "common", 6, 1), KB_OK);
		data[0] = (char)('a' + round);
		assert_int_equal(kb_doc_set_data(doc, data, sizeof data - 1),
		                 KB_OK);
		for (unsigned i = 0; i < 1000; i++) {
			char id[16];

			snprintf(id, sizeof id, "Q%u", i);
			assert_int_equal(
			    kb_store_replace(*wr, id, strlen(id), doc, NULL),
			    KB_OK);
		}
		kb_doc_free(doc);
		assert_int_equal(kb_store_commit(*wr), KB_OK);
		if (round == 0)
			rd = open_ok(name, KB_STORE_READ);
	}
	return rd;
}

static void
test_search_on_modified_reader_asks_for_retry(void **state)
{
	kb_store_t *wr, *rd = modified_reader("modified.db", &wr);
	kb_query_t *q = term_q("common", 0);
	kb_hits_t *hits = NULL;
	const kb_hit_t *h;
	const char *m;
	kb_status_t rc;

	(void)state;
	rc = kb_store_search(rd, q, NULL, &hits);
	if (rc == KB_OK) {
		while ((rc = kb_hits_next(hits, &h)) == KB_OK)
			;
		kb_hits_free(hits);
	}
	assert_int_equal(rc, KB_ERR_RETRY);
	/* The message names the call that failed: the search itself, or
	 * the hit being read. */
	m = kb_store_errmsg(rd);
	assert_true(strncmp(m, "search Query(", 13) == 0 ||
	            strncmp(m, "hit (document ", 14) == 0);
	assert_non_null(strstr(m, ": database modified, retry "
	                          "(DatabaseModifiedError: "));

	/* Reopening gives the latest revision, which reads fine. */
	assert_int_equal(kb_store_reopen(rd), KB_OK);
	assert_int_equal(kb_store_search(rd, q, NULL, &hits), KB_OK);
	assert_int_equal(kb_hits_next(hits, &h), KB_OK);
	assert_int_equal(h->data[0], 'd');
	kb_hits_free(hits);
	kb_query_free(q);
	kb_store_close(rd);
	kb_store_close(wr);
}

/* A lookup on a reader whose revision a writer overwrote reopens at the
 * newest revision and answers from it, in the store, for every caller:
 * the term lookups that build a query, documents, metadata. */
static void
test_lookups_on_modified_reader_reopen_and_retry(void **state)
{
	kb_store_t *wr, *rd = modified_reader("modified2.db", &wr);
	uint64_t n = 0;
	unsigned docid = 0;
	char *data = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(kb_store_term_freq(rd, "common", 6, &n), KB_OK);
	assert_int_equal(n, 1000);
	assert_int_equal(kb_store_find(rd, "Q7", 2, &docid), KB_OK);
	assert_int_equal(kb_store_get_data(rd, docid, &data, &len), KB_OK);
	assert_int_equal(data[0], 'd');
	free(data);
	assert_int_equal(kb_store_doc_count(rd, &n), KB_OK);
	assert_int_equal(n, 1000);
	kb_store_close(rd);
	kb_store_close(wr);
}

/* ---- spelling ----------------------------------------------------- */

/* A word for the spelling dictionary and the frequency to add it with. */
struct spelling {
	const char *word;
	unsigned freq;
};

static void
add_spellings(kb_store_t *st, const struct spelling *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(kb_store_add_spelling(st, w[i].word,
		                                       strlen(w[i].word),
		                                       w[i].freq),
		                 KB_OK);
}

/* Checks that word gets the suggestion want within max_edit, or, when
 * want is NULL, KB_ERR_NOT_FOUND with *out NULL and a message naming the
 * word. */
static void
check_spelling(kb_store_t *st, const char *word, unsigned max_edit,
               const char *want)
{
	char *out = (char *)1;
	kb_status_t rc =
	    kb_store_spelling(st, word, strlen(word), max_edit, &out);

	if (!want) {
		if (rc != KB_ERR_NOT_FOUND)
			fail_msg("'%s' (max %u): got %s '%s', want none", word,
			         max_edit, kb_status_str(rc),
			         rc == KB_OK ? out : "");
		assert_null(out);
		assert_non_null(strstr(kb_store_errmsg(st), word));
		return;
	}
	if (rc != KB_OK)
		fail_msg("'%s' (max %u): got %s, want '%s'", word, max_edit,
		         kb_status_str(rc), want);
	assert_string_equal(out, want);
	assert_null(kb_store_errmsg(st));
	free(out);
}

static void
test_spelling_round_trip_through_readonly_reopen(void **state)
{
	/* Frequencies add up: "lumbar" ends at 5. */
	static const struct spelling words[] = {
	    {"lumbar", 3}, {"sciatica", 3}, {"lumber", 2},
	    {"lumbar", 2}, {"stretch", 1},
	};
	static const struct {
		const char *word;
		unsigned max_edit;
		const char *want; /* NULL: KB_ERR_NOT_FOUND */
	} cases[] = {
	    {"lumbr", 0, "lumbar"},
	    {"sciatia", 0, "sciatica"},
	    {"strech", 0, "stretch"},
	    /* A known word with no more frequent neighbour gets nothing;
	     * Xapian never suggests the word itself. */
	    {"lumbar", 0, NULL},
	    {"sciatica", 0, NULL},
	    /* A known word does get a more frequent one within reach. */
	    {"lumber", 0, "lumbar"},
	    {"lumber", 1, "lumbar"},
	    /* Two edits away: only within the default of 2 or more. */
	    {"lumbaaar", 1, NULL},
	    {"lumbaaar", 0, "lumbar"},
	    {"lumbaaar", 2, "lumbar"},
	    {"lumbaaar", UINT_MAX, "lumbar"},
	    /* No three-letter group in common with "lumbar". */
	    {"lmbr", 3, NULL},
	    {"x", 0, NULL},
	    {"zzzzzz", 0, NULL},
	};
	kb_store_t *st = open_ok("spell.db", KB_STORE_CREATE);

	(void)state;
	add_spellings(st, words, sizeof words / sizeof words[0]);
	/* The writer sees its additions before they are committed. */
	check_spelling(st, "lumbr", 0, "lumbar");
	assert_int_equal(kb_store_commit(st), KB_OK);
	kb_store_close(st);

	st = open_ok("spell.db", KB_STORE_READ);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_spelling(st, cases[i].word, cases[i].max_edit,
		               cases[i].want);
	/* The message quotes the word. */
	check_spelling(st, "lumbar", 0, NULL);
	assert_non_null(strstr(kb_store_errmsg(st), "'lumbar'"));
	/* The length counts, not a NUL: "lumbrXYZ" cut to 5 bytes. */
	char *out = NULL;

	assert_int_equal(kb_store_spelling(st, "lumbrXYZ", 5, 0, &out), KB_OK);
	assert_string_equal(out, "lumbar");
	free(out);
	kb_store_close(st);
}

static void
test_spelling_frequency_breaks_ties(void **state)
{
	/* Each step adds words, commits, then asks for word. */
	static const struct {
		struct spelling add[2];
		size_t nadd;
		const char *word, *want;
	} steps[] = {
	    /* "camp" is one edit from both.  Equally frequent: the first
	     * in byte order. */
	    {{{"cramp", 1}, {"clamp", 1}}, 2, "camp", "clamp"},
	    /* cramp 2, clamp 1. */
	    {{{"cramp", 1}}, 1, "camp", "cramp"},
	    /* cramp 2, clamp 3. */
	    {{{"clamp", 2}}, 1, "camp", "clamp"},
	    /* Frequency only breaks ties: the nearer word wins however rare
	     * it is ("crmp" is one edit from cramp, two from clamp at
	     * 100). */
	    {{{"clamp", 97}}, 1, "crmp", "cramp"},
	};
	kb_store_t *st = open_ok("spell-ties.db", KB_STORE_CREATE);

	(void)state;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		add_spellings(st, steps[i].add, steps[i].nadd);
		assert_int_equal(kb_store_commit(st), KB_OK);
		check_spelling(st, steps[i].word, 0, steps[i].want);
	}
	check_spelling(st, "crmp", 1, "cramp");
	kb_store_close(st);
}

static void
test_spelling_follows_transactions(void **state)
{
	static const struct spelling words[] = {{"sciatica", 1}};
	kb_store_t *st = open_ok("spell-txn.db", KB_STORE_CREATE);

	(void)state;
	assert_int_equal(kb_store_txn_begin(st), KB_OK);
	add_spellings(st, words, 1);
	check_spelling(st, "sciatia", 0, "sciatica");
	assert_int_equal(kb_store_txn_cancel(st), KB_OK);
	check_spelling(st, "sciatia", 0, NULL);

	assert_int_equal(kb_store_txn_begin(st), KB_OK);
	add_spellings(st, words, 1);
	assert_int_equal(kb_store_txn_commit(st), KB_OK);
	kb_store_close(st);
	st = open_ok("spell-txn.db", KB_STORE_READ);
	check_spelling(st, "sciatia", 0, "sciatica");
	kb_store_close(st);
}

static void
test_spelling_readonly_handle_rejects_add(void **state)
{
	kb_store_t *st = *state;

	assert_int_equal(kb_store_add_spelling(st, "lumbar", 6, 1), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "read-only"));
	/* Looking up still works; this database has no dictionary. */
	check_spelling(st, "lumbr", 0, NULL);
}

static void
test_spelling_bad_words_are_arg_errors(void **state)
{
	kb_store_t *st = open_ok("spell-bad.db", KB_STORE_CREATE);
	char *out;

	(void)state;
	bad_bytes_init();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *w = bad[i].bytes;
		size_t len = bad[i].len;

		assert_int_equal(kb_store_add_spelling(st, w, len, 1),
		                 KB_ERR_ARG);
		assert_non_null(kb_store_errmsg(st));
		out = (char *)1;
		assert_int_equal(kb_store_spelling(st, w, len, 0, &out),
		                 KB_ERR_ARG);
		assert_null(out);
		assert_non_null(kb_store_errmsg(st));
	}
	assert_int_equal(kb_store_spelling(st, big, sizeof big, 0, &out),
	                 KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "(300 bytes)"));
	/* A frequency increase of 0 would half-add the word. */
	assert_int_equal(kb_store_add_spelling(st, "lumbar", 6, 0), KB_ERR_ARG);
	assert_non_null(strstr(kb_store_errmsg(st), "'lumbar'"));
	check_spelling(st, "lumbr", 0, NULL);
	assert_int_equal(kb_store_spelling(st, "lumbr", 5, 0, NULL),
	                 KB_ERR_ARG);
	/* 240 bytes is still fine, and really goes into the database. */
	assert_int_equal(kb_store_add_spelling(st, big, 240, 1), KB_OK);
	assert_int_equal(kb_store_commit(st), KB_OK);
	big[0] = 'b';
	assert_int_equal(kb_store_spelling(st, big, 240, 0, &out), KB_OK);
	assert_int_equal(strlen(out), 240);
	assert_int_equal(strspn(out, "a"), 240);
	free(out);
	kb_store_close(st);
}

static void
test_spelling_stub_file_merges_shards(void **state)
{
	/* Shard 1 alone prefers lumbar (5 against 3); over both shards
	 * lumber's frequencies add up to 6 and it wins. */
	static const struct spelling one[] = {
	    {"lumbar", 5}, {"lumber", 3}, {"sciatica", 2}};
	static const struct spelling two[] = {{"piriformis", 1}, {"lumber", 3}};
	kb_store_t *st;

	(void)state;
	st = open_ok("spshard1", KB_STORE_CREATE);
	add_spellings(st, one, sizeof one / sizeof one[0]);
	kb_store_close(st);
	st = open_ok("spshard2", KB_STORE_CREATE);
	add_spellings(st, two, sizeof two / sizeof two[0]);
	kb_store_close(st);
	write_stub("spell.stub", "spshard1", "spshard2");

	st = open_ok("spshard1", KB_STORE_READ);
	check_spelling(st, "lumbr", 0, "lumbar");
	check_spelling(st, "pirifomis", 0, NULL);
	kb_store_close(st);

	st = open_ok("spell.stub", KB_STORE_READ);
	check_spelling(st, "sciatia", 0, "sciatica");     /* shard 1 */
	check_spelling(st, "pirifomis", 0, "piriformis"); /* shard 2 */
	check_spelling(st, "lumbr", 0, "lumber");
	check_spelling(st, "lumbar", 0, "lumber");
	check_spelling(st, "lumber", 0, NULL);
	assert_int_equal(kb_store_add_spelling(st, "x", 1, 1), KB_ERR_ARG);
	kb_store_close(st);
}

static void
test_spelling_null_handles_are_arg_errors(void **state)
{
	char *out = (char *)1;

	(void)state;
	assert_int_equal(kb_store_add_spelling(NULL, "lumbar", 6, 1),
	                 KB_ERR_ARG);
	assert_int_equal(kb_store_spelling(NULL, "lumbr", 5, 0, &out),
	                 KB_ERR_ARG);
	assert_null(out);
	assert_int_equal(kb_store_spelling(NULL, "lumbr", 5, 0, NULL),
	                 KB_ERR_ARG);
}

/* A test that reads the shared corpus through *state (open_corpus). */
#define CORPUS_TEST(f)                                                     \
	cmocka_unit_test_setup_teardown(f, open_corpus, close_corpus)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_store_open_missing_readonly_is_not_found),
	    cmocka_unit_test(test_store_open_missing_for_write_is_not_found),
	    cmocka_unit_test(test_store_open_rejects_bad_arguments),
	    cmocka_unit_test(test_store_open_garbage_file_is_an_error),
	    cmocka_unit_test(test_store_second_writer_is_locked),
	    cmocka_unit_test(test_store_open_empty_file_for_write_is_io_error),
	    cmocka_unit_test(test_store_open_empty_directory_is_not_found),
	    cmocka_unit_test(test_store_open_truncated_table_is_io_error),
	    cmocka_unit_test(
	        test_store_table_truncated_under_reader_names_input),
	    cmocka_unit_test(test_store_round_trip_through_readonly_reopen),
	    CORPUS_TEST(test_store_missing_documents_are_not_found),
	    cmocka_unit_test(test_store_replace_by_id_term_keeps_count),
	    cmocka_unit_test(test_store_replace_leaves_callers_document_alone),
	    cmocka_unit_test(test_store_add_writes_the_document_as_it_is),
	    cmocka_unit_test(test_store_delete_by_id_term),
	    cmocka_unit_test(test_store_metadata_set_get_and_missing),
	    cmocka_unit_test(test_store_transaction_commit_and_cancel),
	    CORPUS_TEST(test_store_readonly_handle_rejects_writes),
	    cmocka_unit_test(test_store_bad_terms_are_arg_errors),
	    CORPUS_TEST(test_store_message_escapes_control_bytes),
	    cmocka_unit_test(test_store_null_handles_are_arg_errors),
	    cmocka_unit_test(test_store_free_and_close_accept_null),
	    CORPUS_TEST(test_store_terms_walks_prefix_and_stops_early),
	    CORPUS_TEST(test_query_ops_match_expected_documents),
	    CORPUS_TEST(test_query_filter_adds_no_weight),
	    CORPUS_TEST(test_query_scale_multiplies_weights),
	    CORPUS_TEST(test_query_combine_edge_cases),
	    CORPUS_TEST(test_search_bm25_k1_zero_ignores_term_frequency),
	    CORPUS_TEST(test_search_collapses_on_value_slot),
	    CORPUS_TEST(test_search_pages_ranks_and_done),
	    cmocka_unit_test(test_search_hits_may_be_freed_after_store_close),
	    cmocka_unit_test(test_search_stub_file_searches_both_shards),
	    cmocka_unit_test(test_search_corrupt_database_is_an_error),
	    cmocka_unit_test(test_search_on_modified_reader_asks_for_retry),
	    cmocka_unit_test(test_lookups_on_modified_reader_reopen_and_retry),
	    cmocka_unit_test(test_spelling_round_trip_through_readonly_reopen),
	    cmocka_unit_test(test_spelling_frequency_breaks_ties),
	    cmocka_unit_test(test_spelling_follows_transactions),
	    CORPUS_TEST(test_spelling_readonly_handle_rejects_add),
	    cmocka_unit_test(test_spelling_bad_words_are_arg_errors),
	    cmocka_unit_test(test_spelling_stub_file_merges_shards),
	    cmocka_unit_test(test_spelling_null_handles_are_arg_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
