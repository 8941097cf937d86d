/* html.c - the FAQ as one self-contained HTML page.
 *
 * Everything is in the one file: inline CSS, the entries as plain HTML
 * grouped by topic, and a small inline script for the search box.  Nothing
 * is fetched, so the page works from file:// and offline.  Without
 * scripts the search box stays hidden and every entry is listed; with
 * them, typing filters the entries to those that share the typed words
 * (the last one as a prefix, being typed) and puts them in order of an
 * idf-weighted match, the question's words counting most, then the
 * topic's, then the answer's.  The list is a flex column, so ranking is
 * only each entry's CSS order: nothing is moved or copied.  The print
 * style drops the search box and keeps each entry on one page.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/kb_array.h"
#include "../util/kb_escape.h"
#include "faq_internal.h"

static const char style[] =
    "body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;"
    "max-width:50em;padding:1em;color:#222;background:#fff}"
    "h1{font-size:1.6em;margin:.2em 0}"
    "#search{position:sticky;top:0;background:#fff;padding:.5em 0;"
    "border-bottom:1px solid #ddd}"
    "#q{font-size:1.1em;width:70%;padding:.3em}"
    "#faq{display:flex;flex-direction:column}"
    ".topic{font-size:1.25em;margin:1.2em 0 .3em;border-bottom:2px solid "
    "#9ab}"
    ".entry{margin:.4em 0 .8em}"
    ".entry h3{font-size:1.05em;margin:.2em 0}"
    ".entry ul{margin:.2em 0;padding-left:1.3em}"
    ".dose{color:#355}"
    ".caution{color:#8a2a0a;margin:.2em 0}"
    ".src{color:#666;font-size:.85em;margin:.2em 0}"
    "[hidden]{display:none!important}"
    "@media print{#search{display:none}body{max-width:none;font-size:"
    "11pt}.entry{break-inside:avoid;page-break-inside:avoid}"
    ".topic{break-after:avoid;page-break-after:avoid}}";

/* The search (see the file comment).  Words are folded like the
 * engine's (lower case, accents off) and stemmed crudely (a plural or
 * -ing, -ed ending off), which is enough to find "stretches" for
 * "stretch" while typing. */
static const char script[] =
    "(function(){"
    "var form=document.getElementById('search'),"
    "box=document.getElementById('q'),"
    "count=document.getElementById('count'),"
    "main=document.getElementById('faq');"
    "if(!form||!box||!main)return;"
    "form.hidden=false;"
    "var stop={};'a an and are as at be by can do does for from how i "
    "if in is it me my of on or should the to what when which who why "
    "will with you your'.split(' ').forEach(function(w){stop[w]=1});"
    "function fold(s){s=s.toLowerCase();"
    "if(s.normalize)s=s.normalize('NFKD').replace(/[\\u0300-\\u036f]/g,"
    "'');return s.match(/[a-z0-9]+/g)||[]}"
    "function stem(w){if(w.length>4)w=w.replace(/(ing|ed|es|s)$/,'');"
    "return w}"
    "var heads=[].slice.call(main.querySelectorAll('.topic')),"
    "items=[].slice.call(main.querySelectorAll('.entry')).map(function(e)"
    "{var m={};function add(t,w){fold(t).forEach(function(x){if(stop[x])"
    "return;x=stem(x);if(!(m[x]>=w))m[x]=w})}"
    "add(e.getAttribute('data-topic')||'',2);"
    "add(e.querySelector('h3').textContent,3);"
    "add(e.textContent,1);return{el:e,w:m,k:Object.keys(m)}}),"
    "df={};items.forEach(function(it){it.k.forEach(function(x){"
    "df[x]=(df[x]||0)+1})});"
    "function match(it,t,prefix){var b=it.w[t]||0;"
    "if(prefix&&t.length>=2)it.k.forEach(function(x){"
    "if(x.lastIndexOf(t,0)===0&&it.w[x]>b)b=it.w[x]});return b}"
    "function run(){var raw=fold(box.value),t=[];"
    "raw.forEach(function(w,i){if(!stop[w]||i===raw.length-1)"
    "t.push({s:stem(w),p:i===raw.length-1})});"
    "if(!t.length){heads.forEach(function(h){h.hidden=false});"
    "items.forEach(function(it){it.el.hidden=false;it.el.style.order=''});"
    "count.textContent='';return}"
    "var shown=[];items.forEach(function(it){var s=0,all=true;"
    "t.forEach(function(x){var m=match(it,x.s,x.p);"
    "if(!m){all=false;return}"
    "s+=m*Math.log(1+items.length/(df[x.s]||1))});"
    "it.score=all?s:0;if(all)shown.push(it);else it.el.hidden=true});"
    "shown.sort(function(a,b){return b.score-a.score});"
    "shown.forEach(function(it,i){it.el.hidden=false;it.el.style.order="
    "String(i)});"
    "heads.forEach(function(h){h.hidden=true});"
    "count.textContent=shown.length+' of '+items.length+' questions'}"
    "box.addEventListener('input',run);run()"
    "})();";

typedef struct item {
	kb_faq_entry_t e;
	size_t n; /* entry order */
} item_t;

typedef struct items {
	item_t *v;
	size_t n, cap;
} items_t;

static kb_status_t
collect(void *ctx, unsigned docid, const char *data, size_t len)
{
	items_t *it = ctx;
	kb_status_t rc;

	(void)docid;
	if (kb_array_grow((void **)&it->v, &it->cap, it->n,
			  sizeof(*it->v), 256) != KB_OK)
		return KB_ERR_NOMEM;
	rc = faq_entry_parse(data, len, &it->v[it->n].e);
	it->v[it->n].n = it->n;
	it->n++;
	return rc;
}

/* Topics in alphabetical order (ignoring case), entries in build order
 * within one. */
static int
cmp_item(const void *a, const void *b)
{
	const item_t *x = a, *y = b;
	int c = strcasecmp(x->e.topic, y->e.topic);

	if (c == 0)
		c = strcmp(x->e.topic, y->e.topic);
	return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

static void
esc(kb_buf_t *b, const char *s)
{
	kb_escape_html(b, s, strlen(s));
}

static void
entry_html(kb_buf_t *b, const item_t *it)
{
	const kb_faq_entry_t *e = &it->e;
	kb_buf_t d;
	size_t i;

	kb_buf_printf(b, "<article class=\"entry\" id=\"e%zu\" data-topic=\"",
	              it->n + 1);
	esc(b, e->topic);
	kb_buf_puts(b, "\"><h3>");
	esc(b, e->question);
	kb_buf_puts(b, "</h3>");
	if (e->nadvice > 0)
		kb_buf_puts(b, "<ul>");
	kb_buf_init(&d);
	for (i = 0; i < e->nadvice; i++) {
		const kb_faq_advice_t *a = &e->advice[i];

		kb_buf_puts(b, "<li>");
		if (a->name[0] != '\0') {
			kb_buf_puts(b, "<b>");
			esc(b, a->name);
			kb_buf_puts(b, "</b>: ");
		}
		esc(b, a->how);
		kb_buf_reset(&d);
		kb_dosage_format(&d, &a->dosage);
		if (d.len > 0 && d.err == KB_OK) {
			kb_buf_puts(b, " <span class=\"dose\">(");
			kb_escape_html(b, d.data, d.len);
			kb_buf_puts(b, ")</span>");
		}
		kb_buf_puts(b, "</li>");
	}
	kb_buf_free(&d);
	if (e->nadvice > 0)
		kb_buf_puts(b, "</ul>");
	for (i = 0; i < e->ncautions; i++) {
		kb_buf_puts(b, "<p class=\"caution\">");
		/* Most cautions say so themselves. */
		if (strncasecmp(e->cautions[i], "caution", 7) != 0)
			kb_buf_puts(b, "Caution: ");
		esc(b, e->cautions[i]);
		kb_buf_puts(b, "</p>");
	}
	kb_buf_puts(b, "<p class=\"src\">Source:");
	for (i = 0; i < e->nsources; i++) {
		kb_buf_puts(b, i ? ", " : " ");
		esc(b, e->sources[i]);
	}
	kb_buf_puts(b, "</p></article>\n");
}

kb_status_t
kb_faq_export_html(kb_faq_t *f, kb_buf_t *b)
{
	items_t it = {NULL, 0, 0};
	size_t i, topics = 0;
	kb_status_t rc;

	rc = faq_each(f, collect, &it);
	if (rc != KB_OK)
		goto done;
	qsort(it.v, it.n, sizeof(*it.v), cmp_item);
	for (i = 0; i < it.n; i++)
		if (i == 0 || strcmp(it.v[i].e.topic, it.v[i - 1].e.topic) != 0)
			topics++;
	kb_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	               "<meta charset=\"utf-8\">"
	               "<meta name=\"viewport\" content=\"width=device-width,"
	               "initial-scale=1\">"
	               "<title>relief: frequently asked questions</title>"
	               "<style>");
	kb_buf_puts(b, style);
	kb_buf_puts(b, "</style></head>\n<body><header><h1>Frequently asked "
	               "questions</h1>");
	kb_buf_printf(b,
	              "<p>%zu questions on %zu topics, answered from the "
	              "articles of the knowledge base.</p>",
	              it.n, topics);
	kb_buf_puts(b, "<form id=\"search\" role=\"search\" hidden "
	               "onsubmit=\"return false\"><label for=\"q\">Search: "
	               "</label><input id=\"q\" type=\"search\" "
	               "autocomplete=\"off\" placeholder=\"type a question\"> "
	               "<span id=\"count\"></span></form></header>\n"
	               "<main id=\"faq\">\n");
	for (i = 0; i < it.n; i++) {
		if (i == 0 ||
		    strcmp(it.v[i].e.topic, it.v[i - 1].e.topic) != 0) {
			kb_buf_puts(b, "<h2 class=\"topic\">");
			esc(b, it.v[i].e.topic[0] ? it.v[i].e.topic
			                          : "Other questions");
			kb_buf_puts(b, "</h2>\n");
		}
		entry_html(b, &it.v[i]);
	}
	kb_buf_puts(b, "</main>\n<script>");
	kb_buf_puts(b, script);
	kb_buf_puts(b, "</script></body></html>\n");
	rc = b->err;
done:
	for (i = 0; i < it.n; i++)
		faq_entry_clear(&it.v[i].e);
	free(it.v);
	return rc;
}
