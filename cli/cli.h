/* cli.h - shared pieces of the relief command line front end. */
#ifndef KB_CLI_H
#define KB_CLI_H

#include <stdio.h>

#include "../indexer/kb_indexer.h"
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

/* Prints "relief: context: message" on stderr, where message is detail
 * when given, else the status string.  Returns EXIT_FAILURE. */
int cli_error(const char *context, kb_status_t st, const char *detail);

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
 * $RELIEF_STOPWORDS, else the first that exists of the installed copy and
 * stopwords/english.txt next to the source tree the binary was built in.
 * Returns NULL when none exists. */
const char *cli_stopwords_path(const char *opt);

/* The lexicon folder: the --lexicon option when given, else
 * $RELIEF_LEXICON, else the installed copy, else lexicon/ in the source
 * tree.  Returns NULL when none exists. */
const char *cli_lexicon_path(const char *opt);

/* Reads a whole file into a malloc'd NUL-terminated string; "" for a NULL
 * path.  Returns NULL when it cannot be read. */
char *cli_read_file(const char *path);

/* Engine options shared by query and eval: --lexicon DIR and
 * --param NAME=VALUE (repeatable). */
typedef struct engine_opts {
	const char *lexicon;	/* NULL: the default lexicon, if any */
	const char *params[32];
	size_t nparams;
} engine_opts_t;

/* Handles one of the engine options (getopt codes 'L' for --lexicon and
 * 'P' for --param).  Returns 1 when c was one of them, 0 when not, -1 on
 * bad usage (message printed). */
int cli_engine_option(engine_opts_t *eo, int c, const char *arg,
		      const char *cmd);

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
	FILE *out;
	int color;	/* emphasise with ANSI escapes */
};

/* Returns the printer for format "text" or "json", or NULL. */
printer_t *printer_for(const char *format, FILE *out);

#endif /* KB_CLI_H */
