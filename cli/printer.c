/* printer.c - text and JSON renderings of answers and statistics.
 *
 * The JSON shape is a documented interface (README.md, "JSON output"):
 * change it only by adding fields.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/kb_text.h"
#include "../util/kb_buf.h"
#include "../util/kb_wrap.h"
#include "cli.h"

/* Scores are BM25 weights; six significant digits are plenty and keep the
 * output readable. */
#define JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(6))

static void
json_emit(printer_t *p, json_t *o)
{
	if (o == NULL)
		return;
	json_dumpf(o, p->out, JSON_FLAGS);
	fputc('\n', p->out);
	json_decref(o);
}

static void
json_answer(printer_t *p, const kb_answer_t *ans)
{
	char *s = kb_answer_json(ans);

	if (s == NULL)
		return;
	fputs(s, p->out);
	fputc('\n', p->out);
	free(s);
}

static void
json_failed(printer_t *p, const char *query, const char *error)
{
	json_t *o = json_object();
	kb_buf_t q;

	/* The line as read, made valid UTF-8 (an invalid byte becomes
	 * U+FFFD) so that every object has its "query". */
	kb_buf_init(&q);
	kb_text_repair_utf8(query ? query : "", query ? strlen(query) : 0, &q);
	json_object_set_new(o, "query",
			    json_stringn(q.len ? q.data : "", q.len));
	kb_buf_free(&q);
	json_object_set_new(o, "total", json_integer(0));
	json_object_set_new(o, "results", json_array());
	json_object_set_new(o, "error", json_string(error));
	json_emit(p, o);
}

static void
json_stats(printer_t *p, const char *db, const kb_db_stats_t *s)
{
	json_emit(p, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "database",
			       db, "articles", (json_int_t)s->articles,
			       "snippets", (json_int_t)s->snippets,
			       "documents", (json_int_t)s->documents, "terms",
			       (json_int_t)s->terms, "bytes",
			       (json_int_t)s->bytes));
}

static void
json_cleaned(printer_t *p, const char *file, const kb_cleaned_t *c,
	     int explain, int several)
{
	json_t *o = json_object(), *lines;
	size_t i;

	(void)several;
	json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "title", json_string(c->title));
	json_object_set_new(o, "text", json_stringn(c->text, c->len));
	if (explain) {
		lines = json_array();
		for (i = 0; i < c->nlines; i++) {
			const kb_clean_line_t *l = &c->lines[i];
			json_t *lo = json_object();

			json_object_set_new(lo, "keep", json_boolean(l->keep));
			json_object_set_new(lo, "title",
					    json_boolean(l->is_title));
			json_object_set_new(lo, "rule", json_string(l->rule));
			if (l->score >= 0)
				json_object_set_new(lo, "score",
						    json_real(l->score));
			json_object_set_new(lo, "raw",
					    json_stringn(l->raw, l->raw_len));
			json_array_append_new(lines, lo);
		}
		json_object_set_new(o, "lines", lines);
	}
	json_emit(p, o);
}

static void
json_snippets(printer_t *p, const char *file, const char *title,
	      const kb_snippet_t *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		json_t *o = json_object(), *parts = json_array();

		for (j = 0; j < v[i].nbody_parts; j++)
			json_array_append_new(parts,
					      json_string(v[i].body_parts[j]));
		json_object_set_new(o, "source", json_string(file));
		json_object_set_new(o, "title", json_string(title));
		json_object_set_new(o, "ordinal", json_integer(v[i].ordinal));
		json_object_set_new(o, "kind", json_string(v[i].kind));
		json_object_set_new(o, "name", json_string(v[i].name));
		json_object_set_new(o, "section", json_string(v[i].section));
		json_object_set_new(o, "context",
				    json_string(v[i].context ? v[i].context
							     : ""));
		json_object_set_new(o, "body_parts", parts);
		json_object_set_new(o, "dosage",
				    kb_dosage_to_json(&v[i].dosage));
		json_object_set_new(o, "text", json_stringn(v[i].text, v[i].len));
		json_emit(p, o);
	}
}

/* ---- text ----------------------------------------------------------- */

#define INDENT "   "

/* Appends name with its first letter upper-cased (ASCII only), then
 * sep. */
static void
put_name(kb_buf_t *b, const char *name, const char *sep)
{
	kb_buf_putc(b, name[0] >= 'a' && name[0] <= 'z' ? name[0] - 'a' + 'A'
	                                                : name[0]);
	kb_buf_puts(b, name + 1);
	kb_buf_puts(b, sep);
}

/* Appends open, the dosage d and close, or nothing at all when d formats
 * as nothing. */
static void
put_dosage(kb_buf_t *b, const kb_dosage_t *d, const char *open,
           const char *close)
{
	size_t mark = b->len;

	kb_buf_puts(b, open);
	kb_dosage_format(b, d);
	if (b->len == mark + strlen(open)) {
		b->len = mark;
		b->data[mark] = '\0';
	} else {
		kb_buf_puts(b, close);
	}
}

/* "Arch bridge · exercise · hold 10 s × 10, 3 sets, 2–3×/day". */
static void
print_advice_line(printer_t *p, const kb_result_t *r)
{
	kb_buf_t b;

	if (r->kind[0] == '\0')
		return;
	kb_buf_init(&b);
	if (r->name[0] != '\0')
		put_name(&b, r->name, " \u00b7 ");
	kb_buf_puts(&b, r->kind);
	put_dosage(&b, &r->dosage, " \u00b7 ", "");
	if (r->section[0] != '\0')
		kb_buf_printf(&b, "  [%s]", r->section);
	if (b.err == KB_OK)
		fprintf(p->out, INDENT "%s\n", b.data);
	kb_buf_free(&b);
}


/* Prints text wrapped to the printer's width; the first line starts with
 * first (first_cols columns wide), the others with indent.  spans, when
 * given, are emphasised on a terminal. */
static void
print_wrapped(printer_t *p, const char *first, size_t first_cols,
	      const char *indent, const char *text, size_t len,
	      const kb_span_t *spans, size_t nspans)
{
	kb_wrap_t w = { .width = p->width, .first = first,
			.first_cols = first_cols, .indent = indent,
			.spans = spans, .nspans = nspans,
			.on = p->color ? "\033[1m" : NULL,
			.off = p->color ? "\033[0m" : NULL };
	kb_buf_t b;

	kb_buf_init(&b);
	if (kb_wrap(&b, text, len, &w) == KB_OK)
		fwrite(b.data, 1, b.len, p->out);
	kb_buf_free(&b);
}

/* The snippet, wrapped, with its matched words emphasised. */
static void
print_snippet(printer_t *p, const kb_result_t *r)
{
	print_wrapped(p, INDENT, 0, INDENT, r->snippet, r->snippet_len,
		      r->highlights, r->nhighlights);
}

static void
text_card(printer_t *p, const kb_answer_t *ans)
{
	size_t i;

	if (ans->nadvice == 0)
		return;
	fprintf(p->out, "%sAnswer%s\n", p->color ? "\033[1m" : "",
		p->color ? "\033[0m" : "");
	for (i = 0; i < ans->nadvice; i++) {
		const kb_advice_t *r = &ans->advice[i];
		kb_buf_t b;
		size_t j;

		kb_buf_init(&b);
		/* The name leads, unless the text already starts with it. */
		if (r->name[0] != '\0' &&
		    strncasecmp(r->how, r->name, strlen(r->name)) != 0)
			put_name(&b, r->name, ": ");
		kb_buf_puts(&b, r->how);
		put_dosage(&b, &r->dosage, " (", ")");
		for (j = 0; j < r->nsources; j++)
			kb_buf_printf(&b, "%s%s", j ? ", " : " [",
				      r->sources[j]);
		kb_buf_putc(&b, ']');
		if (b.err == KB_OK)
			print_wrapped(p, "  * ", 0, "    ", b.data, b.len, NULL,
				      0);
		kb_buf_free(&b);
	}
	for (i = 0; i < ans->ncautions; i++) {
		kb_buf_t b;

		kb_buf_init(&b);
		kb_buf_printf(&b, "%s [%s]", ans->cautions[i].text,
			      ans->cautions[i].source);
		if (b.err == KB_OK)
			print_wrapped(p, "  ! ", 0, "    ", b.data, b.len, NULL,
				      0);
		kb_buf_free(&b);
	}
	fputc('\n', p->out);
}

static void
text_answer(printer_t *p, const kb_answer_t *ans)
{
	size_t i;

	/* A warning sign comes before any advice. */
	for (i = 0; i < ans->nwarnings; i++) {
		if (i == 0 || strcmp(ans->warnings[i].notice,
				     ans->warnings[i - 1].notice) != 0)
			print_wrapped(p, p->color ? "\033[1mSee a doctor:\033[0m "
						  : "See a doctor: ",
				      strlen("See a doctor: "), "  ",
				      ans->warnings[i].notice,
				      strlen(ans->warnings[i].notice), NULL, 0);
		if (i + 1 == ans->nwarnings)
			fputc('\n', p->out);
	}
	if (ans->suggestion != NULL)
		fprintf(p->out, "%s \"%s\"\n\n",
			ans->corrected ? "Showing answers for" : "Did you mean",
			ans->suggestion);
	if (ans->nresults == 0) {
		fprintf(p->out, "No answers for \"%s\".\n", ans->query);
		return;
	}
	text_card(p, ans);
	if (ans->nfacets > 0) {
		fputs("By kind:", p->out);
		for (i = 0; i < ans->nfacets; i++)
			fprintf(p->out, "%s %s %llu", i ? "," : "",
				ans->facets[i].kind,
				(unsigned long long)ans->facets[i].count);
		fputs("\n\n", p->out);
	}
	fprintf(p->out, "%zu of about %llu snippets for \"%s\":\n\n",
		ans->nresults, (unsigned long long)ans->total, ans->query);
	for (i = 0; i < ans->nresults; i++) {
		const kb_result_t *r = &ans->results[i];

		fprintf(p->out, "%u. %s%s%s\n", r->rank,
			p->color ? "\033[1m" : "",
			r->title[0] ? r->title : r->source,
			p->color ? "\033[0m" : "");
		fprintf(p->out, INDENT "%s  (score %.2f", r->source, r->score);
		if (r->agree > 0)
			fprintf(p->out, "; %u more say the same", r->agree);
		fputs(")\n", p->out);
		print_advice_line(p, r);
		print_snippet(p, r);
		fputc('\n', p->out);
	}
}

static void
text_failed(printer_t *p, const char *query, const char *error)
{
	fprintf(p->out, "\"%s\": %s\n", query ? query : "", error);
}

static void
text_stats(printer_t *p, const char *db, const kb_db_stats_t *s)
{
	fprintf(p->out,
		"database:  %s\n"
		"articles:  %llu\n"
		"snippets:  %llu\n"
		"terms:     %llu\n"
		"size:      %.1f MB (%llu bytes)\n",
		db, (unsigned long long)s->articles,
		(unsigned long long)s->snippets,
		(unsigned long long)s->terms, (double)s->bytes / 1e6,
		(unsigned long long)s->bytes);
}

static void
text_cleaned(printer_t *p, const char *file, const kb_cleaned_t *c,
	     int explain, int several)
{
	size_t i;

	if (several)
		fprintf(p->out, "==> %s <==\n", file);
	if (!explain) {
		fprintf(p->out, "%s\n\n", c->title);
		fwrite(c->text, 1, c->len, p->out);
		if (c->len > 0 && c->text[c->len - 1] != '\n')
			fputc('\n', p->out);
		return;
	}
	fprintf(p->out, "title: %s\n", c->title);
	for (i = 0; i < c->nlines; i++) {
		const kb_clean_line_t *l = &c->lines[i];
		char why[48];

		if (l->score >= 0)
			snprintf(why, sizeof(why), "%s %.2f", l->rule,
				 l->score);
		else
			snprintf(why, sizeof(why), "%s", l->rule);
		fprintf(p->out, "%s%s %-22s| %.*s\n",
			l->keep ? "KEEP" : "DROP", l->is_title ? "*" : " ",
			why, (int)l->raw_len, l->raw);
	}
}

printer_t *
printer_for(const char *format, FILE *out)
{
	static printer_t text = {
		.answer = text_answer, .failed = text_failed,
		.stats = text_stats, .cleaned = text_cleaned,
		.snippets = json_snippets, .match = printer_text_match,
	};
	static printer_t json = {
		.answer = json_answer, .failed = json_failed,
		.stats = json_stats, .cleaned = json_cleaned,
		.snippets = json_snippets, .match = printer_json_match,
	};
	printer_t *p;

	if (strcmp(format, "text") == 0)
		p = &text;
	else if (strcmp(format, "json") == 0)
		p = &json;
	else
		return NULL;
	p->out = out;
	p->width = kb_wrap_width(fileno(out));
	return p;
}
