/* snippet_text.c - small text predicates shared by the segmenter: words,
 * sentence ends, list markers, headings and labels.
 *
 * All work on byte ranges [a, b) of UTF-8 text and never allocate.
 */
#include <string.h>
#include <strings.h>

#include "snippet_internal.h"

int
snippet_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* True when the UTF-8 sequence at s[i] is a no-break or ideographic
 * space, returning its length in *n. */
static int
wide_space(const char *s, size_t i, size_t b, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i + 1 < b && u[i] == 0xC2 && u[i + 1] == 0xA0) {
		*n = 2;
		return 1;
	}
	if (i + 2 < b && u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) {
		*n = 3;
		return 1;
	}
	return 0;
}

size_t
snippet_skip_space(const char *s, size_t i, size_t b)
{
	size_t n;

	while (i < b) {
		if (snippet_is_space((unsigned char)s[i]))
			i++;
		else if (wide_space(s, i, b, &n))
			i += n;
		else
			break;
	}
	return i;
}

size_t
snippet_count_words(const char *s, size_t a, size_t b, size_t limit)
{
	size_t n = 0;
	int in = 0;

	for (; a < b && n <= limit; a++) {
		if (snippet_is_space((unsigned char)s[a])) {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* A closing quote or bracket that may follow a sentence's final stop:
 * ASCII ' " ) ], and U+2019, U+201D.  Returns its length or 0. */
static size_t
closer(const char *s, size_t i, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i >= b)
		return 0;
	if (u[i] == '"' || u[i] == '\'' || u[i] == ')' || u[i] == ']')
		return 1;
	if (i + 2 < b && u[i] == 0xE2 && u[i + 1] == 0x80 &&
	    (u[i + 2] == 0x9D || u[i + 2] == 0x99))
		return 3;
	return 0;
}

/* Words after which a full stop is not a sentence end. */
static int
abbreviation(const char *s, size_t a, size_t i)
{
	static const char *const abbr[] = {
	    "dr",     "mr",  "mrs", "ms", "st",   "vs", "no", "fig",
	    "approx", "e.g", "i.e", "cf", "prof", "jr", "sr", NULL};
	size_t st = i, k;

	while (st > a && !snippet_is_space((unsigned char)s[st - 1]) &&
	       s[st - 1] != '(')
		st--;
	if (i - st == 0 || i - st > 6)
		return 0;
	for (k = 0; abbr[k] != NULL; k++)
		if (strlen(abbr[k]) == i - st &&
		    strncasecmp(s + st, abbr[k], i - st) == 0)
			return 1;
	/* A single letter ("J. Smith", "e. coli"). */
	return i - st == 1 && ((s[st] >= 'A' && s[st] <= 'Z') ||
	                       (s[st] >= 'a' && s[st] <= 'z'));
}

size_t
snippet_sentence_end(const char *s, size_t a, size_t i, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j, n;

	if (i >= b)
		return 0;
	/* Most bytes end nothing: turn them away first. */
	if (u[i] != '.' && u[i] != '!' && u[i] != '?' && u[i] != '\n' &&
	    u[i] != 0xE3 && u[i] != 0xEF)
		return 0;
	if (u[i] == '\n')
		return i + 1;
	/* U+3002 IDEOGRAPHIC FULL STOP, U+FF01 and U+FF1F full-width ! ?:
	 * no space follows them in CJK text. */
	if (i + 2 < b &&
	    ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82) ||
	     (u[i] == 0xEF && u[i + 1] == 0xBC &&
	      (u[i + 2] == 0x81 || u[i + 2] == 0x9F))))
		return i + 3;
	if (u[i] != '.' && u[i] != '!' && u[i] != '?')
		return 0;
	j = i + 1;
	while (j < b && (u[j] == '.' || u[j] == '!' || u[j] == '?'))
		j++;
	while ((n = closer(s, j, b)) > 0)
		j += n;
	if (j >= b)
		return j;
	if (!snippet_is_space(u[j]) && !wide_space(s, j, b, &n))
		return 0;
	if (u[i] == '.' && abbreviation(s, a, i))
		return 0;
	/* "e.g. the": a lower-case word after a stop continues the
	 * sentence (scraped text drops no capitals at sentence starts as
	 * often as abbreviations leave stops mid-sentence). */
	n = snippet_skip_space(s, j, b);
	if (u[i] == '.' && n < b && u[n] >= 'a' && u[n] <= 'z')
		return 0;
	return j;
}

size_t
snippet_next_sentence(const char *s, size_t a, size_t i, size_t b)
{
	size_t k, e;

	for (k = i; k < b; k++) {
		unsigned char c = (unsigned char)s[k];

		/* snippet_sentence_end's own first test, inline: this loop
		 * runs over every byte of the article several times. */
		if (c != '.' && c != '!' && c != '?' && c != '\n' &&
		    c != 0xE3 && c != 0xEF)
			continue;
		e = snippet_sentence_end(s, a, k, b);
		if (e > 0)
			return e;
	}
	return b;
}

/* Circled digits U+2460..U+2473 are E2 91 A0..B3. */
static int
circled(const char *s, size_t i, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i + 2 < b && u[i] == 0xE2 && u[i + 1] == 0x91 && u[i + 2] >= 0xA0 &&
	    u[i + 2] <= 0xB3)
		return 1 + (u[i + 2] - 0xA0);
	return 0;
}

/* Bullet characters: - * and U+2022 U+00B7 U+2013 U+25AA U+25E6 U+25CF
 * U+2023 U+25A0 U+2043.  Returns the byte length or 0. */
static size_t
bullet(const char *s, size_t i, size_t b, int *style)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i >= b)
		return 0;
	if (u[i] == '-' || u[i] == '*') {
		*style = u[i] == '-' ? KB_MARK_DASH : KB_MARK_STAR;
		return (i + 1 < b && u[i + 1] == u[i]) ? 0 : 1;
	}
	*style = KB_MARK_BULLET;
	if (i + 1 < b && u[i] == 0xC2 && u[i + 1] == 0xB7)
		return 2;
	if (i + 2 >= b)
		return 0;
	if (u[i] == 0xE2 && u[i + 1] == 0x80 &&
	    (u[i + 2] == 0xA2 || u[i + 2] == 0xA3)) /* • ‣ */
		return 3;
	if (u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x93) {
		*style = KB_MARK_DASH; /* – */
		return 3;
	}
	if (u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] == 0x83) /* ⁃ */
		return 3;
	if (u[i] == 0xE2 && u[i + 1] == 0x96 &&
	    (u[i + 2] == 0xAA || u[i + 2] == 0xA0)) /* ▪ ■ */
		return 3;
	if (u[i] == 0xE2 && u[i + 1] == 0x97 &&
	    (u[i + 2] == 0xA6 || u[i + 2] == 0x8F)) /* ◦ ● */
		return 3;
	return 0;
}

/* True when an item's text can start at s[i]: a letter, a quote or an
 * opening bracket -- not a digit ("1, 2 or 3"), not the end. */
static int
item_text_at(const char *s, size_t i, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i >= b)
		return 0;
	if ((u[i] >= '0' && u[i] <= '9') || snippet_is_space(u[i]))
		return 0;
	if (u[i] < 0x80)
		return (u[i] >= 'a' && u[i] <= 'z') ||
		       (u[i] >= 'A' && u[i] <= 'Z') || u[i] == '"' ||
		       u[i] == '\'' || u[i] == '(' || u[i] == '[';
	return 1;
}

/* Fills m with a marker of style and number whose item text starts at
 * end.  Returns 1. */
static int
set_marker(kb_marker_t *m, int style, int num, size_t end)
{
	m->style = style;
	m->num = num;
	m->end = end;
	return 1;
}

/* "③ text": a circled digit, numbered c. */
static int
circled_marker(const char *s, size_t i, size_t b, int c, kb_marker_t *m)
{
	size_t j = snippet_skip_space(s, i + 3, b);

	if (!item_text_at(s, j, b))
		return 0;
	return set_marker(m, KB_MARK_CIRCLED, c, j);
}

/* True when s[i] opens a bracket: '(' or U+FF08 （. */
static int
opening_paren(const unsigned char *u, size_t i, size_t b)
{
	return u[i] == '(' || (i + 2 < b && u[i] == 0xEF && u[i + 1] == 0xBC &&
	                       u[i + 2] == 0x88);
}

/* "(3) text", also with full-width brackets. */
static int
parens_marker(const char *s, size_t i, size_t b, kb_marker_t *m)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i + (u[i] == '(' ? 1 : 3);
	unsigned num = 0;

	while (j < b && u[j] >= '0' && u[j] <= '9' && j - i < 5)
		num = num * 10 + (u[j++] - '0');
	if (num == 0 || num > 99 || j >= b)
		return 0;
	if (u[j] == ')')
		j++;
	else if (j + 2 < b && u[j] == 0xEF && u[j + 1] == 0xBC &&
	         u[j + 2] == 0x89)
		j += 3;
	else
		return 0;
	j = snippet_skip_space(s, j, b);
	if (!item_text_at(s, j, b))
		return 0;
	return set_marker(m, KB_MARK_PARENS, (int)num, j);
}

/* True when s[i] starts "step " in any case, with room for a number. */
static int
step_word(const char *s, size_t i, size_t b)
{
	return i + 5 < b && strncasecmp(s + i, "step", 4) == 0 &&
	       s[i + 4] == ' ';
}

/* "Step 3: text", "step 3 text". */
static int
step_marker(const char *s, size_t i, size_t b, kb_marker_t *m)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i + 5, n;
	unsigned num = 0;

	while (j < b && u[j] >= '0' && u[j] <= '9' && j - i < 8)
		num = num * 10 + (u[j++] - '0');
	if (num == 0 || num > 99)
		return 0;
	if (j < b && (u[j] == '.' || u[j] == ':' || u[j] == ')'))
		j++;
	n = snippet_skip_space(s, j, b);
	if (n == j || !item_text_at(s, n, b))
		return 0;
	return set_marker(m, KB_MARK_STEP, (int)num, n);
}

/* The punctuation after an item number at s[j]: sets *style and returns
 * its byte length, or 0 when there is none. */
static size_t
number_punct(const unsigned char *u, size_t j, size_t b, int *style)
{
	if (u[j] == '.') {
		*style = KB_MARK_DOT;
		return 1;
	}
	if (u[j] == ',') {
		*style = KB_MARK_COMMA;
		return 1;
	}
	if (u[j] == ')') {
		*style = KB_MARK_PAREN;
		return 1;
	}
	if (j + 2 < b && u[j] == 0xE3 && u[j + 1] == 0x80 && u[j + 2] == 0x81) {
		*style = KB_MARK_COMMA; /* U+3001 、 */
		return 3;
	}
	if (j + 2 < b && u[j] == 0xEF && u[j + 1] == 0xBC && u[j + 2] == 0x8C) {
		*style = KB_MARK_COMMA; /* U+FF0C ， */
		return 3;
	}
	return 0;
}

/* "1. text", "2, text", "3) text", "4、text": a number of one or two
 * digits, the first 1 to 9. */
static int
number_marker(const char *s, size_t i, size_t b, kb_marker_t *m)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned num = u[i] - '0';
	size_t j = i + 1, n, p;
	int style;

	if (j < b && u[j] >= '0' && u[j] <= '9')
		num = num * 10 + (u[j++] - '0');
	if (j >= b)
		return 0;
	p = number_punct(u, j, b, &style);
	if (p == 0)
		return 0;
	j += p;
	n = snippet_skip_space(s, j, b);
	/* "1.Do" without a space passes for a dot, never for a comma:
	 * "1,000" and "3,4" are numbers. */
	if (n == j && style != KB_MARK_DOT)
		return 0;
	if (!item_text_at(s, n, b))
		return 0;
	return set_marker(m, style, (int)num, n);
}

/* "• text", "- text": a bullet, then a blank. */
static int
bullet_marker(const char *s, size_t i, size_t b, int line_start,
              kb_marker_t *m)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j, n;
	int style;

	n = bullet(s, i, b, &style);
	if (n == 0)
		return 0;
	j = i + n;
	if (j >= b || (u[j] != ' ' && u[j] != '\t'))
		return 0;
	j = snippet_skip_space(s, j, b);
	if (!item_text_at(s, j, b))
		return 0;
	/* Mid-line, only the unmistakable bullets: a dash or a star there
	 * is punctuation. */
	if (!line_start && style != KB_MARK_BULLET)
		return 0;
	return set_marker(m, style, 0, j);
}

int
snippet_marker_at(const char *s, size_t i, size_t b, int line_start,
                  kb_marker_t *m)
{
	const unsigned char *u = (const unsigned char *)s;
	int c;

	memset(m, 0, sizeof(*m));
	if (i >= b)
		return 0;
	if ((c = circled(s, i, b)) > 0)
		return circled_marker(s, i, b, c, m);
	if (opening_paren(u, i, b))
		return parens_marker(s, i, b, m);
	if (step_word(s, i, b))
		return step_marker(s, i, b, m);
	if (u[i] >= '1' && u[i] <= '9')
		return number_marker(s, i, b, m);
	return bullet_marker(s, i, b, line_start, m);
}

/* The last character of [a, b) that is not a closing quote or bracket
 * (the ')' of "Cat-cow (on all fours)" stays: it is no stop). */
static unsigned char
last_char(const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;

	while (b > a) {
		if (u[b - 1] == '"' || u[b - 1] == '\'') {
			b--;
		} else if (b - a >= 3 && u[b - 3] == 0xE2 && u[b - 2] == 0x80 &&
		           (u[b - 1] == 0x9D || u[b - 1] == 0x99)) {
			b -= 3;
		} else {
			break;
		}
	}
	return b > a ? u[b - 1] : 0;
}

int
snippet_line_end_char(const char *s, size_t a, size_t b)
{
	return last_char(s, a, b);
}

static int
ends_with_word(const char *s, size_t a, size_t b)
{
	static const char *const weak[] = {
	    "and",  "or", "the", "a",   "an",  "of",   "to", "with",
	    "for",  "in", "on",  "at",  "by",  "from", "as", "that",
	    "your", "my", "is",  "are", "but", NULL};
	size_t st = b, k;

	while (st > a && !snippet_is_space((unsigned char)s[st - 1]))
		st--;
	for (k = 0; weak[k] != NULL; k++)
		if (strlen(weak[k]) == b - st &&
		    strncasecmp(s + st, weak[k], b - st) == 0)
			return 1;
	return 0;
}

int
snippet_heading_shape(const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t words = snippet_count_words(s, a, b, 16), i;
	unsigned char c;
	int letters = 0;

	if (words == 0 || b - a > 100)
		return 0;
	if (words > (memchr(s + a, '(', b - a) != NULL ? 14u : 10u))
		return 0;
	c = last_char(s, a, b);
	if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',' ||
	    c == ':' || c == '|')
		return 0;
	/* A label inside ("Week 1-2: 10 minutes") makes a line of
	 * content, not a heading. */
	for (i = a; i + 1 < b; i++)
		if (s[i] == ':' && snippet_is_space(u[i + 1]))
			return 0;
	for (i = a; i < b; i++)
		if ((u[i] >= 'a' && u[i] <= 'z') ||
		    (u[i] >= 'A' && u[i] <= 'Z') || u[i] >= 0x80)
			letters++;
	if (letters < 2)
		return 0;
	i = a;
	while (i < b && (u[i] == '"' || u[i] == '\'' || u[i] == '('))
		i++;
	if (i < b && u[i] >= 'a' && u[i] <= 'z')
		return 0;
	return !ends_with_word(s, a, b);
}

size_t
snippet_label_end(const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, lim = a + 80 < b ? a + 80 : b;
	int depth = 0;

	for (i = a; i < lim; i++) {
		if (u[i] == '(')
			depth++;
		else if (u[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0 &&
		         (u[i] == '.' || u[i] == '!' || u[i] == '?' ||
		          u[i] == ';' || u[i] == ','))
			return 0;
		else if (depth == 0 && (u[i] == ':' || u[i] == '=')) {
			size_t t = snippet_skip_space(s, i + 1, b);

			if (i == a || t >= b || t == i + 1 ||
			    snippet_count_words(s, a, i, 8) > 7)
				return 0;
			return i + 1;
		}
	}
	return 0;
}
