/* test_cgi.c - the real relief.cgi, run as a web server runs it: with CGI
 * environment variables and no server.  $RELIEF names bin/relief (to build
 * the test database from corpus/) and $RELIEF_CGI the CGI program.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../util/kb_limits.h"

static const char *relief, *cgi;
static char dir[] = "/tmp/relief-cgi-XXXXXX";
static char db[4096];

typedef struct response {
	int status;		/* exit status */
	char *head;		/* the header block, without the blank line */
	char *body;
	size_t body_len;
	char *err;		/* stderr */
} response_t;

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

/* Runs argv with the environment pairs env ("NAME=VALUE"; a NULL VALUE
 * part unsets) added, stdout and stderr to files. */
static int
run(const char *const *argv, const char *const *env, char **out,
    size_t *out_len, char **err)
{
	char o[4200], e[4200];
	pid_t pid;
	int st;

	snprintf(o, sizeof(o), "%s/out", dir);
	snprintf(e, sizeof(e), "%s/err", dir);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t i;

		if (freopen(o, "wb", stdout) == NULL ||
		    freopen(e, "wb", stderr) == NULL ||
		    freopen("/dev/null", "rb", stdin) == NULL)
			_exit(127);
		unsetenv("QUERY_STRING");
		unsetenv("REQUEST_METHOD");
		for (i = 0; env != NULL && env[i] != NULL; i++)
			putenv((char *)env[i]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	*out = slurp(o, out_len);
	*err = slurp(e, NULL);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* One request: method and query string, with RELIEF_DB set to dbpath. */
static void
request(const char *method, const char *qs, const char *dbpath,
	response_t *r)
{
	char m[64], q[16384], d[4200];
	const char *argv[] = {cgi, NULL};
	const char *env[] = {m, q, d, NULL};
	char *out, *sep;
	size_t len;

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
	snprintf(q, sizeof(q), "QUERY_STRING=%s", qs);
	snprintf(d, sizeof(d), "RELIEF_DB=%s", dbpath);
	r->status = run(argv, env, &out, &len, &r->err);
	sep = strstr(out, "\r\n\r\n");
	assert_non_null(sep);
	*sep = '\0';
	r->head = strdup(out);
	r->body_len = len - (size_t)(sep + 4 - out);
	r->body = malloc(r->body_len + 1);
	memcpy(r->body, sep + 4, r->body_len);
	r->body[r->body_len] = '\0';
	free(out);
	assert_int_equal(r->status, 0);
}

static void
response_free(response_t *r)
{
	free(r->head);
	free(r->body);
	free(r->err);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

/* Exactly one Status and one Content-Type, the status given. */
static void
assert_head(const response_t *r, const char *status, const char *type)
{
	char want[128];

	if (strncmp(r->head, "Status: ", 8) != 0 ||
	    strncmp(r->head + 8, status, strlen(status)) != 0)
		print_error("head: %s\n", r->head);
	assert_int_equal(strncmp(r->head, "Status: ", 8), 0);
	assert_int_equal(strncmp(r->head + 8, status, strlen(status)), 0);
	assert_int_equal(count(r->head, "Status:"), 1);
	assert_int_equal(count(r->head, "Content-Type:"), 1);
	snprintf(want, sizeof(want), "Content-Type: %s", type);
	assert_non_null(strstr(r->head, want));
}

#define HTML "text/html; charset=utf-8"

/* One request and what its HTML page must show: the status, and in the
 * body every string of want and none of lack (lists ending in NULL). */
typedef struct page_row {
	const char *method, *qs, *status;
	const char *want[10], *lack[5];
} page_row_t;

/* Requests each row's page from db and checks it. */
static void
check_pages(const page_row_t *rows, size_t n)
{
	response_t r;
	size_t i, j;

	for (i = 0; i < n; i++) {
		request(rows[i].method, rows[i].qs, db, &r);
		assert_head(&r, rows[i].status, HTML);
		for (j = 0; rows[i].want[j] != NULL; j++)
			if (strstr(r.body, rows[i].want[j]) == NULL)
				fail_msg("%s ?%s: no \"%s\"", rows[i].method,
					 rows[i].qs, rows[i].want[j]);
		for (j = 0; rows[i].lack[j] != NULL; j++)
			if (strstr(r.body, rows[i].lack[j]) != NULL)
				fail_msg("%s ?%s: \"%s\"", rows[i].method,
					 rows[i].qs, rows[i].lack[j]);
		response_free(&r);
	}
}

static int
setup(void **state)
{
	char corpus[4096];
	const char *argv[] = {relief, "index", "--db", db, corpus, NULL};
	char *out, *err;

	(void)state;
	assert_non_null(getcwd(corpus, sizeof(corpus) - 16));
	strcat(corpus, "/corpus");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/relief.db", dir);
	assert_int_equal(run(argv, NULL, &out, NULL, &err), 0);
	free(out);
	free(err);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[4200];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* A symptom question: the answer card, result cards with the question's
 * words marked, the question kept in the box, no script, nothing fetched
 * from elsewhere. */
static void
test_page_answers_a_symptom_question(void **state)
{
	static const page_row_t rows[] = {
	    {"GET", "q=running+back+pain", "200 OK",
	     {"<!DOCTYPE html>", "value=\"running back pain\"",
	      "<section class=\"card\"", "<section class=\"results\"",
	      "<mark>", "<main>", "<label for=\"q\">",
	      "running-lower-back-ache.txt", NULL},
	     {"<script", "http://", "https://", "src=", NULL}},
	    /* The home page: the form alone. */
	    {"GET", "", "200 OK", {"<form role=\"search\"", NULL},
	     {"class=\"results\"", NULL}},
	};

	(void)state;
	check_pages(rows, sizeof(rows) / sizeof(rows[0]));
}

/* format=json is byte for byte what `relief query --format json` prints. */
static void
test_json_is_the_command_lines(void **state)
{
	const char *argv[] = {relief, "query", "--db", db, "--format", "json",
			      "--limit", "10", "stiff lower back every morning",
			      NULL};
	char *out, *err;
	response_t r;

	(void)state;
	assert_int_equal(run(argv, NULL, &out, NULL, &err), 0);
	request("GET", "q=stiff+lower%20back+every+morning&format=json", db,
		&r);
	assert_head(&r, "200 OK", "application/json");
	assert_string_equal(r.body, out);
	free(out);
	free(err);
	response_free(&r);
}

/* Every malformed request is a 400 with one Content-Type and a page that
 * says what was wrong, and never a path. */
static void
test_malformed_requests_get_400(void **state)
{
	static const char *const bad[] = {
		"q=%zz",	       "q=%4",		"q=a%00b",
		"q=%FF%FE",	       "q=%C3%28",	"q=a&q=b",
		"q=back&page=abc",     "q=back&page=0", "q=back&page=-1",
		"q=back&page=1e3",     "q=back&page=%201",
		"q=back&kind=EXERCISE", "q=back&kind=%3Cb%3E",
		"q=back&format=xml",   "q=back&format=json&format=html",
		"%zz=back",
	};
	char big[6000];
	response_t r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		request("GET", bad[i], db, &r);
		if (strncmp(r.head, "Status: 400", 11) != 0)
			print_error("%s: %s\n", bad[i], r.head);
		assert_head(&r, "400", HTML);
		assert_null(strstr(r.body, dir));
		assert_non_null(strstr(r.body, "class=\"message\""));
		response_free(&r);
	}
	/* A question past 512 bytes: a friendly 400 that keeps it, cut. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "q=", 2);
	big[600] = '\0';
	request("GET", big, db, &r);
	assert_head(&r, "400", HTML);
	assert_non_null(strstr(r.body, "too long"));
	response_free(&r);
	/* A whole query string past 4096 bytes. */
	big[sizeof(big) - 1] = '\0';
	request("GET", big, db, &r);
	assert_head(&r, "400", HTML);
	response_free(&r);
	/* A JSON request's error is JSON. */
	request("GET", "format=json&q=", db, &r);
	assert_head(&r, "400", "application/json");
	assert_non_null(strstr(r.body, "\"error\""));
	response_free(&r);
}

/* Methods, caps, and what the server set up wrong. */
static void
test_methods_caps_and_configuration(void **state)
{
	static const page_row_t paging[] = {
	    /* A page past the cap is page 1000, past the results: no
	     * error. */
	    {"GET", "q=back+pain&page=99999999999", "200 OK",
	     {"no more results", NULL}, {NULL}},
	    /* Page 2 continues page 1. */
	    {"GET", "q=back+pain&page=2", "200 OK",
	     {"Results 11&ndash;20", "rel=\"prev\"", NULL}, {NULL}},
	    /* Unknown parameters are ignored. */
	    {"GET", "q=back+pain&utm_source=x&db=/etc/passwd", "200 OK",
	     {NULL}, {NULL}},
	};
	const char *argv[] = {cgi, NULL};
	char *out, *err;
	response_t r;

	(void)state;
	request("POST", "q=back", db, &r);
	assert_head(&r, "405", HTML);
	assert_non_null(strstr(r.head, "Allow: GET, HEAD"));
	response_free(&r);
	request("HEAD", "q=back+pain", db, &r);
	assert_head(&r, "200 OK", HTML);
	assert_int_equal(r.body_len, 0);
	response_free(&r);
	check_pages(paging, sizeof(paging) / sizeof(paging[0]));
	/* No database: 503, the path only in the server's log. */
	request("GET", "q=back+pain", "/nonexistent/relief.db", &r);
	assert_head(&r, "503", HTML);
	assert_null(strstr(r.body, "nonexistent"));
	assert_non_null(strstr(r.err, "nonexistent"));
	response_free(&r);
	/* A question of more words than the engine searches is answered,
	 * saying that only its first ones were (util/kb_limits.h); a
	 * short one says nothing of the kind. */
	{
		char qs[KB_LIMIT_QUESTION_BYTES + 8];
		size_t k, o = (size_t)snprintf(qs, sizeof(qs), "q=back");

		for (k = 0; o + 2 <= KB_LIMIT_QUESTION_BYTES; k++)
			o += (size_t)snprintf(qs + o, sizeof(qs) - o, "+%c",
					      "bcdefghjkl"[k % 10]);
		request("GET", qs, db, &r);
		assert_head(&r, "200 OK", HTML);
		assert_non_null(strstr(r.body, "Only the first 128 words"));
		response_free(&r);
		request("GET", "q=back+pain", db, &r);
		assert_null(strstr(r.body, "Only the first"));
		response_free(&r);
	}
	/* Not run by a server. */
	assert_int_equal(run(argv, NULL, &out, NULL, &err), 2);
	assert_non_null(strstr(err, "REQUEST_METHOD"));
	free(out);
	free(err);
}

/* XSS payloads in every parameter, raw, percent- and entity-encoded, come
 * back escaped (or rejected): no tag, event attribute or javascript: link
 * from the request appears in any response. */
static void
test_xss_payloads_come_back_escaped(void **state)
{
	static const char *const payloads[] = {
		"%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
		"%27+onmouseover%3D%27alert(1)",
		"%22+autofocus+onfocus%3Dalert(1)+x%3D%22",
		"javascript%3Aalert(1)",
		"%26lt%3Bscript%26gt%3Balert(1)%26lt%3B%2Fscript%26gt%3B",
		"%253Cscript%253E",
		"<script>alert(1)</script>",
		"%3Csvg%2Fonload%3Dalert(1)%3E",
		"back+pain%3C%2Ftitle%3E%3Cscript%3Ex%3C%2Fscript%3E",
	};
	static const char *const params[] = {"q", "page", "kind", "format",
					     "other"};
	/* What would run: a tag, or a quote that ends an attribute (an
	 * escaped "onerror=" inside a value is only text). */
	static const char *const raw[] = {"<script", "<img", "<svg",
					  "' onmouseover", "\" autofocus",
					  "href=\"javascript", "</title><"};
	char qs[2048];
	response_t r;
	size_t i, j, k;

	(void)state;
	for (i = 0; i < sizeof(params) / sizeof(params[0]); i++)
		for (j = 0; j < sizeof(payloads) / sizeof(payloads[0]); j++) {
			snprintf(qs, sizeof(qs), "%s%s=%s",
				 strcmp(params[i], "q") ? "q=back&" : "",
				 params[i], payloads[j]);
			request("GET", qs, db, &r);
			assert_int_equal(count(r.head, "Content-Type:"), 1);
			for (k = 0; k < sizeof(raw) / sizeof(raw[0]); k++)
				if (strstr(r.body, raw[k]) != NULL) {
					print_error("%s: '%s' in the page\n",
						    qs, raw[k]);
					fail();
				}
			response_free(&r);
		}
	/* Escaped, not dropped: the question comes back in the box. */
	request("GET", "q=%22%3E%3Cscript%3E+back", db, &r);
	assert_non_null(strstr(r.body, "value=\"&quot;&gt;&lt;script&gt; "
				       "back\""));
	response_free(&r);
}

/* The kind filter: its counts add up to the "all" count, following a kind
 * gives only that kind, as many as its count says; the command line's
 * --kind and --offset give the same results as the page. */
static void
test_kind_filter_counts_add_up(void **state)
{
	const char *argv[] = {relief, "query", "--db", db, "--format", "json",
			      "--kind", "stretch", "--offset", "10", "--limit",
			      "10", "running back pain", NULL};
	const char *all20[] = {relief, "query", "--db", db, "--format", "json",
			       "--kind", "stretch", "--limit", "20",
			       "running back pain", NULL};
	unsigned long long all = 0, sum = 0, n, stretch = 0;
	char *out, *out20, *err, *p, kind[32];
	json_t *a, *b, *ja, *jb;
	response_t r;
	size_t i;

	(void)state;
	request("GET", "q=running+back+pain", db, &r);
	assert_head(&r, "200 OK", HTML);
	p = strstr(r.body, "<nav aria-label=\"Kind of advice\">");
	assert_non_null(p);
	assert_int_equal(sscanf(strstr(p, "all ("), "all (%llu)", &all), 1);
	for (p = strstr(p, "kind="); p != NULL && p < strstr(r.body, "</nav>");
	     p = strstr(p + 1, "kind=")) {
		assert_int_equal(sscanf(p, "kind=%31[a-z-]\">%*[a-z-] (%llu)",
					kind, &n), 2);
		sum += n;
		if (strcmp(kind, "stretch") == 0)
			stretch = n;
	}
	assert_true(all > 0);
	assert_true(stretch > 0);
	assert_int_equal(sum, all);
	response_free(&r);
	request("GET", "q=running+back+pain&kind=stretch", db, &r);
	assert_head(&r, "200 OK", HTML);
	p = strstr(r.body, "<section class=\"results\"");
	assert_non_null(p);
	assert_int_equal(count(p, "<span class=\"kind\">stretch</span>"),
			 count(p, "<li><article>"));
	assert_int_equal(count(p, "<li><article>"), 10);
	snprintf(kind, sizeof(kind), "of about %llu<", stretch);
	assert_non_null(strstr(r.body, kind));
	response_free(&r);
	/* --offset continues the list: results 11-20 of --limit 20. */
	assert_int_equal(run(argv, NULL, &out, NULL, &err), 0);
	free(err);
	assert_int_equal(run(all20, NULL, &out20, NULL, &err), 0);
	free(err);
	ja = json_loads(out, 0, NULL);
	jb = json_loads(out20, 0, NULL);
	a = json_object_get(ja, "results");
	b = json_object_get(jb, "results");
	assert_int_equal(json_array_size(a), 10);
	assert_int_equal(json_array_size(b), 20);
	for (i = 0; i < 10; i++) {
		json_t *x = json_array_get(a, i), *y = json_array_get(b, i + 10);

		assert_string_equal(
		    json_string_value(json_object_get(x, "snippet")),
		    json_string_value(json_object_get(y, "snippet")));
		assert_int_equal(json_integer_value(json_object_get(x, "rank")),
				 i + 11);
		assert_string_equal(
		    json_string_value(json_object_get(x, "kind")), "stretch");
	}
	json_decref(ja);
	json_decref(jb);
	free(out);
	free(out20);
}

/* Whole responses, byte for byte, against tests/fixtures/cgi/: the home
 * page, an answer page over corpus/, a 400 page and a JSON error.  After a
 * deliberate change of the page or the ranking, regenerate them with
 * RELIEF_UPDATE_GOLDEN=1 and read the diff. */
static void
test_golden_pages(void **state)
{
	static const struct {
		const char *name, *qs;
	} pages[] = {
	    {"home.txt", ""},
	    {"answer.txt", "q=stiff+lower+back+every+morning"},
	    {"bad-escape.txt", "q=%zz"},
	    {"json-error.txt", "format=json&q="},
	};
	const char *update = getenv("RELIEF_UPDATE_GOLDEN");
	char path[4096], *want, *got;
	response_t r;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		request("GET", pages[i].qs, db, &r);
		n = strlen(r.head) + 4 + r.body_len;
		got = malloc(n + 1);
		assert_non_null(got);
		snprintf(got, n + 1, "%s\r\n\r\n", r.head);
		memcpy(got + strlen(r.head) + 4, r.body, r.body_len);
		got[n] = '\0';
		snprintf(path, sizeof(path), "tests/fixtures/cgi/%s",
			 pages[i].name);
		if (update != NULL && update[0] == '1') {
			FILE *f = fopen(path, "wb");

			assert_non_null(f);
			assert_int_equal(fwrite(got, 1, n, f), n);
			fclose(f);
		}
		want = slurp(path, NULL);
		if (strcmp(want, got) != 0)
			print_error("%s differs from the response to '%s' "
				    "(RELIEF_UPDATE_GOLDEN=1 rewrites it)\n",
				    path, pages[i].qs);
		assert_string_equal(want, got);
		free(want);
		free(got);
		response_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_answers_a_symptom_question),
		cmocka_unit_test(test_json_is_the_command_lines),
		cmocka_unit_test(test_malformed_requests_get_400),
		cmocka_unit_test(test_methods_caps_and_configuration),
		cmocka_unit_test(test_xss_payloads_come_back_escaped),
		cmocka_unit_test(test_kind_filter_counts_add_up),
		cmocka_unit_test(test_golden_pages),
	};

	relief = getenv("RELIEF");
	cgi = getenv("RELIEF_CGI");
	if (relief == NULL || cgi == NULL || relief[0] != '/' ||
	    cgi[0] != '/') {
		fprintf(stderr, "test_cgi: set RELIEF and RELIEF_CGI to the "
				"absolute paths of the programs\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
