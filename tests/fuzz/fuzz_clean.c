/* fuzz_clean.c - libFuzzer harness for the cleaner: a scraped page, as
 * text or as HTML, to its title and its own lines (clean/kb_clean.h).
 *
 * The first byte chooses the options, the rest is the page:
 *
 *	bit 0	HTML (kb_cleaner_clean_html), else text (kb_cleaner_clean)
 *	bit 1	learn the page first (kb_cleaner_learn[_html]), as a corpus
 *		run does, so that its short lines count as boilerplate
 *	bit 2	repair invalid UTF-8 first, as the indexer's read stage does
 *
 * Checked for every input: the result is whole (a title, a text of len
 * bytes, a rule for every line, kept lines and only they have text), the
 * raw lines of a text page are its lines, and for valid UTF-8 in, the
 * title and text are valid UTF-8 out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../clean/kb_clean.h"
#include "../../text/kb_text.h"
#include "../../util/kb_buf.h"
#include "fuzz.h"

static kb_cleaner_t *cl;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t len;
	char *stop = fuzz_read_file(KB_SRCDIR "/stopwords/english.txt", &len);
	char *err = NULL;

	(void)argc;
	(void)argv;
	CHECK(kb_cleaner_new(stop, len, &cl, &err) == KB_OK);
	free(stop);
	return 0;
}

static void
check_result(const kb_cleaned_t *c, const char *s, size_t len, int html)
{
	size_t i, raw = 0;

	CHECK(c->title != NULL && c->text != NULL);
	CHECK(c->text[c->len] == '\0');
	CHECK(c->nlines == 0 || c->lines != NULL);
	for (i = 0; i < c->nlines; i++) {
		const kb_clean_line_t *l = &c->lines[i];

		CHECK(l->rule != NULL && l->rule[0] != '\0');
		CHECK(l->raw != NULL);
		CHECK(l->keep ? l->text != NULL : l->text == NULL);
		CHECK(l->text == NULL || l->text_len <= l->raw_len ||
		      strcmp(l->rule, "title") == 0 || html);
		CHECK(l->score == -1 || (l->score >= 0 && l->score <= 1));
		raw += l->raw_len;
	}
	/* A text page's lines are its own bytes, newlines left out. */
	if (!html)
		CHECK(raw <= len);
	if (kb_text_valid_utf8(s, len)) {
		CHECK(fuzz_valid_utf8(c->title, strlen(c->title)));
		CHECK(fuzz_valid_utf8(c->text, c->len));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kb_cleaned_t *c = NULL;
	kb_buf_t fixed;
	const char *s;
	size_t len;
	unsigned opt;
	int html;
	kb_status_t rc;

	if (!fuzz_input(data, size, &opt, &s, &len))
		return 0;
	html = opt & 1;
	kb_buf_init(&fixed);
	fuzz_repair(opt & 4, &s, &len, &fixed);
	if (opt & 2) {
		rc = html ? kb_cleaner_learn_html(cl, s, len)
			  : kb_cleaner_learn(cl, s, len);
		CHECK(rc == KB_OK || (html && rc == KB_ERR_CORRUPT));
	}
	rc = html ? kb_cleaner_clean_html(cl, s, len, &c)
		  : kb_cleaner_clean(cl, s, len, &c);
	if (html && rc == KB_ERR_CORRUPT) {
		CHECK(c == NULL);
	} else {
		CHECK(rc == KB_OK && c != NULL);
		check_result(c, s, len, html);
	}
	kb_cleaned_free(c);
	kb_buf_free(&fixed);
	return 0;
}
