/* cgi.h - relief.cgi, the search page: a thin front end over the query
 * engine (query/kb_query.h), run by a web server through CGI/1.1.
 *
 * The request is read once (request.c): the query string is decoded,
 * only the parameters q, page, kind and format are read, each checked
 * strictly; anything malformed is a 400.  The page is written with every
 * value escaped for its context (escape.c, page.c).  What the program
 * opens (the database, the lexicon) comes from its environment or its
 * config file (main.c), never from the request.
 *
 * May use util/, text/ and query/; nothing below includes this header.
 */
#ifndef RELIEF_CGI_H
#define RELIEF_CGI_H

#include <stddef.h>

#include "../query/kb_query.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"

/* Limits of a request. */
/* bytes of QUERY_STRING, and of the decoded question (util/kb_limits.h) */
#define CGI_QUERY_STRING_MAX KB_LIMIT_QUERY_STRING_BYTES
#define CGI_Q_MAX KB_LIMIT_QUESTION_BYTES
/* A limit as a string literal, for the page's fixed text. */
#define CGI_STR(x) #x
#define CGI_XSTR(x) CGI_STR(x)
#define CGI_PAGE_MAX 1000		/* highest page number */
#define CGI_PER_PAGE 10			/* results per page (at most 50) */
#define CGI_KIND_MAX 24			/* bytes of a kind name */

typedef enum cgi_format { CGI_HTML, CGI_JSON } cgi_format_t;

typedef struct cgi_request {
	char *q;		/* the question, decoded, valid UTF-8; "" when
				   absent */
	size_t qlen;
	unsigned page;		/* 1 .. CGI_PAGE_MAX */
	char kind[CGI_KIND_MAX + 1];	/* "" for every kind */
	cgi_format_t format;
	int too_long;		/* q was longer than CGI_Q_MAX (cut there) */
} cgi_request_t;

/* Reads the query string qs (NULL: none) into r.  Returns 0, or -1 when
 * the request is malformed, with *why a short message for people (a
 * static string that names no path or internal). */
int cgi_request_parse(const char *qs, cgi_request_t *r, const char **why);

/* Frees what r holds. */
void cgi_request_clear(cgi_request_t *r);

/* Appends s (len bytes) escaped for HTML text and attribute values:
 * & < > " ' become entities. */
void cgi_html(kb_buf_t *b, const char *s, size_t len);

/* Appends s (len bytes) percent-encoded for a URL query value: only
 * letters, digits and - . _ ~ stay as they are; a space becomes '+'. */
void cgi_url(kb_buf_t *b, const char *s, size_t len);

/* The page for a request: the form, and when ans is not NULL the answer
 * (warnings, "did you mean", answer card, kind filter, results,
 * pagination).  message, when not NULL, is shown above everything else
 * (a malformed request, a question with no searchable word). */
void cgi_page(kb_buf_t *b, const cgi_request_t *r, const kb_answer_t *ans,
	      const char *message);

#endif /* RELIEF_CGI_H */
