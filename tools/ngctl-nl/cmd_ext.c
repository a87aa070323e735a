// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: Linux extensions without a FreeBSD ngctl counterpart: inject,
 * rawmsg, stats, monitor.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <netgraph.h>

#include "ngctl.h"

#define MAX_DATA	(0xffff - 4)

/* ---- inject ---- */

/*
 * A packet from the command line: "-f file", or byte values and quoted
 * strings from argv[@first] on.  Returns the length in *@lenp (the buffer,
 * MAX_DATA bytes, malloc()ed in *@bufp) and CMD_OK, or CMD_* after printing.
 */
static int read_payload(struct ngctl *ctx, const char *cmd, int argc,
			char **argv, int first, unsigned char **bufp,
			size_t *lenp)
{
	unsigned char *buf;
	size_t len = 0;
	int i, r;

	*bufp = buf = malloc(MAX_DATA + 1);
	if (!buf) {
		ngctl_err(ctx, cmd, -ENOMEM);
		return CMD_ERROR;
	}
	if (argc > first && strcmp(argv[first], "-f") == 0 &&
	    !(ctx->argq && ctx->argq[first])) {
		FILE *fp;

		if (argc != first + 2)
			return CMD_USAGE;
		fp = fopen(argv[first + 1], "r");
		if (!fp) {
			ngctl_warnx("%s: %s: %s", cmd, argv[first + 1],
				    strerror(errno));
			return CMD_ERROR;
		}
		len = fread(buf, 1, MAX_DATA + 1, fp);
		r = ferror(fp);
		fclose(fp);
		if (r) {
			ngctl_warnx("%s: %s: read error", cmd, argv[first + 1]);
			return CMD_ERROR;
		}
		if (len > MAX_DATA) {
			ngctl_warnx("%s: %s: more than %d bytes", cmd,
				    argv[first + 1], MAX_DATA);
			return CMD_ERROR;
		}
		*lenp = len;
		return CMD_OK;
	}
	for (i = first; i < argc; i++) {
		bool quoted = ctx->argq && ctx->argq[i];
		size_t alen = strlen(argv[i]);
		const char *errmsg = NULL;
		int n;

		if (!quoted && argv[i][0] == '"') {
			if (alen < 2 || argv[i][alen - 1] != '"') {
				ngctl_warnx("%s: unterminated string %s", cmd,
					    argv[i]);
				return CMD_USAGE;
			}
			if (len + alen > MAX_DATA)
				goto toolong;
			n = ngctl_unescape(argv[i] + 1, alen - 2,
					   (char *)buf + len, &errmsg);
			if (n < 0) {
				ngctl_warnx("%s: %s in %s", cmd, errmsg,
					    argv[i]);
				return CMD_USAGE;
			}
			len += n;
			continue;
		}
		if (quoted) {
			if (len + alen > MAX_DATA)
				goto toolong;
			memcpy(buf + len, argv[i], alen);
			len += alen;
			continue;
		}
		if (len + 1 > MAX_DATA)
			goto toolong;
		if (ngctl_parse_byte(argv[i], &buf[len])) {
			ngctl_warnx("%s: bad byte value \"%s\" (want -128..255 "
				    "or a \"string\")",
				    cmd, argv[i]);
			return CMD_USAGE;
		}
		len++;
	}
	*lenp = len;
	return CMD_OK;
toolong:
	ngctl_warnx("%s: more than %d bytes", cmd, MAX_DATA);
	return CMD_USAGE;
}

/*
 * inject's and rawmsg's start: the payload from argv[@first] on (in
 * *@bufp, to be freed whatever the result) and the path of argv[1].
 * Returns CMD_OK, or CMD_* after printing.
 */
static int payload_for_path(struct ngctl *ctx, const char *cmd, int argc,
			    char **argv, int first, unsigned char **bufp,
			    size_t *lenp, struct ngnl **nlp, const char **pathp)
{
	int r;

	*bufp = NULL;
	if (argc < first)
		return CMD_USAGE;
	r = read_payload(ctx, cmd, argc, argv, first, bufp, lenp);
	if (r != CMD_OK)
		return r;
	*nlp = ngctl_nl(ctx);
	if (!*nlp || !(*pathp = ngctl_path(ctx, argv[1])))
		return CMD_ERROR;
	return CMD_OK;
}

static int inject_handler(struct ngctl *ctx, int argc, char **argv)
{
	unsigned char *buf;
	const char *path;
	struct ngnl *nl;
	size_t len = 0;
	int r;

	r = payload_for_path(ctx, "inject", argc, argv, 3, &buf, &len, &nl,
			     &path);
	if (r == CMD_OK)
		r = ngctl_done(ctx, "inject",
			       ngnl_inject(nl, path, argv[2], buf, len));
	free(buf);
	return r;
}

const struct ngctl_cmd inject_cmd = {
	.name = "inject",
	.aliases = { NULL },
	.usage = "<path> <hook> [-f file | byte ...]",
	.summary = "Deliver a data packet to a node as if it arrived on <hook>",
	.help = "Extension (NETGRAPH_CMD_INJECT): the packet is delivered to "
		"the node at <path> as if it had arrived on its hook <hook>; "
		"a testing aid standing in for FreeBSD's \"write\" on the "
		"ngctl socket node. The payload is the contents of the file "
		"given with -f, or the concatenation of the arguments: byte "
		"values (decimal or 0x hex, -128..255) and double-quoted "
		"strings with C escapes, copied without a trailing NUL. No "
		"arguments send an empty packet.",
	.handler = inject_handler,
};

/* ---- rawmsg ---- */

static int rawmsg_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ng_mesg *resp = NULL;
	size_t len = 0, rlen = 0;
	unsigned char *buf;
	const char *path;
	struct ngnl *nl;
	int r;

	r = payload_for_path(ctx, "rawmsg", argc, argv, 2, &buf, &len, &nl,
			     &path);
	if (r != CMD_OK) {
		free(buf);
		return r;
	}
	r = ngnl_msg(nl, path, (const struct ng_mesg *)buf, len, &resp,
		     &rlen);
	free(buf);
	if (!r && resp)
		ngctl_hexdump(stdout, resp, rlen);
	free(resp);
	return ngctl_done(ctx, "rawmsg", r);
}

const struct ngctl_cmd rawmsg_cmd = {
	.name = "rawmsg",
	.aliases = { NULL },
	.usage = "<path> [-f file | byte ...]",
	.summary = "Send bytes as a whole ng_mesg, header included, unchecked",
	.help = "Extension, a testing aid: the bytes (as for inject) are "
		"sent as the NETGRAPH_CMD_MSG attribute exactly as given, "
		"header included, so malformed messages reach the kernel's "
		"checks. A reply is printed whole (header included) as a hex "
		"dump.",
	.handler = rawmsg_handler,
};

/* ---- write ---- */

static int write_handler(struct ngctl *ctx, int argc, char **argv)
{
	unsigned char *buf;
	size_t len = 0;
	int r;

	if (argc < 2)
		return CMD_USAGE;
	r = read_payload(ctx, "write", argc, argv, 2, &buf, &len);
	if (r != CMD_OK) {
		free(buf);
		return r;
	}
	if (ctx->dryrun) {
		printf("write on hook \"%s\": %zu bytes\n", argv[1], len);
		free(buf);
		return CMD_OK;
	}
	if (ngctl_self(ctx)) {
		free(buf);
		return CMD_ERROR;
	}
	r = NgSendData(ctx->ds, argv[1], buf, len) < 0 ? -errno : 0;
	free(buf);
	return ngctl_done(ctx, "write", r);
}

const struct ngctl_cmd write_cmd = {
	.name = "write",
	.aliases = { "w", NULL },
	.usage = "<hook> [-f file | byte ...]",
	.summary = "Send a data packet out of <hook> of ngctl-nl's own node",
	.help = "As FreeBSD's: the packet leaves ngctl-nl's node (\".\") "
		"through its hook <hook>, e.g. after \"mkpeer . echo e "
		"any\". The payload is the contents of the file given with "
		"-f, or the concatenation of the arguments: byte values "
		"(decimal or 0x hex, -128..255) and double-quoted strings "
		"with C escapes, copied without a trailing NUL. What comes "
		"back on a hook is printed at the prompt as \"Rec'd data "
		"packet on hook ...\" and a hex dump.",
	.handler = write_handler,
};

/* ---- stats ---- */

static int stats_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ngnl_stats s;
	struct ngnl *nl;
	int r;

	(void)argv;
	if (argc != 1)
		return CMD_USAGE;
	nl = ngctl_nl(ctx);
	if (!nl)
		return CMD_ERROR;
	r = ngnl_get_stats(nl, &s);
	if (r) {
		ngctl_err(ctx, "stats", r);
		return CMD_ERROR;
	}
	if (ctx->json) {
		/* the counters the kernel reported, as one object */
		const char *sep = "{";

#define STAT_JSON(attr, name, val) \
	do { \
		if (s.present & (1u << (attr))) { \
			printf("%s\"%s\":%llu", sep, (name), \
			       (unsigned long long)(val)); \
			sep = ","; \
		} \
	} while (0)
		STAT_JSON(NETGRAPH_STATS_A_NODES, "nodes", s.nodes);
		STAT_JSON(NETGRAPH_STATS_A_DEFERRED, "deferred", s.deferred);
		STAT_JSON(NETGRAPH_STATS_A_LOOP_DROPS, "loop_drops",
			  s.loop_drops);
		STAT_JSON(NETGRAPH_STATS_A_QUEUE_DROPS, "queue_drops",
			  s.queue_drops);
		STAT_JSON(NETGRAPH_STATS_A_MSG_LOOP_DROPS, "msg_loop_drops",
			  s.msg_loop_drops);
		STAT_JSON(NETGRAPH_STATS_A_MSG_QUEUE_DROPS, "msg_queue_drops",
			  s.msg_queue_drops);
		STAT_JSON(NETGRAPH_STATS_A_LIMIT_HITS, "limit_hits",
			  s.limit_hits);
#undef STAT_JSON
		puts(*sep == '{' ? "{}" : "}");
		return CMD_OK;
	}
	if (s.present & (1u << NETGRAPH_STATS_A_NODES))
		printf("nodes: %u\n", s.nodes);
	if (s.present & (1u << NETGRAPH_STATS_A_DEFERRED))
		printf("deferred: %llu\n", (unsigned long long)s.deferred);
	if (s.present & (1u << NETGRAPH_STATS_A_LOOP_DROPS))
		printf("loop_drops: %llu\n", (unsigned long long)s.loop_drops);
	if (s.present & (1u << NETGRAPH_STATS_A_QUEUE_DROPS))
		printf("queue_drops: %llu\n",
		       (unsigned long long)s.queue_drops);
	if (s.present & (1u << NETGRAPH_STATS_A_MSG_LOOP_DROPS))
		printf("msg_loop_drops: %llu\n",
		       (unsigned long long)s.msg_loop_drops);
	if (s.present & (1u << NETGRAPH_STATS_A_MSG_QUEUE_DROPS))
		printf("msg_queue_drops: %llu\n",
		       (unsigned long long)s.msg_queue_drops);
	if (s.present & (1u << NETGRAPH_STATS_A_LIMIT_HITS))
		printf("limit_hits: %llu\n", (unsigned long long)s.limit_hits);
	return CMD_OK;
}

const struct ngctl_cmd stats_cmd = {
	.name = "stats",
	.aliases = { NULL },
	.usage = "",
	.summary = "Show this network namespace's netgraph counters",
	.help = "Extension (NETGRAPH_CMD_GET_STATS). Prints one \"name: "
		"value\" line per counter the kernel reports:\n"
		" nodes: <live nodes>\n"
		" deferred: <packets queued past the depth bound>\n"
		" loop_drops: <packets dropped by the hop or copy bound>\n"
		" queue_drops: <packets dropped, deferral queue full>\n"
		" msg_loop_drops: <messages dropped by the hop bound>\n"
		" msg_queue_drops: <messages dropped, message queue full>\n"
		" limit_hits: <nodes refused, the namespace at ng_max_nodes>",
	.handler = stats_handler,
};

/* ---- monitor ---- */

static volatile sig_atomic_t monitor_stop;

static void monitor_sigint(int sig)
{
	(void)sig;
	monitor_stop = 1;
}

static void print_node(const struct ngnl_node *n)
{
	printf(" [%x] %s", n->id, n->type[0] ? n->type : "-");
	if (n->name[0]) {
		putchar(' ');
		ngctl_print_quoted(stdout, n->name);
	}
}

static int print_event(const struct ngnl_event *ev, void *arg)
{
	static const char *const names[] = {
		[NETGRAPH_CMD_EV_NODE_NEW] = "node-new",
		[NETGRAPH_CMD_EV_NODE_NAMED] = "node-named",
		[NETGRAPH_CMD_EV_NODE_DEL] = "node-del",
		[NETGRAPH_CMD_EV_HOOK_NEW] = "hook-new",
		[NETGRAPH_CMD_EV_HOOK_DEL] = "hook-del",
	};

	(void)arg;
	if (ev->cmd == 0) {
		printf("lost-events\n");
		fflush(stdout);
		return 0;
	}
	if (ev->cmd < sizeof(names) / sizeof(names[0]) && names[ev->cmd])
		printf("%s", names[ev->cmd]);
	else
		printf("event-%u", ev->cmd);
	if (ev->has_node)
		print_node(&ev->node);
	if (ev->has_hook) {
		printf(" hook ");
		ngctl_print_quoted(stdout, ev->hook.name);
		if (ev->hook.has_peer) {
			printf(" peer");
			print_node(&ev->hook.peer);
			printf(" hook ");
			ngctl_print_quoted(stdout, ev->hook.peerhook);
		}
	}
	printf("\n");
	fflush(stdout);
	return 0;
}

static int monitor_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct sigaction sa, old_int, old_term;
	struct ngnl *nl;
	int r, rtn = CMD_OK;

	(void)argv;
	if (argc != 1)
		return CMD_USAGE;
	if (!ngctl_nl(ctx))	/* prints why if the family is missing */
		return CMD_ERROR;
	if (ctx->dryrun)
		return CMD_OK;
	/* a handle of its own: events must not mix with request replies */
	r = ngnl_open(&nl, ctx->family, 0);
	if (r) {
		ngctl_err(ctx, "monitor", r);
		return CMD_ERROR;
	}
	ngnl_set_debug(nl, ctx->debug);
	ngnl_set_trace(nl, stderr);
	r = ngnl_subscribe_events(nl);
	if (r) {
		ngctl_err(ctx, "monitor", r);
		ngnl_close(nl);
		return CMD_ERROR;
	}

	/* no SA_RESTART: ^C/TERM interrupt poll() and end the monitor */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = monitor_sigint;
	sigemptyset(&sa.sa_mask);
	monitor_stop = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	while (!monitor_stop) {
		struct pollfd pfd = { .fd = ngnl_fd(nl), .events = POLLIN };

		r = poll(&pfd, 1, -1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			ngctl_err(ctx, "monitor", -errno);
			rtn = CMD_ERROR;
			break;
		}
		if (!(pfd.revents & (POLLIN | POLLERR)))
			continue;
		r = ngnl_recv_events(nl, print_event, NULL);
		if (r) {
			ngctl_err(ctx, "monitor", r);
			rtn = CMD_ERROR;
			break;
		}
	}

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	ngnl_close(nl);
	return rtn;
}

const struct ngctl_cmd monitor_cmd = {
	.name = "monitor",
	.aliases = { NULL },
	.usage = "",
	.summary = "Print graph change events until interrupted",
	.help = "Extension: subscribes to the \"events\" multicast group and "
		"prints one line per event (stdout is flushed after each) "
		"until SIGINT or SIGTERM:\n"
		" node-new [<id>] <type> [\"<name>\"]\n"
		" node-named [<id>] <type> \"<name>\"\n"
		" node-del [<id>] <type> [\"<name>\"]\n"
		" hook-new <node> hook \"<hook>\" [peer <node> hook \"<hook>\"]\n"
		" hook-del <node> hook \"<hook>\" [peer <node> hook \"<hook>\"]\n"
		" lost-events\n"
		"where <node> is [<id>] <type> [\"<name>\"], IDs are hex, a "
		"name is shown only if the node has one, and strings use C "
		"escapes for '\"', '\\' and non-printable bytes. Hook events "
		"come once per side. \"lost-events\" means the socket "
		"overran and events were dropped; an unknown event prints as "
		"event-<number>.",
	.handler = monitor_handler,
};
