/* request.c - the request of relief.cgi, decoded once and checked.
 *
 * QUERY_STRING is split on '&', each name and value percent-decoded once
 * ('+' is a space).  Only q, page, kind and format are read; other names
 * are ignored, as a search page ignores a tracking parameter.  A bad
 * percent escape, a NUL byte, invalid UTF-8, a parameter given twice or a
 * value out of its syntax makes the request malformed (400).
 */
#include <stdlib.h>
#include <string.h>

#include "../text/kb_text.h"
#include "cgi.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into b.  Returns 0, or -1 on a bad escape or NUL. */
static int
decode(const char *s, size_t len, kb_buf_t *b)
{
	size_t i;

	kb_buf_reset(b);
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (c == '+')
			c = ' ';
		else if (c == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c == '\0')
			return -1;
		kb_buf_putc(b, c);
	}
	return b->err == KB_OK ? 0 : -1;
}

/* A page number: decimal digits only, at least 1; past CGI_PAGE_MAX it is
 * CGI_PAGE_MAX. */
static int
parse_page(const char *s, size_t len, unsigned *out)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0) {
		*out = 1;
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v <= CGI_PAGE_MAX)
			v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v == 0)
		return -1;
	*out = v > CGI_PAGE_MAX ? CGI_PAGE_MAX : (unsigned)v;
	return 0;
}

/* A kind: lower-case ASCII letters and '-', as the kind names are. */
static int
parse_kind(const char *s, size_t len, char *out)
{
	size_t i;

	if (len > CGI_KIND_MAX)
		return -1;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
			return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

/* Cuts q to at most max bytes, at a character boundary. */
static size_t
cut_utf8(const char *q, size_t len, size_t max)
{
	if (len <= max)
		return len;
	len = max;
	while (len > 0 && ((unsigned char)q[len] & 0xC0) == 0x80)
		len--;
	return len;
}

enum { P_Q = 1, P_PAGE = 2, P_KIND = 4, P_FORMAT = 8 };

/* Reads one decoded value into r; seen collects the names read. */
static int
take(cgi_request_t *r, const char *name, const kb_buf_t *v, unsigned *seen,
     const char **why)
{
	static const struct {
		const char *name;
		unsigned bit;
	} known[] = {
		{"q", P_Q}, {"page", P_PAGE}, {"kind", P_KIND},
		{"format", P_FORMAT},
	};
	const char *s = v->len > 0 ? v->data : "";
	unsigned bit = 0;
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i].name) == 0)
			bit = known[i].bit;
	if (bit == 0)
		return 0;
	if (*seen & bit) {
		*why = "A search parameter was given twice.";
		return -1;
	}
	*seen |= bit;
	switch (bit) {
	case P_Q:
		if (!kb_text_valid_utf8(s, v->len)) {
			*why = "The question is not valid UTF-8 text.";
			return -1;
		}
		r->too_long = v->len > CGI_Q_MAX;
		r->qlen = cut_utf8(s, v->len, CGI_Q_MAX);
		free(r->q);
		r->q = strndup(s, r->qlen);
		if (r->q == NULL) {
			*why = "The server is out of memory.";
			return -1;
		}
		return 0;
	case P_PAGE:
		if (parse_page(s, v->len, &r->page) != 0) {
			*why = "The page number must be a whole number from 1.";
			return -1;
		}
		return 0;
	case P_KIND:
		if (parse_kind(s, v->len, r->kind) != 0) {
			*why = "That is not a kind of advice.";
			return -1;
		}
		return 0;
	default:
		if (strcmp(s, "html") == 0 || v->len == 0)
			r->format = CGI_HTML;
		else if (strcmp(s, "json") == 0)
			r->format = CGI_JSON;
		else {
			*why = "The format must be html or json.";
			return -1;
		}
		return 0;
	}
}

int
cgi_request_parse(const char *qs, cgi_request_t *r, const char **why)
{
	kb_buf_t name, value;
	unsigned seen = 0;
	size_t len;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->page = 1;
	r->format = CGI_HTML;
	*why = NULL;
	if (qs == NULL)
		qs = "";
	len = strlen(qs);
	if (len > CGI_QUERY_STRING_MAX) {
		*why = "The request is too long.";
		return -1;
	}
	kb_buf_init(&name);
	kb_buf_init(&value);
	while (rc == 0 && *qs != '\0') {
		size_t n = strcspn(qs, "&");
		const char *eq = memchr(qs, '=', n);
		size_t nl = eq ? (size_t)(eq - qs) : n;

		if (decode(qs, nl, &name) != 0 ||
		    (eq && decode(eq + 1, n - nl - 1, &value) != 0) ||
		    (!eq && decode("", 0, &value) != 0)) {
			*why = "The request is not correctly encoded.";
			rc = -1;
		} else if (name.len > 0)
			rc = take(r, name.data, &value, &seen, why);
		qs += n;
		if (*qs == '&')
			qs++;
	}
	kb_buf_free(&name);
	kb_buf_free(&value);
	if (rc == 0 && r->q == NULL && (r->q = strdup("")) == NULL) {
		*why = "The server is out of memory.";
		rc = -1;
	}
	if (rc != 0)
		cgi_request_clear(r);
	return rc;
}

void
cgi_request_clear(cgi_request_t *r)
{
	free(r->q);
	r->q = NULL;
	r->qlen = 0;
}
