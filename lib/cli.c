/* Shared pieces of the binaries' main(): the common options, usage, the exit. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/cli.h"
#include "ki/jsonfile.h"
#include "ki/exit.h"
#include "ki/num.h"
#include "ki/progress.h"
#include "ki/share.h"

int
ki_cli_param(json_t *params, const char *arg, struct ki_err *err)
{
	const char *eq = strchr(arg, '=');
	char name[128];
	double d;

	if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof(name))
		return ki_err_set(err, NULL, 0, NULL, "--param: \"%s\" is not "
		    "NAME=VALUE", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (ki_num_parse(eq + 1, &d) == -1)
		return ki_err_set(err, NULL, 0, NULL, "--param: %s: \"%s\" is not "
		    "a number", name, eq + 1);
	if (json_object_set_new(params, name, json_real(d)) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

int
ki_cli_params_file(json_t *params, const char *path, struct ki_err *err)
{
	json_t *o, *v;
	const char *key;

	if ((o = ki_json_load(path, err)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return ki_err_set(err, path, 0, NULL, "must be a JSON object of "
		    "names and numbers");
	}
	json_object_foreach(o, key, v) {
		if (!json_is_number(v)) {
			ki_err_set(err, path, 0, key, "must be a number");
			json_decref(o);
			return -1;
		}
		if (json_object_set(params, key, v) == -1) {
			json_decref(o);
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
	}
	json_decref(o);
	return 0;
}

int
ki_cli_list(const char *prog, const char *kind)
{
	char *dir = ki_share_dir(kind);
	struct dirent **ents;
	int n, i, rc = KI_EXIT_OK;

	if (dir == NULL) {
		if (errno == ENOMEM)
			fprintf(stderr, "%s: out of memory\n", prog);
		else
			fprintf(stderr, "%s: cannot find the shipped %s\n", prog,
			    kind);
		return KI_EXIT_DATA;
	}
	if ((n = ki_share_scan(dir, &ents)) < 0) {
		fprintf(stderr, "%s: out of memory\n", prog);
		free(dir);
		return KI_EXIT_DATA;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name, *d, *src, *stop;
		struct ki_err err;
		char path[4096];
		json_t *j;

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if ((j = ki_json_load(path, &err)) == NULL) {
			ki_diag(prog, &err);
			rc = KI_EXIT_DATA;
			continue;
		}
		d = json_string_value(json_object_get(j, "description"));
		d = d ? d : "";
		src = json_string_value(json_object_get(j, "source"));
		stop = strstr(d, ". ");
		printf("%.*s\t%.*s\t%s\n", (int)(strlen(name) - 5), name,
		    stop ? (int)(stop - d) : (int)strlen(d), d, src ? src : "");
		json_decref(j);
	}
	ki_share_scan_free(ents, n);
	free(dir);
	return rc;
}

int
ki_cli_finish(const char *prog, struct ki_out *o, int rc, struct ki_err *err)
{
	if (rc < 0) {
		ki_diag(prog, err);
		ki_out_abort(o);
		return rc == KI_ERR_USAGE && !ki_err_oom(err) ? KI_EXIT_USAGE :
		    KI_EXIT_DATA;
	}
	if (ki_out_commit(o, err) == -1) {
		if (err->msg[0] != '\0')
			ki_diag(prog, err);
		return KI_EXIT_DATA;
	}
	return KI_EXIT_OK;
}

void
ki_cli_quiet(const char *prog, int *argc, char **argv)
{
	int i, j, quiet = 0;

	for (i = j = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--quiet") == 0)
			quiet = 1;
		else
			argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argc = j;
	ki_progress_init(prog, !quiet);
}

int
ki_cli_init(struct ki_cli *cli, const char *prog, const char *list,
    const struct ki_cli_usage *use, int *argc, char **argv)
{
	memset(cli, 0, sizeof(*cli));
	cli->prog = prog;
	cli->list = list;
	cli->use = use;
	cli->fmt = KI_FMT_AUTO;
	argv[0] = (char *)prog;	/* getopt's messages name the program so */
	ki_cli_quiet(prog, argc, argv);
	if ((cli->params = json_object()) == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return KI_EXIT_DATA;
	}
	return KI_CLI_NEXT;
}

void
ki_cli_free(struct ki_cli *cli)
{
	json_decref(cli->params);
	cli->params = NULL;
}

int
ki_cli_usage(struct ki_cli *cli, int status)
{
	FILE *fp = status == KI_EXIT_OK ? stdout : stderr;

	fputs(cli->use->synopsis, fp);
	if (status != KI_EXIT_OK)
		fprintf(fp, "Try '%s --help'.\n", cli->prog);
	else
		fputs(cli->use->help, fp);
	ki_cli_free(cli);
	return status;
}

int
ki_cli_misuse(struct ki_cli *cli, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return ki_cli_usage(cli, KI_EXIT_USAGE);
}

int
ki_cli_fail(struct ki_cli *cli, const struct ki_err *err, int status)
{
	ki_diag(cli->prog, err);
	ki_cli_free(cli);
	return ki_err_oom(err) ? KI_EXIT_DATA : status;
}

int
ki_cli_opt(struct ki_cli *cli, int ch, const char *arg)
{
	int rc;

	switch (ch) {
	case 'o':
		cli->outfile = arg;
		return KI_CLI_NEXT;
	case KI_CLI_OPT_CSV:
		cli->fmt = KI_FMT_CSV;
		return KI_CLI_NEXT;
	case KI_CLI_OPT_JSON:
		cli->fmt = KI_FMT_JSON;
		return KI_CLI_NEXT;
	case 'P':
		if (ki_cli_param(cli->params, arg, &cli->err) == 0)
			return KI_CLI_NEXT;
		ki_diag(cli->prog, &cli->err);
		if (ki_err_oom(&cli->err)) {
			ki_cli_free(cli);
			return KI_EXIT_DATA;
		}
		return ki_cli_usage(cli, KI_EXIT_USAGE);
	case KI_CLI_OPT_PARAMS:
		if (ki_cli_params_file(cli->params, arg, &cli->err) == 0)
			return KI_CLI_NEXT;
		return ki_cli_fail(cli, &cli->err, KI_EXIT_DATA);
	case KI_CLI_OPT_LIST:
		if (cli->list == NULL)
			break;
		rc = ki_cli_list(cli->prog, cli->list);
		ki_cli_free(cli);
		return rc;
	case 'h':
		return ki_cli_usage(cli, KI_EXIT_OK);
	case 'V':
		printf("%s %s\n", cli->prog, KI_VERSION);
		ki_cli_free(cli);
		return KI_EXIT_OK;
	default:
		break;
	}
	return ki_cli_usage(cli, KI_EXIT_USAGE);
}

char *
ki_cli_find(struct ki_cli *cli, const char *kind, const char *name,
    int *status)
{
	struct ki_err err;
	char *path;

	if ((path = ki_share_find(kind, name, &err)) != NULL)
		return path;
	ki_diag(cli->prog, &err);
	if (!ki_share_is_path(name) && !ki_err_oom(&err))
		*status = ki_cli_usage(cli, KI_EXIT_USAGE);
	else {
		ki_cli_free(cli);
		*status = KI_EXIT_DATA;
	}
	return NULL;
}

int
ki_cli_open(struct ki_cli *cli)
{
	if (ki_out_open(&cli->out, cli->outfile, &cli->err) == -1)
		return ki_cli_fail(cli, &cli->err, KI_EXIT_DATA);
	return KI_CLI_NEXT;
}

int
ki_cli_done(struct ki_cli *cli, int rc)
{
	int status = ki_cli_finish(cli->prog, &cli->out, rc, &cli->err);

	ki_cli_free(cli);
	return status;
}

int
ki_cli_epoch(const char *s, long long *secs)
{
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	if (!(*s >= '0' && *s <= '9'))
		return -1;
	*secs = strtoll(s, &end, 10);
	if (*end != '\0' || *secs > 253402300799LL)
		return -1;
	return 1;
}
