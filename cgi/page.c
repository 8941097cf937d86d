/* page.c - the HTML5 search page of relief.cgi.
 *
 * One self-contained page: inline CSS, no script, nothing fetched from
 * elsewhere.  Landmarks (header, main, nav, footer), a labelled search
 * form that keeps the question, and the answer in the order a reader
 * needs it: warning signs first, then the answer card, then the results.
 * Every value from the request or the database goes through cgi_html or
 * cgi_url; links are relative ("?q=..."), so the page works under any
 * script name.
 */
#include <string.h>

#include "cgi.h"

static const char style[] =
	"body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;"
	"background:#fafafa}"
	"header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}"
	"header h1{font-size:1.4rem;margin:1rem 0 .5rem}"
	"header a{color:inherit;text-decoration:none}"
	"form{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}"
	"form label{flex-basis:100%;font-weight:600}"
	"form input{flex:1;min-width:12rem;font:inherit;padding:.5rem;"
	"border:1px solid #777;border-radius:4px}"
	"form button{font:inherit;padding:.5rem 1rem;border-radius:4px;"
	"border:1px solid #1d4f91;background:#1d4f91;color:#fff}"
	".notice{border-left:4px solid #b00020;background:#fdecee;"
	"padding:.5rem 1rem;margin:0 0 1rem}"
	".message{background:#fff6d5;padding:.5rem 1rem;margin:0 0 1rem}"
	".card{background:#fff;border:1px solid #ccd;border-radius:6px;"
	"padding:.5rem 1rem;margin:0 0 1rem}"
	".card h2,.results h2{font-size:1.15rem}"
	".kind{display:inline-block;font-size:.8rem;padding:0 .4rem;"
	"border-radius:3px;background:#e3ecf7;color:#1d4f91}"
	".dose{font-weight:600}"
	".src{color:#555;font-size:.9rem}"
	".results ol{list-style:none;padding:0}"
	".results li{background:#fff;border:1px solid #ddd;border-radius:6px;"
	"padding:.5rem 1rem;margin:0 0 .75rem}"
	".results h3{font-size:1rem;margin:.25rem 0}"
	"mark{background:#fff0a0}"
	"nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
	"gap:.5rem}"
	"nav a,nav strong{display:inline-block;padding:.2rem .5rem;"
	"border:1px solid #ccd;border-radius:4px}"
	"footer{color:#555;font-size:.85rem;padding-bottom:2rem}"
	"@media print{form,nav{display:none}}";

static void
put(kb_buf_t *b, const char *s)
{
	kb_buf_puts(b, s);
}

static void
esc(kb_buf_t *b, const char *s)
{
	cgi_html(b, s, strlen(s));
}

/* A link to the same search with another page or kind: "?q=...". */
static void
href(kb_buf_t *b, const cgi_request_t *r, const char *q, const char *kind,
     unsigned page)
{
	put(b, "?q=");
	cgi_url(b, q, strlen(q));
	if (kind != NULL && kind[0] != '\0') {
		put(b, "&amp;kind=");
		cgi_url(b, kind, strlen(kind));
	}
	if (page > 1)
		kb_buf_printf(b, "&amp;page=%u", page);
	(void)r;
}

static void
head(kb_buf_t *b, const cgi_request_t *r)
{
	put(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	       "<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, "
	       "initial-scale=1\">\n<title>");
	if (r->qlen > 0) {
		cgi_html(b, r->q, r->qlen);
		put(b, " - ");
	}
	put(b, "relief</title>\n<style>");
	put(b, style);
	put(b, "</style>\n</head>\n<body>\n<header><h1><a href=\"?\">relief"
	       "</a></h1></header>\n<main>\n"
	       "<form role=\"search\" method=\"get\" action=\"\">\n"
	       "<label for=\"q\">Describe what hurts or ask a question"
	       "</label>\n<input id=\"q\" name=\"q\" type=\"search\" "
	       "maxlength=\"" CGI_XSTR(CGI_Q_MAX) "\" autocomplete=\"off\" "
	       "value=\"");
	cgi_html(b, r->q, r->qlen);
	put(b, "\">\n");
	if (r->kind[0] != '\0') {
		put(b, "<input type=\"hidden\" name=\"kind\" value=\"");
		esc(b, r->kind);
		put(b, "\">\n");
	}
	put(b, "<button type=\"submit\">Search</button>\n</form>\n");
}

static void
warnings(kb_buf_t *b, const kb_answer_t *ans)
{
	size_t i;

	if (ans->nwarnings == 0)
		return;
	put(b, "<section class=\"notice\" role=\"alert\" "
	       "aria-labelledby=\"warn-h\">\n<h2 id=\"warn-h\">See a doctor "
	       "first</h2>\n");
	for (i = 0; i < ans->nwarnings; i++) {
		put(b, "<p>");
		esc(b, ans->warnings[i].notice);
		put(b, "</p>\n");
	}
	put(b, "</section>\n");
}

static void
suggestion(kb_buf_t *b, const cgi_request_t *r, const kb_answer_t *ans)
{
	if (ans->suggestion == NULL)
		return;
	put(b, "<p class=\"message\">");
	put(b, ans->corrected ? "Showing answers for " : "Did you mean ");
	put(b, "<a href=\"");
	href(b, r, ans->suggestion, r->kind, 1);
	put(b, "\">");
	esc(b, ans->suggestion);
	put(b, ans->corrected ? "</a>.</p>\n" : "</a>?</p>\n");
}

/* " · hold 10 s × 10, 3 sets" inside a paragraph, or nothing. */
static void
dosage(kb_buf_t *b, const kb_dosage_t *d)
{
	kb_buf_t t;

	kb_buf_init(&t);
	kb_dosage_format(&t, d);
	if (t.err == KB_OK && t.len > 0) {
		put(b, "<p class=\"dose\">");
		cgi_html(b, t.data, t.len);
		put(b, "</p>\n");
	}
	kb_buf_free(&t);
}

static void
kind_badge(kb_buf_t *b, const char *kind)
{
	if (kind == NULL || kind[0] == '\0')
		return;
	put(b, " <span class=\"kind\">");
	esc(b, kind);
	put(b, "</span>");
}

static void
card(kb_buf_t *b, const kb_answer_t *ans)
{
	size_t i, j;

	if (ans->nadvice == 0)
		return;
	put(b, "<section class=\"card\" aria-labelledby=\"card-h\">\n"
	       "<h2 id=\"card-h\">What may help</h2>\n<ol>\n");
	for (i = 0; i < ans->nadvice; i++) {
		const kb_advice_t *a = &ans->advice[i];

		put(b, "<li>");
		if (a->name[0] != '\0') {
			put(b, "<strong>");
			esc(b, a->name);
			put(b, "</strong>");
		}
		kind_badge(b, a->kind);
		put(b, "\n<p>");
		esc(b, a->how);
		put(b, "</p>\n");
		dosage(b, &a->dosage);
		put(b, "<p class=\"src\">From ");
		for (j = 0; j < a->nsources; j++) {
			if (j > 0)
				put(b, ", ");
			esc(b, a->sources[j]);
		}
		put(b, "</p></li>\n");
	}
	put(b, "</ol>\n");
	if (ans->ncautions > 0) {
		put(b, "<h3>Take care</h3>\n<ul>\n");
		for (i = 0; i < ans->ncautions; i++) {
			put(b, "<li>");
			esc(b, ans->cautions[i].text);
			put(b, " <span class=\"src\">(");
			esc(b, ans->cautions[i].source);
			put(b, ")</span></li>\n");
		}
		put(b, "</ul>\n");
	}
	put(b, "</section>\n");
}

static void
facets(kb_buf_t *b, const cgi_request_t *r, const kb_answer_t *ans)
{
	uint64_t all = 0;
	size_t i;

	if (ans->nfacets == 0)
		return;
	for (i = 0; i < ans->nfacets; i++)
		all += ans->facets[i].count;
	put(b, "<nav aria-label=\"Kind of advice\">\n<ul>\n<li>");
	if (r->kind[0] == '\0')
		kb_buf_printf(b, "<strong aria-current=\"page\">all (%llu)"
				 "</strong>",
			      (unsigned long long)all);
	else {
		put(b, "<a href=\"");
		href(b, r, r->q, NULL, 1);
		kb_buf_printf(b, "\">all (%llu)</a>", (unsigned long long)all);
	}
	put(b, "</li>\n");
	for (i = 0; i < ans->nfacets; i++) {
		const kb_facet_t *f = &ans->facets[i];
		int here = strcmp(f->kind, r->kind) == 0;

		put(b, "<li>");
		if (here)
			put(b, "<strong aria-current=\"page\">");
		else {
			put(b, "<a href=\"");
			href(b, r, r->q, f->kind, 1);
			put(b, "\">");
		}
		esc(b, f->kind);
		kb_buf_printf(b, " (%llu)", (unsigned long long)f->count);
		put(b, here ? "</strong>" : "</a>");
		put(b, "</li>\n");
	}
	put(b, "</ul>\n</nav>\n");
}

/* The snippet with its highlighted words in <mark>. */
static void
marked(kb_buf_t *b, const kb_result_t *res)
{
	size_t at = 0, i;

	for (i = 0; i < res->nhighlights; i++) {
		const kb_highlight_t *h = &res->highlights[i];

		if (h->start < at || h->start + h->len > res->snippet_len)
			continue;
		cgi_html(b, res->snippet + at, h->start - at);
		put(b, "<mark>");
		cgi_html(b, res->snippet + h->start, h->len);
		put(b, "</mark>");
		at = h->start + h->len;
	}
	cgi_html(b, res->snippet + at, res->snippet_len - at);
}

static void
results(kb_buf_t *b, const cgi_request_t *r, const kb_answer_t *ans)
{
	size_t i;

	put(b, "<section class=\"results\" aria-labelledby=\"res-h\">\n");
	if (ans->nresults == 0) {
		put(b, "<h2 id=\"res-h\">No results</h2>\n<p>Nothing in the "
		       "articles answers this");
		put(b, r->kind[0] != '\0' ? " with this kind of advice" : "");
		put(b, r->page > 1 ? " on this page" : "");
		put(b, ". Try other words.</p>\n</section>\n");
		return;
	}
	kb_buf_printf(b, "<h2 id=\"res-h\">Results %u&ndash;%u of about "
			 "%llu</h2>\n<ol>\n",
		      ans->results[0].rank,
		      ans->results[ans->nresults - 1].rank,
		      (unsigned long long)ans->total);
	for (i = 0; i < ans->nresults; i++) {
		const kb_result_t *res = &ans->results[i];

		put(b, "<li><article>\n<h3>");
		esc(b, res->name[0] != '\0' ? res->name
		    : res->section[0] != '\0' ? res->section : res->title);
		put(b, "</h3>");
		kind_badge(b, res->kind);
		put(b, "\n<p>");
		marked(b, res);
		put(b, "</p>\n");
		dosage(b, &res->dosage);
		put(b, "<p class=\"src\">");
		esc(b, res->title);
		put(b, " &middot; ");
		esc(b, res->source);
		put(b, "</p>\n</article></li>\n");
	}
	put(b, "</ol>\n</section>\n");
}

static void
pages(kb_buf_t *b, const cgi_request_t *r, const kb_answer_t *ans)
{
	int more;

	if (ans->nresults == 0)
		return;
	more = ans->results[ans->nresults - 1].rank < ans->total &&
	       ans->nresults == CGI_PER_PAGE && r->page < CGI_PAGE_MAX;
	if (r->page == 1 && !more)
		return;
	put(b, "<nav aria-label=\"Pages\">\n<ul>\n");
	if (r->page > 1) {
		put(b, "<li><a rel=\"prev\" href=\"");
		href(b, r, r->q, r->kind, r->page - 1);
		put(b, "\">Previous</a></li>\n");
	}
	kb_buf_printf(b, "<li><strong aria-current=\"page\">Page %u</strong>"
			 "</li>\n",
		      r->page);
	if (more) {
		put(b, "<li><a rel=\"next\" href=\"");
		href(b, r, r->q, r->kind, r->page + 1);
		put(b, "\">Next</a></li>\n");
	}
	put(b, "</ul>\n</nav>\n");
}

void
cgi_page(kb_buf_t *b, const cgi_request_t *r, const kb_answer_t *ans,
	 const char *message)
{
	head(b, r);
	if (message != NULL) {
		put(b, "<p class=\"message\" role=\"status\">");
		esc(b, message);
		put(b, "</p>\n");
	}
	if (ans != NULL) {
		warnings(b, ans);
		suggestion(b, r, ans);
		card(b, ans);
		facets(b, r, ans);
		results(b, r, ans);
		pages(b, r, ans);
	}
	put(b, "</main>\n<footer><p>Answers are taken from health articles "
	       "and are not a diagnosis. If you are worried, see a doctor."
	       "</p></footer>\n</body>\n</html>\n");
}
