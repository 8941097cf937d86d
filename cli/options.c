/* options.c - one declarative option parser for every subcommand.
 *
 * Options are long ones ("--limit 5" or "--limit=5") and may come before,
 * between or after the operands, as with GNU tools; "--" ends them, so a
 * question word that starts with '-' goes after it.  Every mistake is one
 * line on stderr, naming the option and, for a near miss, the option that
 * was probably meant.
 */
#include <string.h>

#include "../util/kb_edit.h"
#include "cli.h"

const char *
cli_nearest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t i, bestd = (size_t)-1, len = strlen(word);
	/* A third of the word may be wrong, and at least one letter: "qeury"
	 * is "query", "x" is nothing. */
	size_t allowed = len / 3 > 0 ? len / 3 : 1;

	for (i = 0; i < n; i++) {
		size_t dist = kb_edit_distance(word, len, cands[i],
						strlen(cands[i]));

		if (dist < bestd) {
			bestd = dist;
			best = cands[i];
		}
	}
	return bestd <= allowed && len > 1 ? best : NULL;
}

static const cli_option_t *
find_option(const cli_option_t *opts, const char *name, size_t len)
{
	for (; opts->name != NULL; opts++)
		if (strlen(opts->name) == len &&
		    strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

/* Reports an unknown option, with the nearest known one. */
static int
unknown_option(const char *cmd, const cli_option_t *opts, const char *arg,
	       size_t len)
{
	const char *names[64];
	char word[64];
	const char *near;
	size_t n = 0;

	for (; opts->name != NULL && n < 63; opts++)
		names[n++] = opts->name;
	names[n++] = "help";
	snprintf(word, sizeof(word), "%.*s", (int)len, arg);
	near = arg[0] == '-' && arg[1] == '-' ? cli_nearest(word + 2, names, n)
					       : NULL;
	if (near != NULL)
		return cli_usage_error(cmd, "unknown option '%s' (did you "
					    "mean '--%s'?)",
				       word, near);
	return cli_usage_error(cmd, "unknown option '%s'", word);
}

/* Stores value into o's destination.  Returns 0, or EXIT_USAGE after one
 * line of explanation. */
static int
store(const char *cmd, const cli_option_t *o, const char *value)
{
	if (o->check != NULL && o->check(value) != 0)
		return cli_usage_error(cmd, "--%s takes %s, not '%s'", o->name,
				       o->choices ? o->choices : "a value",
				       value);
	switch (o->type) {
	case CLI_FLAG:
		*(int *)o->dest = 1;
		return 0;
	case CLI_STRING:
		if (o->choices != NULL && o->check == NULL) {
			const char *c = o->choices;
			size_t n = strlen(value);

			for (;;) {
				const char *bar = strchr(c, '|');
				size_t cl = bar ? (size_t)(bar - c) : strlen(c);

				if (cl == n && strncmp(c, value, n) == 0)
					break;
				if (bar == NULL)
					return cli_usage_error(
						cmd, "--%s takes %s, not '%s'",
						o->name, o->choices, value);
				c = bar + 1;
			}
		}
		*(const char **)o->dest = value;
		return 0;
	case CLI_UINT:
		if (cli_parse_uint(value, o->min, o->max,
				   (unsigned *)o->dest) != 0)
			return cli_usage_error(cmd, "--%s must be %u-%u, not "
						    "'%s'",
					       o->name, o->min, o->max, value);
		return 0;
	case CLI_LIST: {
		cli_list_t *l = o->dest;

		if (l->n == sizeof(l->v) / sizeof(l->v[0]))
			return cli_usage_error(cmd, "too many --%s options",
					       o->name);
		l->v[l->n++] = value;
		return 0;
	}
	}
	return cli_usage_error(cmd, "--%s: unusable option", o->name);
}

int
cli_check_param(const char *value)
{
	const char *eq = strchr(value, '=');

	return eq != NULL && eq > value && eq[1] != '\0' ? 0 : -1;
}

int
cli_parse(const char *cmd, const cli_option_t *opts, void (*usage)(FILE *),
	  int argc, char **argv, int *nops)
{
	int i, n = 0, rest = 0;

	*nops = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq, *value = NULL;
		const cli_option_t *o;
		size_t len;

		if (rest || a[0] != '-' || a[1] == '\0') {
			argv[1 + n++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			rest = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return CLI_HELP;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		o = a[1] == '-' ? find_option(opts, a + 2, len - 2) : NULL;
		if (o == NULL)
			return unknown_option(cmd, opts, a, len);
		if (o->type == CLI_FLAG) {
			if (eq != NULL)
				return cli_usage_error(cmd, "--%s takes no "
							    "value",
						       o->name);
		} else if (eq != NULL) {
			value = eq + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return cli_usage_error(cmd, "--%s needs a value",
					       o->name);
		}
		if (store(cmd, o, value) != 0)
			return EXIT_USAGE;
	}
	*nops = n;
	return 0;
}

int
cli_parse_no_operands(const char *cmd, const cli_option_t *opts,
		      void (*usage)(FILE *), int argc, char **argv)
{
	int n, st = cli_parse(cmd, opts, usage, argc, argv, &n);

	if (st == 0 && n > 0)
		st = cli_usage_error(cmd, "unexpected argument '%s'", argv[1]);
	return st;
}
