/* cmd_clean.c - "relief clean": show what the cleaner keeps of a page. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>

#include "../util/kb_time.h"
#include "../util/kb_strset.h"
#include "cli.h"

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: %s clean [--explain] [--format text|json] "
		"[--output-dir DIR]\n"
		"                    [--no-learn] [--stopwords FILE] [--timings] "
		"FILE...\n\n"
		"Prints each cleaned article: its title, a blank line, and the "
		"article's own\ncontent lines.  Files ending in .html or .htm "
		"are parsed as HTML.\n\n"
		"  --explain         print every input line with KEEP or DROP "
		"and the rule or\n"
		"                    score that decided it\n"
		"  --format F        text (default) or json\n"
		"  --output-dir DIR  write DIR/NAME for each FILE instead of "
		"printing\n"
		"  --no-learn        do not learn boilerplate lines across the "
		"files given\n"
		"  --stopwords FILE  stopword list for line scoring\n"
		"  --timings         print nothing but the cleaning throughput "
		"(MB/s) on stderr\n",
		PROG);
}

static uint64_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* Writes the cleaned article to dir/basename(path). */
static int
write_output(const char *dir, const char *path, const kb_cleaned_t *c)
{
	const char *base = strrchr(path, '/');
	char out[4096];
	FILE *f;

	snprintf(out, sizeof(out), "%s/%s", dir, base ? base + 1 : path);
	f = fopen(out, "wb");
	if (f == NULL) {
		fprintf(stderr, "%s: clean: %s: %s\n", PROG, out,
			strerror(errno));
		return EXIT_FAILURE;
	}
	fprintf(f, "%s\n\n", c->title);
	fwrite(c->text, 1, c->len, f);
	if (fclose(f) != 0) {
		fprintf(stderr, "%s: clean: %s: %s\n", PROG, out,
			strerror(errno));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

/* What "relief clean" was asked to do. */
typedef struct clean_opts {
	const char *format;	/* "text" or "json" */
	const char *outdir;	/* NULL: print the cleaned pages */
	const char *stopwords;	/* --stopwords, or NULL */
	int explain, no_learn, timings;
} clean_opts_t;

/* Checks that --output-dir names a directory and that no two of the nf
 * files argv[1..nf] share a name there.  Returns an exit status. */
static int
check_outdir(const char *outdir, char **argv, int nf)
{
	kb_strset_t *names = NULL;
	const char *dup = NULL;
	struct stat st;
	int i;

	if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode))
		return cli_usage_error("clean", "'%s' is not a directory",
				       outdir);
	/* Outputs are named after their inputs: two inputs of one name
	 * would overwrite each other. */
	if (kb_strset_new(&names) != KB_OK)
		return cli_error("clean", KB_ERR_NOMEM, NULL);
	for (i = 1; i <= nf && dup == NULL; i++) {
		const char *base = strrchr(argv[i], '/');

		base = base ? base + 1 : argv[i];
		if (kb_strset_has(names, base, strlen(base)))
			dup = base;
		else if (kb_strset_add(names, base, strlen(base)) != KB_OK)
			dup = "";
	}
	kb_strset_free(names);
	if (dup != NULL)
		return cli_usage_error("clean", "two files named '%s' "
						"would write one output",
				       dup);
	return EXIT_SUCCESS;
}

/* Creates the cleaner with the stopword list of --stopwords (opt), read
 * into *stop (the caller frees it).  Returns an exit status. */
static int
new_cleaner(const char *opt, char **stop, kb_cleaner_t **cl)
{
	const char *sp;
	char *err = NULL;
	kb_status_t rc;
	int status;

	if (cli_find_stopwords("clean", opt, &sp) != EXIT_SUCCESS)
		return EXIT_FAILURE;
	*stop = cli_read_file(sp);
	if (*stop == NULL)
		return cli_error("clean", KB_ERR_IO, sp);
	rc = kb_cleaner_new(*stop, strlen(*stop), cl, &err);
	status = rc == KB_OK ? EXIT_SUCCESS : cli_error("clean", rc, err);
	free(err);
	return status;
}

/* Several pages of one site are cleaned as a corpus: lines repeated
 * across them are learned as boilerplate first, as indexing does.
 * Returns an exit status. */
static int
learn_files(kb_cleaner_t *cl, char **argv, int nf)
{
	kb_status_t rc;
	int i;

	for (i = 1; i <= nf; i++) {
		rc = kb_cleaner_learn_file(cl, argv[i]);
		if (rc != KB_OK)
			return cli_error("clean", rc, argv[i]);
	}
	return EXIT_SUCCESS;
}

/* Cleans the nf files argv[1..nf] and prints or writes each, as o says;
 * a file that fails is reported and the others go on.  Returns an exit
 * status. */
static int
clean_files(kb_cleaner_t *cl, const clean_opts_t *o, char **argv, int nf)
{
	printer_t *p = printer_for(o->format, stdout);
	double t0, secs = 0;
	uint64_t bytes = 0;
	int i, status = EXIT_SUCCESS;
	char *err = NULL;
	kb_status_t rc;

	for (i = 1; i <= nf; i++) {
		kb_cleaned_t *cd = NULL;

		t0 = kb_now();
		rc = kb_clean_file(cl, argv[i], &cd, &err);
		secs += kb_now() - t0;
		if (rc != KB_OK) {
			cli_error_free("clean", rc, err);
			err = NULL;
			status = EXIT_FAILURE;
			continue;
		}
		bytes += file_size(argv[i]);
		cli_warn_cuts(argv[i], cd, NULL);
		if (o->timings) {
			/* Measuring: nothing to print. */
		} else if (o->outdir != NULL) {
			if (write_output(o->outdir, argv[i], cd) != EXIT_SUCCESS)
				status = EXIT_FAILURE;
		} else {
			p->cleaned(p, argv[i], cd, o->explain, nf > 1);
		}
		kb_cleaned_free(cd);
	}
	if (o->timings)
		fprintf(stderr, "%s: clean: %d files, %.2f MB in %.3f s (read and "
				"clean), %.1f MB/s\n",
			PROG, nf, (double)bytes / 1e6, secs,
			secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
	free(err);
	return status;
}

int
cmd_clean(int argc, char **argv)
{
	clean_opts_t o = {.format = "text"};
	const cli_option_t opts[] = {
		CLI_OPT_FLAG("explain", &o.explain),
		CLI_OPT_CHOICE("format", &o.format, "text|json"),
		CLI_OPT_STRING("output-dir", &o.outdir),
		CLI_OPT_FLAG("no-learn", &o.no_learn),
		CLI_OPT_STRING("stopwords", &o.stopwords),
		CLI_OPT_FLAG("timings", &o.timings),
		CLI_OPT_END,
	};
	kb_cleaner_t *cl = NULL;
	char *stop = NULL;
	int nf, status;

	status = cli_parse("clean", opts, usage, argc, argv, &nf);
	if (status != 0)
		return status == CLI_HELP ? EXIT_SUCCESS : status;
	if (nf == 0)
		return cli_usage_error("clean", "no file given");
	if (o.outdir != NULL) {
		status = check_outdir(o.outdir, argv, nf);
		if (status != EXIT_SUCCESS)
			return status;
	}
	status = new_cleaner(o.stopwords, &stop, &cl);
	if (status == EXIT_SUCCESS && !o.no_learn && nf > 1)
		status = learn_files(cl, argv, nf);
	if (status == EXIT_SUCCESS)
		status = clean_files(cl, &o, argv, nf);
	free(stop);
	kb_cleaner_free(cl);
	return status;
}
