/* printer_faq.c - printing a FAQ match (relief faq), as text for people
 * or as one JSON line. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/kb_buf.h"
#include "../util/kb_wrap.h"
#include "cli.h"

static void
wrapped(FILE *out, size_t width, const char *first, const char *indent,
        const char *text)
{
	kb_wrap_t w = {
	    .width = width ? width : 80, .first = first, .indent = indent};
	kb_buf_t b;

	kb_buf_init(&b);
	kb_wrap(&b, text, strlen(text), &w);
	if (b.err == KB_OK)
		fwrite(b.data, 1, b.len, out);
	kb_buf_free(&b);
}

void
printer_text_match(printer_t *p, const kb_faq_match_t *m)
{
	const kb_faq_entry_t *e;
	size_t i;
	kb_buf_t d;

	if (m->nentries == 0) {
		fprintf(p->out, "No FAQ question fits '%s'.\n", m->query);
		return;
	}
	e = &m->entries[0];
	wrapped(p->out, p->width, "Q: ", "   ", e->question);
	kb_buf_init(&d);
	for (i = 0; i < e->nadvice; i++) {
		const kb_faq_advice_t *a = &e->advice[i];

		kb_buf_reset(&d);
		if (a->name[0] != '\0')
			kb_buf_printf(&d, "%s: ", a->name);
		kb_buf_puts(&d, a->how);
		{
			size_t at = d.len;

			kb_buf_puts(&d, " (");
			kb_dosage_format(&d, &a->dosage);
			if (d.len == at + 2)
				d.len = at;
			else
				kb_buf_putc(&d, ')');
			if (d.err == KB_OK)
				d.data[d.len] = '\0';
		}
		if (d.err == KB_OK)
			wrapped(p->out, p->width, "  - ", "    ", d.data);
	}
	for (i = 0; i < e->ncautions; i++) {
		kb_buf_reset(&d);
		kb_buf_printf(&d, "%s%s",
		              strncasecmp(e->cautions[i], "caution", 7) == 0
		                  ? ""
		                  : "Caution: ",
		              e->cautions[i]);
		if (d.err == KB_OK)
			wrapped(p->out, p->width, "  ! ", "    ", d.data);
	}
	kb_buf_free(&d);
	fprintf(p->out, "  Source%s:", e->nsources == 1 ? "" : "s");
	for (i = 0; i < e->nsources; i++)
		fprintf(p->out, " %s", e->sources[i]);
	fputc('\n', p->out);
	if (m->nentries > 1)
		fprintf(p->out, "\nRelated questions:\n");
	for (i = 1; i < m->nentries; i++)
		wrapped(p->out, p->width, "  - ", "    ",
		        m->entries[i].question);
}

void
printer_json_match(printer_t *p, const kb_faq_match_t *m)
{
	char *s = kb_faq_match_json(m);

	if (s == NULL) {
		fputs("{\"error\":\"out of memory\"}\n", p->out);
		return;
	}
	fputs(s, p->out);
	fputc('\n', p->out);
	free(s);
}
