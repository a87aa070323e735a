// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: control messages: msg, status, config.  All three build a
 * struct ng_mesg (uapi/netgraph.h) and send it with NETGRAPH_CMD_MSG.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <netgraph.h>

#include "ngctl.h"

/* Largest argument area: the whole ng_mesg must fit one attribute. */
#define MAX_ARGLEN	(0xffff - 4 - sizeof(struct ng_mesg))

/* "<cookie>:<cmd>", each in decimal or 0x hex; the cmdstr becomes "cmd<N>". */
static int parse_msg_cmd(const char *s, uint32_t *cookie, uint32_t *cmd)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : 0;
	char cbuf[24];

	if (n == 0 || n >= sizeof(cbuf))
		return -1;
	memcpy(cbuf, s, n);
	cbuf[n] = '\0';
	if (ngctl_parse_u32(cbuf, cookie) || ngctl_parse_u32(colon + 1, cmd))
		return -1;
	return 0;
}

/*
 * Turn byte values and strings into bytes.  A word that was quoted on a
 * command line, or (from the shell) starts with '"', is a string; its bytes
 * are copied, followed by a NUL if @nul.  Anything else is a byte value.
 * Returns the length, or -1 after printing the offending word.
 */
static long parse_bytes(struct ngctl *ctx, const char *cmd, int argc,
			char **argv, int first, bool nul, unsigned char *out,
			size_t max)
{
	size_t len = 0;
	int i;

	for (i = first; i < argc; i++) {
		const char *a = argv[i];
		bool quoted = ctx->argq && ctx->argq[i];
		const char *errmsg = NULL;
		size_t alen = strlen(a);
		char *tmp;
		int n;

		if (!quoted && a[0] == '"') {
			/* a literal "..." that came through the shell */
			if (alen < 2 || a[alen - 1] != '"') {
				ngctl_warnx("%s: unterminated string %s", cmd,
					    a);
				return -1;
			}
			tmp = malloc(alen);
			if (!tmp) {
				ngctl_warnx("%s: %s", cmd, strerror(ENOMEM));
				return -1;
			}
			n = ngctl_unescape(a + 1, alen - 2, tmp, &errmsg);
			if (n < 0) {
				ngctl_warnx("%s: %s in %s", cmd, errmsg, a);
				free(tmp);
				return -1;
			}
			quoted = true;
			a = tmp;
			alen = n;
		} else {
			tmp = NULL;
		}
		if (quoted) {
			if (len + alen + (nul ? 1 : 0) > max) {
				free(tmp);
				goto toolong;
			}
			memcpy(out + len, a, alen);
			len += alen;
			if (nul)
				out[len++] = '\0';
			free(tmp);
			continue;
		}
		if (len + 1 > max)
			goto toolong;
		if (ngctl_parse_byte(a, &out[len])) {
			ngctl_warnx("%s: bad byte value \"%s\" (want -128..255 "
				    "or a \"string\")",
				    cmd, a);
			return -1;
		}
		len++;
	}
	return (long)len;
toolong:
	ngctl_warnx("%s: more than %zu bytes", cmd, max);
	return -1;
}

/*
 * The replying node's address as FreeBSD's ng_socket gives a sender's:
 * "[id]:" with the ID in hex.  Falls back to the path asked.
 */
static void sender_addr(struct ngnl *nl, const char *path, char *buf,
			size_t len)
{
	struct ngnl_node n;

	if (ngnl_get_node(nl, path, &n) == 0)
		snprintf(buf, len, "[%x]:", n.id);
	else
		snprintf(buf, len, "%s", path);
}

/*
 * Ask the node at @path to turn its own reply @m into ASCII
 * (NGM_BINARY2ASCII).  Returns the ASCII message (free() the outer one,
 * *@outer) or NULL when the type has no ASCII form for it.
 */
static const struct ng_mesg *reply_ascii(struct ngnl *nl, const char *path,
					 const struct ng_mesg *m,
					 struct ng_mesg **outer)
{
	const struct ng_mesg *a;
	struct ng_mesg *req;
	size_t len, rlen;

	*outer = NULL;
	req = ngnl_mesg_build(NGM_GENERIC_COOKIE, NGM_BINARY2ASCII,
			      "binary2ascii", m,
			      sizeof(*m) + m->header.arglen, &len);
	if (!req)
		return NULL;
	if (ngnl_msg(nl, path, req, len, outer, &rlen) || !*outer) {
		free(req);
		return NULL;
	}
	free(req);
	a = (const struct ng_mesg *)(*outer)->data;
	if ((*outer)->header.arglen < sizeof(*a) ||
	    (*outer)->header.arglen - sizeof(*a) < a->header.arglen ||
	    a->header.arglen == 0 ||
	    memchr(a->data, '\0', a->header.arglen) == NULL) {
		free(*outer);
		*outer = NULL;
		return NULL;
	}
	return a;
}

/*
 * Print a reply as FreeBSD's ngctl does:
 *   Rec'd response "<cmdstr>" (<cmd>) from "[<id>]:":
 * then "Args:<TAB><ASCII form>" or "No arguments".  @text asks the node
 * for the ASCII form first; without one (or with @text false) the
 * arguments are a hex dump after "Args:".
 */
void ngctl_print_msg(struct ngnl *nl, const char *path, const char *from,
		     const struct ng_mesg *m, bool text)
{
	const struct ng_mesg *a = NULL;
	struct ng_mesg *outer = NULL;
	char cmdstr[NG_CMDSTRSIZ + 1];
	char addr[NG_PATHSIZ + 16];

	if (!path || !*path)
		text = false;	/* nobody to ask for the ASCII form */
	if (text && nl)
		a = reply_ascii(nl, path, m, &outer);
	if (from)
		snprintf(addr, sizeof(addr), "%s", from);
	else if (nl)
		sender_addr(nl, path, addr, sizeof(addr));
	else
		snprintf(addr, sizeof(addr), "%s", path ? path : "");
	memcpy(cmdstr, a ? a->header.cmdstr : m->header.cmdstr, NG_CMDSTRSIZ);
	cmdstr[NG_CMDSTRSIZ] = '\0';
	printf("Rec'd %s \"%s\" (%d) from \"%s\":\n",
	       (m->header.flags & NGF_RESP) ? "response" : "command", cmdstr,
	       (int)m->header.cmd, addr);
	if (a && a->data[0])
		printf("Args:\t%s\n", a->data);
	else if (a || m->header.arglen == 0)
		printf("No arguments\n");
	else {
		printf("Args:\n");
		ngctl_hexdump(stdout, m->data, m->header.arglen);
	}
	free(outer);
}

/*
 * The ASCII arguments of "msg <path> <name> args...": the rest of the
 * line as typed (a -f file or the prompt), or argv[3..] joined by spaces
 * (a shell already removed its own quoting).  malloc()ed.
 */
static char *ascii_args(struct ngctl *ctx, int argc, char **argv)
{
	size_t len = 1;
	char *text, *e;
	int i;

	if (ctx->line) {
		text = strdup(ngctl_line_from_word(ctx->line, 3));
		if (!text)
			return NULL;
		e = text + strlen(text);
		while (e > text && (e[-1] == ' ' || e[-1] == '\t' ||
				    e[-1] == '\n' || e[-1] == '\r'))
			*--e = '\0';
		return text;
	}
	for (i = 3; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = calloc(1, len);
	if (!text)
		return NULL;
	for (i = 3; i < argc; i++) {
		if (i > 3)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	return text;
}

/*
 * Have the node at @path build the binary message for command @name with
 * ASCII arguments @text (NGM_ASCII2BINARY: its type's command list does
 * the parsing).  On success *@binp is the malloc()ed message (a fresh
 * token) and *@lenp its length; in a dry run *@binp stays NULL.
 */
static int ascii_to_binary(struct ngnl *nl, const char *path,
			   const char *name, const char *text,
			   struct ng_mesg **binp, size_t *lenp)
{
	struct ng_mesg *inner, *req, *resp = NULL, *bin;
	size_t ilen, len, rlen;
	int r;

	*binp = NULL;
	inner = ngnl_mesg_build(0, 0, name, text, strlen(text) + 1, &ilen);
	if (!inner)
		return -errno;
	req = ngnl_mesg_build(NGM_GENERIC_COOKIE, NGM_ASCII2BINARY,
			      "ascii2binary", inner, ilen, &len);
	free(inner);
	if (!req)
		return -errno;
	r = ngnl_msg(nl, path, req, len, &resp, &rlen);
	free(req);
	if (r || !resp)
		return r;
	bin = (struct ng_mesg *)resp->data;
	if (resp->header.arglen < sizeof(*bin) ||
	    resp->header.arglen - sizeof(*bin) < bin->header.arglen) {
		free(resp);
		return -EBADMSG;
	}
	len = sizeof(*bin) + bin->header.arglen;
	*binp = malloc(len);
	if (!*binp) {
		free(resp);
		return -ENOMEM;
	}
	memcpy(*binp, bin, len);
	free(resp);
	(*binp)->header.version = NG_VERSION;
	(*binp)->header.flags = NGF_ORIG;
	(*binp)->header.token = ngnl_next_token();
	*lenp = len;
	return 0;
}

static int msg_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ng_mesg *m = NULL, *resp = NULL;
	uint32_t cookie, cmd;
	unsigned char *args;
	bool text = false;
	struct pollfd pfd;
	const char *path;
	struct ngnl *nl;
	size_t mlen = 0;
	char *ascii;
	long alen;
	int r;

	if (argc < 3)
		return CMD_USAGE;
	if (!strchr(argv[2], ':')) {
		if (argv[2][0] == '\0' || strlen(argv[2]) >= NG_CMDSTRSIZ) {
			ngctl_warnx("msg: bad command \"%s\": want a name of "
				    "1..%d characters or <cookie>:<cmd>",
				    argv[2], NG_CMDSTRSIZ - 1);
			return CMD_USAGE;
		}
		text = true;
	} else if (parse_msg_cmd(argv[2], &cookie, &cmd)) {
		ngctl_warnx("msg: bad command \"%s\": want a name or "
			    "<cookie>:<cmd>",
			    argv[2]);
		return CMD_USAGE;
	}
	if (!text) {
		args = malloc(MAX_ARGLEN);
		if (!args)
			return ngctl_done(ctx, "msg", -ENOMEM);
		alen = parse_bytes(ctx, "msg", argc, argv, 3, true, args,
				   MAX_ARGLEN);
		if (alen < 0) {
			free(args);
			return CMD_USAGE;
		}
		m = ngnl_mesg_build(cookie, cmd, NULL, args, alen, &mlen);
		free(args);
		if (!m)
			return ngctl_done(ctx, "msg", -errno);
	}
	nl = ngctl_nl(ctx);
	path = nl ? ngctl_path(ctx, argv[1]) : NULL;
	if (!path) {
		free(m);
		return CMD_ERROR;
	}
	if (text) {
		ascii = ascii_args(ctx, argc, argv);
		if (!ascii)
			return ngctl_done(ctx, "msg", -ENOMEM);
		r = ascii_to_binary(nl, path, argv[2], ascii, &m, &mlen);
		free(ascii);
		if (r || !m)	/* an error, or a dry run */
			return ngctl_done(ctx, "msg", r);
	}
	if (ctx->interactive && ctx->cs >= 0) {
		/*
		 * At the prompt the message goes from ngctl-nl's node, as on
		 * FreeBSD: every reply, late ones included, arrives there and
		 * the prompt prints it; a reply sent at once is printed now.
		 */
		r = NgSendMsg(ctx->cs, path, (int)m->header.typecookie,
			      (int)m->header.cmd, m->data, m->header.arglen);
		free(m);
		if (r < 0)
			return ngctl_done(ctx, "msg", -errno);
		pfd.fd = ctx->cs;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 0) == 1)
			ngctl_print_incoming(ctx, false);
		return CMD_OK;
	}
	r = ngnl_msg(nl, path, m, mlen, &resp, NULL);
	free(m);
	if (r)
		return ngctl_done(ctx, "msg", r);
	if (resp)
		ngctl_print_msg(nl, path, NULL, resp, text);
	free(resp);
	return CMD_OK;
}

const struct ngctl_cmd msg_cmd = {
	.name = "msg",
	.aliases = { "cmd", NULL },
	.usage = "<path> <command> [args ...]",
	.summary = "Send a control message to the node at <path>, print the reply",
	.help = "Sends a control message to the node at <path> and prints "
		"its reply.\n"
		"With a command name (e.g. getstats, setconfig, nodeinfo) the "
		"arguments are ASCII in FreeBSD's grammar, such as "
		"{ xmitAlg=2 } or inet/127.0.0.1:5000: the node's own type "
		"converts them (the generic ascii2binary message), the binary "
		"message is sent, and a reply is converted back by the node "
		"(binary2ascii) and printed as\n"
		" Rec'd response \"<cmdstr>\" (<cmd>) from \"[<id>]:\":\n"
		" Args:\t<ASCII>\n"
		"or \"No arguments\". From a -f file or the prompt the "
		"arguments are taken as typed, quotes included; from a shell, "
		"quote them once: '{ name=\"foo\" }'.\n"
		"With <cookie>:<cmd> (decimal or 0x hex) the arguments are "
		"binary, for types without a command list: each is a byte "
		"value (-128..255) or a double-quoted string with C escapes, "
		"whose bytes are copied followed by a NUL. A reply is then "
		"printed as \"Args:\" and a hex dump of 16 bytes a line:\n"
		" 0000:  6e 6f 64 65 00 ...  node.\n"
		"(offset, the bytes in hex, then the bytes as ASCII with '.' "
		"for non-printables). Either way, only a reply the node sends "
		"at once is seen; a later one (ksocket's connect) needs a "
		"node of ngctl-nl's own.",
	.handler = msg_handler,
};

/*
 * Send a generic text message (status, config).  Returns CMD_* and sets
 * *@resp (the reply, if any) and *@none (the node has nothing to say).
 */
static int text_msg(struct ngctl *ctx, const char *cmd, const char *path,
		    uint32_t ngm, const char *cmdstr, const char *text,
		    struct ng_mesg **resp, bool *none)
{
	struct ng_mesg *m;
	struct ngnl *nl;
	size_t mlen;
	int r;

	*resp = NULL;
	*none = false;
	m = ngnl_mesg_build(NGM_GENERIC_COOKIE, ngm, cmdstr, text,
			    text ? strlen(text) + 1 : 0, &mlen);
	if (!m) {
		ngctl_err(ctx, cmd, -errno);
		return CMD_ERROR;
	}
	nl = ngctl_nl(ctx);
	if (!nl) {
		free(m);
		return CMD_ERROR;
	}
	r = ngnl_msg(nl, path, m, mlen, resp, NULL);
	free(m);
	if (r == -EINVAL) {
		/* the node's type does not implement the message */
		*none = true;
		return CMD_OK;
	}
	if (r) {
		ngctl_err(ctx, cmd, r);
		return CMD_ERROR;
	}
	if (!*resp || !((*resp)->header.flags & NGF_RESP))
		*none = true;
	return CMD_OK;
}

static void print_text(const struct ng_mesg *m)
{
	int n = (int)strnlen(m->data, m->header.arglen);

	while (n > 0 && m->data[n - 1] == '\n')	/* one line end, ours */
		n--;
	printf("%.*s\n", n, m->data);
}

static int status_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ng_mesg *resp;
	const char *path;
	bool none;
	int r;

	if (argc != 2)
		return CMD_USAGE;
	path = ngctl_path(ctx, argv[1]);
	if (!path)
		return CMD_ERROR;
	r = text_msg(ctx, "status", path, NGM_TEXT_STATUS, "textstatus",
		     NULL, &resp, &none);
	if (r == CMD_OK && ctx->json) {
		/* {"path": as given, "status": the text, or null} */
		fputs("{\"path\":", stdout);
		ngctl_json_str(stdout, argv[1]);
		fputs(",\"status\":", stdout);
		if (none) {
			fputs("null", stdout);
		} else {
			char *t = strndup(resp->data, resp->header.arglen);

			if (!t) {
				putchar('\n');
				free(resp);
				return ngctl_done(ctx, "status", -ENOMEM);
			}
			ngctl_json_str(stdout, t);
			free(t);
		}
		puts("}");
	} else if (r == CMD_OK) {
		if (none) {
			printf("No status available for \"%s\"\n", argv[1]);
		} else {
			printf("Status for \"%s\":\n", argv[1]);
			print_text(resp);
		}
	}
	free(resp);
	return r;
}

const struct ngctl_cmd status_cmd = {
	.name = "status",
	.aliases = { NULL },
	.usage = "<path>",
	.summary = "Ask the node at <path> for its status text",
	.help = "Sends the generic textstatus message and prints\n"
		" Status for \"<path>\":\n"
		"followed by the node's text. A node that does not implement "
		"it (EINVAL) or sends no reply gives\n"
		" No status available for \"<path>\"",
	.handler = status_handler,
};

static int config_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ng_mesg *resp;
	const char *path;
	char *text = NULL;
	size_t len = 0;
	bool none;
	int i, r;

	if (argc < 2)
		return CMD_USAGE;
	for (i = 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (len) {
		text = calloc(1, len);
		if (!text) {
			ngctl_err(ctx, "config", -ENOMEM);
			return CMD_ERROR;
		}
		for (i = 2; i < argc; i++) {
			if (i > 2)
				strcat(text, " ");
			strcat(text, argv[i]);
		}
	}
	path = ngctl_path(ctx, argv[1]);
	if (!path) {
		free(text);
		return CMD_ERROR;
	}
	r = text_msg(ctx, "config", path, NGM_TEXT_CONFIG, "textconfig",
		     text, &resp, &none);
	free(text);
	if (r == CMD_OK) {
		if (none) {
			printf("No config available for \"%s\"\n", argv[1]);
		} else {
			printf("Config for \"%s\":\n", argv[1]);
			print_text(resp);
		}
	}
	free(resp);
	return r;
}

const struct ngctl_cmd config_cmd = {
	.name = "config",
	.aliases = { NULL },
	.usage = "<path> [arguments]",
	.summary = "Read or change the node's text configuration",
	.help = "Sends the generic textconfig message, with the arguments "
		"joined by spaces as its text (none: an empty message), and "
		"prints \"Config for \"<path>\":\" and the node's text, or "
		"\"No config available for \"<path>\"\" when the node does "
		"not implement it or does not reply.",
	.handler = config_handler,
};
