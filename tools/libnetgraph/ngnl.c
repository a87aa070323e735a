// SPDX-License-Identifier: GPL-2.0
/*
 * ngnl: libnetgraph's netlink core for the "netgraph" generic-netlink
 * family: family resolution, requests and acks with extack text, dumps,
 * events, socket nodes.
 *
 * Built on libnl-genl 3.x, but every reply is interpreted here: libnl 3.7
 * has no extended-ack support and maps kernel errnos onto its own lossy
 * NLE_* codes, so the error, ACK and DONE messages are decoded by hand and
 * the kernel's errno is what callers get back.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "ngnl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Room for the largest request: one ng_mesg attribute plus a path. */
#define NGNL_MSG_SIZE	(96 * 1024)
#define NGNL_RCVBUF	(4 * 1024 * 1024)
#define NGNL_SNDBUF	(256 * 1024)
/*
 * Extended-ack attribute numbers (enum nlmsgerr_attrs, a stable ABI), spelt
 * out so that older <linux/netlink.h> copies without MISS_* still build.
 */
#define EXTACK_MSG		1
#define EXTACK_MISS_TYPE	5
#define EXTACK_MISS_NEST	6
#define EXTACK_MAX		6
/* Highest attribute index any reply parser below needs. */
#define NGNL_TB_MAX	32

struct ngnl {
	struct nl_sock *sk;
	int family;
	uint32_t events_grp;		/* 0: the family has no such group */
	unsigned int flags;
	int debug;
	FILE *trace;
	bool dump_intr;
	bool have_extack;
	char extack[512];
	char famname[GENL_NAMSIZ];
};

/* ---------------------------------------------------------------- */
/* names and tracing                                                 */

static const char *const cmd_names[] = {
	[NETGRAPH_CMD_UNSPEC] = "NETGRAPH_CMD_UNSPEC",
	[NETGRAPH_CMD_MKPEER] = "NETGRAPH_CMD_MKPEER",
	[NETGRAPH_CMD_CONNECT] = "NETGRAPH_CMD_CONNECT",
	[NETGRAPH_CMD_NAME] = "NETGRAPH_CMD_NAME",
	[NETGRAPH_CMD_RMHOOK] = "NETGRAPH_CMD_RMHOOK",
	[NETGRAPH_CMD_SHUTDOWN] = "NETGRAPH_CMD_SHUTDOWN",
	[NETGRAPH_CMD_GET_NODE] = "NETGRAPH_CMD_GET_NODE",
	[NETGRAPH_CMD_GET_HOOKS] = "NETGRAPH_CMD_GET_HOOKS",
	[NETGRAPH_CMD_GET_TYPE] = "NETGRAPH_CMD_GET_TYPE",
	[NETGRAPH_CMD_MSG] = "NETGRAPH_CMD_MSG",
	[NETGRAPH_CMD_INJECT] = "NETGRAPH_CMD_INJECT",
	[NETGRAPH_CMD_GET_STATS] = "NETGRAPH_CMD_GET_STATS",
	[NETGRAPH_CMD_EV_NODE_NEW] = "NETGRAPH_CMD_EV_NODE_NEW",
	[NETGRAPH_CMD_EV_NODE_NAMED] = "NETGRAPH_CMD_EV_NODE_NAMED",
	[NETGRAPH_CMD_EV_NODE_DEL] = "NETGRAPH_CMD_EV_NODE_DEL",
	[NETGRAPH_CMD_EV_HOOK_NEW] = "NETGRAPH_CMD_EV_HOOK_NEW",
	[NETGRAPH_CMD_EV_HOOK_DEL] = "NETGRAPH_CMD_EV_HOOK_DEL",
	[NETGRAPH_CMD_SOCK_NEW] = "NETGRAPH_CMD_SOCK_NEW",
	[NETGRAPH_CMD_SOCK_ATTACH] = "NETGRAPH_CMD_SOCK_ATTACH",
	[NETGRAPH_CMD_SOCK_DATA] = "NETGRAPH_CMD_SOCK_DATA",
	[NETGRAPH_CMD_SOCK_MSG] = "NETGRAPH_CMD_SOCK_MSG",
	[NETGRAPH_CMD_SOCK_CLOSED] = "NETGRAPH_CMD_SOCK_CLOSED",
};

const char *ngnl_cmd_name(unsigned int cmd)
{
	if (cmd < sizeof(cmd_names) / sizeof(cmd_names[0]) && cmd_names[cmd])
		return cmd_names[cmd];
	return "NETGRAPH_CMD_?";
}

/* How the tracer prints an attribute. */
enum akind { AK_UNKNOWN, AK_STR, AK_U32, AK_HEX32, AK_U64, AK_BIN, AK_NEST };

struct adesc {
	const char *name;
	enum akind kind;
	const struct adesc *nest;	/* table of the nested attributes */
	unsigned int nest_max;
};

static const struct adesc node_attrs[] = {
	[NETGRAPH_NODE_A_ID] = { "ID", AK_HEX32, NULL, 0 },
	[NETGRAPH_NODE_A_NAME] = { "NAME", AK_STR, NULL, 0 },
	[NETGRAPH_NODE_A_TYPE] = { "TYPE", AK_STR, NULL, 0 },
	[NETGRAPH_NODE_A_NUMHOOKS] = { "NUMHOOKS", AK_U32, NULL, 0 },
};

static const struct adesc hook_attrs[] = {
	[NETGRAPH_HOOK_A_NAME] = { "NAME", AK_STR, NULL, 0 },
	[NETGRAPH_HOOK_A_PEERHOOK] = { "PEERHOOK", AK_STR, NULL, 0 },
	[NETGRAPH_HOOK_A_PEER] = { "PEER", AK_NEST, node_attrs,
				   NETGRAPH_NODE_A_MAX },
};

static const struct adesc type_attrs[] = {
	[NETGRAPH_TYPE_A_NAME] = { "NAME", AK_STR, NULL, 0 },
	[NETGRAPH_TYPE_A_NUMNODES] = { "NUMNODES", AK_U32, NULL, 0 },
};

static const struct adesc stats_attrs[] = {
	[NETGRAPH_STATS_A_NODES] = { "NODES", AK_U32, NULL, 0 },
	[NETGRAPH_STATS_A_DEFERRED] = { "DEFERRED", AK_U64, NULL, 0 },
	[NETGRAPH_STATS_A_LOOP_DROPS] = { "LOOP_DROPS", AK_U64, NULL, 0 },
	[NETGRAPH_STATS_A_QUEUE_DROPS] = { "QUEUE_DROPS", AK_U64, NULL, 0 },
	[NETGRAPH_STATS_A_PAD] = { "PAD", AK_BIN, NULL, 0 },
	[NETGRAPH_STATS_A_MSG_LOOP_DROPS] = { "MSG_LOOP_DROPS", AK_U64, NULL, 0 },
	[NETGRAPH_STATS_A_MSG_QUEUE_DROPS] = { "MSG_QUEUE_DROPS", AK_U64, NULL, 0 },
	[NETGRAPH_STATS_A_LIMIT_HITS] = { "LIMIT_HITS", AK_U64, NULL, 0 },
};

static const struct adesc top_attrs[] = {
	[NETGRAPH_A_PATH] = { "PATH", AK_STR, NULL, 0 },
	[NETGRAPH_A_PEERPATH] = { "PEERPATH", AK_STR, NULL, 0 },
	[NETGRAPH_A_TYPE] = { "TYPE", AK_STR, NULL, 0 },
	[NETGRAPH_A_OURHOOK] = { "OURHOOK", AK_STR, NULL, 0 },
	[NETGRAPH_A_PEERHOOK] = { "PEERHOOK", AK_STR, NULL, 0 },
	[NETGRAPH_A_NAME] = { "NAME", AK_STR, NULL, 0 },
	[NETGRAPH_A_FLAGS] = { "FLAGS", AK_HEX32, NULL, 0 },
	[NETGRAPH_A_MSG] = { "MSG", AK_BIN, NULL, 0 },
	[NETGRAPH_A_DATA] = { "DATA", AK_BIN, NULL, 0 },
	[NETGRAPH_A_NODE] = { "NODE", AK_NEST, node_attrs,
			      NETGRAPH_NODE_A_MAX },
	[NETGRAPH_A_HOOK] = { "HOOK", AK_NEST, hook_attrs,
			      NETGRAPH_HOOK_A_MAX },
	[NETGRAPH_A_TYPEINFO] = { "TYPEINFO", AK_NEST, type_attrs,
				  NETGRAPH_TYPE_A_MAX },
	[NETGRAPH_A_STATS] = { "STATS", AK_NEST, stats_attrs,
			       NETGRAPH_STATS_A_MAX },
	[NETGRAPH_A_CHANNEL] = { "CHANNEL", AK_U32, NULL, 0 },
};

const char *ngnl_attr_name(unsigned int attr)
{
	if (attr >= 1 && attr <= NETGRAPH_A_MAX && top_attrs[attr].name)
		return top_attrs[attr].name;
	return "?";
}

static void trace_string(FILE *fp, const char *s, size_t len)
{
	size_t i;

	fputc('"', fp);
	for (i = 0; i < len && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, fp);
		else
			fprintf(fp, "\\x%02x", c);
	}
	fputc('"', fp);
}

static void trace_attrs(FILE *fp, const void *data, int len,
			const struct adesc *tab, unsigned int max, int depth)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, (struct nlattr *)data, len, rem) {
		unsigned int t = nla_type(a);
		const struct adesc *d = NULL;
		const unsigned char *p = nla_data(a);
		int alen = nla_len(a);
		int i;

		if (tab && t <= max && tab[t].name)
			d = &tab[t];
		fprintf(fp, "%*s", 2 * depth, "");
		if (d)
			fprintf(fp, "%s", d->name);
		else
			fprintf(fp, "attr%u", t);
		switch (d ? d->kind : AK_UNKNOWN) {
		case AK_STR:
			fputc(' ', fp);
			trace_string(fp, (const char *)p, alen);
			fputc('\n', fp);
			break;
		case AK_U32:
			if (alen == 4)
				fprintf(fp, " %u\n", nla_get_u32(a));
			else
				goto hex;
			break;
		case AK_HEX32:
			if (alen == 4)
				fprintf(fp, " 0x%x\n", nla_get_u32(a));
			else
				goto hex;
			break;
		case AK_U64:
			if (alen == 8)
				fprintf(fp, " %llu\n",
					(unsigned long long)nla_get_u64(a));
			else
				goto hex;
			break;
		case AK_NEST:
			fputc('\n', fp);
			trace_attrs(fp, p, alen, d->nest, d->nest_max,
				    depth + 1);
			break;
		default:
hex:
			fputc(' ', fp);
			for (i = 0; i < alen; i++)
				fprintf(fp, "%02x", p[i]);
			if (alen == 0)
				fputs("(empty)", fp);
			fputc('\n', fp);
			break;
		}
	}
}

static bool tracing_netgraph(const struct ngnl *h)
{
	return strcmp(h->famname, NETGRAPH_GENL_NAME) == 0 ||
	       (h->flags & NGNL_F_DRYRUN);
}

static void trace_genl(struct ngnl *h, const char *what,
		       const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g;
	bool ng = tracing_netgraph(h);

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	g = nlmsg_data(nlh);
	if (ng)
		fprintf(h->trace, "%s %s%s\n", what, ngnl_cmd_name(g->cmd),
			(nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
					!strcmp(what, "request") ?
				" dump" :
				"");
	else
		fprintf(h->trace, "%s cmd %u\n", what, g->cmd);
	trace_attrs(h->trace, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0),
		    ng ? top_attrs : NULL, ng ? NETGRAPH_A_MAX : 0, 1);
}

/* ---------------------------------------------------------------- */
/* errors                                                            */

/* libnl's NLE_* back to an errno, for failures that never reached the kernel */
static int nle_errno(int nle)
{
	if (nle < 0)
		nle = -nle;
	switch (nle) {
	case 0:
		return 0;
	case NLE_INTR:
		return EINTR;
	case NLE_BAD_SOCK:
		return EBADF;
	case NLE_AGAIN:
		return EAGAIN;
	case NLE_NOMEM:
		return ENOMEM;
	case NLE_EXIST:
		return EEXIST;
	case NLE_INVAL:
		return EINVAL;
	case NLE_RANGE:
		return ERANGE;
	case NLE_MSGSIZE:
		return EMSGSIZE;
	case NLE_OPNOTSUPP:
		return EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:
		return EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND:
		return ENOENT;
	case NLE_NOATTR:
		return ENOENT;
	case NLE_MSG_TRUNC:
	case NLE_MSG_TOOSHORT:
		return EMSGSIZE;
	case NLE_SEQ_MISMATCH:
	case NLE_MSG_OVERFLOW:
	case NLE_PARSE_ERR:
	case NLE_PROTO_MISMATCH:
	case NLE_MSGTYPE_NOSUPPORT:
		return EPROTO;
	case NLE_NOACCESS:
		return EACCES;
	case NLE_PERM:
		return EPERM;
	case NLE_NODEV:
		return ENODEV;
	case NLE_BUSY:
		return EBUSY;
	case NLE_DUMP_INTR:
		return EINTR;
	default:
		return EIO;
	}
}

static const char *nlerr_attr_name(unsigned int t)
{
	static char buf[32];

	if (t >= 1 && t <= NETGRAPH_A_MAX && top_attrs[t].name) {
		snprintf(buf, sizeof(buf), "NETGRAPH_A_%s", top_attrs[t].name);
		return buf;
	}
	snprintf(buf, sizeof(buf), "attribute %u", t);
	return buf;
}

/*
 * Extended-ack TLVs start @off bytes into the payload of @nlh (after the
 * nlmsgerr and the echoed request, or after DONE's int).
 */
static void parse_extack(struct ngnl *h, const struct nlmsghdr *nlh,
			 size_t off)
{
	struct nlattr *tb[EXTACK_MAX + 1];
	const char *p;
	size_t len;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = NLMSG_ALIGN(off);
	if (nlh->nlmsg_len < NLMSG_HDRLEN + off)
		return;
	if (nla_parse(tb, EXTACK_MAX,
		      (struct nlattr *)((char *)nlmsg_data(nlh) + off),
		      nlh->nlmsg_len - NLMSG_HDRLEN - off, NULL) < 0)
		return;
	if (tb[EXTACK_MSG] && nla_len(tb[EXTACK_MSG]) > 0) {
		p = nla_data(tb[EXTACK_MSG]);
		len = strnlen(p, nla_len(tb[EXTACK_MSG]));
		if (len >= sizeof(h->extack))
			len = sizeof(h->extack) - 1;
		memcpy(h->extack, p, len);
		h->extack[len] = '\0';
		/* strip a trailing newline, if the kernel added one */
		while (len > 0 && isspace((unsigned char)h->extack[len - 1]))
			h->extack[--len] = '\0';
		h->have_extack = len > 0;
		return;
	}
	/* GENL_REQ_ATTR_CHECK() reports a missing attribute without text */
	if (tb[EXTACK_MISS_TYPE] &&
	    nla_len(tb[EXTACK_MISS_TYPE]) >= 4) {
		unsigned int t = nla_get_u32(tb[EXTACK_MISS_TYPE]);

		if (tb[EXTACK_MISS_NEST] || !tracing_netgraph(h))
			snprintf(h->extack, sizeof(h->extack),
				 "missing %sattribute %u",
				 tb[EXTACK_MISS_NEST] ? "nested " : "",
				 t);
		else
			snprintf(h->extack, sizeof(h->extack), "missing %s",
				 nlerr_attr_name(t));
		h->have_extack = true;
	}
}

const char *ngnl_extack(const struct ngnl *h)
{
	return h && h->have_extack ? h->extack : NULL;
}

bool ngnl_dump_interrupted(const struct ngnl *h)
{
	return h->dump_intr;
}

/* ---------------------------------------------------------------- */
/* request / reply                                                   */

typedef int (*raw_cb)(uint8_t cmd, struct nlattr **tb, void *arg);

struct xact {
	struct ngnl *h;
	int maxattr;
	raw_cb cb;
	void *arg;
	uint32_t seq;
	bool done;
	int err;			/* kernel errno (negative) */
	int cb_err;			/* first callback failure */
};

static int x_seq_check(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	/* a straggler of an earlier, abandoned request: ignore it */
	return nlmsg_hdr(msg)->nlmsg_seq == x->seq ? NL_OK : NL_SKIP;
}

static int x_valid(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[NGNL_TB_MAX + 1];
	struct genlmsghdr *g;
	int r;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		x->h->dump_intr = true;
	if (x->h->debug >= 2)
		trace_genl(x->h, "reply", nlh);
	if (x->cb_err || !x->cb)
		return NL_OK;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
		x->cb_err = -EPROTO;
		return NL_OK;
	}
	g = nlmsg_data(nlh);
	memset(tb, 0, sizeof(tb));
	if (nla_parse(tb, x->maxattr, genlmsg_attrdata(g, 0),
		      genlmsg_attrlen(g, 0), NULL) < 0) {
		x->cb_err = -EPROTO;
		return NL_OK;
	}
	r = x->cb(g->cmd, tb, x->arg);
	if (r < 0)
		x->cb_err = r;
	return NL_OK;
}

static int x_dump_intr(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	(void)msg;
	x->h->dump_intr = true;
	return NL_OK;
}

static int x_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct xact *x = arg;
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	size_t off = sizeof(*e);

	(void)nla;
	x->err = e->error > 0 ? -e->error : e->error;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	parse_extack(x->h, nlh, off);
	x->done = true;
	return NL_STOP;
}

static int x_ack(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	(void)msg;
	x->done = true;
	return NL_STOP;
}

static int x_finish(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int e;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		x->h->dump_intr = true;
	/* a dump that failed midway ends in DONE carrying the errno */
	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		memcpy(&e, nlmsg_data(nlh), sizeof(e));
		if (e < 0) {
			x->err = e;
			parse_extack(x->h, nlh, sizeof(int));
		}
	}
	x->done = true;
	return NL_STOP;
}

static int transact(struct ngnl *h, struct nl_msg *msg, int maxattr,
		    raw_cb cb, void *arg)
{
	struct xact x = { .h = h, .maxattr = maxattr, .cb = cb, .arg = arg };
	struct nl_cb *nlcb;
	int r;

	h->have_extack = false;
	h->extack[0] = '\0';
	h->dump_intr = false;

	if (h->debug >= 1 || (h->flags & NGNL_F_DRYRUN))
		trace_genl(h, "request", nlmsg_hdr(msg));
	if (h->flags & NGNL_F_DRYRUN) {
		nlmsg_free(msg);
		return 0;
	}

	nlcb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!nlcb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, x_seq_check, &x);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, x_valid, &x);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, x_ack, &x);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, x_finish, &x);
	nl_cb_set(nlcb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, x_dump_intr, &x);
	nl_cb_err(nlcb, NL_CB_CUSTOM, x_error, &x);

	errno = 0;
	r = nl_send_auto(h->sk, msg);
	if (r < 0) {
		r = errno ? -errno : -nle_errno(r);
		nlmsg_free(msg);
		nl_cb_put(nlcb);
		goto out;
	}
	x.seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);

	while (!x.done) {
		errno = 0;
		r = nl_recvmsgs(h->sk, nlcb);
		if (x.done)
			break;
		if (r < 0) {
			x.err = errno ? -errno : -nle_errno(r);
			break;
		}
	}
	nl_cb_put(nlcb);
	r = x.err ? x.err : x.cb_err;
out:
	if (h->debug >= 1) {
		if (r)
			fprintf(h->trace, "result %d (%s)%s%s\n", r,
				strerror(-r), h->have_extack ? " kernel: " : "",
				h->have_extack ? h->extack : "");
		else
			fprintf(h->trace, "result ok\n");
	}
	return r;
}

static struct nl_msg *alloc_for(int family, uint8_t cmd, int version,
				bool dump)
{
	struct nl_msg *msg = nlmsg_alloc_size(NGNL_MSG_SIZE);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 dump ? NLM_F_DUMP : 0, cmd, version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *ngnl_msg_alloc(struct ngnl *h, uint8_t cmd, bool dump)
{
	return alloc_for(h->family, cmd, NETGRAPH_GENL_VERSION, dump);
}

int ngnl_request(struct ngnl *h, struct nl_msg *msg, ngnl_reply_cb cb,
		 void *arg)
{
	return transact(h, msg, NETGRAPH_A_MAX, cb, arg);
}

/* ---------------------------------------------------------------- */
/* open / close                                                      */

struct resolve {
	const char *group;
	int family;
	uint32_t grp;
};

static int resolve_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct resolve *rs = arg;
	struct nlattr *g;
	int rem;

	(void)cmd;
	if (!tb[CTRL_ATTR_FAMILY_ID] || nla_len(tb[CTRL_ATTR_FAMILY_ID]) < 2)
		return -EPROTO;
	rs->family = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	nla_for_each_nested(g, tb[CTRL_ATTR_MCAST_GROUPS], rem) {
		struct nlattr *gt[CTRL_ATTR_MCAST_GRP_MAX + 1];

		if (nla_parse_nested(gt, CTRL_ATTR_MCAST_GRP_MAX, g, NULL) < 0)
			continue;
		if (!gt[CTRL_ATTR_MCAST_GRP_NAME] ||
		    !gt[CTRL_ATTR_MCAST_GRP_ID] ||
		    nla_len(gt[CTRL_ATTR_MCAST_GRP_ID]) < 4)
			continue;
		if (strncmp(nla_data(gt[CTRL_ATTR_MCAST_GRP_NAME]), rs->group,
			    nla_len(gt[CTRL_ATTR_MCAST_GRP_NAME])) == 0)
			rs->grp = nla_get_u32(gt[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return 0;
}

static int resolve_family(struct ngnl *h)
{
	struct resolve rs = { .group = NETGRAPH_MCGRP_EVENTS };
	struct nl_msg *msg;
	int r;

	msg = alloc_for(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, false);
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, h->famname) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	r = transact(h, msg, CTRL_ATTR_MAX, resolve_cb, &rs);
	if (r)
		return r;
	if (!rs.family)
		return -ENOENT;
	h->family = rs.family;
	h->events_grp = rs.grp;
	return 0;
}

/* Ask for extended acks on @fd.  Both options exist since 4.12/4.3;
 * without them errors just lose detail. */
static void set_acks(int fd)
{
	int one = 1;

	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

/* The rest of opening @h, whose socket is there: the family is @like's, or
 * resolved. */
static int finish_open(struct ngnl *h, const struct ngnl *like)
{
	int saved_debug, r;

	/* a reply of any size is received whole */
	nl_socket_enable_msg_peek(h->sk);
	set_acks(nl_socket_get_fd(h->sk));
	if (like) {
		h->family = like->family;
		h->events_grp = like->events_grp;
		return 0;
	}
	saved_debug = h->debug;
	h->debug = 0;
	r = resolve_family(h);
	h->debug = saved_debug;
	return r;
}

int ngnl_open(struct ngnl **hp, const char *family, unsigned int flags)
{
	struct ngnl *h;
	int sz, fd, r;

	*hp = NULL;
	if (!family)
		family = NETGRAPH_GENL_NAME;
	if (strlen(family) >= GENL_NAMSIZ)
		return -ENAMETOOLONG;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->flags = flags;
	h->trace = stdout;
	snprintf(h->famname, sizeof(h->famname), "%s", family);
	if (flags & NGNL_F_DRYRUN) {
		*hp = h;
		return 0;
	}

	h->sk = nl_socket_alloc();
	if (!h->sk) {
		free(h);
		return -ENOMEM;
	}
	errno = 0;
	r = nl_connect(h->sk, NETLINK_GENERIC);
	if (r < 0) {
		r = errno ? -errno : -nle_errno(r);
		goto fail;
	}
	nl_socket_set_buffer_size(h->sk, NGNL_RCVBUF, NGNL_SNDBUF);
	fd = nl_socket_get_fd(h->sk);
	/* beyond net.core.rmem_max when privileged; harmless otherwise */
	sz = NGNL_RCVBUF;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz));
	sz = NGNL_SNDBUF;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	r = finish_open(h, NULL);
	if (r)
		goto fail;
	*hp = h;
	return 0;
fail:
	nl_socket_free(h->sk);
	free(h);
	return r;
}

int ngnl_socket(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, e;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		e = errno;
		close(fd);
		return -e;
	}
	set_acks(fd);
	return fd;
}

int ngnl_open_fd(struct ngnl **hp, int fd, const struct ngnl *like)
{
	struct ngnl *h;
	int dup, r;

	*hp = NULL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->trace = stdout;
	snprintf(h->famname, sizeof(h->famname), "%s",
		 like ? like->famname : NETGRAPH_GENL_NAME);
	h->sk = nl_socket_alloc();
	if (!h->sk) {
		free(h);
		return -ENOMEM;
	}
	/* the handle's own descriptor: nl_socket_free() closes it */
	dup = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (dup < 0) {
		r = -errno;
		goto fail;
	}
	r = nl_socket_set_fd(h->sk, NETLINK_GENERIC, dup);
	if (r < 0) {
		close(dup);
		r = -nle_errno(r);
		goto fail;
	}
	r = finish_open(h, like);
	if (r)
		goto fail;
	*hp = h;
	return 0;
fail:
	nl_socket_free(h->sk);
	free(h);
	return r;
}

void ngnl_close(struct ngnl *h)
{
	if (!h)
		return;
	if (h->sk)
		nl_socket_free(h->sk);
	free(h);
}

int ngnl_fd(const struct ngnl *h)
{
	return h->sk ? nl_socket_get_fd(h->sk) : -1;
}

int ngnl_family_id(const struct ngnl *h)
{
	return h->family;
}

void ngnl_set_debug(struct ngnl *h, int level)
{
	h->debug = level < 0 ? 0 : level;
}

int ngnl_get_debug(const struct ngnl *h)
{
	return h->debug;
}

void ngnl_set_trace(struct ngnl *h, FILE *fp)
{
	h->trace = fp ? fp : stdout;
}

/* ---------------------------------------------------------------- */
/* decoding                                                          */

static void copy_str(char *dst, size_t size, const struct nlattr *a)
{
	size_t n = strnlen(nla_data(a), nla_len(a));

	if (n >= size)
		n = size - 1;
	memcpy(dst, nla_data(a), n);
	dst[n] = '\0';
}

static int get_u32(const struct nlattr *a, uint32_t *v)
{
	if (nla_len(a) < 4)
		return -EPROTO;
	*v = nla_get_u32((struct nlattr *)a);
	return 0;
}

int ngnl_parse_node(const struct nlattr *nest, struct ngnl_node *n)
{
	struct nlattr *tb[NETGRAPH_NODE_A_MAX + 1];

	memset(n, 0, sizeof(*n));
	if (nla_parse_nested(tb, NETGRAPH_NODE_A_MAX, (struct nlattr *)nest,
			     NULL) < 0)
		return -EPROTO;
	if (!tb[NETGRAPH_NODE_A_ID] || get_u32(tb[NETGRAPH_NODE_A_ID], &n->id))
		return -EPROTO;
	if (tb[NETGRAPH_NODE_A_NAME])
		copy_str(n->name, sizeof(n->name), tb[NETGRAPH_NODE_A_NAME]);
	if (tb[NETGRAPH_NODE_A_TYPE])
		copy_str(n->type, sizeof(n->type), tb[NETGRAPH_NODE_A_TYPE]);
	if (tb[NETGRAPH_NODE_A_NUMHOOKS] &&
	    get_u32(tb[NETGRAPH_NODE_A_NUMHOOKS], &n->numhooks))
		return -EPROTO;
	return 0;
}

int ngnl_parse_hook(const struct nlattr *nest, struct ngnl_hook *hk)
{
	struct nlattr *tb[NETGRAPH_HOOK_A_MAX + 1];

	memset(hk, 0, sizeof(*hk));
	if (nla_parse_nested(tb, NETGRAPH_HOOK_A_MAX, (struct nlattr *)nest,
			     NULL) < 0)
		return -EPROTO;
	if (!tb[NETGRAPH_HOOK_A_NAME])
		return -EPROTO;
	copy_str(hk->name, sizeof(hk->name), tb[NETGRAPH_HOOK_A_NAME]);
	if (tb[NETGRAPH_HOOK_A_PEERHOOK])
		copy_str(hk->peerhook, sizeof(hk->peerhook),
			 tb[NETGRAPH_HOOK_A_PEERHOOK]);
	if (tb[NETGRAPH_HOOK_A_PEER]) {
		if (ngnl_parse_node(tb[NETGRAPH_HOOK_A_PEER], &hk->peer))
			return -EPROTO;
		hk->has_peer = true;
	}
	return 0;
}

int ngnl_parse_typeinfo(const struct nlattr *nest, struct ngnl_typeinfo *t)
{
	struct nlattr *tb[NETGRAPH_TYPE_A_MAX + 1];

	memset(t, 0, sizeof(*t));
	if (nla_parse_nested(tb, NETGRAPH_TYPE_A_MAX, (struct nlattr *)nest,
			     NULL) < 0)
		return -EPROTO;
	if (!tb[NETGRAPH_TYPE_A_NAME])
		return -EPROTO;
	copy_str(t->name, sizeof(t->name), tb[NETGRAPH_TYPE_A_NAME]);
	if (tb[NETGRAPH_TYPE_A_NUMNODES] &&
	    get_u32(tb[NETGRAPH_TYPE_A_NUMNODES], &t->numnodes))
		return -EPROTO;
	return 0;
}

int ngnl_parse_stats(const struct nlattr *nest, struct ngnl_stats *s)
{
	struct nlattr *tb[NETGRAPH_STATS_A_MAX + 1];
	static const int u64s[] = { NETGRAPH_STATS_A_DEFERRED,
				    NETGRAPH_STATS_A_LOOP_DROPS,
				    NETGRAPH_STATS_A_QUEUE_DROPS,
				    NETGRAPH_STATS_A_MSG_LOOP_DROPS,
				    NETGRAPH_STATS_A_MSG_QUEUE_DROPS,
				    NETGRAPH_STATS_A_LIMIT_HITS };
	uint64_t *dst[] = { &s->deferred, &s->loop_drops, &s->queue_drops,
			    &s->msg_loop_drops, &s->msg_queue_drops,
			    &s->limit_hits };
	size_t i;

	memset(s, 0, sizeof(*s));
	if (nla_parse_nested(tb, NETGRAPH_STATS_A_MAX, (struct nlattr *)nest,
			     NULL) < 0)
		return -EPROTO;
	if (tb[NETGRAPH_STATS_A_NODES]) {
		if (get_u32(tb[NETGRAPH_STATS_A_NODES], &s->nodes))
			return -EPROTO;
		s->present |= 1u << NETGRAPH_STATS_A_NODES;
	}
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++) {
		struct nlattr *a = tb[u64s[i]];

		if (!a)
			continue;
		if (nla_len(a) < 8)
			return -EPROTO;
		*dst[i] = nla_get_u64(a);
		s->present |= 1u << u64s[i];
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* graph operations                                                  */

/* One attribute's payload is at most 64 KiB minus its header: no more is
 * sent, rather than a length that wrapped. */
static int put_bin(struct nl_msg *msg, int attr, const void *data,
		   size_t len)
{
	if (len > 0xffff - NLA_HDRLEN)
		return -EMSGSIZE;
	return nla_put(msg, attr, len, data) < 0 ? -EMSGSIZE : 0;
}

static int put_str(struct nl_msg *msg, int attr, const char *s)
{
	return put_bin(msg, attr, s, strlen(s) + 1);
}

/* Allocate a request and put @n (attr, string) pairs; NULL strings skipped. */
static struct nl_msg *build(struct ngnl *h, uint8_t cmd, bool dump, int n,
			    ...)
{
	struct nl_msg *msg = ngnl_msg_alloc(h, cmd, dump);
	va_list ap;
	int i;

	if (!msg)
		return NULL;
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		int attr = va_arg(ap, int);
		const char *s = va_arg(ap, const char *);

		if (s && put_str(msg, attr, s)) {
			va_end(ap);
			nlmsg_free(msg);
			return NULL;
		}
	}
	va_end(ap);
	return msg;
}

struct node_reply {
	struct ngnl_node *node;
	bool got;
};

static int node_reply_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct node_reply *nr = arg;

	(void)cmd;
	if (!tb[NETGRAPH_A_NODE] || nr->got)
		return 0;
	if (ngnl_parse_node(tb[NETGRAPH_A_NODE], nr->node))
		return -EPROTO;
	nr->got = true;
	return 0;
}

int ngnl_mkpeer(struct ngnl *h, const char *path, const char *type,
		const char *ourhook, const char *peerhook,
		struct ngnl_node *newnode)
{
	struct ngnl_node tmp;
	struct node_reply nr = { .node = newnode ? newnode : &tmp };
	struct nl_msg *msg;

	memset(nr.node, 0, sizeof(*nr.node));
	msg = build(h, NETGRAPH_CMD_MKPEER, false, 4, NETGRAPH_A_PATH, path,
		    NETGRAPH_A_TYPE, type, NETGRAPH_A_OURHOOK, ourhook,
		    NETGRAPH_A_PEERHOOK, peerhook);
	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, node_reply_cb, &nr);
}

int ngnl_connect(struct ngnl *h, const char *path, const char *peerpath,
		 const char *ourhook, const char *peerhook)
{
	struct nl_msg *msg;

	msg = build(h, NETGRAPH_CMD_CONNECT, false, 4, NETGRAPH_A_PATH, path,
		    NETGRAPH_A_PEERPATH, peerpath, NETGRAPH_A_OURHOOK, ourhook,
		    NETGRAPH_A_PEERHOOK, peerhook);
	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, NULL, NULL);
}

int ngnl_name(struct ngnl *h, const char *path, const char *name)
{
	struct nl_msg *msg;

	msg = build(h, NETGRAPH_CMD_NAME, false, 2, NETGRAPH_A_PATH, path,
		    NETGRAPH_A_NAME, name);
	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, NULL, NULL);
}

int ngnl_rmhook(struct ngnl *h, const char *path, const char *hook)
{
	struct nl_msg *msg;

	msg = build(h, NETGRAPH_CMD_RMHOOK, false, 2, NETGRAPH_A_PATH, path,
		    NETGRAPH_A_OURHOOK, hook);
	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, NULL, NULL);
}

int ngnl_shutdown(struct ngnl *h, const char *path)
{
	struct nl_msg *msg;

	msg = build(h, NETGRAPH_CMD_SHUTDOWN, false, 1, NETGRAPH_A_PATH, path);
	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, NULL, NULL);
}

int ngnl_get_node(struct ngnl *h, const char *path, struct ngnl_node *n)
{
	struct node_reply nr = { .node = n };
	struct nl_msg *msg;
	int r;

	memset(n, 0, sizeof(*n));
	msg = build(h, NETGRAPH_CMD_GET_NODE, false, 1, NETGRAPH_A_PATH, path);
	if (!msg)
		return -ENOMEM;
	r = ngnl_request(h, msg, node_reply_cb, &nr);
	if (r)
		return r;
	return nr.got ? 0 : -ENODATA;
}

struct dump_ctx {
	ngnl_node_cb node_cb;
	ngnl_hook_cb hook_cb;
	ngnl_type_cb type_cb;
	void *arg;
};

static int dump_nodes_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct dump_ctx *d = arg;
	struct ngnl_node n;

	(void)cmd;
	if (!tb[NETGRAPH_A_NODE])
		return 0;
	if (ngnl_parse_node(tb[NETGRAPH_A_NODE], &n))
		return -EPROTO;
	return d->node_cb(&n, d->arg);
}

int ngnl_dump_nodes(struct ngnl *h, uint32_t flags, ngnl_node_cb cb,
		    void *arg)
{
	struct dump_ctx d = { .node_cb = cb, .arg = arg };
	struct nl_msg *msg = ngnl_msg_alloc(h, NETGRAPH_CMD_GET_NODE, true);

	if (!msg)
		return -ENOMEM;
	if (flags && nla_put_u32(msg, NETGRAPH_A_FLAGS, flags) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return ngnl_request(h, msg, dump_nodes_cb, &d);
}

static int dump_hooks_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct dump_ctx *d = arg;
	struct ngnl_hook hk;

	(void)cmd;
	if (!tb[NETGRAPH_A_HOOK])
		return 0;
	if (ngnl_parse_hook(tb[NETGRAPH_A_HOOK], &hk))
		return -EPROTO;
	return d->hook_cb(&hk, d->arg);
}

int ngnl_dump_hooks(struct ngnl *h, const char *path, ngnl_hook_cb cb,
		    void *arg)
{
	struct dump_ctx d = { .hook_cb = cb, .arg = arg };
	struct nl_msg *msg;

	msg = build(h, NETGRAPH_CMD_GET_HOOKS, true, 1, NETGRAPH_A_PATH, path);
	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, dump_hooks_cb, &d);
}

static int dump_types_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct dump_ctx *d = arg;
	struct ngnl_typeinfo t;

	(void)cmd;
	if (!tb[NETGRAPH_A_TYPEINFO])
		return 0;
	if (ngnl_parse_typeinfo(tb[NETGRAPH_A_TYPEINFO], &t))
		return -EPROTO;
	return d->type_cb(&t, d->arg);
}

int ngnl_dump_types(struct ngnl *h, ngnl_type_cb cb, void *arg)
{
	struct dump_ctx d = { .type_cb = cb, .arg = arg };
	struct nl_msg *msg = ngnl_msg_alloc(h, NETGRAPH_CMD_GET_TYPE, true);

	if (!msg)
		return -ENOMEM;
	return ngnl_request(h, msg, dump_types_cb, &d);
}

struct msg_reply {
	struct ng_mesg *resp;
	size_t len;
};

static int msg_reply_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct msg_reply *mr = arg;
	struct nlattr *a = tb[NETGRAPH_A_MSG];
	size_t len;

	(void)cmd;
	if (!a || mr->resp)
		return 0;
	len = nla_len(a);
	if (len < sizeof(struct ng_mesg))
		return -EPROTO;
	mr->resp = malloc(len + 1);
	if (!mr->resp)
		return -ENOMEM;
	memcpy(mr->resp, nla_data(a), len);
	((char *)mr->resp)[len] = '\0';
	if (mr->resp->header.arglen > len - sizeof(struct ng_mesg))
		mr->resp->header.arglen = len - sizeof(struct ng_mesg);
	mr->len = len;
	return 0;
}

int ngnl_msg(struct ngnl *h, const char *path, const struct ng_mesg *m,
	     size_t len, struct ng_mesg **resp, size_t *resplen)
{
	return ngnl_msg_flags(h, path, 0, m, len, resp, resplen);
}

int ngnl_msg_flags(struct ngnl *h, const char *path, uint32_t flags,
		   const struct ng_mesg *m, size_t len,
		   struct ng_mesg **resp, size_t *resplen)
{
	struct msg_reply mr = { NULL, 0 };
	struct nl_msg *msg;
	int r;

	if (resp)
		*resp = NULL;
	if (resplen)
		*resplen = 0;
	msg = build(h, NETGRAPH_CMD_MSG, false, 1, NETGRAPH_A_PATH, path);
	if (!msg)
		return -ENOMEM;
	r = put_bin(msg, NETGRAPH_A_MSG, m, len);
	if (!r && flags && nla_put_u32(msg, NETGRAPH_A_FLAGS, flags) < 0)
		r = -EMSGSIZE;
	if (r) {
		nlmsg_free(msg);
		return r;
	}
	r = ngnl_request(h, msg, msg_reply_cb, &mr);
	if (r || !resp) {
		free(mr.resp);
		return r;
	}
	*resp = mr.resp;
	if (resplen)
		*resplen = mr.len;
	return 0;
}

int ngnl_inject(struct ngnl *h, const char *path, const char *hook,
		const void *data, size_t len)
{
	struct nl_msg *msg;

	int r;

	msg = build(h, NETGRAPH_CMD_INJECT, false, 2, NETGRAPH_A_PATH, path,
		    NETGRAPH_A_OURHOOK, hook);
	if (!msg)
		return -ENOMEM;
	r = put_bin(msg, NETGRAPH_A_DATA, data, len);
	if (r) {
		nlmsg_free(msg);
		return r;
	}
	return ngnl_request(h, msg, NULL, NULL);
}

struct stats_reply {
	struct ngnl_stats *s;
	bool got;
};

static int stats_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct stats_reply *sr = arg;

	(void)cmd;
	if (!tb[NETGRAPH_A_STATS] || sr->got)
		return 0;
	if (ngnl_parse_stats(tb[NETGRAPH_A_STATS], sr->s))
		return -EPROTO;
	sr->got = true;
	return 0;
}

int ngnl_get_stats(struct ngnl *h, struct ngnl_stats *s)
{
	struct stats_reply sr = { .s = s };
	struct nl_msg *msg = ngnl_msg_alloc(h, NETGRAPH_CMD_GET_STATS, false);
	int r;

	memset(s, 0, sizeof(*s));
	if (!msg)
		return -ENOMEM;
	r = ngnl_request(h, msg, stats_cb, &sr);
	if (r)
		return r;
	return sr.got ? 0 : -ENODATA;
}

/* ---------------------------------------------------------------- */
/* socket nodes                                                      */

int ngnl_sock_new(struct ngnl *h, const char *name, struct ngnl_node *node)
{
	struct node_reply nr = { .node = node };
	struct nl_msg *msg;
	int r;

	memset(node, 0, sizeof(*node));
	msg = build(h, NETGRAPH_CMD_SOCK_NEW, false, 1, NETGRAPH_A_NAME,
		    name && *name ? name : NULL);
	if (!msg)
		return -ENOMEM;
	r = ngnl_request(h, msg, node_reply_cb, &nr);
	if (r)
		return r;
	return nr.got && node->id ? 0 : -EPROTO;
}

int ngnl_sock_attach(struct ngnl *h, uint32_t id, uint32_t channel)
{
	char path[NG_NODESIZ + 4];
	struct nl_msg *msg;

	snprintf(path, sizeof(path), "[%x]:", id);
	msg = build(h, NETGRAPH_CMD_SOCK_ATTACH, false, 1, NETGRAPH_A_PATH,
		    path);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NETGRAPH_A_CHANNEL, channel) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return ngnl_request(h, msg, NULL, NULL);
}

int ngnl_sock_data(struct ngnl *h, const char *hook, const void *data,
		   size_t len)
{
	struct nl_msg *msg;
	int r;

	msg = build(h, NETGRAPH_CMD_SOCK_DATA, false, 1, NETGRAPH_A_OURHOOK,
		    hook && *hook ? hook : NULL);
	if (!msg)
		return -ENOMEM;
	r = put_bin(msg, NETGRAPH_A_DATA, data, len);
	if (r) {
		nlmsg_free(msg);
		return r;
	}
	return ngnl_request(h, msg, NULL, NULL);
}

/* ---------------------------------------------------------------- */
/* control messages                                                  */

uint32_t ngnl_next_token(void)
{
	static uint32_t counter;

	counter = (counter + 1) & INT_MAX;
	if (counter == 0)
		counter = 1;
	return counter;
}

struct ng_mesg *ngnl_mesg_build(uint32_t cookie, uint32_t cmd,
				const char *cmdstr, const void *args,
				size_t arglen, size_t *lenp)
{
	struct ng_mesg *m;
	size_t len = sizeof(*m) + arglen;

	/* it must fit in one netlink attribute */
	if (len > 0xffff - NLA_HDRLEN) {
		errno = EMSGSIZE;
		return NULL;
	}
	m = calloc(1, len);
	if (!m)
		return NULL;
	m->header.version = NG_VERSION;
	m->header.arglen = arglen;
	m->header.cmd = cmd;
	m->header.flags = NGF_ORIG;
	m->header.token = ngnl_next_token();
	m->header.typecookie = cookie;
	if (cmdstr)
		snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "%s",
			 cmdstr);
	else
		snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "cmd%d",
			 (int)cmd);
	if (arglen)
		memcpy(m->data, args, arglen);
	*lenp = len;
	return m;
}

/* ---------------------------------------------------------------- */
/* events                                                            */

int ngnl_subscribe_events(struct ngnl *h)
{
	int r;

	if (h->flags & NGNL_F_DRYRUN)
		return 0;
	if (!h->events_grp)
		return -ENOENT;
	errno = 0;
	r = nl_socket_add_membership(h->sk, h->events_grp);
	if (r < 0)
		return errno ? -errno : -nle_errno(r);
	return 0;
}

struct ev_ctx {
	struct ngnl *h;
	ngnl_event_cb cb;
	void *arg;
	int err;
};

static int ev_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int ngnl_parse_notification(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	const struct genlmsghdr *g;

	memset(tb, 0, sizeof(*tb) * (NETGRAPH_A_MAX + 1));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EPROTO;
	g = nlmsg_data(nlh);
	if (nla_parse(tb, NETGRAPH_A_MAX, genlmsg_attrdata(g, 0),
		      genlmsg_attrlen(g, 0), NULL) < 0)
		return -EPROTO;
	return g->cmd;
}

int ngnl_parse_event(const struct nlmsghdr *nlh, struct ngnl_event *ev)
{
	struct nlattr *tb[NETGRAPH_A_MAX + 1];
	int cmd;

	memset(ev, 0, sizeof(*ev));
	cmd = ngnl_parse_notification(nlh, tb);
	if (cmd < 0)
		return cmd;
	ev->cmd = cmd;
	if (tb[NETGRAPH_A_NODE] && !ngnl_parse_node(tb[NETGRAPH_A_NODE],
						    &ev->node))
		ev->has_node = true;
	if (tb[NETGRAPH_A_HOOK] && !ngnl_parse_hook(tb[NETGRAPH_A_HOOK],
						    &ev->hook))
		ev->has_hook = true;
	return 0;
}

static int ev_valid(struct nl_msg *msg, void *arg)
{
	struct ev_ctx *e = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ngnl_event ev;
	int r;

	if (e->err || nlh->nlmsg_type != e->h->family)
		return NL_OK;
	if (e->h->debug >= 2)
		trace_genl(e->h, "event", nlh);
	if (ngnl_parse_event(nlh, &ev))
		return NL_OK;
	r = e->cb(&ev, e->arg);
	if (r < 0)
		e->err = r;
	return NL_OK;
}

int ngnl_recv_events(struct ngnl *h, ngnl_event_cb cb, void *arg)
{
	struct ev_ctx e = { .h = h, .cb = cb, .arg = arg };
	struct nl_cb *nlcb;
	int r;

	if (h->flags & NGNL_F_DRYRUN)
		return -EOPNOTSUPP;
	nlcb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!nlcb)
		return -ENOMEM;
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, ev_seq_check, NULL);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, ev_valid, &e);
	errno = 0;
	r = nl_recvmsgs(h->sk, nlcb);
	nl_cb_put(nlcb);
	if (r < 0) {
		int err = errno;

		if (err == ENOBUFS) {
			struct ngnl_event lost;

			memset(&lost, 0, sizeof(lost));
			r = cb(&lost, arg);
			return r < 0 ? r : 0;
		}
		return err ? -err : -nle_errno(r);
	}
	return e.err;
}
