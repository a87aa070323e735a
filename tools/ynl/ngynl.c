// SPDX-License-Identifier: GPL-2.0
/*
 * ngynl: a netgraph client with no netlink code of its own.  It drives the
 * family through the C library ynl-gen-c.py generates from the YNL spec
 * (Documentation/netlink/specs/netgraph.yaml) and the kernel's YNL runtime
 * (tools/net/ynl/lib/ynl.c), which shows the spec is enough to use the
 * family.  selftests/ng_ynl.sh runs it in the test guests.
 *
 *   ngynl dump                               list every node
 *   ngynl mkpeer PATH TYPE OURHOOK PEERHOOK  make a node, print it
 *   ngynl msg PATH                           send NGM_NODEINFO to the node
 *                                            at PATH, print its reply
 *
 * A node prints as "id=ID name=NAME type=TYPE numhooks=N", the ID in hex
 * as in an address, NAME empty for an unnamed node.  Exit status: 0; 64
 * for a usage error; 71 when the kernel answers with an errno (as
 * ngctl-nl); 1 for any other failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <ynl.h>
#include "netgraph-user.h"
#include "netgraph.h"

static void usage(void)
{
	fprintf(stderr, "usage: ngynl dump\n"
		"       ngynl mkpeer PATH TYPE OURHOOK PEERHOOK\n"
		"       ngynl msg PATH\n");
	exit(EX_USAGE);
}

/* What went wrong in the request @what, from YNL's error state. */
static int failed(struct ynl_sock *ys, const char *what)
{
	unsigned int code = ys->err.code;

	if (code > 0 && code < __YNL_ERRNO_END) {
		fprintf(stderr, "ngynl: %s: %s (%s)\n", what, strerror(code),
			ys->err.msg);
		return EX_OSERR;
	}
	fprintf(stderr, "ngynl: %s: %s\n", what, ys->err.msg);
	return 1;
}

static void print_node(const struct netgraph_node *n)
{
	printf("id=%x name=%s type=%s numhooks=%u\n", n->id,
	       n->name ? n->name : "", n->type ? n->type : "", n->numhooks);
}

static int cmd_dump(struct ynl_sock *ys)
{
	struct netgraph_get_node_req_dump *req;
	struct netgraph_get_node_list *nodes;

	req = netgraph_get_node_req_dump_alloc();
	if (!req)
		return 1;
	nodes = netgraph_get_node_dump(ys, req);
	netgraph_get_node_req_dump_free(req);
	if (!nodes)
		return failed(ys, "dump");
	ynl_dump_foreach(nodes, d)
		if (d->_present.node)
			print_node(&d->node);
	netgraph_get_node_list_free(nodes);
	return 0;
}

static int cmd_mkpeer(struct ynl_sock *ys, char **argv)
{
	struct netgraph_mkpeer_req *req;
	struct netgraph_mkpeer_rsp *rsp;
	int ret = 0;

	req = netgraph_mkpeer_req_alloc();
	if (!req)
		return 1;
	netgraph_mkpeer_req_set_path(req, argv[0]);
	netgraph_mkpeer_req_set_type(req, argv[1]);
	netgraph_mkpeer_req_set_ourhook(req, argv[2]);
	netgraph_mkpeer_req_set_peerhook(req, argv[3]);
	rsp = netgraph_mkpeer(ys, req);
	netgraph_mkpeer_req_free(req);
	if (!rsp)
		return failed(ys, "mkpeer");
	if (rsp->_present.node) {
		print_node(&rsp->node);
	} else {
		fprintf(stderr, "ngynl: mkpeer: the reply has no node\n");
		ret = 1;
	}
	netgraph_mkpeer_rsp_free(rsp);
	return ret;
}

static int cmd_msg(struct ynl_sock *ys, const char *path)
{
	struct ng_mesg query = {
		.header = {
			.version = NG_VERSION,
			.cmd = NGM_NODEINFO,
			.typecookie = NGM_GENERIC_COOKIE,
			.token = 1,
			.cmdstr = "getinfo",
		},
	};
	const struct ng_mesg *reply;
	const struct nodeinfo *ni;
	struct netgraph_msg_req *req;
	struct netgraph_msg_rsp *rsp;
	int ret = 1;

	req = netgraph_msg_req_alloc();
	if (!req)
		return 1;
	netgraph_msg_req_set_path(req, path);
	netgraph_msg_req_set_msg(req, &query, sizeof(query));
	rsp = netgraph_msg(ys, req);
	netgraph_msg_req_free(req);
	if (!rsp)
		return failed(ys, "msg");
	reply = rsp->msg;
	if (rsp->_present.msg_len < sizeof(*reply) + sizeof(*ni) ||
	    reply->header.arglen < sizeof(*ni)) {
		fprintf(stderr, "ngynl: msg: no NGM_NODEINFO reply (%u bytes)\n",
			rsp->_present.msg_len);
	} else if (!(reply->header.flags & NGF_RESP) ||
		   reply->header.cmd != NGM_NODEINFO ||
		   reply->header.typecookie != NGM_GENERIC_COOKIE) {
		fprintf(stderr, "ngynl: msg: the reply is not NGM_NODEINFO's\n");
	} else {
		ni = (const struct nodeinfo *)reply->data;
		printf("id=%x name=%.*s type=%.*s numhooks=%u\n", ni->id,
		       (int)strnlen(ni->name, sizeof(ni->name)), ni->name,
		       (int)strnlen(ni->type, sizeof(ni->type)), ni->type,
		       ni->hooks);
		ret = 0;
	}
	netgraph_msg_rsp_free(rsp);
	return ret;
}

int main(int argc, char **argv)
{
	struct ynl_error yerr;
	struct ynl_sock *ys;
	int ret;

	if (argc < 2)
		usage();
	if (!(strcmp(argv[1], "dump") == 0 && argc == 2) &&
	    !(strcmp(argv[1], "mkpeer") == 0 && argc == 6) &&
	    !(strcmp(argv[1], "msg") == 0 && argc == 3))
		usage();

	ys = ynl_sock_create(&ynl_netgraph_family, &yerr);
	if (!ys) {
		fprintf(stderr, "ngynl: family \"%s\": %s\n",
			NETGRAPH_GENL_NAME, yerr.msg);
		return yerr.code > 0 && yerr.code < __YNL_ERRNO_END ?
		       EX_OSERR : 1;
	}
	if (strcmp(argv[1], "dump") == 0)
		ret = cmd_dump(ys);
	else if (strcmp(argv[1], "mkpeer") == 0)
		ret = cmd_mkpeer(ys, argv + 2);
	else
		ret = cmd_msg(ys, argv[2]);
	ynl_sock_destroy(ys);
	return ret;
}
