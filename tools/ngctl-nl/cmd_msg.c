// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: control messages: msg, status, config.  All three build a
 * struct ng_mesg (uapi/netgraph.h) and send it with NETGRAPH_CMD_MSG.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ngctl.h"

/* Largest argument area: the whole ng_mesg must fit one attribute. */
#define MAX_ARGLEN	(0xffff - 4 - sizeof(struct ng_mesg))

static const struct {
	const char *name;
	uint32_t cmd;
} generic_cmds[] = {
	{ "shutdown", NGM_SHUTDOWN },
	{ "mkpeer", NGM_MKPEER },
	{ "connect", NGM_CONNECT },
	{ "name", NGM_NAME },
	{ "rmhook", NGM_RMHOOK },
	{ "nodeinfo", NGM_NODEINFO },
	{ "listhooks", NGM_LISTHOOKS },
	{ "listnames", NGM_LISTNAMES },
	{ "listnodes", NGM_LISTNODES },
	{ "listtypes", NGM_LISTTYPES },
	{ "textstatus", NGM_TEXT_STATUS },
	{ "binary2ascii", NGM_BINARY2ASCII },
	{ "ascii2binary", NGM_ASCII2BINARY },
	{ "textconfig", NGM_TEXT_CONFIG },
};

/*
 * "<name>" of a generic message, or "<cookie>:<cmd>".  *@cmdstr is the
 * generic name, or NULL for numbers (the message then says "cmd<N>").
 */
static int parse_msg_cmd(const char *s, uint32_t *cookie, uint32_t *cmd,
			 const char **cmdstr)
{
	const char *colon = strchr(s, ':');
	size_t i;

	if (!colon) {
		for (i = 0; i < sizeof(generic_cmds) / sizeof(generic_cmds[0]);
		     i++) {
			if (strcasecmp(s, generic_cmds[i].name) == 0) {
				*cookie = NGM_GENERIC_COOKIE;
				*cmd = generic_cmds[i].cmd;
				*cmdstr = generic_cmds[i].name;
				return 0;
			}
		}
		return -1;
	}
	{
		char cbuf[24];
		size_t n = colon - s;

		if (n == 0 || n >= sizeof(cbuf))
			return -1;
		memcpy(cbuf, s, n);
		cbuf[n] = '\0';
		if (ngctl_parse_u32(cbuf, cookie) ||
		    ngctl_parse_u32(colon + 1, cmd))
			return -1;
	}
	*cmdstr = NULL;
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

/* "Rec'd response ..." as FreeBSD's ngctl prints an incoming message. */
static void print_reply(const char *path, const struct ng_mesg *m)
{
	char cmdstr[NG_CMDSTRSIZ + 1];

	memcpy(cmdstr, m->header.cmdstr, NG_CMDSTRSIZ);
	cmdstr[NG_CMDSTRSIZ] = '\0';
	printf("Rec'd %s \"%s\" (%d) from \"%s\":\n",
	       (m->header.flags & NGF_RESP) ? "response" : "command", cmdstr,
	       (int)m->header.cmd, path);
	if (m->header.arglen == 0) {
		printf("No arguments\n");
		return;
	}
	printf("Args:\n");
	ngctl_hexdump(stdout, m->data, m->header.arglen);
}

static int msg_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ng_mesg *m, *resp = NULL;
	uint32_t cookie, cmd;
	const char *cmdstr;
	unsigned char *args;
	struct ngnl *nl;
	size_t mlen;
	long alen;
	int r;

	if (argc < 3)
		return CMD_USAGE;
	if (parse_msg_cmd(argv[2], &cookie, &cmd, &cmdstr)) {
		ngctl_warnx("msg: bad command \"%s\": want a generic message "
			    "name or <cookie>:<cmd>",
			    argv[2]);
		return CMD_USAGE;
	}
	args = malloc(MAX_ARGLEN);
	if (!args) {
		ngctl_err(ctx, "msg", -ENOMEM);
		return CMD_ERROR;
	}
	alen = parse_bytes(ctx, "msg", argc, argv, 3, true, args, MAX_ARGLEN);
	if (alen < 0) {
		free(args);
		return CMD_USAGE;
	}
	m = ngnl_mesg_build(cookie, cmd, cmdstr, args, alen, &mlen);
	free(args);
	if (!m) {
		ngctl_err(ctx, "msg", -errno);
		return CMD_ERROR;
	}
	nl = ngctl_nl(ctx);
	if (!nl) {
		free(m);
		return CMD_ERROR;
	}
	r = ngnl_msg(nl, argv[1], m, mlen, &resp, NULL);
	free(m);
	if (r) {
		ngctl_err(ctx, "msg", r);
		return CMD_ERROR;
	}
	if (resp)
		print_reply(argv[1], resp);
	free(resp);
	return CMD_OK;
}

const struct ngctl_cmd msg_cmd = {
	.name = "msg",
	.aliases = { "cmd", NULL },
	.usage = "<path> <command> [args ...]",
	.summary = "Send a control message to the node at <path>, print the reply",
	.help = "Builds a struct ng_mesg (version 8, a fresh token, cmdstr "
		"the command name or \"cmd<N>\") and sends it to the node. "
		"<command> is a generic message name (shutdown, mkpeer, "
		"connect, name, rmhook, nodeinfo, listhooks, listnames, "
		"listnodes, listtypes, textstatus, binary2ascii, "
		"ascii2binary, textconfig) or <cookie>:<cmd> in decimal or "
		"0x hex.\n"
		"The arguments are binary for now: each is a byte value "
		"(decimal or 0x hex, -128..255) or a double-quoted string "
		"with C escapes, whose bytes are copied followed by a NUL. "
		"From a shell, quote the quotes: '\"text\"'.\n"
		"If the node answers synchronously the reply is printed as\n"
		" Rec'd response \"<cmdstr>\" (<cmd>) from \"<path>\":\n"
		"followed by \"No arguments\", or by \"Args:\" and a hex dump "
		"of 16 bytes a line:\n"
		" 0000:  6e 6f 64 65 00 ...  node.\n"
		"(offset, the bytes in hex, then the bytes as ASCII with '.' "
		"for non-printables).",
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
	printf("%.*s\n", (int)strnlen(m->data, m->header.arglen), m->data);
}

static int status_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ng_mesg *resp;
	bool none;
	int r;

	if (argc != 2)
		return CMD_USAGE;
	r = text_msg(ctx, "status", argv[1], NGM_TEXT_STATUS, "textstatus",
		     NULL, &resp, &none);
	if (r == CMD_OK) {
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
	r = text_msg(ctx, "config", argv[1], NGM_TEXT_CONFIG, "textconfig",
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
