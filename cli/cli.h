/* cli.h - shared pieces of the relief command line front end. */
#ifndef KB_CLI_H
#define KB_CLI_H

#include <stdio.h>

#include "../clean/kb_clean.h"
#include "../indexer/kb_indexer.h"
#include "../snippet/kb_snippet.h"
#include "../eval/kb_eval.h"
#include "../faq/kb_faq.h"
#include "../query/kb_query.h"
#include "../util/kb_status.h"

#define PROG "relief"

/* Exit codes: 0 success, 1 failure, 2 bad usage. */
#define EXIT_USAGE 2

/* One subcommand: "relief NAME ARGS...". */
typedef struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} command_t;

int cmd_index(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_snippets(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_faq(int argc, char **argv);

/* Prints "relief: context: message" on stderr, where message is detail
 * when given, else the status string.  Returns EXIT_FAILURE. */
int cli_error(const char *context, kb_status_t st, const char *detail);

/* Warns on stderr, naming path, about what was cut from the article
 * because it passed a limit of util/kb_limits.h: by the cleaner (c) and,
 * when sg is not NULL, by the segmenter's last kb_segment call.  Prints
 * nothing when nothing was cut. */
void cli_warn_cuts(const char *path, const kb_cleaned_t *c,
		   const kb_segmenter_t *sg);

/* cli_error with a detail the caller allocated: prints it, then frees
 * it.  Returns EXIT_FAILURE. */
int cli_error_free(const char *context, kb_status_t st, char *detail);

/* Prints a usage error and a hint to try --help.  Returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The database path: the --db option when given, else $RELIEF_DB, else
 * "relief.db". */
const char *cli_db_path(const char *opt);

/* The stopword file: the --stopwords option when given, else
 * $RELIEF_STOPWORDS, else the installed english.txt (see util/kb_paths.h
 * for where an installed or built relief looks).  A file named by the
 * option or the variable must be readable: if not, prints one line and
 * returns EXIT_FAILURE.  *out is NULL when no list was named and none is
 * installed.  *out stays valid until the next call. */
int cli_find_stopwords(const char *cmd, const char *opt, const char **out);

/* The lexicon folder: the --lexicon option when given, else
 * $RELIEF_LEXICON, else the installed lexicon.  A folder named by the
 * option or the variable must be a readable folder, and with required one
 * must be found: if not, prints one line and returns EXIT_FAILURE.  *out
 * is NULL when none was named or found.  *out stays valid until the next
 * call. */
int cli_find_lexicon(const char *cmd, const char *opt, int required,
		     const char **out);

/* Reads a whole file into a malloc'd NUL-terminated string; "" for a NULL
 * path.  Returns NULL when it cannot be read. */
char *cli_read_file(const char *path);

/* How a command answers one line of a batch (line: len bytes, its end
 * stripped).  answer looks it up and keeps the result in ctx; only it is
 * timed.  show prints that result, or the failure rc, and returns
 * EXIT_SUCCESS to go on or an exit status that stops the batch. */
typedef struct cli_batch_fns {
	kb_status_t (*answer)(void *ctx, const char *line, size_t len);
	int (*show)(void *ctx, const char *line, kb_status_t rc);
} cli_batch_fns_t;

/* Batch mode: reads standard input one line at a time, strips the line
 * end (\n or \r\n), answers and shows it with fns.  *lat gets the *n
 * times answer took, in milliseconds and input order (the caller frees
 * it).  Stops at the end of input, when show returns an exit status
 * other than EXIT_SUCCESS, or when memory runs out (reported for cmd).
 * Returns an exit status. */
int cli_batch(const char *cmd, const cli_batch_fns_t *fns, void *ctx,
	      double **lat, size_t *n);

/* ---- options ---------------------------------------------------------
 *
 * Each command declares its options in a table and calls cli_parse once:
 *
 *	int batch = 0;
 *	unsigned limit = 10;
 *	const cli_option_t opts[] = {
 *		CLI_OPT_FLAG("batch", &batch),
 *		CLI_OPT_UINT("limit", &limit, 1, 1000),
 *		CLI_OPT_END,
 *	};
 *	int n, rc = cli_parse("query", opts, usage, argc, argv, &n);
 *	if (rc == CLI_HELP) return EXIT_SUCCESS;
 *	if (rc != 0) return rc;
 *	... the operands are argv[1] .. argv[n] ...
 */

typedef enum cli_type {
	CLI_FLAG,	/* int *: set to 1 */
	CLI_STRING,	/* const char **: the value */
	CLI_UINT,	/* unsigned *: a whole number in [min, max] */
	CLI_LIST	/* cli_list_t *: every value, in order (repeatable) */
} cli_type_t;

typedef struct cli_list {
	const char *v[32];
	size_t n;
} cli_list_t;

typedef struct cli_option {
	const char *name;	/* "limit" for --limit; NULL ends a table */
	cli_type_t type;
	void *dest;		/* where the value goes, by type */
	const char *choices;	/* CLI_STRING: "text|json", or NULL: any;
				 * with check: what check wants, for the
				 * message */
	unsigned min, max;	/* CLI_UINT: the allowed range */
	int (*check)(const char *value); /* 0 when value is well formed */
} cli_option_t;

/* Table entries. */
#define CLI_OPT_FLAG(n, d) { .name = (n), .type = CLI_FLAG, .dest = (d) }
#define CLI_OPT_STRING(n, d) { .name = (n), .type = CLI_STRING, .dest = (d) }
#define CLI_OPT_CHOICE(n, d, c)                                          \
	{ .name = (n), .type = CLI_STRING, .dest = (d), .choices = (c) }
#define CLI_OPT_UINT(n, d, lo, hi)                                       \
	{ .name = (n), .type = CLI_UINT, .dest = (d), .min = (lo), .max = (hi) }
#define CLI_OPT_END { .name = NULL }

/* cli_parse's return for --help (usage printed on stdout). */
#define CLI_HELP 100

/* Parses argv[1 .. argc) against opts: "--name VALUE", "--name=VALUE",
 * flags, "--help"/"-h"; "--" ends the options.  The operands, in order,
 * are moved to argv[1 .. *nops].  Returns 0, CLI_HELP, or EXIT_USAGE
 * after one line on stderr (an unknown option names the nearest known
 * one). */
int cli_parse(const char *cmd, const cli_option_t *opts, void (*usage)(FILE *),
	      int argc, char **argv, int *nops);

/* cli_parse for a command that takes options only: an operand is a usage
 * error ("unexpected argument 'x'", EXIT_USAGE).  Returns 0, CLI_HELP or
 * EXIT_USAGE as cli_parse does. */
int cli_parse_no_operands(const char *cmd, const cli_option_t *opts,
			  void (*usage)(FILE *), int argc, char **argv);

/* The candidate nearest to word, or NULL when none is near enough to be
 * what was meant. */
const char *cli_nearest(const char *word, const char *const *cands, size_t n);

/* Engine options shared by query and eval: --lexicon DIR and
 * --param NAME=VALUE (repeatable).  CLI_ENGINE_OPTIONS(eo) adds them to a
 * table. */
typedef struct engine_opts {
	const char *lexicon;	/* NULL: the default lexicon, if any */
	cli_list_t params;
} engine_opts_t;

#define CLI_ENGINE_OPTIONS(eo)                                          \
	CLI_OPT_STRING("lexicon", &(eo).lexicon),                       \
	{ .name = "param", .type = CLI_LIST, .dest = &(eo).params,      \
	  .choices = "NAME=VALUE", .check = cli_check_param }

/* CLI_ENGINE_OPTIONS' check of --param: 0 when value is NAME=VALUE. */
int cli_check_param(const char *value);

/* Opens the database at db, loads the lexicon and applies the
 * parameters.  On failure prints one line naming what failed and returns
 * non-zero with *out NULL. */
int cli_open_engine(const char *cmd, const char *db, const engine_opts_t *eo,
		    kb_engine_t **out);

/* Parses a whole decimal number in [min, max].  Returns 0 on success. */
int cli_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out);

/* Output: one printer per format, so commands never printf results. */
typedef struct printer printer_t;
struct printer {
	void (*answer)(printer_t *p, const kb_answer_t *ans);
	/* An answer that could not be produced (batch mode keeps going). */
	void (*failed)(printer_t *p, const char *query, const char *error);
	void (*stats)(printer_t *p, const char *db, const kb_db_stats_t *s);
	/* A cleaned page; with explain, every input line and its fate;
	 * with several, a header naming the file. */
	void (*cleaned)(printer_t *p, const char *file, const kb_cleaned_t *c,
			int explain, int several);
	/* The snippets of one article file. */
	void (*snippets)(printer_t *p, const char *file, const char *title,
			 const kb_snippet_t *v, size_t n);
	/* A FAQ lookup's match (relief faq). */
	void (*match)(printer_t *p, const kb_faq_match_t *m);
	FILE *out;
	int color;	/* emphasise with ANSI escapes */
	size_t width;	/* columns to wrap text to (kb_wrap_width) */
};

/* Returns the printer for format "text" or "json", or NULL. */
printer_t *printer_for(const char *format, FILE *out);

/* The printer's match, by format (cli/printer_faq.c). */
void printer_text_match(printer_t *p, const kb_faq_match_t *m);
void printer_json_match(printer_t *p, const kb_faq_match_t *m);

#endif /* KB_CLI_H */
