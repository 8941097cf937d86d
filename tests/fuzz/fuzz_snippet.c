/* fuzz_snippet.c - libFuzzer harness for the segmenter and dosage
 * extraction (snippet/kb_snippet.h), with the shipped lexicon.
 *
 * The first byte chooses the options, the rest is the article:
 *
 *	bit 0	the first line is the title (else there is none)
 *	bit 1	repair invalid UTF-8 first, as the indexer's read stage does
 *
 * Checked for every input: every snippet is whole (text of len bytes,
 * a known kind, a name, a section, body parts), numbered 1, 2, ... in
 * order, and covers bytes of the text it came from; no two have the same
 * text; every dosage, of a snippet or of the whole input read by
 * snippet_dosage_scan, is plausible (min <= max <= the maximum of its
 * field) and comes back the same through its JSON form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../snippet/snippet_internal.h"
#include "../../text/kb_text.h"
#include "../../util/kb_buf.h"
#include "../../util/kb_schema.h"
#include "fuzz.h"

static kb_segmenter_t *sg;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	if (kb_segmenter_new(KB_SRCDIR "/lexicon", &sg, &err) != KB_OK) {
		fprintf(stderr, "fuzz_snippet: %s\n", err ? err : "no lexicon");
		abort();
	}
	return 0;
}

/* min <= max <= most. */
static void
check_range(unsigned min, unsigned max, unsigned most)
{
	CHECK(min <= max);
	CHECK(max <= most);
}

static void
check_dosage(const kb_dosage_t *d)
{
	kb_dosage_t back;
	json_t *j;

	/* The plausible maxima of snippet_dosage.c: larger numbers are
	 * measurements, never doses. */
	check_range(d->hold_min, d->hold_max, 600);
	check_range(d->reps_min, d->reps_max, 200);
	check_range(d->sets_min, d->sets_max, 20);
	check_range(d->per_day_min, d->per_day_max, 24);
	check_range(d->per_week_min, d->per_week_max, 14);
	CHECK(d->per_side == 0 || d->per_side == 1);
	j = kb_dosage_to_json(d);
	CHECK(j != NULL);
	memset(&back, 0, sizeof(back));
	kb_dosage_from_json(j, &back);
	json_decref(j);
	CHECK(memcmp(&back, d, sizeof(back)) == 0);
}

static int
known_kind(const char *k)
{
	static const char *const kinds[] = {
	    "exercise", "stretch", "posture", "lifestyle",
	    "nutrition", "treatment", "caution", "cause",
	    "symptom", "explanation", "avoid",
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s, *title = NULL, *text;
	size_t len, tlen = 0, tl, i, j;
	kb_snippet_t *v = NULL;
	kb_dosage_t d;
	kb_buf_t fixed;
	unsigned opt;
	size_t n = 0;

	if (!fuzz_input(data, size, &opt, &s, &len))
		return 0;
	kb_buf_init(&fixed);
	fuzz_repair(opt & 2, &s, &len, &fixed);
	text = s;
	tl = len;
	if (opt & 1) {
		const char *nl = memchr(s, '\n', len);

		title = s;
		tlen = nl != NULL ? (size_t)(nl - s) : len;
		text = s + tlen + (nl != NULL);
		tl = len - tlen - (nl != NULL);
	}
	CHECK(kb_segment(sg, title, tlen, text, tl, &v, &n) == KB_OK);
	CHECK((n == 0) == (v == NULL));
	for (i = 0; i < n; i++) {
		const kb_snippet_t *p = &v[i];

		CHECK(p->ordinal == i + 1);
		CHECK(p->kind != NULL && known_kind(p->kind));
		CHECK(p->name != NULL && p->section != NULL);
		CHECK(p->text != NULL && p->text[p->len] == '\0');
		CHECK(p->start <= tl && p->span <= tl - p->start);
		CHECK(p->nbody_parts == 0 || p->body_parts != NULL);
		for (j = 0; j < p->nbody_parts; j++)
			CHECK(p->body_parts[j] != NULL &&
			      p->body_parts[j][0] != '\0');
		for (j = 0; j < i; j++)
			CHECK(v[j].len != p->len ||
			      memcmp(v[j].text, p->text, p->len) != 0);
		check_dosage(&p->dosage);
	}
	kb_snippets_free(v, n);

	memset(&d, 0, sizeof(d));
	(void)snippet_dosage_scan(s, len, &d);
	check_dosage(&d);
	kb_buf_free(&fixed);
	return 0;
}
