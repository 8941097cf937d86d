/* snippet_kinds.c - kinds and names: what a snippet is about and what it
 * is called, by the rules of kinds.txt and names.txt.
 *
 * Both snippet.c (building a snippet) and snippet_split.c (deciding what
 * a run of text is) ask these questions; neither is asked back, so the
 * files form no call loop.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "snippet_internal.h"

/* Points a kind rule earns: where it matches tells how central the word
 * is.  A name ("side bridge") or the opening sentence says what the
 * snippet is about; the rest of the text only hints, and the heading
 * above covers many snippets at once. */
#define SCORE_TEXT 1
#define SCORE_TEXT_MAX 3 /* matches of one rule counted at most */
#define SCORE_HEAD 1     /* on top of SCORE_TEXT */
#define SCORE_NAME 3
#define SCORE_SECTION 2

static int
is_name_byte(unsigned char c)
{
	return !(c == ' ' || c == '"' || c == '\'' || c == ',' || c == '.' ||
	         c == ':' || c == ';' || c == '-' || c == '(' || c == ')' ||
	         c == '*' || c == '=' || snippet_is_space(c));
}

/* Trims n[0..len) of quotes, brackets and punctuation at both ends
 * (including the curly quotes U+2018/2019/201C/201D), removes a
 * parenthetical, collapses blanks and lower-cases ASCII letters. */
size_t
snippet_tidy_name(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i, n = 0;
	int depth = 0, sp = 0;

	for (i = 0; i < len && n + 1 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i + 2 < len && c == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0x98 &&
		    (unsigned char)s[i + 2] <= 0x9D &&
		    (unsigned char)s[i + 2] != 0x9A &&
		    (unsigned char)s[i + 2] != 0x9B) {
			/* Curly quotes: dropped; an apostrophe inside a
			 * word becomes a plain one. */
			if ((unsigned char)s[i + 2] == 0x99 && n > 0 &&
			    out[n - 1] != ' ' && i + 3 < len &&
			    is_name_byte((unsigned char)s[i + 3]))
				out[n++] = '\'';
			i += 2;
			continue;
		}
		if (c == '(') {
			depth++;
			continue;
		}
		if (c == ')') {
			if (depth > 0)
				depth--;
			continue;
		}
		if (depth > 0)
			continue;
		if (snippet_is_space(c)) {
			sp = n > 0;
			continue;
		}
		if (sp && n + 2 < outsz)
			out[n++] = ' ';
		sp = 0;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	/* Punctuation and quotes at the ends. */
	while (n > 0 && !is_name_byte((unsigned char)out[n - 1]))
		n--;
	i = 0;
	while (i < n && !is_name_byte((unsigned char)out[i]))
		i++;
	memmove(out, out + i, n - i);
	n -= i;
	out[n] = '\0';
	return n;
}

int
snippet_name_vetoed(kb_segmenter_t *sg, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sg->names.n; i++)
		if (sg->names.v[i].group < 0 &&
		    snippet_rule_match(sg, &sg->names.v[i], name, len, 0, NULL,
		                       NULL))
			return 1;
	return 0;
}

size_t
snippet_find_name(kb_segmenter_t *sg, const char *head, size_t len, char *out,
                  size_t outsz)
{
	size_t i, n;

	assert(outsz > 0);
	out[0] = '\0';
	for (i = 0; i < sg->names.n; i++) {
		const kb_rule_t *r = &sg->names.v[i];
		char buf[2 * NAME_MAX_BYTES];
		size_t k, bl = 0, gs, ge;

		if (r->group < 0 ||
		    !snippet_rule_match(sg, r, head, len, 0, NULL, NULL))
			continue;
		/* The template, with $N replaced by capture group N. */
		for (k = 0; r->value[k] != '\0' && bl < sizeof(buf); k++) {
			if (r->value[k] != '$') {
				buf[bl++] = r->value[k];
				continue;
			}
			k++;
			if (snippet_rule_group(sg, r->value[k] - '0', &gs,
			                       &ge)) {
				if (ge - gs > sizeof(buf) - bl)
					ge = gs + sizeof(buf) - bl;
				memcpy(buf + bl, head + gs, ge - gs);
				bl += ge - gs;
			}
		}
		n = snippet_tidy_name(buf, bl, out, outsz);
		if (n < 2 || n > NAME_MAX_BYTES ||
		    snippet_count_words(out, 0, n, NAME_MAX_WORDS + 1) >
		        NAME_MAX_WORDS ||
		    snippet_name_vetoed(sg, out, n)) {
			out[0] = '\0';
			continue;
		}
		return n;
	}
	out[0] = '\0';
	return 0;
}

/* What a word-list match counts for, by where it was found. */
typedef struct kctx {
	kb_segmenter_t *sg;
	size_t head_a, head_b; /* the opening sentence in the text */
	unsigned char *flags;  /* kname or ksec, or NULL for the text */
} kctx_t;

static void
on_kind_word(void *ctx, int rule, size_t at)
{
	kctx_t *k = ctx;

	if (k->flags != NULL) {
		k->flags[rule] = 1;
		return;
	}
	if (k->sg->khits[rule] < SCORE_TEXT_MAX)
		k->sg->khits[rule]++;
	if (at >= k->head_a && at < k->head_b)
		k->sg->khead[rule] = 1;
}

/* Scans s[0..len) with the word lists of kinds.txt. */
static kb_status_t
kind_words(kb_segmenter_t *sg, const char *s, size_t len, kctx_t *k)
{
	kb_status_t rc;

	if (len == 0 || sg->kwords.n == 0)
		return KB_OK;
	rc = snippet_tokenise(&sg->toks, s, len);
	if (rc == KB_OK)
		snippet_wordmap_scan(&sg->kwords, &sg->toks, 0, on_kind_word,
		                     k);
	return rc;
}

kb_status_t
snippet_classify(kb_segmenter_t *sg, const char *text, size_t len,
                 size_t head_a, size_t head_b, const char *name,
                 const char *section, int *kind)
{
	int score[KB_KIND_COUNT] = {0}, order[KB_KIND_COUNT];
	int seen[KB_KIND_COUNT] = {0}, best = -1, k, nseen = 0;
	size_t i, nlen = strlen(name), slen = strlen(section);
	kctx_t kc = {sg, head_a, head_b, NULL};
	kb_status_t rc;

	*kind = KB_KIND_EXPLANATION;
	memset(sg->khits, 0, sg->kinds.n);
	memset(sg->khead, 0, sg->kinds.n);
	memset(sg->kname, 0, sg->kinds.n);
	memset(sg->ksec, 0, sg->kinds.n);
	rc = kind_words(sg, text, len, &kc);
	kc.flags = sg->kname;
	if (rc == KB_OK)
		rc = kind_words(sg, name, nlen, &kc);
	kc.flags = sg->ksec;
	if (rc == KB_OK)
		rc = kind_words(sg, section, slen, &kc);
	if (rc != KB_OK)
		return rc;
	for (i = 0; i < sg->kinds.n; i++) {
		const kb_rule_t *r = &sg->kinds.v[i];
		size_t ms, me, from, n;
		int hit;

		if (!seen[r->kind]) {
			seen[r->kind] = 1;
			order[r->kind] = nseen++;
		}
		if (r->re != NULL) {
			/* Each of the first few matches counts: three
			 * treatment words say more than one. */
			for (from = 0, n = 0;
			     n < SCORE_TEXT_MAX &&
			     snippet_rule_match(sg, r, text, len, from, &ms,
			                        &me);
			     n++) {
				sg->khits[i]++;
				if (ms >= head_a && ms < head_b)
					sg->khead[i] = 1;
				from = me > ms ? me : ms + 1;
			}
			sg->kname[i] =
			    nlen > 0 && snippet_rule_match(sg, r, name, nlen, 0,
			                                   NULL, NULL);
			sg->ksec[i] =
			    slen > 0 && snippet_rule_match(sg, r, section, slen,
			                                   0, NULL, NULL);
		}
		hit = SCORE_TEXT * sg->khits[i] + SCORE_HEAD * sg->khead[i] +
		      SCORE_NAME * sg->kname[i] + SCORE_SECTION * sg->ksec[i];
		score[r->kind] += hit * r->weight;
	}
	for (k = 0; k < KB_KIND_COUNT; k++) {
		if (!seen[k] || score[k] <= 0)
			continue;
		if (best < 0 || score[k] > score[best] ||
		    (score[k] == score[best] && order[k] < order[best]))
			best = k;
	}
	if (best >= 0)
		*kind = best;
	return KB_OK;
}
