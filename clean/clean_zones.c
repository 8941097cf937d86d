/* clean_zones.c - the decisions that need the whole page.
 *
 * A scraped page has three zones: a head of site furniture above the
 * title (site name, menus, login bar, breadcrumb), the article, and a tail
 * after it (previous/next links, related articles, comments, footer).
 * The rules of clean_rules.c recognise most furniture line by line; this
 * file finds what only the page as a whole tells:
 *
 *  - the title: the line a header repeats ("Site - Category - Title" or
 *    "Title | Site" above a line "Title"); else the first line of the
 *    page, when it is not a site's name or a header and shares a word
 *    with the article; else the first line above the body that is about
 *    the article (its words occur elsewhere on the page: a site's name or
 *    a menu item rarely does), preferring one that is not the heading of
 *    the first paragraph; else a header's title part; else the first
 *    sentence of the body;
 *  - the head: what stands above the title is furniture;
 *  - runs of one- and two-word lines above the body made of menu words;
 *  - tables of contents, with or without a heading, that repeat the
 *    article's own headings;
 *  - meta descriptions: a truncated copy of the article's first sentence;
 *  - the tail: it starts at the first end-of-article marker after some
 *    content, and drops what follows unless long content resumes.
 */
#include <stdlib.h>
#include <string.h>

#include "clean_internal.h"

/* How far the title and its duplicates are looked for, in non-blank
 * lines from the top of the page. */
#define HEAD_LINES 40

/* A title is at most this many bytes and words. */
#define TITLE_MAX_BYTES 300
#define TITLE_WORDS 30

/* A candidate title is "about the article" when at least this share of
 * its content words occur elsewhere in the first PAGE_BYTES of the page's
 * open lines. */
#define TITLE_OVERLAP 0.5
#define PAGE_BYTES 2048

/* Tail: content resumes with a good line of at least this many words. */
#define RESUME_WORDS 30

/* Bounds on the page-wide comparisons, so that a page of a million
 * short lines stays linear. */
#define MAX_TOC_ITEMS 40
#define MAX_COMPARE_LINES 400
#define MAX_SCAN_LINES 4096

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

int
clean_text_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < alen && is_space((unsigned char)a[i]))
			i++;
		while (j < blen && is_space((unsigned char)b[j]))
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		/* A run of white space matches a run of white space. */
		if (i > 0 && j > 0 &&
		    is_space((unsigned char)a[i - 1]) !=
		        is_space((unsigned char)b[j - 1]))
			return 0;
		while (i < alen && j < blen && !is_space((unsigned char)a[i]) &&
		       !is_space((unsigned char)b[j])) {
			if (lower((unsigned char)a[i]) !=
			    lower((unsigned char)b[j]))
				return 0;
			i++;
			j++;
		}
		if ((i < alen && !is_space((unsigned char)a[i])) ||
		    (j < blen && !is_space((unsigned char)b[j])))
			return 0;
	}
}

/* True when the normalised p is a prefix of the normalised s. */
static int
prefix_eq(const char *p, size_t plen, const char *s, size_t slen)
{
	size_t i = 0, j = 0;

	while (i < plen) {
		if (is_space((unsigned char)p[i])) {
			if (j < slen && !is_space((unsigned char)s[j]))
				return 0;
			while (i < plen && is_space((unsigned char)p[i]))
				i++;
			while (j < slen && is_space((unsigned char)s[j]))
				j++;
			continue;
		}
		if (j == slen ||
		    lower((unsigned char)p[i]) != lower((unsigned char)s[j]))
			return 0;
		i++;
		j++;
	}
	return 1;
}

/* Skips a list marker or section number at the start of s ("1. ",
 * "• ", "- ", "2 "). */
static size_t
skip_marker(const char *s, size_t len)
{
	size_t i = 0;

	if (len >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
		i = 2;
	else if (len >= 3 && (unsigned char)s[0] == 0xE2 &&
	         (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xA2)
		i = 3;
	else if (len >= 2 && (unsigned char)s[0] == 0xC2 &&
	         (unsigned char)s[1] == 0xB7)
		i = 2;
	else {
		while (i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i > 0 && i < len && (s[i] == '.' || s[i] == ')'))
			i++;
		if (i > 0 && (i == len || !is_space((unsigned char)s[i])))
			return 0;
	}
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	return i;
}

static const char *
text(const clean_page_t *pg, size_t i)
{
	return cline_text(pg, &pg->lines[i]);
}

/* Not blank and not yet decided. */
static int
open_line(const clean_line_t *l)
{
	return !l->blank && l->why == NULL;
}

/* ---- header parts ---- */

/* Finds the separators of a site header in s: " - ", " – ", " — ",
 * " | ", " :: ", " > ", " » ", " › ", " / ", " >> ", and "_" between
 * words.  Stores where each part after the first starts in starts (at
 * most max) and returns the number of parts. */
static size_t
header_parts(const char *s, size_t len, size_t *starts, size_t max)
{
	static const char *const seps[] = {
	    " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " | ", " :: ", " >> ",
	    " > ", " \xC2\xBB ",     " \xE2\x80\xBA ", " / "};
	size_t parts = 1, i, k;

	for (i = 0; i < len && parts <= max; i++) {
		if (s[i] == '_' && i > 0 && i + 1 < len &&
		    !is_space((unsigned char)s[i - 1]) &&
		    !is_space((unsigned char)s[i + 1])) {
			starts[parts - 1] = i + 1;
			parts++;
			continue;
		}
		if (s[i] != ' ')
			continue;
		for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
			size_t sl = strlen(seps[k]);

			if (sl <= len - i && memcmp(s + i, seps[k], sl) == 0) {
				if (parts <= max)
					starts[parts - 1] = i + sl;
				parts++;
				i += sl - 2;
				break;
			}
		}
	}
	return parts > max + 1 ? max + 1 : parts;
}

/* ---- words of the body ---- */

/* Hashes a word case-folded and with a plural "s" dropped, so that
 * "Parasites" meets "parasite". */
static uint32_t
hash_word(const char *w, size_t len)
{
	uint32_t h = KB_HASH32_INIT;
	size_t i;

	if (len > 3 && lower((unsigned char)w[len - 1]) == 's' &&
	    lower((unsigned char)w[len - 2]) != 's')
		len--;
	for (i = 0; i < len; i++)
		h = KB_HASH32_BYTE(h, lower((unsigned char)w[i]));
	return h ? h : 1;
}

/* Letters, digits and the bytes of non-ASCII characters make words. */
static int
word_byte(unsigned char c)
{
	return KB_TEXT_WORD_BYTE(c);
}

/* Calls fn for each content word of s: a run of letters, digits and
 * non-ASCII bytes of at least three bytes that is not a stopword. */
static void
each_word(const clean_page_t *pg, const char *s, size_t len,
          void (*fn)(void *, const char *, size_t), void *ctx)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		char low[16];

		while (j < len && word_byte((unsigned char)s[j]))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		if (j - i >= 3) {
			size_t k, wl = j - i;
			int stop = 0;

			if (pg->stop_ok && wl < sizeof(low)) {
				for (k = 0; k < wl; k++)
					low[k] = (char)lower(
					    (unsigned char)s[i + k]);
				stop = kb_text_is_stopword(pg->cl->tx, low, wl);
			}
			if (!stop)
				fn(ctx, s + i, wl);
		}
		i = j;
	}
}

/* The content words of the page with their counts: open addressing over
 * (hash, count) pairs in the cleaner's scratch. */
typedef struct wset {
	uint32_t *slots; /* pairs: hash (0: free), count */
	size_t cap;      /* pairs; a power of two */
	size_t used;
} wset_t;

/* The slot of hash h: its pair, or the free pair where it would go. */
static uint32_t *
wset_slot(const wset_t *ws, uint32_t h)
{
	size_t i;

	for (i = h & (ws->cap - 1); ws->slots[2 * i] != 0;
	     i = (i + 1) & (ws->cap - 1))
		if (ws->slots[2 * i] == h)
			break;
	return &ws->slots[2 * i];
}

static void
wset_add(void *ctx, const char *w, size_t len)
{
	wset_t *ws = ctx;
	uint32_t *p = wset_slot(ws, hash_word(w, len));

	if (p[0] == 0) {
		if ((ws->used + 1) * 2 > ws->cap)
			return; /* full: enough words to judge by */
		p[0] = hash_word(w, len);
		ws->used++;
	}
	p[1]++;
}

static uint32_t
wset_count(const wset_t *ws, uint32_t h)
{
	const uint32_t *p = wset_slot(ws, h);

	return p[0] == h ? p[1] : 0;
}

/* Candidate words and how often each occurs in the candidate. */
#define OV_WORDS 32

typedef struct overlap {
	uint32_t h[OV_WORDS];
	uint32_t occ[OV_WORDS];
	unsigned n;
} overlap_t;

static void
collect(void *ctx, const char *w, size_t len)
{
	overlap_t *o = ctx;
	uint32_t h = hash_word(w, len);
	unsigned k;

	for (k = 0; k < o->n; k++)
		if (o->h[k] == h) {
			o->occ[k]++;
			return;
		}
	if (o->n < OV_WORDS) {
		o->h[o->n] = h;
		o->occ[o->n++] = 1;
	}
}

/* Share of the distinct content words of s that occur elsewhere on the
 * page: on lines other than s and its copies (copies lines say the same
 * thing again). */
static double
overlap(const clean_page_t *pg, const wset_t *ws, size_t copies, const char *s,
        size_t len)
{
	overlap_t o;
	unsigned k, hits = 0;

	if (ws->used == 0)
		return 0.0;
	o.n = 0;
	each_word(pg, s, len, collect, &o);
	for (k = 0; k < o.n; k++)
		hits += wset_count(ws, o.h[k]) > copies * o.occ[k];
	return o.n ? (double)hits / o.n : 0.0;
}

/* Fills ws with the content words of the open lines of the page. */
static kb_status_t
page_words(clean_page_t *pg, wset_t *ws)
{
	kb_cleaner_t *cl = pg->cl;
	size_t i, bytes = 0;

	if (cl->wset == NULL) {
		cl->wset_cap = 4096;
		cl->wset = calloc(2 * cl->wset_cap, sizeof(*cl->wset));
		if (cl->wset == NULL)
			return KB_ERR_NOMEM;
	} else {
		memset(cl->wset, 0, 2 * cl->wset_cap * sizeof(*cl->wset));
	}
	ws->slots = cl->wset;
	ws->cap = cl->wset_cap;
	ws->used = 0;
	for (i = 0; i < pg->n && bytes < PAGE_BYTES; i++) {
		const clean_line_t *l = &pg->lines[i];

		if (!open_line(l))
			continue;
		each_word(pg, text(pg, i), l->len, wset_add, ws);
		bytes += l->len;
	}
	return KB_OK;
}

/* Number of open lines equal to line i among the first lines. */
static size_t
copies_of(const clean_page_t *pg, size_t i)
{
	size_t j, k = 0, seen = 0;

	for (j = 0; j < pg->n && j < MAX_SCAN_LINES && seen < 2 * HEAD_LINES;
	     j++) {
		if (!open_line(&pg->lines[j]))
			continue;
		seen++;
		k += clean_text_eq(text(pg, i), pg->lines[i].len, text(pg, j),
		                   pg->lines[j].len);
	}
	return k ? k : 1;
}

static void toc_run(clean_page_t *pg);

/* ---- the head and the title ---- */

static int
has_letter(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] | 0x20) >= 'a' &&
		    ((unsigned char)s[i] | 0x20) <= 'z')
			return 1;
		else if ((unsigned char)s[i] >= 0xC0)
			return 1;
	return 0;
}

/* True when the normalised s occurs in t (ASCII case folded). */
static int
contains(const char *t, size_t tlen, const char *s, size_t slen)
{
	size_t i;

	if (slen == 0 || slen > tlen)
		return 0;
	for (i = 0; i + slen <= tlen; i++)
		if ((i == 0 || !word_byte((unsigned char)t[i - 1])) &&
		    prefix_eq(s, slen, t + i, tlen - i) &&
		    (i + slen == tlen ||
		     !word_byte((unsigned char)t[i + slen])))
			return 1;
	return 0;
}

/* The line is a site's name rather than a title: it has the form of
 * one, or is the name the copyright notice gives. */
static int
site_like(clean_page_t *pg, size_t i)
{
	const clean_line_t *l = &pg->lines[i];
	size_t j, seen = 0;

	if (clean_rules_sitename(pg->cl->rules, text(pg, i), l->len))
		return 1;
	for (j = pg->n; j-- > 0 && pg->n - j <= MAX_SCAN_LINES &&
	                seen < MAX_COMPARE_LINES;) {
		const clean_line_t *c = &pg->lines[j];

		if (c->rule < 0)
			continue;
		seen++;
		if (strcmp(c->why, "copyright") == 0 &&
		    contains(text(pg, j), c->len, text(pg, i), l->len))
			return 1;
	}
	return 0;
}

static void
set_title(clean_page_t *pg, size_t i, size_t off, size_t len, int in_text)
{
	pg->title = i;
	pg->title_off = pg->lines[i].off + off;
	pg->title_len = len;
	pg->title_in_text = in_text;
}

/* The title as the first sentence of line i (a whole paragraph), cut at a
 * word boundary within KB_MAX_TITLE bytes. */
static void
title_from_paragraph(clean_page_t *pg, size_t i)
{
	const char *s = text(pg, i);
	size_t len = pg->lines[i].len, end = 0, k;

	for (k = 0; k < len; k++)
		if ((s[k] == '.' || s[k] == '!' || s[k] == '?') &&
		    (k + 1 == len || s[k + 1] == ' ')) {
			end = k + 1;
			break;
		}
	if (end == 0 || end > KB_MAX_TITLE) {
		end = len < KB_MAX_TITLE ? len : KB_MAX_TITLE;
		if (end < len) {
			while (end > 0 && s[end] != ' ')
				end--;
			if (end == 0)
				end = KB_MAX_TITLE;
			/* Do not cut a UTF-8 character. */
			while (end > 0 &&
			       ((unsigned char)s[end] & 0xC0) == 0x80)
				end--;
		}
	}
	set_title(pg, i, 0, end, 1);
}

/* The length of the first part of a header whose second part starts at
 * second: without the separator. */
static size_t
first_part(const char *s, size_t second)
{
	while (second > 0 && !word_byte((unsigned char)s[second - 1]) &&
	       s[second - 1] != ')')
		second--;
	return second;
}

/* The last part of a header line, when it has one: "Site - Cat - Title"
 * gives "Title".  Returns 0 when the line has a single part. */
static int
last_part(const clean_page_t *pg, size_t i, size_t *off)
{
	size_t starts[8], parts;

	parts = header_parts(text(pg, i), pg->lines[i].len, starts, 8);
	if (parts < 2 || parts > 8)
		return 0;
	*off = starts[parts - 2];
	return *off < pg->lines[i].len;
}

/* True when line i is the heading of the first paragraph: the body
 * starts on the next line. */
static int
attached(const clean_page_t *pg, size_t i)
{
	return i + 1 == pg->body;
}

/* Step 1: a header whose last part (or last parts: "Site - Category -
 * Title") or first part ("Title | Site") is repeated on a line below it.
 * Returns the line, or n. */
static size_t
duplicated_header(clean_page_t *pg, size_t f)
{
	const clean_line_t *h = &pg->lines[f];
	const char *hs = text(pg, f);
	size_t starts[8], parts, j, k, seen;
	int pass;

	parts = header_parts(hs, h->len, starts, 8);
	if (parts < 2 || parts > 8)
		return pg->n;
	/* The end of the header first: "Site - Category - Title" is the
	 * common form, and its first part is the site's name, which may
	 * well stand on a line of its own too. */
	for (pass = 0; pass < 2; pass++)
		for (j = f + 1, seen = 0;
		     j < pg->n && j <= f + MAX_SCAN_LINES && seen < 12; j++) {
			const clean_line_t *l = &pg->lines[j];

			if (l->blank)
				continue;
			seen++;
			if (l->why != NULL || l->len > TITLE_MAX_BYTES)
				continue;
			for (k = 0; k + 1 < parts; k++) {
				size_t fl = first_part(hs, starts[k]);

				if (pass == 0 &&
				    clean_text_eq(hs + starts[k],
				                  h->len - starts[k],
				                  text(pg, j), l->len))
					return j;
				if (pass == 1 &&
				    clean_text_eq(hs, fl, text(pg, j),
				                  l->len) &&
				    !clean_rules_sitename(pg->cl->rules, hs,
				                          fl))
					return j;
			}
		}
	return pg->n;
}

/* Step 1 of the title: a header among the first lines (a site header or
 * a breadcrumb) whose title is repeated on a line below it
 * (duplicated_header).  Returns 1 when it set the title. */
static int
title_from_repeated_header(clean_page_t *pg, size_t f)
{
	clean_line_t *L = pg->lines;
	size_t i, t, seen;

	for (i = f, seen = 0;
	     i < pg->body && i < f + MAX_SCAN_LINES && seen < HEAD_LINES; i++) {
		if (L[i].blank)
			continue;
		seen++;
		if (L[i].why != NULL && !(L[i].rflags & KB_CR_BREAD))
			continue;
		t = duplicated_header(pg, i);
		if (t < pg->n) {
			if (L[i].why == NULL)
				L[i].why = "site_header";
			set_title(pg, t, 0, L[t].len, 0);
			return 1;
		}
	}
	return 0;
}

/* True when line i could be a title at all: open, short, no list item,
 * not cut off, with a letter in it. */
static int
title_shaped(const clean_page_t *pg, size_t i)
{
	const clean_line_t *l = &pg->lines[i];

	return l->why == NULL && l->len <= TITLE_MAX_BYTES && !l->list &&
	       !l->ellipsis && l->words <= TITLE_WORDS &&
	       has_letter(text(pg, i), l->len);
}

/* True when line i is a header ("Site - Category - Title", "Title |
 * Site"), unless its first part is about the article and no part names a
 * site: "Parasites - Lice - Body Lice". */
static int
header_line(const clean_page_t *pg, size_t i, const wset_t *ws)
{
	const char *s = text(pg, i);
	size_t len = pg->lines[i].len, starts[8], parts;

	parts = header_parts(s, len, starts, 8);
	return parts >= 2 && parts <= 8 &&
	       (clean_rules_sitename(pg->cl->rules, s,
	                             first_part(s, starts[0])) ||
	        clean_rules_sitename(pg->cl->rules, s + starts[parts - 2],
	                             len - starts[parts - 2]) ||
	        overlap(pg, ws, copies_of(pg, i), s, starts[0]) <
	            TITLE_OVERLAP);
}

/* The first line of each kind that could give the title, in the order
 * choose_title tries them; n when there is none. */
typedef struct head_lines {
	size_t some;  /* shares a word with the article, not attached */
	size_t good;  /* about the article (TITLE_OVERLAP) */
	size_t hdr;   /* a header (header_line) */
	size_t plain; /* any other title-shaped line */
	size_t any;   /* title-shaped, even a site's name */
} head_lines_t;

/* Scans the first lines of the head for the title.  Returns the line
 * that is the title outright, or n with the candidates of each kind in
 * *c. */
static size_t
scan_head(clean_page_t *pg, size_t f, const wset_t *ws, head_lines_t *c)
{
	size_t n = pg->n, i, seen;
	double ov;

	c->some = c->good = c->hdr = c->plain = c->any = n;
	for (i = f, seen = 0;
	     i < pg->body && i < f + MAX_SCAN_LINES && seen < HEAD_LINES; i++) {
		const clean_line_t *l = &pg->lines[i];

		if (l->blank)
			continue;
		seen++;
		if (!title_shaped(pg, i))
			continue;
		if (c->any == n)
			c->any = i;
		if (site_like(pg, i))
			continue;
		if (header_line(pg, i, ws)) {
			if (c->hdr == n)
				c->hdr = i;
			continue;
		}
		ov = overlap(pg, ws, copies_of(pg, i), text(pg, i), l->len);
		/* A line repeated across the corpus is furniture unless it
		 * is about the article (a family of titles: "Spastic
		 * paraplegia 14", "... 15"). */
		if (l->learned && ov < TITLE_OVERLAP)
			continue;
		/* The first line of the page is the title when it can be:
		 * not a site's name, not a header, sharing a word with the
		 * article. */
		if (i == f && ov > 0)
			return i;
		/* Otherwise the first line about the article, preferring
		 * one that is not the heading of the first paragraph
		 * ("Risk Factors" right above it): a section heading is
		 * about the article too. */
		if (ov >= TITLE_OVERLAP && !attached(pg, i))
			return i;
		if (ov >= TITLE_OVERLAP && c->good == n)
			c->good = i;
		if (ov > 0 && !attached(pg, i) && c->some == n)
			c->some = i;
		if (c->plain == n)
			c->plain = i;
	}
	return n;
}

/* What a header line gives: nothing, the whole line as the title, or a
 * part of it (the title then set). */
enum { HEADER_NONE, HEADER_WHOLE, HEADER_PART };

/* The title from header line h: "Site - Category - Title" gives the last
 * part, unless the first part is about the body too, which makes the
 * whole line a title with dashes in it. */
static int
title_from_header(clean_page_t *pg, size_t h, const wset_t *ws)
{
	clean_line_t *L = pg->lines;
	const char *hs = text(pg, h);
	size_t starts[8], off;
	size_t parts = header_parts(hs, L[h].len, starts, 8);

	if (parts >= 2 && parts <= 8 &&
	    clean_rules_sitename(pg->cl->rules, hs + starts[parts - 2],
	                         L[h].len - starts[parts - 2]) &&
	    !clean_rules_sitename(pg->cl->rules, hs,
	                          first_part(hs, starts[0]))) {
		/* "Title | Site": all but the last part. */
		set_title(pg, h, 0, first_part(hs, starts[parts - 2]), 0);
		L[h].why = "site_header";
		return HEADER_PART;
	}
	if (!site_like(pg, h) && ws->used > 0 &&
	    overlap(pg, ws, 1, hs, starts[0]) >= TITLE_OVERLAP)
		return HEADER_WHOLE;
	if (last_part(pg, h, &off)) {
		set_title(pg, h, off, L[h].len - off, 0);
		L[h].why = "site_header";
		return HEADER_PART;
	}
	return HEADER_NONE;
}

/* A breadcrumb on line f ending in the title, and nothing else.  Returns
 * 1 when it set the title. */
static int
title_from_breadcrumb(clean_page_t *pg, size_t f)
{
	size_t off;

	if (!(pg->lines[f].rflags & KB_CR_BREAD) || !last_part(pg, f, &off))
		return 0;
	set_title(pg, f, off, pg->lines[f].len - off, 0);
	return 1;
}

/* Steps 2 and after: the best line of the head by its words, then a
 * header's part, then any line shaped like a title.  Returns 1 when it
 * set the title. */
static int
choose_title(clean_page_t *pg, size_t f, const wset_t *ws)
{
	size_t n = pg->n, t;
	head_lines_t c;
	int how;

	t = scan_head(pg, f, ws, &c);
	if (t == n && c.some < n && (c.good == n || c.some < c.good))
		t = c.some;
	if (t == n && c.good < n)
		t = c.good;
	if (t == n && c.hdr < n) {
		how = title_from_header(pg, c.hdr, ws);
		if (how == HEADER_PART)
			return 1;
		if (how == HEADER_WHOLE)
			t = c.hdr;
	}
	if (t == n && c.plain < n)
		t = c.plain;
	if (t == n && title_from_breadcrumb(pg, f))
		return 1;
	if (t == n && c.any < n)
		t = c.any;
	if (t == n)
		return 0;
	set_title(pg, t, 0, pg->lines[t].len, 0);
	return 1;
}

/* What stands above the title, from line f, is furniture, unless it is
 * prose. */
static void
mark_above_title(clean_page_t *pg, size_t f)
{
	clean_line_t *L = pg->lines;
	size_t i, off;

	for (i = f; i < pg->title; i++) {
		if (!open_line(&L[i]) ||
		    (L[i].words >= 15 && L[i].cf >= KB_CC_NEARGOOD))
			continue;
		if (clean_text_eq(text(pg, i), L[i].len,
		                  pg->work + pg->title_off, pg->title_len))
			L[i].why = "duplicate_title";
		else if (L[i].navword)
			L[i].why = "nav_menu";
		else if (L[i].learned)
			L[i].why = "boilerplate";
		else if (site_like(pg, i) ||
		         header_parts(text(pg, i), L[i].len, &off, 1) >= 2)
			L[i].why = "site_header";
		else
			L[i].why = "head";
	}
}

/* And so is the title said again just below it. */
static void
mark_title_repeats(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t i, seen;

	for (i = pg->title + 1, seen = 0;
	     i < pg->n && i < pg->body && i <= pg->title + MAX_SCAN_LINES &&
	     seen < 6;
	     i++) {
		if (L[i].blank)
			continue;
		seen++;
		if (open_line(&L[i]) &&
		    clean_text_eq(text(pg, i), L[i].len,
		                  pg->work + pg->title_off, pg->title_len))
			L[i].why = "duplicate_title";
	}
}

kb_status_t
clean_zones_head(clean_page_t *pg)
{
	wset_t ws = {NULL, 0, 0};
	size_t f;
	kb_status_t rc;

	pg->title = pg->n;
	pg->title_in_text = 0;
	for (f = 0; f < pg->n && pg->lines[f].blank; f++)
		;
	if (f == pg->n)
		return KB_OK;
	if (!title_from_repeated_header(pg, f)) {
		rc = page_words(pg, &ws);
		if (rc != KB_OK)
			return rc;
		if (!choose_title(pg, f, &ws)) {
			if (pg->body < pg->n)
				title_from_paragraph(pg, pg->body);
			return KB_OK;
		}
	}
	mark_above_title(pg, f);
	mark_title_repeats(pg);
	toc_run(pg);
	return KB_OK;
}

/* ---- menus, tables of contents, meta descriptions ---- */

/* Runs of three or more one- to four-word lines above the body, mostly
 * menu words, are navigation: their menu-word lines go.  A line of the
 * run that is not a menu word may be the title and stays open. */
static void
nav_runs(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t i = 0, end = pg->body;

	while (i < end) {
		size_t j = i, k, nav = 0;

		while (j < end && open_line(&L[j]) && L[j].words <= 4 &&
		       L[j].chars <= 40 && !L[j].term && !L[j].list)
			j++;
		if (j - i >= 3) {
			for (k = i; k < j; k++)
				nav += L[k].navword;
			if (nav * 2 >= j - i)
				for (k = i; k < j; k++)
					if (L[k].navword)
						L[k].why = "nav_menu";
		}
		i = j > i ? j : i + 1;
	}
}

/* True when the next line after j, with no blank line between, is good:
 * then j is that paragraph's heading. */
static int
heads_next(const clean_page_t *pg, size_t j)
{
	return j + 1 < pg->n && !pg->lines[j + 1].blank &&
	       pg->lines[j + 1].why == NULL &&
	       pg->lines[j + 1].cf == KB_CC_GOOD;
}

/* Items after a table-of-contents heading. */
static void
toc_items(clean_page_t *pg, size_t h)
{
	clean_line_t *L = pg->lines;
	size_t j, items = 0, first = h + 1;

	for (j = h + 1; j < pg->n && items < MAX_TOC_ITEMS; j++) {
		clean_line_t *l = &L[j];
		size_t k, m = skip_marker(text(pg, j), l->len);
		int again = 0;

		if (l->blank)
			break;
		if (l->why != NULL) {
			if (l->rule >= 0 && strcmp(l->why, "nav_menu") == 0) {
				l->why = "toc";
				items++;
				continue;
			}
			break;
		}
		if (l->words > 10 || l->cf == KB_CC_GOOD || heads_next(pg, j))
			break;
		/* A heading said twice: the table has ended and the
		 * article's own headings begin. */
		for (k = first; k < j; k++) {
			size_t mk = skip_marker(text(pg, k), L[k].len);

			if (clean_text_eq(text(pg, k) + mk, L[k].len - mk,
			                  text(pg, j) + m, l->len - m))
				again = 1;
		}
		if (again)
			break;
		l->why = "toc";
		items++;
	}
}

/* True when line i (its marker skipped) is said again, alone, on a line
 * after 'after'. */
static int
repeated_below(const clean_page_t *pg, size_t i, size_t after)
{
	const clean_line_t *L = pg->lines;
	size_t m = skip_marker(text(pg, i), L[i].len), j, seen = 0;

	for (j = after; j < pg->n && j < after + MAX_SCAN_LINES &&
	                seen < MAX_COMPARE_LINES;
	     j++) {
		size_t mj;

		if (L[j].blank || L[j].len > 120)
			continue;
		seen++;
		mj = skip_marker(text(pg, j), L[j].len);
		if (clean_text_eq(text(pg, i) + m, L[i].len - m,
		                  text(pg, j) + mj, L[j].len - mj))
			return 1;
	}
	return 0;
}

/* A table of contents without a heading: right below the title, a run
 * of two or more short lines, each of which reappears below as a
 * heading. */
static void
toc_run(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t i, j, k;
	int all = 1;

	if (pg->title >= pg->n || pg->title_in_text)
		return;
	for (i = pg->title + 1; i < pg->body && L[i].blank; i++)
		;
	for (j = i;
	     j < pg->body && j - i <= MAX_TOC_ITEMS && open_line(&L[j]) &&
	     L[j].words <= 8 && !L[j].term && !heads_next(pg, j);
	     j++)
		;
	if (j - i < 2 || j - i > MAX_TOC_ITEMS)
		return;
	for (k = i; k < j && all; k++)
		all = repeated_below(pg, k, j);
	if (all)
		for (k = i; k < j; k++)
			L[k].why = "toc";
}

/* A teaser that is a truncated copy of a later line (the page's meta
 * description, often labelled "Summary:") is named so. */
static void
meta_descriptions(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t i, checked = 0;

	for (i = 0; i < pg->n && checked < 20; i++) {
		const char *s = text(pg, i);
		size_t len = L[i].len, k, j, seen = 0;

		if (L[i].why == NULL || strcmp(L[i].why, "teaser") != 0)
			continue;
		checked++;
		/* A label: "Summary:", "Description:". */
		for (k = 0; k < len && k < 16 && s[k] != ':'; k++)
			if (is_space((unsigned char)s[k]))
				break;
		if (k < len && k < 16 && s[k] == ':') {
			k++;
			while (k < len && is_space((unsigned char)s[k]))
				k++;
			s += k;
			len -= k;
		}
		/* Without the ellipsis and the word it cut. */
		while (len > 0 && (s[len - 1] == '.' ||
		                   ((unsigned char)s[len - 1] & 0xC0) == 0x80 ||
		                   (unsigned char)s[len - 1] == 0xE2))
			len--;
		while (len > 0 && !is_space((unsigned char)s[len - 1]))
			len--;
		while (len > 0 && is_space((unsigned char)s[len - 1]))
			len--;
		if (len < 15)
			continue;
		for (j = 0; j < pg->n && j < MAX_SCAN_LINES &&
		            seen < MAX_COMPARE_LINES;
		     j++) {
			const char *t = text(pg, j);
			size_t w;

			if (j == i || L[j].blank || L[j].len < len)
				continue;
			seen++;
			/* At the start, or after a glued heading word. */
			for (w = 0; w < 40 && w < L[j].len; w++) {
				if (w > 0 && !is_space((unsigned char)t[w - 1]))
					continue;
				if (prefix_eq(s, len, t + w, L[j].len - w)) {
					L[i].why = "meta_description";
					break;
				}
			}
			if (L[i].why[0] == 'm')
				break;
		}
	}
}

void
clean_zones_lists(clean_page_t *pg)
{
	size_t i;

	for (i = 0; i < pg->n; i++)
		if (pg->lines[i].rflags & KB_CR_TOCHEAD)
			toc_items(pg, i);
	nav_runs(pg);
	meta_descriptions(pg);
}

/* ---- the tail ---- */

void
clean_zones_tail(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t i, last = pg->n;
	int content = 0, tail = 0;

	for (i = 0; i < pg->n; i++) {
		clean_line_t *l = &L[i];

		if (l->blank || (i == pg->title && !pg->title_in_text))
			continue;
		if (!tail) {
			if (l->rule >= 0 && (l->rflags & KB_CR_TAIL) && content)
				tail = 1;
			else if (l->why == NULL && l->cf == KB_CC_GOOD)
				content = 1;
			last = i;
			continue;
		}
		if (l->why != NULL)
			continue;
		if (l->cf == KB_CC_GOOD && l->words >= RESUME_WORDS &&
		    !l->ellipsis) {
			/* Content resumes, with its heading if it has one
			 * right above it. */
			tail = 0;
			if (last < i && L[last].tail && L[last].heading &&
			    last + 1 == i) {
				L[last].tail = 0;
				L[last].why = NULL;
			}
			last = i;
			continue;
		}
		l->tail = 1;
		l->why = "tail";
		last = i;
	}
}
