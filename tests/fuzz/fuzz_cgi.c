/* fuzz_cgi.c - libFuzzer harness for relief.cgi's request decoder
 * (cgi/request.c) and the escaping of what it decodes (cgi/escape.c,
 * cgi/page.c).  The whole input is the QUERY_STRING.
 *
 * Checked for every input: a request is decoded or refused with a
 * message, never half; a decoded request is in its syntax (q valid UTF-8
 * of at most CGI_Q_MAX bytes without NUL, page 1..CGI_PAGE_MAX, kind of
 * [a-z-]); encoding it again with cgi_url and decoding that gives the same
 * request; and the page made for it has the same markup as for the same
 * question with every character that HTML gives a meaning replaced, so
 * nothing of the question escapes into markup.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/cgi.h"
#include "../../text/kb_text.h"
#include "fuzz.h"

/* Counts the bytes of s that make or end markup. */
static void
markup(const kb_buf_t *b, size_t count[4])
{
	size_t i;

	memset(count, 0, 4 * sizeof(count[0]));
	for (i = 0; i < b->len; i++)
		switch (b->data[i]) {
		case '<': count[0]++; break;
		case '>': count[1]++; break;
		case '"': count[2]++; break;
		case '\'': count[3]++; break;
		}
}

static void
check_request(const cgi_request_t *r)
{
	size_t i;

	CHECK(r->q != NULL && strlen(r->q) == r->qlen);
	CHECK(r->qlen <= CGI_Q_MAX);
	CHECK(kb_text_valid_utf8(r->q, r->qlen));
	CHECK(r->page >= 1 && r->page <= CGI_PAGE_MAX);
	CHECK(strlen(r->kind) <= CGI_KIND_MAX);
	for (i = 0; r->kind[i] != '\0'; i++)
		CHECK((r->kind[i] >= 'a' && r->kind[i] <= 'z') ||
		      r->kind[i] == '-');
	CHECK(r->format == CGI_HTML || r->format == CGI_JSON);
}

/* Encodes r back into a query string, decodes it and compares. */
static void
check_round_trip(const cgi_request_t *r)
{
	cgi_request_t again;
	const char *why = NULL;
	kb_buf_t qs;

	kb_buf_init(&qs);
	kb_buf_puts(&qs, "q=");
	cgi_url(&qs, r->q, r->qlen);
	kb_buf_printf(&qs, "&page=%u&kind=", r->page);
	cgi_url(&qs, r->kind, strlen(r->kind));
	kb_buf_puts(&qs, r->format == CGI_JSON ? "&format=json" : "");
	CHECK(qs.err == KB_OK);
	if (qs.len > CGI_QUERY_STRING_MAX) {
		/* A q of CGI_Q_MAX bytes may encode to more. */
		kb_buf_free(&qs);
		return;
	}
	CHECK(cgi_request_parse(qs.data, &again, &why) == 0);
	CHECK(again.qlen == r->qlen && memcmp(again.q, r->q, r->qlen) == 0);
	CHECK(again.page == r->page && again.format == r->format);
	CHECK(strcmp(again.kind, r->kind) == 0);
	cgi_request_clear(&again);
	kb_buf_free(&qs);
}

/* The page for r, and for r with every < > " ' & of q made an 'x', have
 * the same markup characters. */
static void
check_page(const cgi_request_t *r)
{
	cgi_request_t plain = *r;
	size_t a[4], b[4], i;
	kb_buf_t p1, p2;

	plain.q = strdup(r->q);
	CHECK(plain.q != NULL);
	for (i = 0; i < plain.qlen; i++)
		if (strchr("<>\"'&", plain.q[i]) != NULL)
			plain.q[i] = 'x';
	kb_buf_init(&p1);
	kb_buf_init(&p2);
	cgi_page(&p1, r, NULL, NULL);
	cgi_page(&p2, &plain, NULL, NULL);
	CHECK(p1.err == KB_OK && p2.err == KB_OK);
	markup(&p1, a);
	markup(&p2, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	kb_buf_free(&p1);
	kb_buf_free(&p2);
	free(plain.q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *qs = fuzz_strndup(data, size);
	const char *why = NULL;
	cgi_request_t r;

	if (cgi_request_parse(qs, &r, &why) == 0) {
		CHECK(why == NULL);
		check_request(&r);
		check_round_trip(&r);
		check_page(&r);
		cgi_request_clear(&r);
	} else {
		CHECK(why != NULL && why[0] != '\0');
		CHECK(r.q == NULL);
	}
	free(qs);
	return 0;
}
