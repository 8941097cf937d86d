/* clean_html.c - HTML pages to text lines for the cleaner.
 *
 * The page is parsed with libxml2's HTML parser, which copes with the
 * broken markup real pages have; regular expressions never touch HTML.
 * Subtrees that are never article text (scripts, styles, navigation, page
 * header and footer, sidebars, forms) are dropped outright, as the
 * structure-based extractors (Readability, jusText, trafilatura) do.
 * Every block element becomes one line, and the share of the line's
 * characters that sat inside links is reported with it: a line that is
 * all links is navigation far more often than prose.  What remains goes
 * through the same text cleaner as plain-text pages.
 */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/kb_array.h"
#include "../util/kb_limits.h"
#include "clean_internal.h"

typedef struct extract {
	kb_buf_t text;		/* finished lines */
	kb_buf_t line;		/* the line being built, whitespace
				   collapsed */
	size_t link_chars;	/* characters of line inside <a> */
	size_t chars;		/* characters of line */
	float *density;		/* one per finished line */
	size_t nlines, cap;
	int blank_pending;	/* a blank line is due before the next */
	int err;
} extract_t;

/* Elements whose whole subtree is dropped. */
static const char *const skipped[] = {
	"script", "style",  "nav",	"header", "footer", "aside",
	"form",	  "noscript", "iframe", "svg",	  "template", "button",
	"select", "textarea", "head",	"object", "embed",  "canvas",
	"dialog", "menu",
};

/* Elements that end a line. */
static const char *const blocks[] = {
	"p",	  "div",     "h1",	 "h2",	   "h3",	 "h4",
	"h5",	  "h6",	     "li",	 "ul",	   "ol",	 "dl",
	"dt",	  "dd",	     "table",	 "tr",	   "td",	 "th",
	"blockquote", "pre", "article", "section", "main",	 "body",
	"hr",	  "figure",  "figcaption", "address", "center", "caption",
	"details", "summary", "tbody",	 "thead",  "tfoot",	 "br",
};

/* Elements after which a blank line separates what follows: the ends of
 * paragraphs, headings and lists, which is where passages may start. */
static const char *const paragraphs[] = {
	"p",	  "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
	"table", "blockquote", "pre", "figure", "hr",
};

/* Words in class or id attributes that mark page furniture.  Matched as
 * whole tokens of the attribute ("site-footer" has "footer"), so
 * "navigation-free" prose containers are not caught by accident. */
static const char *const furniture[] = {
	"nav",	    "navbar",	"navigation", "menu",	    "footer",
	"sidebar",  "breadcrumb", "breadcrumbs", "cookie",   "cookies",
	"share",    "sharing",	"social",     "advert",	    "advertisement",
	"ads",	    "banner",	"related",    "comments",   "newsletter",
	"subscribe", "popup",	"modal",      "masthead",
};

static int
in_list(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

#define IN(name, list) in_list((name), (list), sizeof(list) / sizeof(*list))

/* True when a class/id/role attribute marks the element as furniture. */
static int
is_furniture(xmlNode *node)
{
	static const char *const attrs[] = { "class", "id", "role" };
	size_t i;

	if (xmlHasProp(node, (const xmlChar *)"hidden") != NULL)
		return 1;
	for (i = 0; i < 3; i++) {
		xmlChar *v = xmlGetProp(node, (const xmlChar *)attrs[i]);
		char *tok, *save = NULL;
		int hit = 0;

		if (v == NULL)
			continue;
		for (tok = strtok_r((char *)v, " \t\n-_", &save);
		     tok != NULL && !hit; tok = strtok_r(NULL, " \t\n-_", &save))
			hit = IN(tok, furniture) ||
			      strcasecmp(tok, "contentinfo") == 0 ||
			      strcasecmp(tok, "complementary") == 0;
		xmlFree(v);
		if (hit)
			return 1;
	}
	return 0;
}

static void
push_density(extract_t *x, float d)
{
	if (kb_array_grow((void **)&x->density, &x->cap, x->nlines,
			  sizeof(*x->density), 64) != KB_OK) {
		x->err = 1;
		return;
	}
	x->density[x->nlines++] = d;
}

/* Ends the current line, if it has any text. */
static void
flush_line(extract_t *x)
{
	size_t len = x->line.len;

	while (len > 0 && x->line.data[len - 1] == ' ')
		len--;
	if (len == 0) {
		kb_buf_reset(&x->line);
		x->link_chars = x->chars = 0;
		return;
	}
	if (x->blank_pending && x->nlines > 0) {
		kb_buf_putc(&x->text, '\n');
		push_density(x, 0);
	}
	x->blank_pending = 0;
	kb_buf_append(&x->text, x->line.data, len);
	kb_buf_putc(&x->text, '\n');
	push_density(x, x->chars ? (float)x->link_chars / (float)x->chars : 0);
	kb_buf_reset(&x->line);
	x->link_chars = x->chars = 0;
	if (x->text.err != KB_OK)
		x->err = 1;
}

/* Appends text content, collapsing whitespace (including U+00A0). */
static void
add_text(extract_t *x, const char *s, int in_link)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			    c == '\f' || c == '\v';

		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			space = 1;
			i++;
		}
		if (space) {
			if (x->line.len > 0 &&
			    x->line.data[x->line.len - 1] != ' ')
				kb_buf_putc(&x->line, ' ');
			continue;
		}
		kb_buf_putc(&x->line, (char)c);
		/* Count characters, not bytes: skip continuation bytes. */
		if ((c & 0xC0) != 0x80) {
			x->chars++;
			if (in_link)
				x->link_chars++;
		}
	}
	if (x->line.err != KB_OK)
		x->err = 1;
}

/* What walk() keeps for each element it is inside. */
typedef struct frame {
	int ordinal;	/* <li> children numbered so far */
	int in_link;	/* inside an <a> */
} frame_t;

/* Entering an element: a block starts a line, a list item its marker. */
static void
enter(extract_t *x, xmlNode *node, frame_t *f)
{
	const char *name = (const char *)node->name;

	if (IN(name, blocks))
		flush_line(x);
	/* List items keep a marker, which the segmenter uses to split
	 * advice into items. */
	if (strcasecmp(name, "li") == 0) {
		char mark[16];

		if (node->parent != NULL && node->parent->name != NULL &&
		    strcasecmp((const char *)node->parent->name, "ol") == 0)
			snprintf(mark, sizeof(mark), "%d. ", ++f->ordinal);
		else
			snprintf(mark, sizeof(mark), "- ");
		kb_buf_puts(&x->line, mark);
	}
}

/* Leaving an element: a block ends its line, a paragraph asks for a blank
 * line before the next. */
static void
leave(extract_t *x, xmlNode *node)
{
	const char *name = (const char *)node->name;

	if (IN(name, blocks))
		flush_line(x);
	if (IN(name, paragraphs))
		x->blank_pending = 1;
}

/* True for an element walk() goes into. */
static int
kept(xmlNode *node)
{
	const char *name = (const char *)node->name;

	return node->type == XML_ELEMENT_NODE && name != NULL &&
	       !IN(name, skipped) && !is_furniture(node);
}

/* Collects the text of node and its following siblings, in document
 * order.  Iterative, with the elements it is inside on a stack of its
 * own, so that a page nested 100,000 deep costs time and memory in
 * proportion and no C stack. */
static void
walk(extract_t *x, xmlNode *node)
{
	frame_t *st = NULL;
	size_t depth = 0, cap = 0;

	if (kb_array_grow((void **)&st, &cap, 0, sizeof(*st), 64) != KB_OK) {
		x->err = 1;
		return;
	}
	st[0].ordinal = 0;
	st[0].in_link = 0;
	while (node != NULL && !x->err) {
		if (node->type == XML_TEXT_NODE ||
		    node->type == XML_CDATA_SECTION_NODE) {
			if (node->content != NULL)
				add_text(x, (const char *)node->content,
					 st[depth].in_link);
		} else if (kept(node)) {
			enter(x, node, &st[depth]);
			if (node->children != NULL) {
				if (kb_array_grow((void **)&st, &cap, depth + 1,
						  sizeof(*st), 64) != KB_OK) {
					x->err = 1;
					break;
				}
				st[depth + 1].ordinal = 0;
				st[depth + 1].in_link =
				    st[depth].in_link ||
				    strcasecmp((const char *)node->name, "a") ==
					0;
				depth++;
				node = node->children;
				continue;
			}
			leave(x, node);
		}
		/* The next node: a sibling, or the sibling of the nearest
		 * element being left. */
		while (node->next == NULL && depth > 0) {
			node = node->parent;
			depth--;
			leave(x, node);
		}
		node = node->next;
	}
	free(st);
}

/* The text of the first element called tag in document order, from root
 * and its siblings on, whitespace collapsed, or NULL.  Iterative, over
 * the tree's own links: a tag nested 100,000 deep is found too. */
static char *
first_text(xmlNode *root, const char *tag)
{
	xmlNode *top = root != NULL ? root->parent : NULL, *node = root;

	while (node != NULL) {
		if (node->type == XML_ELEMENT_NODE && node->name != NULL &&
		    strcasecmp((const char *)node->name, tag) == 0) {
			extract_t x;
			xmlChar *s = xmlNodeGetContent(node);

			memset(&x, 0, sizeof(x));
			kb_buf_init(&x.line);
			add_text(&x, s ? (const char *)s : "", 0);
			xmlFree(s);
			while (x.line.len > 0 &&
			       x.line.data[x.line.len - 1] == ' ')
				x.line.data[--x.line.len] = '\0';
			return kb_buf_detach(&x.line);
		}
		if (node->type == XML_ELEMENT_NODE && node->children != NULL) {
			node = node->children;
			continue;
		}
		while (node->next == NULL) {
			node = node->parent;
			if (node == NULL || node == top)
				return NULL;
		}
		node = node->next;
	}
	return NULL;
}

/* The page's title.  A <title> usually carries the site's name as well
 * ("Article | Site"); when the first <h1> is a part of it, the <h1> is the
 * article's own title. */
static char *
page_title(xmlNode *root)
{
	char *title = first_text(root, "title");
	char *h1 = first_text(root, "h1");

	if (title != NULL && h1 != NULL && h1[0] != '\0' &&
	    strstr(title, h1) != NULL) {
		free(title);
		return h1;
	}
	free(h1);
	return title;
}

/* Copies html into out, cutting every tag after its KB_LIMIT_HTML_ATTRS-th
 * attribute (the tag itself stays, closed) and the page before its
 * (KB_LIMIT_HTML_TAGS + 1)-th tag (libxml2 closes what is open at the
 * end): both cost libxml2 time or memory out of proportion
 * (util/kb_limits.h).  Linear in len.  Leaves out empty and *changed 0
 * when nothing was cut (html stands as it is); cuts gets what was cut. */
static kb_status_t
tame(const char *html, size_t len, kb_buf_t *out, int *changed,
     clean_html_cuts_t *cuts)
{
	size_t i = 0, copied = 0, tags = 0, end = len;

	*changed = 0;
	memset(cuts, 0, sizeof(*cuts));
	while (i < len) {
		size_t attrs = 0, cut_at = 0;
		char quote = 0;
		int in_name = 1, in_attr = 0, letter;

		if (html[i] != '<' || i + 1 >= len) {
			i++;
			continue;
		}
		letter = (html[i + 1] | 0x20) >= 'a' &&
			 (html[i + 1] | 0x20) <= 'z';
		/* Elements and comments are nodes of libxml2's tree. */
		if ((letter || html[i + 1] == '!') &&
		    ++tags > KB_LIMIT_HTML_TAGS) {
			end = i;
			cuts->bytes = len - i;
			*changed = 1;
			break;
		}
		if (!letter) {
			i++;
			continue;
		}
		/* Inside a start tag: count the attributes, skipping quoted
		 * values, up to its '>'. */
		for (i++; i < len; i++) {
			char c = html[i];

			if (quote) {
				if (c == quote)
					quote = 0;
				continue;
			}
			if (c == '>')
				break;
			if (c == '"' || c == '\'') {
				quote = c;
				continue;
			}
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			    c == '\f' || c == '/') {
				in_name = in_attr = 0;
				continue;
			}
			if (c == '=') {
				in_attr = 1;
				continue;
			}
			if (in_name || in_attr)
				continue;
			/* A new attribute name starts here. */
			in_attr = 1;
			if (++attrs == KB_LIMIT_HTML_ATTRS + 1)
				cut_at = i;
		}
		if (cut_at == 0)
			continue;
		cuts->attrs += (unsigned)(attrs - KB_LIMIT_HTML_ATTRS);
		*changed = 1;
		kb_buf_append(out, html + copied, cut_at - copied);
		copied = i;	/* the '>' (or the end) */
	}
	if (*changed)
		kb_buf_append(out, html + copied, end - copied);
	return out->err;
}

kb_status_t
clean_html_extract(const char *html, size_t len, char **text, size_t *text_len,
                   float **density, size_t *nlines, char **title,
                   clean_html_cuts_t *cuts)
{
	kb_buf_t tamed;
	int changed;
	extract_t x;
	htmlDocPtr doc;
	xmlNode *root;
	/* XML_PARSE_HUGE lifts libxml2's limit of 256 levels of nesting,
	 * past which it dropped the rest of the page; walk() and
	 * first_text() need no C stack in proportion to the depth, and
	 * tame() bounds the tree. */
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		   HTML_PARSE_NOWARNING | HTML_PARSE_NONET | XML_PARSE_HUGE;

	*text = NULL;
	*density = NULL;
	*title = NULL;
	*text_len = 0;
	*nlines = 0;
	if (len > (size_t)INT32_MAX)
		return KB_ERR_RANGE;
	/* The read stage has already made the bytes valid UTF-8, whatever
	 * the page's meta tag claims. */
	kb_buf_init(&tamed);
	if (tame(html, len, &tamed, &changed, cuts) != KB_OK) {
		kb_buf_free(&tamed);
		return KB_ERR_NOMEM;
	}
	if (changed) {
		html = tamed.data;
		len = tamed.len;
	}
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8", opts);
	kb_buf_free(&tamed);
	if (doc == NULL)
		return KB_ERR_CORRUPT;
	root = xmlDocGetRootElement(doc);
	memset(&x, 0, sizeof(x));
	kb_buf_init(&x.text);
	kb_buf_init(&x.line);
	*title = page_title(root);
	if (root != NULL)
		walk(&x, root);
	flush_line(&x);
	xmlFreeDoc(doc);
	kb_buf_free(&x.line);
	if (x.err) {
		kb_buf_free(&x.text);
		free(x.density);
		free(*title);
		*title = NULL;
		return KB_ERR_NOMEM;
	}
	*text_len = x.text.len;
	*text = kb_buf_detach(&x.text);
	*density = x.density;
	*nlines = x.nlines;
	if (*text == NULL) {
		free(x.density);
		*density = NULL;
		free(*title);
		*title = NULL;
		return KB_ERR_NOMEM;
	}
	return KB_OK;
}

kb_status_t
kb_cleaner_clean_html(kb_cleaner_t *cl, const char *s, size_t len,
		      kb_cleaned_t **out)
{
	char *text = NULL, *title = NULL;
	float *density = NULL, *d2 = NULL;
	size_t tlen, n, i;
	clean_html_cuts_t cuts;
	kb_buf_t page;
	kb_status_t rc;

	*out = NULL;
	rc = clean_html_extract(s, len, &text, &tlen, &density, &n, &title,
	                        &cuts);
	if (rc != KB_OK)
		return rc;
	/* The <title> goes first, as the first line of a scraped text page
	 * would: the cleaner's title rules (site names, "Title - Site")
	 * then apply to it, and a duplicate <h1> counts as a duplicate. */
	kb_buf_init(&page);
	if (title != NULL && title[0] != '\0') {
		kb_buf_puts(&page, title);
		kb_buf_puts(&page, "\n\n");
	}
	kb_buf_append(&page, text, tlen);
	d2 = malloc((n + 2) * sizeof(*d2));
	if (page.err != KB_OK || d2 == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	i = 0;
	if (title != NULL && title[0] != '\0') {
		d2[i++] = 0;
		d2[i++] = 0;
	}
	if (n > 0)
		memcpy(d2 + i, density, n * sizeof(*d2));
	rc = clean_core(cl, page.data ? page.data : "", page.len, d2, n + i,
	                out);
	if (rc == KB_OK) {
		(*out)->dropped_attrs = cuts.attrs;
		(*out)->cut_html_bytes = cuts.bytes;
	}
done:
	kb_buf_free(&page);
	free(text);
	free(title);
	free(density);
	free(d2);
	return rc;
}

kb_status_t
kb_cleaner_learn_html(kb_cleaner_t *cl, const char *s, size_t len)
{
	/* An HTML page is learned from its extracted lines, the lines
	 * the cleaner will later judge. */
	char *text = NULL, *title = NULL;
	float *density = NULL;
	size_t tlen, n;
	clean_html_cuts_t cuts;
	kb_status_t rc;

	rc = clean_html_extract(s, len, &text, &tlen, &density, &n, &title,
	                        &cuts);
	if (rc == KB_OK)
		rc = kb_cleaner_learn(cl, text, tlen);
	free(text);
	free(title);
	free(density);
	return rc;
}
