/* main.c - relief.cgi: answers one CGI/1.1 request with a search page.
 *
 * Configuration comes from the server, never from the request: the
 * database is $RELIEF_DB, else the "db" line of relief.cgi.conf beside
 * the program; the lexicon is $RELIEF_LEXICON, else that file's "lexicon"
 * line, else the installed one.  The database is opened read-only.
 *
 * Every response has exactly one Status and one Content-Type.  Errors
 * are pages (or JSON objects for format=json) that say what went wrong
 * for the reader; paths and internals go to the server's error log
 * (stderr) only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_paths.h"
#include "cgi.h"

#define CONF_NAME "relief.cgi.conf"

typedef struct conf {
	char db[4096];
	char lexicon[4096];
} conf_t;

/* Reads "name = value" lines of the config file beside the program;
 * '#' starts a comment.  A missing file is no error. */
static void
read_conf(conf_t *c)
{
	char dir[4096], path[4200], line[4400];
	FILE *f;

	if (kb_path_exe_dir(dir, sizeof(dir)) != 0)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, CONF_NAME);
	f = fopen(path, "r");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *k = line, *v, *end;

		k += strspn(k, " \t");
		if (*k == '#' || (v = strchr(k, '=')) == NULL)
			continue;
		end = v;
		while (end > k && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		v++;
		v += strspn(v, " \t");
		v[strcspn(v, "\r\n")] = '\0';
		end = v + strlen(v);
		while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (strcmp(k, "db") == 0)
			snprintf(c->db, sizeof(c->db), "%s", v);
		else if (strcmp(k, "lexicon") == 0)
			snprintf(c->lexicon, sizeof(c->lexicon), "%s", v);
	}
	fclose(f);
}

static void
configure(conf_t *c)
{
	const char *e;

	memset(c, 0, sizeof(*c));
	read_conf(c);
	if ((e = getenv("RELIEF_DB")) != NULL && e[0] != '\0')
		snprintf(c->db, sizeof(c->db), "%s", e);
	if ((e = getenv("RELIEF_LEXICON")) != NULL && e[0] != '\0')
		snprintf(c->lexicon, sizeof(c->lexicon), "%s", e);
	if (c->lexicon[0] == '\0' &&
	    kb_path_find("lexicon", "lexicon", KB_PATH_DIR, c->lexicon,
			 sizeof(c->lexicon)) != 0)
		c->lexicon[0] = '\0';
}

static int head_only;

/* Writes the response: headers, then the body unless the method is HEAD. */
static void
respond(const char *status, const char *type, const kb_buf_t *body)
{
	printf("Status: %s\r\nContent-Type: %s\r\n"
	       "Content-Length: %zu\r\n"
	       "X-Content-Type-Options: nosniff\r\n"
	       "Content-Security-Policy: default-src 'none'; "
	       "style-src 'unsafe-inline'; form-action 'self'; "
	       "base-uri 'none'; frame-ancestors 'none'\r\n"
	       "Referrer-Policy: no-referrer\r\n",
	       status, type, body->len);
	if (strncmp(status, "405", 3) == 0)
		fputs("Allow: GET, HEAD\r\n", stdout);
	fputs("\r\n", stdout);
	if (!head_only && body->len > 0)
		fwrite(body->data, 1, body->len, stdout);
	fflush(stdout);
}

#define HTML_TYPE "text/html; charset=utf-8"
#define JSON_TYPE "application/json"

/* An error: a page with the form, or {"error": message}. */
/* Shown above the answer to a question of more words than the engine
 * searches (util/kb_limits.h). */
static const char cut_words[] =
	"Only the first " CGI_XSTR(KB_LIMIT_QUESTION_WORDS) " words of your "
	"question were searched.";

static void
fail(const char *status, const cgi_request_t *r, const char *message)
{
	static const cgi_request_t none = {.q = (char *)"", .page = 1};
	kb_buf_t b;

	kb_buf_init(&b);
	if (r != NULL && r->format == CGI_JSON) {
		kb_buf_puts(&b, "{\"error\":\"");
		kb_buf_puts(&b, message);	/* fixed text, no quotes */
		kb_buf_puts(&b, "\"}\n");
		respond(status, JSON_TYPE, &b);
	} else {
		cgi_page(&b, r != NULL ? r : &none, NULL, message);
		respond(status, HTML_TYPE, &b);
	}
	kb_buf_free(&b);
}

static kb_engine_t *
open_engine(const conf_t *c)
{
	kb_engine_t *en = NULL;
	char *err = NULL;

	if (c->db[0] == '\0') {
		fprintf(stderr, "relief.cgi: no database: set RELIEF_DB or "
				"'db = PATH' in %s beside the program\n",
			CONF_NAME);
		return NULL;
	}
	if (kb_engine_open(c->db, &en, &err) != KB_OK) {
		fprintf(stderr, "relief.cgi: %s\n", err ? err : c->db);
		free(err);
		return NULL;
	}
	if (c->lexicon[0] != '\0' &&
	    kb_engine_load_lexicon(en, c->lexicon, &err) != KB_OK) {
		fprintf(stderr, "relief.cgi: %s\n", err ? err : c->lexicon);
		free(err);
		kb_engine_close(en);
		return NULL;
	}
	return en;
}

static int
answer(const cgi_request_t *r)
{
	kb_engine_t *en;
	kb_answer_t *ans = NULL;
	kb_search_t search;
	kb_status_t rc;
	conf_t c;
	kb_buf_t b;

	if (r->qlen == 0 && r->format == CGI_HTML) {
		kb_buf_init(&b);
		cgi_page(&b, r, NULL, NULL);
		respond("200 OK", HTML_TYPE, &b);
		kb_buf_free(&b);
		return 0;
	}
	if (r->qlen == 0) {
		fail("400 Bad Request", r, "Type a question.");
		return 0;
	}
	configure(&c);
	en = open_engine(&c);
	if (en == NULL) {
		fail("503 Service Unavailable", r,
		     "The search is not available right now.");
		return 0;
	}
	/* The engine ranks 1000 results at most: a page past them has
	 * nothing to show, like any page past the last result. */
	if ((r->page - 1) * CGI_PER_PAGE >= 1000) {
		kb_engine_close(en);
		fail("200 OK", r, "There are no more results.");
		return 0;
	}
	search.offset = (r->page - 1) * CGI_PER_PAGE;
	search.limit = CGI_PER_PAGE;
	search.kind = r->kind;
	search.facets = r->format == CGI_HTML;
	rc = kb_engine_search(en, r->q, r->qlen, &search, &ans);
	kb_buf_init(&b);
	if (rc == KB_OK && ans->stopped_matches > 0)
		fprintf(stderr, "relief.cgi: %zu pattern matches of the "
				"question lexicon stopped at PCRE2's limits\n",
			ans->stopped_matches);
	if (rc == KB_OK) {
		if (r->format == CGI_JSON) {
			char *s = kb_answer_json(ans);

			if (s != NULL) {
				kb_buf_puts(&b, s);
				kb_buf_putc(&b, '\n');
				free(s);
			}
			respond("200 OK", JSON_TYPE, &b);
		} else {
			/* A long question is searched by its first words;
			 * the page says so rather than cut it silently. */
			cgi_page(&b, r, ans,
				 ans->dropped_words > 0 ? cut_words : NULL);
			respond("200 OK", HTML_TYPE, &b);
		}
	} else if (rc == KB_ERR_QUERY_SYNTAX) {
		fail("200 OK", r, "Your question has no words to search for: "
				  "try describing what hurts.");
	} else {
		const char *m = kb_engine_errmsg(en);

		fprintf(stderr, "relief.cgi: %s\n", m ? m : kb_status_str(rc));
		fail("500 Internal Server Error", r,
		     "The search failed. Please try again later.");
	}
	kb_buf_free(&b);
	kb_answer_free(ans);
	kb_engine_close(en);
	return 0;
}

int
main(void)
{
	const char *method = getenv("REQUEST_METHOD"), *why;
	cgi_request_t r;

	if (method == NULL) {
		fprintf(stderr, "relief.cgi: a CGI program: run it from a web "
				"server (REQUEST_METHOD is not set)\n");
		return 2;
	}
	head_only = strcmp(method, "HEAD") == 0;
	if (strcmp(method, "GET") != 0 && !head_only) {
		fail("405 Method Not Allowed", NULL,
		     "This page answers GET requests only.");
		return 0;
	}
	if (cgi_request_parse(getenv("QUERY_STRING"), &r, &why) != 0) {
		fail("400 Bad Request", NULL, why);
		return 0;
	}
	if (r.too_long) {
		fail("400 Bad Request", &r,
		     "Your question is too long: please keep it under "
		     CGI_XSTR(CGI_Q_MAX) " characters.");
		cgi_request_clear(&r);
		return 0;
	}
	answer(&r);
	cgi_request_clear(&r);
	return 0;
}
