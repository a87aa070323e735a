// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: commands that change the graph: mkpeer, connect, name, rmhook,
 * shutdown.  Like FreeBSD's ngctl they print nothing on success.
 */
#include <string.h>

#include "ngctl.h"

/* FreeBSD's default path, the ngctl socket node itself. */
#define SELF "."

static int mkpeer_handler(struct ngctl *ctx, int argc, char **argv)
{
	struct ngnl_node nn;
	const char *path = NULL;
	struct ngnl *nl;
	int r;

	switch (argc) {
	case 5:
		path = argv[1];
		argv++;
		/* fall through */
	case 4:
		break;
	default:
		return CMD_USAGE;
	}
	/*
	 * Extension: no path makes a standalone node (FreeBSD attaches it to
	 * ngctl's own node, which a one-shot command then takes down with
	 * it).  ".", or a path without ':', is ngctl-nl's own node.
	 */
	nl = ngctl_nl(ctx);
	if (!nl || (path && !(path = ngctl_path(ctx, path))))
		return CMD_ERROR;
	r = ngnl_mkpeer(nl, path, argv[1], argv[2], argv[3], &nn);
	if (r) {
		ngctl_err(ctx, "mkpeer", r);
		return CMD_ERROR;
	}
	if (ctx->debug > 0 && nn.id)
		ngctl_warnx("mkpeer: new %s node [%x]", nn.type[0] ? nn.type :
			    argv[1], nn.id);
	return CMD_OK;
}

const struct ngctl_cmd mkpeer_cmd = {
	.name = "mkpeer",
	.aliases = { NULL },
	.usage = "[path] <type> <hook> <peerhook>",
	.summary = "Make a node of <type>, attached by <peerhook> to <hook> of <path>",
	.help = "Creates a node of type <type> and in the same step links "
		"it to the node at \"path\": \"hook\" on the existing node, "
		"\"peerhook\" on the new one.\n"
		"\".\", \".:\" and a path without ':' mean ngctl-nl's own "
		"node. Extension: when \"path\" is omitted, a standalone node "
		"of \"type\" is created with no hooks (the hook names are "
		"sent but ignored by the kernel; FreeBSD attaches it to "
		"ngctl's own node). Nothing is printed; use \"list\" or debug "
		"level 1 (-d) to learn the new node's ID.",
	.handler = mkpeer_handler,
};

static int connect_handler(struct ngctl *ctx, int argc, char **argv)
{
	const char *path = SELF;
	struct ngnl *nl;

	switch (argc) {
	case 5:
		path = argv[1];
		argv++;
		/* fall through */
	case 4:
		break;
	default:
		return CMD_USAGE;
	}
	nl = ngctl_nl(ctx);
	if (!nl || !(path = ngctl_path(ctx, path)))
		return CMD_ERROR;
	return ngctl_done(ctx, "connect", ngnl_connect(nl, path, argv[1], argv[2], argv[3]));
}

const struct ngctl_cmd connect_cmd = {
	.name = "connect",
	.aliases = { "join", NULL },
	.usage = "[path] <relpath> <hook> <peerhook>",
	.summary = "Link <hook> of <path> to <peerhook> of the node at <relpath>",
	.help = "Connects hook \"hook\" of the node at \"path\" to hook "
		"\"peerhook\" of the node at \"relpath\". A \"relpath\" that "
		"is not absolute is relative to the node at \"path\". Without "
		"\"path\" the node is ngctl-nl's own.",
	.handler = connect_handler,
};

static int name_handler(struct ngctl *ctx, int argc, char **argv)
{
	const char *path;
	struct ngnl *nl;

	if (argc != 3)
		return CMD_USAGE;
	nl = ngctl_nl(ctx);
	if (!nl || !(path = ngctl_path(ctx, argv[1])))
		return CMD_ERROR;
	return ngctl_done(ctx, "name", ngnl_name(nl, path, argv[2]));
}

const struct ngctl_cmd name_cmd = {
	.name = "name",
	.aliases = { NULL },
	.usage = "<path> <name>",
	.summary = "Give the node at <path> the name <name>",
	.help = NULL,
	.handler = name_handler,
};

static int rmhook_handler(struct ngctl *ctx, int argc, char **argv)
{
	const char *path = SELF;
	struct ngnl *nl;

	switch (argc) {
	case 3:
		path = argv[1];
		argv++;
		/* fall through */
	case 2:
		break;
	default:
		return CMD_USAGE;
	}
	nl = ngctl_nl(ctx);
	if (!nl || !(path = ngctl_path(ctx, path)))
		return CMD_ERROR;
	return ngctl_done(ctx, "rmhook", ngnl_rmhook(nl, path, argv[1]));
}

const struct ngctl_cmd rmhook_cmd = {
	.name = "rmhook",
	.aliases = { "disconnect", NULL },
	.usage = "[path] <hook>",
	.summary = "Remove <hook> of the node at <path>, and its peer hook",
	.help = "Makes the node at \"path\" break the link formed by its hook "
		"\"hook\", if connected. Without \"path\" the node is "
		"ngctl-nl's own.",
	.handler = rmhook_handler,
};

static int shutdown_handler(struct ngctl *ctx, int argc, char **argv)
{
	const char *path;
	struct ngnl *nl;

	if (argc != 2)
		return CMD_USAGE;
	nl = ngctl_nl(ctx);
	if (!nl || !(path = ngctl_path(ctx, argv[1])))
		return CMD_ERROR;
	return ngctl_done(ctx, "shutdown", ngnl_shutdown(nl, path));
}

const struct ngctl_cmd shutdown_cmd = {
	.name = "shutdown",
	.aliases = { "kill", "rmnode", NULL },
	.usage = "<path>",
	.summary = "Destroy the node at <path> and all its hooks",
	.help = NULL,
	.handler = shutdown_handler,
};
