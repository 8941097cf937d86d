/* answer.c - the answer card: the best few distinct pieces of advice.
 *
 * A person wants "do these three things", not a list of ten snippets, two
 * of which say the same.  The card takes the ranked results in order and
 * keeps the ones that answer the question's type (exercises and remedies
 * for "what helps", causes for "why"), one per name, and at most one
 * unnamed snippet per article, until it has KB_CARD_MAX.  Each piece
 * shows its first sentences as "how", with its dosage and sources coming
 * from the result itself.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query_internal.h"

/* Kinds that are advice when the question has no type, or a type whose
 * kinds are not advice ("what is ..."). */
static const char *const actionable[] = {
	"exercise", "stretch", "posture", "treatment", "lifestyle",
	"nutrition",
};

static int
is_actionable(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(actionable) / sizeof(actionable[0]); i++)
		if (strcmp(kind, actionable[i]) == 0)
			return 1;
	return 0;
}

/* The first sentences of text, at most KB_HOW_MAX bytes, cut at a word
 * with an ellipsis when a sentence runs past the limit. */
static char *
how_of(const char *text, size_t len)
{
	size_t end = 0, i;
	kb_buf_t b;

	for (i = 0; i < len && i < KB_HOW_MAX; i++) {
		char c = text[i];

		if ((c == '.' || c == '!' || c == '?') &&
		    (i + 1 == len || text[i + 1] == ' ' || text[i + 1] == '\n')) {
			end = i + 1;
			/* Two sentences say how; more belongs to the list. */
			if (end >= KB_HOW_MAX / 2)
				break;
		}
	}
	kb_buf_init(&b);
	if (end == 0) {
		end = len < KB_HOW_MAX ? len : KB_HOW_MAX;
		if (end < len) {
			while (end > 0 && text[end] != ' ')
				end--;
			if (end == 0)
				end = KB_HOW_MAX;
			while (end > 0 && ((unsigned char)text[end] & 0xC0) == 0x80)
				end--;
		}
		kb_buf_append(&b, text, end);
		if (end < len)
			kb_buf_puts(&b, "\u2026");
	} else {
		kb_buf_append(&b, text, end);
	}
	/* One line: the card is read at a glance. */
	for (i = 0; b.data != NULL && i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	return kb_buf_detach(&b);
}

/* Fills a from result r (copies). */
static kb_status_t
advice_of(const kb_result_t *r, kb_advice_t *a)
{
	size_t i;

	a->rank = r->rank;
	a->dosage = r->dosage;
	a->name = strdup(r->name);
	a->kind = strdup(r->kind);
	a->how = how_of(r->snippet, r->snippet_len);
	a->sources = calloc(r->nalso + 1, sizeof(*a->sources));
	if (a->name == NULL || a->kind == NULL || a->how == NULL ||
	    a->sources == NULL)
		return KB_ERR_NOMEM;
	a->sources[a->nsources++] = strdup(r->source);
	for (i = 0; i < r->nalso; i++)
		a->sources[a->nsources++] = strdup(r->also[i]);
	for (i = 0; i < a->nsources; i++)
		if (a->sources[i] == NULL)
			return KB_ERR_NOMEM;
	return KB_OK;
}

void
kb_advice_clear(kb_advice_t *a)
{
	size_t i;

	free(a->name);
	free(a->kind);
	free(a->how);
	for (i = 0; i < a->nsources; i++)
		free(a->sources[i]);
	free(a->sources);
	memset(a, 0, sizeof(*a));
}

kb_status_t
kb_answer_pick(const kb_question_t *q, kb_answer_t *ans)
{
	size_t i, j, n = 0;
	int typed = 0;

	for (i = 0; q->type != NULL && i < q->type->nkinds; i++)
		if (is_actionable(q->type->kinds[i]) ||
		    strcmp(q->type->kinds[i], "cause") == 0 ||
		    strcmp(q->type->kinds[i], "symptom") == 0)
			typed = 1;
	ans->advice = calloc(KB_CARD_MAX, sizeof(*ans->advice));
	if (ans->advice == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < ans->nresults && n < KB_CARD_MAX; i++) {
		const kb_result_t *r = &ans->results[i];
		size_t rank;
		int dup = 0;

		if (strcmp(r->kind, "caution") == 0)
			continue;
		if (typed ? !kb_qtype_wants(q->type, r->kind, &rank)
			  : !is_actionable(r->kind))
			continue;
		for (j = 0; j < n && !dup; j++) {
			const kb_advice_t *o = &ans->advice[j];

			/* One piece per name; unnamed advice, one per
			 * article, so the card is not one page's list. */
			if (r->name[0] != '\0')
				dup = strcasecmp(o->name, r->name) == 0;
			else
				dup = o->name[0] == '\0' &&
				      strcmp(o->sources[0], r->source) == 0;
		}
		if (dup)
			continue;
		if (advice_of(r, &ans->advice[n]) != KB_OK)
			return KB_ERR_NOMEM;
		n++;
		ans->nadvice = n;
	}
	return KB_OK;
}
