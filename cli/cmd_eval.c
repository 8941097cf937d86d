/* cmd_eval.c - "relief eval": score ranked answers against questions with
 * known answers, from the engine in-process or from a JSON-lines file. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_time.h"
#include "cli.h"

/* How much of a snippet or gold answer --explain shows in text. */
#define START_BYTES 160

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: %s eval [--db PATH | --answers FILE.jsonl]\n"
		"       [--sections TSV --corpus DIR] [--explain QID]\n"
		"       [--format text|json] [--limit N] [--lexicon DIR]\n"
		"       [--param NAME=VALUE] QUESTIONS.tsv\n"
		"       %s eval --print-params\n\n"
		"Scores answers against the gold answers of a question file, "
		"and the latency\nwhen the engine runs in-process.  The header "
		"decides what is scored:\n"
		"  templated  (qid, question, gold_path, gold_section, "
		"gold_answer, alt_gold):\n"
		"             document-level MRR@10 and Recall@1/5/10, "
		"answer-level Success@1/5\n"
		"  document   (qid, question, set, gold_path, alt_gold): "
		"MRR@10 and Recall,\n"
		"             over all questions and per set\n"
		"  phrase     (qid, query, gold_source, gold_phrase): "
		"answered when a result\n"
		"             in the top 3 comes from gold_source and holds "
		"gold_phrase\n"
		"             (ignoring case and whitespace)\n\n"
		"  --db PATH        database (default $RELIEF_DB, else "
		"./relief.db)\n"
		"  --answers FILE   score these answers (the format of "
		"'query --batch')\n"
		"                   instead of asking the engine\n"
		"  --sections TSV   with --corpus: read alt_gold answer texts "
		"at these\n"
		"                   byte ranges (medquad-sections.tsv)\n"
		"  --corpus DIR     the articles the sections point into\n"
		"  --explain QID    show how the top results of one question "
		"were judged\n"
		"  --format F       text (default) or json\n"
		"  --limit N        results asked of the engine (1-1000, "
		"default 10); the\n"
		"                   figures judge the top 10\n"
		"  --lexicon DIR    synonyms and question types (default: the "
		"installed lexicon)\n"
		"  --param N=V      set a ranking parameter (for tuning on dev "
		"questions)\n"
		"  --print-params   print every ranking parameter and its "
		"default as JSON\n\n"
		"A templated result counts at the answer level when it comes "
		"from a gold\narticle and more than half of its pairs of "
		"adjacent words (runs of ASCII\nletters and digits, "
		"lower-cased) occur in that location's gold answer, each\n"
		"answer pair used once.\n",
		PROG, PROG);
}

static const char *
kind_name(kb_eval_kind_t k)
{
	return k == KB_EVAL_PHRASE ? "phrase"
	       : k == KB_EVAL_DOCUMENT ? "document"
				       : "templated";
}

/* The figures of one kind of file, as JSON members of o. */
static void
figures_json(json_t *o, kb_eval_kind_t kind, const kb_eval_figures_t *f)
{
	json_object_set_new(o, "questions", json_integer((json_int_t)f->questions));
	json_object_set_new(o, "unanswered",
			    json_integer((json_int_t)f->unanswered));
	json_object_set_new(o, "mrr10", json_real(f->mrr10));
	json_object_set_new(o, "recall1", json_real(f->recall1));
	json_object_set_new(o, "recall5", json_real(f->recall5));
	json_object_set_new(o, "recall10", json_real(f->recall10));
	if (kind == KB_EVAL_DOCUMENT)
		return;
	json_object_set_new(o, "success1", json_real(f->success1));
	json_object_set_new(o, "success3", json_real(f->success3));
	json_object_set_new(o, "success5", json_real(f->success5));
	json_object_set_new(o, "answered3",
			    json_integer((json_int_t)f->answered3));
	json_object_set_new(o, "answer_mrr10", json_real(f->answer_mrr10));
}

/* The figures of one kind of file as text lines; a set's lines start with
 * its name. */
static void
figures_text(FILE *out, kb_eval_kind_t kind, const char *set,
	     const kb_eval_figures_t *f)
{
	const char *p = set ? set : "", *sp = set ? " " : "";

	fprintf(out, "%s%squestions  %zu (%zu unanswered)\n", p, sp,
		f->questions, f->unanswered);
	fprintf(out, "%s%sMRR@10     %.4f\n%s%sR@1        %.4f\n"
		     "%s%sR@5        %.4f\n%s%sR@10       %.4f\n",
		p, sp, f->mrr10, p, sp, f->recall1, p, sp, f->recall5, p, sp,
		f->recall10);
	if (kind == KB_EVAL_TEMPLATED)
		fprintf(out, "%s%sS@1        %.4f\n%s%sS@5        %.4f\n", p,
			sp, f->success1, p, sp, f->success5);
	if (kind == KB_EVAL_PHRASE)
		fprintf(out,
			"%s%sanswered   %zu of %zu in the top 3\n"
			"%s%sS@1        %.4f\n%s%sMRR@10 (answer) %.4f\n",
			p, sp, f->answered3, f->questions, p, sp, f->success1,
			p, sp, f->answer_mrr10);
}

/* The distinct non-empty set names of the questions, in file order; at
 * most max of them.  Returns how many. */
static size_t
set_names(const kb_eval_t *ev, const char **names, size_t max)
{
	size_t i, k, n = 0;

	for (i = 0; i < kb_eval_count(ev); i++) {
		const char *s = kb_eval_get_question(ev, i)->set;

		if (s[0] == '\0')
			continue;
		for (k = 0; k < n && strcmp(names[k], s) != 0; k++)
			;
		if (k == n && n < max)
			names[n++] = s;
	}
	return n;
}

#define MAX_SETS 16

static int
print_figures(FILE *out, int json, const char *file, unsigned limit,
	      const kb_eval_t *ev)
{
	kb_eval_kind_t kind = kb_eval_get_kind(ev);
	const char *sets[MAX_SETS];
	size_t nsets = set_names(ev, sets, MAX_SETS), i;
	kb_eval_figures_t f;
	json_t *o = NULL, *so = NULL;

	if (kb_eval_get_figures(ev, &f) != KB_OK)
		return cli_error("eval", KB_ERR_NOMEM, NULL);
	if (json) {
		o = json_object();
		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "kind", json_string(kind_name(kind)));
		json_object_set_new(o, "limit", json_integer(limit));
		figures_json(o, kind, &f);
		if (f.timed) {
			json_object_set_new(o, "p50_ms", json_real(f.p50_ms));
			json_object_set_new(o, "p95_ms", json_real(f.p95_ms));
			json_object_set_new(o, "p99_ms", json_real(f.p99_ms));
			json_object_set_new(o, "max_ms", json_real(f.max_ms));
		}
		if (nsets > 0)
			so = json_object();
	} else {
		fprintf(out, "file       %s (%s)\n", file, kind_name(kind));
		figures_text(out, kind, NULL, &f);
		if (f.timed)
			fprintf(out,
				"latency    p50 %.3f ms, p95 %.3f ms, "
				"p99 %.3f ms, max %.3f ms\n",
				f.p50_ms, f.p95_ms, f.p99_ms, f.max_ms);
	}
	for (i = 0; i < nsets; i++) {
		kb_eval_figures_t sf;

		if (kb_eval_get_set_figures(ev, sets[i], &sf) != KB_OK) {
			json_decref(o);
			json_decref(so);
			return cli_error("eval", KB_ERR_NOMEM, NULL);
		}
		if (json) {
			json_t *one = json_object();

			figures_json(one, kind, &sf);
			json_object_set_new(so, sets[i], one);
		} else {
			figures_text(out, kind, sets[i], &sf);
		}
	}
	if (json) {
		if (so != NULL)
			json_object_set_new(o, "sets", so);
		json_dumpf(o, out, JSON_COMPACT | JSON_REAL_PRECISION(6));
		fputc('\n', out);
		json_decref(o);
	}
	return EXIT_SUCCESS;
}

/* --print-params: the engine's ranking parameters and their compiled-in
 * values, as one JSON object (what tools/tune.py starts from). */
static int
print_params(FILE *out)
{
	json_t *o = json_object();
	const char *name;
	double value;
	size_t i;

	for (i = 0; kb_engine_param(i, &name, &value) == KB_OK; i++)
		json_object_set_new(o, name, json_real(value));
	json_dumpf(o, out, JSON_COMPACT | JSON_REAL_PRECISION(6) |
				   JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(o);
	return EXIT_SUCCESS;
}

/* Prints at most START_BYTES of s on one line, newlines as spaces, cut at
 * a character boundary. */
static void
print_start(FILE *out, const char *indent, const char *s, size_t len)
{
	size_t n = len, i;

	if (n > START_BYTES) {
		n = START_BYTES;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	fputs(indent, out);
	for (i = 0; i < n; i++)
		fputc(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' '
								   : s[i],
		      out);
	fputs(n < len ? "...\n" : "\n", out);
}

static void
explain_text(FILE *out, const kb_eval_question_t *q, const kb_answer_t *ans,
	     const kb_eval_outcome_t *o)
{
	size_t i, k;

	fprintf(out, "question   %s: %s\n", q->qid, q->question);
	for (k = 0; k < q->ngold; k++)
		fprintf(out, "%-10s %s#%d%s\n", k == 0 ? "gold" : "",
			q->gold[k].path, q->gold[k].section,
			k == 0 ? "" : " (alt_gold)");
	if (q->gold[0].answer != NULL)
		print_start(out, "answer     ", q->gold[0].answer,
			    q->gold[0].answer_len);
	fprintf(out, "document rank %u, answer rank %u (0: not in the top "
		     "%d)\n\n",
		o->doc_rank, o->answer_rank, KB_EVAL_DEPTH);
	if (ans == NULL || ans->nresults == 0) {
		fputs("no results\n", out);
		return;
	}
	fputs("rank    score  doc  answer (pairs)  source\n", out);
	for (i = 0; i < o->nresults; i++) {
		const kb_result_t *r = &ans->results[i];
		const kb_eval_mark_t *m = &o->marks[i];
		char words[16] = "";

		if (m->loc >= 0)
			snprintf(words, sizeof(words), "(%.2f #%d)", m->match,
				 q->gold[m->loc].section);
		fprintf(out, "%4zu %8.3f  %-3s  %-3s %-11s  %s\n", i + 1,
			r->score, m->doc ? "yes" : "no",
			m->answer ? "yes" : "no", words, r->source);
		if (r->explain != NULL)
			fprintf(out, "     why: %s; kind %s, section \"%s\"\n",
				r->explain, r->kind ? r->kind : "",
				r->section ? r->section : "");
		print_start(out, "     ", r->snippet ? r->snippet : "",
			    r->snippet ? r->snippet_len : 0);
	}
}

static void
explain_json(FILE *out, const kb_eval_question_t *q, const kb_answer_t *ans,
	     const kb_eval_outcome_t *o)
{
	json_t *obj = json_object(), *gold = json_array(), *res = json_array();
	size_t i, k;

	for (k = 0; k < q->ngold; k++)
		json_array_append_new(gold, json_pack("{s:s, s:i}", "path",
						      q->gold[k].path,
						      "section",
						      q->gold[k].section));
	for (i = 0; i < o->nresults; i++) {
		const kb_result_t *r = &ans->results[i];
		const kb_eval_mark_t *m = &o->marks[i];
		json_t *ro = json_object();

		json_object_set_new(ro, "rank",
				    json_integer((json_int_t)i + 1));
		json_object_set_new(ro, "score", json_real(r->score));
		json_object_set_new(ro, "source", json_string(r->source));
		json_object_set_new(ro, "doc", json_boolean(m->doc));
		json_object_set_new(ro, "answer", json_boolean(m->answer));
		json_object_set_new(ro, "match", json_real(m->match));
		if (m->loc >= 0)
			json_object_set_new(
				ro, "gold_section",
				json_integer(q->gold[m->loc].section));
		if (r->explain != NULL)
			json_object_set_new(ro, "explain",
					    json_string(r->explain));
		json_object_set_new(ro, "snippet",
				    json_stringn(r->snippet ? r->snippet : "",
						 r->snippet ? r->snippet_len
							    : 0));
		json_array_append_new(res, ro);
	}
	json_object_set_new(obj, "qid", json_string(q->qid));
	json_object_set_new(obj, "question", json_string(q->question));
	json_object_set_new(obj, "gold", gold);
	if (q->gold[0].answer != NULL)
		json_object_set_new(obj, "gold_answer",
				    json_stringn(q->gold[0].answer,
						 q->gold[0].answer_len));
	json_object_set_new(obj, "doc_rank", json_integer(o->doc_rank));
	json_object_set_new(obj, "answer_rank", json_integer(o->answer_rank));
	json_object_set_new(obj, "results", res);
	json_dumpf(obj, out, JSON_COMPACT | JSON_REAL_PRECISION(6));
	fputc('\n', out);
	json_decref(obj);
}

/* Reads the answer on line i + 1 of the answers file into *rd / *ans. */
static int
answer_at(const char *path, size_t i, kb_eval_answers_t **rd,
	  const kb_answer_t **ans)
{
	char *err = NULL;
	kb_status_t rc;
	size_t k;

	rc = kb_eval_answers_open(path, rd, &err);
	if (rc != KB_OK)
		return cli_error_free("eval", rc, err);
	for (k = 0; k <= i; k++) {
		rc = kb_eval_answers_next(*rd, ans);
		if (rc == KB_DONE) {
			fprintf(stderr, "%s: eval: %s: %zu answer lines, no "
					"line %zu\n",
				PROG, path, k, i + 1);
			return EXIT_FAILURE;
		}
		if (rc != KB_OK)
			return cli_error("eval", rc,
					 kb_eval_answers_errmsg(*rd));
	}
	return EXIT_SUCCESS;
}

/* What "relief eval" was asked to do. */
typedef struct eval_opts {
	engine_opts_t eo;
	const char *db;		/* --db, or NULL */
	const char *answers;	/* --answers FILE: score it, no engine */
	const char *sections, *corpus;
	const char *explain;	/* --explain QID, or NULL */
	const char *format;	/* "text" or "json" */
	unsigned limit;
	int print_params;
} eval_opts_t;

/* Checks the options that only go together.  Returns an exit status. */
static int
check_args(const eval_opts_t *o, int nf)
{
	if (nf != 1)
		return cli_usage_error("eval", "expected one QUESTIONS.tsv");
	if ((o->sections == NULL) != (o->corpus == NULL))
		return cli_usage_error("eval", "--sections and --corpus go "
					       "together");
	if (o->answers != NULL && o->db != NULL)
		return cli_usage_error("eval", "--answers scores a file; "
					       "--db is not used with it");
	return EXIT_SUCCESS;
}

/* Opens the question file with its sections, and finds the --explain
 * question's index in *qi.  Returns an exit status. */
static int
open_questions(const eval_opts_t *o, const char *file, kb_eval_t **ev,
	       size_t *qi)
{
	char *err = NULL;
	kb_status_t rc;

	rc = kb_eval_open(file, ev, &err);
	if (rc != KB_OK)
		return cli_error_free("eval", rc, err);
	if (o->sections != NULL) {
		rc = kb_eval_load_sections(*ev, o->sections, o->corpus);
		if (rc != KB_OK) {
			cli_error("eval", rc, kb_eval_errmsg(*ev));
			return EXIT_FAILURE;
		}
	}
	if (o->explain != NULL && kb_eval_find(*ev, o->explain, qi) != KB_OK) {
		fprintf(stderr, "%s: eval: %s: no question '%s'\n", PROG,
			file, o->explain);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

/* Asks the engine question q, timing it in *ms.  A question without
 * searchable words gets no answer but is no failure.  Returns an exit
 * status. */
static int
ask_engine(kb_engine_t *en, const kb_eval_question_t *q, unsigned limit,
	   int explain, kb_answer_t **ans, double *ms)
{
	kb_search_t s = {.limit = limit, .explain = explain};
	double t = kb_now();
	kb_status_t rc;

	rc = kb_engine_search(en, q->question, strlen(q->question), &s, ans);
	*ms = (kb_now() - t) * 1e3;
	if (rc != KB_OK && rc != KB_ERR_QUERY_SYNTAX)
		return cli_error("eval", rc, kb_engine_errmsg(en));
	return EXIT_SUCCESS;
}

/* Judges question qi on its line of the answers file, or on the engine's
 * answer, and shows how its top results were judged.  Returns an exit
 * status. */
static int
explain_question(const eval_opts_t *o, kb_eval_t *ev, kb_engine_t *en,
		 size_t qi)
{
	const kb_eval_question_t *q = kb_eval_get_question(ev, qi);
	const kb_eval_outcome_t *oc;
	const kb_answer_t *ans = NULL;
	kb_answer_t *own = NULL;
	kb_eval_answers_t *rd = NULL;
	int status = EXIT_FAILURE;
	kb_status_t rc;
	double t;

	if (o->answers != NULL) {
		if (answer_at(o->answers, qi, &rd, &ans) != EXIT_SUCCESS)
			goto done;
		rc = kb_eval_judge(ev, qi, ans, -1.0, &oc);
	} else {
		if (ask_engine(en, q, o->limit, 1, &own, &t) != EXIT_SUCCESS)
			goto done;
		ans = own;
		rc = kb_eval_judge(ev, qi, ans, t, &oc);
	}
	if (rc != KB_OK) {
		cli_error("eval", rc, kb_eval_errmsg(ev));
		goto done;
	}
	if (strcmp(o->format, "json") == 0)
		explain_json(stdout, q, ans, oc);
	else
		explain_text(stdout, q, ans, oc);
	status = EXIT_SUCCESS;
done:
	kb_answer_free(own);
	kb_eval_answers_close(rd);
	return status;
}

/* Scores every question of file, on the answers file or the engine, and
 * prints the figures.  Returns an exit status. */
static int
score_all(const eval_opts_t *o, kb_eval_t *ev, kb_engine_t *en,
	  const char *file)
{
	kb_status_t rc;

	if (o->answers != NULL)
		rc = kb_eval_run_answers(ev, o->answers);
	else
		rc = kb_eval_run(ev, en, o->limit);
	if (rc != KB_OK) {
		cli_error("eval", rc, kb_eval_errmsg(ev));
		return EXIT_FAILURE;
	}
	if (print_figures(stdout, strcmp(o->format, "json") == 0, file,
			  o->limit, ev) != EXIT_SUCCESS)
		return EXIT_FAILURE;
	return EXIT_SUCCESS;
}

int
cmd_eval(int argc, char **argv)
{
	eval_opts_t o = {.format = "text", .limit = 10};
	const cli_option_t opts[] = {
		CLI_OPT_STRING("db", &o.db),
		CLI_OPT_STRING("answers", &o.answers),
		CLI_OPT_STRING("sections", &o.sections),
		CLI_OPT_STRING("corpus", &o.corpus),
		CLI_OPT_STRING("explain", &o.explain),
		CLI_OPT_CHOICE("format", &o.format, "text|json"),
		CLI_OPT_UINT("limit", &o.limit, 1, 1000),
		CLI_OPT_FLAG("print-params", &o.print_params),
		CLI_ENGINE_OPTIONS(o.eo),
		CLI_OPT_END,
	};
	kb_eval_t *ev = NULL;
	kb_engine_t *en = NULL;
	size_t qi = 0;
	int nf, status;

	status = cli_parse("eval", opts, usage, argc, argv, &nf);
	if (status != 0)
		return status == CLI_HELP ? EXIT_SUCCESS : status;
	if (o.print_params) {
		if (nf != 0)
			return cli_usage_error("eval", "--print-params takes "
						       "no question file");
		return print_params(stdout);
	}
	status = check_args(&o, nf);
	if (status != EXIT_SUCCESS)
		return status;
	status = open_questions(&o, argv[1], &ev, &qi);
	if (status == EXIT_SUCCESS && o.answers == NULL &&
	    cli_open_engine("eval", cli_db_path(o.db), &o.eo, &en) !=
		    EXIT_SUCCESS)
		status = EXIT_FAILURE;
	if (status == EXIT_SUCCESS)
		status = o.explain != NULL
				 ? explain_question(&o, ev, en, qi)
				 : score_all(&o, ev, en, argv[1]);
	kb_engine_close(en);
	kb_eval_close(ev);
	return status;
}
