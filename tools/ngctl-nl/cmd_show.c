// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: commands that read the graph: list, show, types, dot.
 * Output formats are those of FreeBSD's ngctl (list.c, show.c, types.c,
 * dot.c), fed from the GET_NODE, GET_HOOKS and GET_TYPE dumps.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ngctl.h"

#define UNNAMED		"<unnamed>"
#define NODE_FMT	"  Name: %-15s Type: %-15s ID: %08x   Num hooks: %u\n"
#define HOOK_FMT	"  %-15s %-15s %-12s %-15s %-15s\n"

/* ---- growable vectors filled by dump callbacks ---- */

struct vec {
	void *v;
	size_t n, cap, size;
};

static int vec_push(struct vec *vec, const void *item)
{
	if (vec->n == vec->cap) {
		size_t ncap = vec->cap ? vec->cap * 2 : 64;
		void *nv = realloc(vec->v, ncap * vec->size);

		if (!nv)
			return -ENOMEM;
		vec->v = nv;
		vec->cap = ncap;
	}
	memcpy((char *)vec->v + vec->n * vec->size, item, vec->size);
	vec->n++;
	return 0;
}

static int push_node(const struct ngnl_node *n, void *arg)
{
	return vec_push(arg, n);
}

static int push_hook(const struct ngnl_hook *hk, void *arg)
{
	return vec_push(arg, hk);
}

static int push_type(const struct ngnl_typeinfo *t, void *arg)
{
	return vec_push(arg, t);
}

/*
 * Dumps are restarted (a few times) when the kernel flags them with
 * NLM_F_DUMP_INTR, i.e. the graph changed while they ran, so a listing is
 * a consistent snapshot whenever the graph holds still long enough.
 */
#define DUMP_TRIES	5

static int get_nodes(struct ngnl *nl, uint32_t flags, struct vec *nodes)
{
	int r, try;

	for (try = 1;; try++) {
		nodes->n = 0;
		r = ngnl_dump_nodes(nl, flags, push_node, nodes);
		if (r || !ngnl_dump_interrupted(nl) || try == DUMP_TRIES)
			return r;
	}
}

static int get_hooks(struct ngnl *nl, const char *path, struct vec *hooks)
{
	int r, try;

	for (try = 1;; try++) {
		hooks->n = 0;
		r = ngnl_dump_hooks(nl, path, push_hook, hooks);
		if (r || !ngnl_dump_interrupted(nl) || try == DUMP_TRIES)
			return r;
	}
}

static const char *node_name(const struct ngnl_node *n)
{
	return n->name[0] ? n->name : UNNAMED;
}

/* ---- show ---- */

/*
 * Print one node as "show" does, or with @json as one JSON object (its
 * members, and "hooks": an array of {"hook", "peer": {node}, "peerhook"})
 * after @sep; returns 0 or a negative errno, having printed nothing.
 */
static int show_node(struct ngnl *nl, const char *path, bool no_hooks,
		     bool json, const char *sep)
{
	struct vec hooks = { .size = sizeof(struct ngnl_hook) };
	struct ngnl_node n;
	char idbuf[20];
	size_t k;
	int r;

	r = ngnl_get_node(nl, path, &n);
	if (r)
		return r;
	if (!no_hooks && n.numhooks > 0) {
		r = get_hooks(nl, path, &hooks);
		if (r) {
			free(hooks.v);
			return r;
		}
	}
	if (json) {
		printf("%s{", sep);
		ngctl_json_node(stdout, &n);
		if (!no_hooks) {
			fputs(",\"hooks\":[", stdout);
			for (k = 0; k < hooks.n; k++) {
				const struct ngnl_hook *hk =
					(struct ngnl_hook *)hooks.v + k;

				fputs(k ? ",{\"hook\":" : "{\"hook\":", stdout);
				ngctl_json_str(stdout, hk->name);
				fputs(",\"peer\":{", stdout);
				ngctl_json_node(stdout, &hk->peer);
				fputs("},\"peerhook\":", stdout);
				ngctl_json_str(stdout, hk->peerhook);
				putchar('}');
			}
			putchar(']');
		}
		putchar('}');
		free(hooks.v);
		return 0;
	}
	printf(NODE_FMT, node_name(&n), n.type, n.id, n.numhooks);
	if (hooks.n > 0) {
		printf(HOOK_FMT, "Local hook", "Peer name", "Peer type",
		       "Peer ID", "Peer hook");
		printf(HOOK_FMT, "----------", "---------", "---------",
		       "-------", "---------");
	}
	for (k = 0; k < hooks.n; k++) {
		const struct ngnl_hook *hk = (struct ngnl_hook *)hooks.v + k;

		snprintf(idbuf, sizeof(idbuf), "%08x", hk->peer.id);
		printf(HOOK_FMT, hk->name, node_name(&hk->peer), hk->peer.type,
		       idbuf, hk->peerhook);
	}
	free(hooks.v);
	return 0;
}

static int show_handler(struct ngctl *ctx, int argc, char **argv)
{
	const char *path;
	unsigned int opts;
	struct ngnl *nl;
	int i, r;

	i = ngctl_getopts(argc, argv, "n", &opts);
	if (i < 0 || argc - i != 1)
		return CMD_USAGE;
	nl = ngctl_nl(ctx);
	if (!nl || !(path = ngctl_path(ctx, argv[i])))
		return CMD_ERROR;
	r = show_node(nl, path, opts & OPT('n'), ctx->json, "");
	if (!r && ctx->json)
		putchar('\n');
	return ngctl_done(ctx, "show", r);
}

const struct ngctl_cmd show_cmd = {
	.name = "show",
	.aliases = { "inquire", "info", NULL },
	.usage = "[-n] <path>",
	.summary = "Print one node and a table of its hooks",
	.help = "Prints the node's name, type, ID and number of hooks, then a "
		"table of its hooks with each peer's name, type, ID and hook. "
		"If the -n flag is given, hooks are not listed.",
	.handler = show_handler,
};

/* ---- list ---- */

static int list_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct vec nodes = { .size = sizeof(struct ngnl_node) };
	unsigned int opts;
	struct ngnl *nl;
	size_t k, shown = 0;
	int i, r, rtn = CMD_OK;

	i = ngctl_getopts(argc, argv, "ln", &opts);
	if (i < 0 || i != argc)
		return CMD_USAGE;
	nl = ngctl_nl(ctx);
	if (!nl)
		return CMD_ERROR;
	/* the count comes first, so collect the (streamed) dump */
	r = get_nodes(nl, opts & OPT('n') ? NETGRAPH_F_NAMED : 0, &nodes);
	if (r) {
		ngctl_err(ctx, "list", r);
		free(nodes.v);
		return CMD_ERROR;
	}
	if (ctx->json)
		putchar('[');
	else
		printf("There are %zu total %snodes:\n", nodes.n,
		       opts & OPT('n') ? "named " : "");
	for (k = 0; k < nodes.n; k++) {
		const struct ngnl_node *n = (struct ngnl_node *)nodes.v + k;
		char path[32];

		if (ctx->json && !(opts & OPT('l'))) {
			fputs(k ? ",{" : "{", stdout);
			ngctl_json_node(stdout, n);
			putchar('}');
			continue;
		}
		if (!(opts & OPT('l'))) {
			printf(NODE_FMT, node_name(n), n->type, n->id,
			       n->numhooks);
			continue;
		}
		snprintf(path, sizeof(path), "[%x]:", n->id);
		r = show_node(nl, path, false, ctx->json, shown ? "," : "");
		/* a node that went away since the dump is skipped */
		if (r == -ENOENT)
			continue;
		if (r) {
			if (ctx->json)
				putchar('\n');
			ngctl_err(ctx, "list", r);
			rtn = CMD_ERROR;
			break;
		}
		shown++;
		if (!ctx->json && k + 1 < nodes.n)
			printf("\n");
	}
	if (ctx->json && rtn == CMD_OK)
		puts("]");
	free(nodes.v);
	return rtn;
}

const struct ngctl_cmd list_cmd = {
	.name = "list",
	.aliases = { "ls", NULL },
	.usage = "[-ln]",
	.summary = "Print every node of this namespace's graph",
	.help = "Shows every node of this network namespace's graph. The "
		"optional -n argument limits the list to named nodes. The "
		"optional -l argument shows each node as \"show\" does, hooks "
		"included.",
	.handler = list_handler,
};

/* ---- types ---- */

static int types_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct vec types = { .size = sizeof(struct ngnl_typeinfo) };
	struct ngnl *nl;
	size_t k;
	int r;

	(void)argv;
	if (argc != 1)
		return CMD_USAGE;
	nl = ngctl_nl(ctx);
	if (!nl)
		return CMD_ERROR;
	r = ngnl_dump_types(nl, push_type, &types);
	if (r) {
		ngctl_err(ctx, "types", r);
		free(types.v);
		return CMD_ERROR;
	}
	if (ctx->json) {
		putchar('[');
		for (k = 0; k < types.n; k++) {
			const struct ngnl_typeinfo *t =
				(struct ngnl_typeinfo *)types.v + k;

			fputs(k ? ",{\"type\":" : "{\"type\":", stdout);
			ngctl_json_str(stdout, t->name);
			printf(",\"numnodes\":%u}", t->numnodes);
		}
		puts("]");
		free(types.v);
		return CMD_OK;
	}
	printf("There are %zu total types:\n", types.n);
	if (types.n > 0) {
		printf("%15s   Number of living nodes\n", "Type name");
		printf("%15s   ----------------------\n", "---------");
	}
	for (k = 0; k < types.n; k++) {
		const struct ngnl_typeinfo *t =
			(struct ngnl_typeinfo *)types.v + k;

		printf("%15s   %5u\n", t->name, t->numnodes);
	}
	free(types.v);
	return CMD_OK;
}

const struct ngctl_cmd types_cmd = {
	.name = "types",
	.aliases = { NULL },
	.usage = "",
	.summary = "Print the registered node types and their node counts",
	.help = "Lists the registered node types with the number of living "
		"nodes of each (counted over all network namespaces).",
	.handler = types_handler,
};

/* ---- dot ---- */

static int dot_node_hooks(FILE *f, struct ngnl *nl, const struct ngnl_node *n,
			  bool compact)
{
	struct vec hooks = { .size = sizeof(struct ngnl_hook) };
	char path[32];
	size_t j;
	int r;

	snprintf(path, sizeof(path), "[%x]:", n->id);
	r = get_hooks(nl, path, &hooks);
	if (r == -ENOENT)	/* the node went away since the dump */
		r = 0;
	if (r || hooks.n == 0) {
		free(hooks.v);
		return r;
	}
	if (!compact) {
		fprintf(f, "\tnode [ shape = octagon, fontsize = 10 ] {\n");
		for (j = 0; j < hooks.n; j++) {
			const struct ngnl_hook *hk =
				(struct ngnl_hook *)hooks.v + j;

			fprintf(f, "\t\t\"%x.%s\" [ label = \"%s\" ];\n", n->id,
				hk->name, hk->name);
		}
		fprintf(f, "\t};\n");
		fprintf(f, "\t{\n\t\tedge [ weight = 2.0, style = bold ];\n");
		for (j = 0; j < hooks.n; j++) {
			const struct ngnl_hook *hk =
				(struct ngnl_hook *)hooks.v + j;

			fprintf(f, "\t\t\"%x\" -- \"%x.%s\";\n", n->id, n->id,
				hk->name);
		}
		fprintf(f, "\t};\n");
	}
	for (j = 0; j < hooks.n; j++) {
		const struct ngnl_hook *hk = (struct ngnl_hook *)hooks.v + j;

		/* each edge once: from the side with the higher ID */
		if (hk->peer.id > n->id)
			continue;
		if (compact)
			fprintf(f,
				"\t\"%x\" -> \"%x\" [ headlabel = \"%s\", "
				"taillabel = \"%s\" ] ;\n",
				hk->peer.id, n->id, hk->name, hk->peerhook);
		else
			fprintf(f, "\t\"%x.%s\" -- \"%x.%s\";\n", n->id,
				hk->name, hk->peer.id, hk->peerhook);
	}
	free(hooks.v);
	return 0;
}

static int dot_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct vec nodes = { .size = sizeof(struct ngnl_node) };
	const struct ngnl_node *nv;
	unsigned int opts;
	struct ngnl *nl;
	bool compact;
	FILE *f = stdout;
	size_t k;
	int i, r, rtn = CMD_OK;

	i = ngctl_getopts(argc, argv, "c", &opts);
	if (i < 0 || argc - i > 1)
		return CMD_USAGE;
	compact = opts & OPT('c');
	nl = ngctl_nl(ctx);
	if (!nl)
		return CMD_ERROR;
	r = get_nodes(nl, 0, &nodes);
	if (r) {
		ngctl_err(ctx, "dot", r);
		free(nodes.v);
		return CMD_ERROR;
	}
	if (argc - i == 1) {
		f = fopen(argv[i], "w");
		if (!f) {
			r = -errno;
			ngctl_warnx("dot: could not open %s for writing: %s",
				    argv[i], strerror(-r));
			free(nodes.v);
			return CMD_ERROR;
		}
	}
	nv = nodes.v;

	if (compact) {
		fprintf(f, "digraph netgraph {\n");
		fprintf(f, "\tedge [ dir = \"none\", fontsize = 10 ];\n");
	} else {
		fprintf(f, "graph netgraph {\n");
		fprintf(f, "\tedge [ weight = 1.0 ];\n");
	}
	fprintf(f, "\tnode [ shape = record, fontsize = 12 ] {\n");
	for (k = 0; k < nodes.n; k++)
		fprintf(f, "\t\t\"%x\" [ label = \"{%s:|{%s|[%x]:}}\" ];\n",
			nv[k].id, nv[k].name[0] ? nv[k].name : "\\<unnamed\\>",
			nv[k].type, nv[k].id);
	fprintf(f, "\t};\n");

	fprintf(f, "\tsubgraph cluster_disconnected {\n");
	fprintf(f, "\t\tbgcolor = pink;\n");
	for (k = 0; k < nodes.n; k++)
		if (nv[k].numhooks == 0)
			fprintf(f, "\t\t\"%x\";\n", nv[k].id);
	fprintf(f, "\t};\n");

	for (k = 0; k < nodes.n; k++) {
		if (nv[k].numhooks == 0)
			continue;
		r = dot_node_hooks(f, nl, &nv[k], compact);
		if (r) {
			ngctl_err(ctx, "dot", r);
			rtn = CMD_ERROR;
			break;
		}
	}
	if (rtn == CMD_OK)
		fprintf(f, "}\n");

	if (f != stdout && fclose(f) != 0 && rtn == CMD_OK) {
		ngctl_warnx("dot: %s: %s", argv[i], strerror(errno));
		rtn = CMD_ERROR;
	}
	free(nodes.v);
	return rtn;
}

const struct ngctl_cmd dot_cmd = {
	.name = "dot",
	.aliases = { "graphviz", "confdot", NULL },
	.usage = "[-c] [outputfile]",
	.summary = "Print the whole graph in GraphViz dot language",
	.help = "Writes to <outputfile>, or to standard output. Nodes are "
		"records labelled name, type and [ID]; nodes without hooks "
		"are grouped in a pink cluster. Without -c every hook is a "
		"separate octagon joined to its node; the optional -c "
		"argument instead draws one labelled edge per link, a more "
		"compact graph.",
	.handler = dot_handler,
};
