// SPDX-License-Identifier: GPL-2.0
/*
 * libnetgraph, Linux extension: graph change events.
 *
 * The netgraph family multicasts a notification on its "events" group
 * whenever a node appears, is named or goes, and whenever a hook is made
 * or removed (uapi/netgraph_genl.h, NETGRAPH_CMD_EV_*).  NgEventSock()
 * gives a socket subscribed to that group in the caller's network
 * namespace; NgRecvEvent() reads one event from it.  FreeBSD has no such
 * interface (its programs poll NGM_LISTNODES); ngctl-nl's "monitor"
 * prints the same events.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "netgraph.h"
#include <netgraph/netgraph_genl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define EV_BUFSZ	8192

#define EV_DATA(a)	((void *)((char *)(a) + NLA_HDRLEN))
#define EV_LEN(a)	((size_t)(a)->nla_len - NLA_HDRLEN)

/* Index the attributes in [p, end) by type (at most @max); bounds-checked. */
static void ev_attrs(const char *p, const char *end, const struct nlattr **tb,
		     int max)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (end - p >= (long)NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		int type = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > end - p)
			break;
		if (type <= max)
			tb[type] = a;
		p += NLA_ALIGN(a->nla_len);
	}
}

static const char *ev_nested_end(const struct nlattr *a)
{
	return (const char *)a + a->nla_len;
}

/* Copy a string attribute into @buf (@size bytes, always NUL-terminated). */
static void ev_str(const struct nlattr *a, char *buf, size_t size)
{
	size_t n;

	buf[0] = '\0';
	if (!a)
		return;
	n = strnlen(EV_DATA(a), EV_LEN(a));
	if (n >= size)
		n = size - 1;
	memcpy(buf, EV_DATA(a), n);
	buf[n] = '\0';
}

static uint32_t ev_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a && EV_LEN(a) >= sizeof(v))
		memcpy(&v, EV_DATA(a), sizeof(v));
	return v;
}

/*
 * Ask the controller for the family's ID and its "events" group ID.
 * Returns 0, or -1 with errno (ENOENT: netgraph.ko is not loaded).
 */
static int ev_resolve(int fd, uint32_t *group)
{
	char buf[EV_BUFSZ];
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr genl;
		char attrs[64];
	} req;
	const struct nlattr *tb[CTRL_ATTR_MAX + 1], *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct nlattr *a;
	struct nlmsghdr *nlh;
	const char *p, *end;
	size_t namelen = strlen(NETGRAPH_GENL_NAME) + 1;
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_type = GENL_ID_CTRL;
	req.nlh.nlmsg_flags = NLM_F_REQUEST;
	req.nlh.nlmsg_seq = 1;
	req.genl.cmd = CTRL_CMD_GETFAMILY;
	req.genl.version = 1;
	a = (struct nlattr *)req.attrs;
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + namelen;
	memcpy(EV_DATA(a), NETGRAPH_GENL_NAME, namelen);
	req.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(a->nla_len);
	if (send(fd, &req, req.nlh.nlmsg_len, 0) < 0)
		return -1;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		return -1;
	nlh = (struct nlmsghdr *)buf;
	if (!NLMSG_OK(nlh, (size_t)n)) {
		errno = EBADMSG;
		return -1;
	}
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(nlh);

		errno = e->error ? -e->error : ENOENT;
		return -1;
	}
	p = (const char *)NLMSG_DATA(nlh) + GENL_HDRLEN;
	ev_attrs(p, (const char *)nlh + nlh->nlmsg_len, tb, CTRL_ATTR_MAX);
	if (!tb[CTRL_ATTR_MCAST_GROUPS]) {
		errno = ENOENT;
		return -1;
	}
	/* a nest of nests, one per group */
	p = EV_DATA(tb[CTRL_ATTR_MCAST_GROUPS]);
	end = ev_nested_end(tb[CTRL_ATTR_MCAST_GROUPS]);
	while (end - p >= (long)NLA_HDRLEN) {
		const struct nlattr *grp = (const struct nlattr *)p;
		char name[32];

		if (grp->nla_len < NLA_HDRLEN || grp->nla_len > end - p)
			break;
		ev_attrs(EV_DATA(grp), ev_nested_end(grp), g,
			 CTRL_ATTR_MCAST_GRP_MAX);
		ev_str(g[CTRL_ATTR_MCAST_GRP_NAME], name, sizeof(name));
		if (!strcmp(name, NETGRAPH_MCGRP_EVENTS) &&
		    g[CTRL_ATTR_MCAST_GRP_ID]) {
			*group = ev_u32(g[CTRL_ATTR_MCAST_GRP_ID]);
			return 0;
		}
		p += NLA_ALIGN(grp->nla_len);
	}
	errno = ENOENT;
	return -1;
}

int NgEventSock(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	uint32_t group;
	int fd, e;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    ev_resolve(fd, &group) < 0 ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
		       sizeof(group)) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int ev_type(uint8_t cmd)
{
	switch (cmd) {
	case NETGRAPH_CMD_EV_NODE_NEW:
		return NG_EVENT_NODE_NEW;
	case NETGRAPH_CMD_EV_NODE_NAMED:
		return NG_EVENT_NODE_NAMED;
	case NETGRAPH_CMD_EV_NODE_DEL:
		return NG_EVENT_NODE_DEL;
	case NETGRAPH_CMD_EV_HOOK_NEW:
		return NG_EVENT_HOOK_NEW;
	case NETGRAPH_CMD_EV_HOOK_DEL:
		return NG_EVENT_HOOK_DEL;
	}
	return 0;
}

/* Fill @ev from one notification; 0 if it was an event, -1 if not. */
static int ev_decode(const struct nlmsghdr *nlh, struct ng_event *ev)
{
	const struct nlattr *tb[NETGRAPH_A_MAX + 1];
	const struct nlattr *nd[NETGRAPH_NODE_A_MAX + 1];
	const struct nlattr *hk[NETGRAPH_HOOK_A_MAX + 1];
	const struct genlmsghdr *g = NLMSG_DATA(nlh);

	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return -1;
	memset(ev, 0, sizeof(*ev));
	ev->type = ev_type(g->cmd);
	if (!ev->type)
		return -1;
	ev_attrs((const char *)g + GENL_HDRLEN, (const char *)nlh + nlh->nlmsg_len,
		 tb, NETGRAPH_A_MAX);
	if (tb[NETGRAPH_A_NODE]) {
		ev_attrs(EV_DATA(tb[NETGRAPH_A_NODE]),
			 ev_nested_end(tb[NETGRAPH_A_NODE]), nd,
			 NETGRAPH_NODE_A_MAX);
		ev->id = ev_u32(nd[NETGRAPH_NODE_A_ID]);
		ev_str(nd[NETGRAPH_NODE_A_NAME], ev->name, sizeof(ev->name));
		ev_str(nd[NETGRAPH_NODE_A_TYPE], ev->nodetype,
		       sizeof(ev->nodetype));
	}
	if (tb[NETGRAPH_A_HOOK]) {
		ev_attrs(EV_DATA(tb[NETGRAPH_A_HOOK]),
			 ev_nested_end(tb[NETGRAPH_A_HOOK]), hk,
			 NETGRAPH_HOOK_A_MAX);
		ev_str(hk[NETGRAPH_HOOK_A_NAME], ev->hook, sizeof(ev->hook));
		ev_str(hk[NETGRAPH_HOOK_A_PEERHOOK], ev->peerhook,
		       sizeof(ev->peerhook));
		if (hk[NETGRAPH_HOOK_A_PEER]) {
			ev_attrs(EV_DATA(hk[NETGRAPH_HOOK_A_PEER]),
				 ev_nested_end(hk[NETGRAPH_HOOK_A_PEER]), nd,
				 NETGRAPH_NODE_A_MAX);
			ev->peerid = ev_u32(nd[NETGRAPH_NODE_A_ID]);
		}
	}
	return 0;
}

/*
 * Read the next event.  A datagram holds one notification; anything that
 * is not an event is skipped.  Returns 0, or -1 with errno: ENOBUFS when
 * the socket overran and events were lost (the next call goes on with the
 * ones after), or the error of recv().
 */
int NgRecvEvent(int es, struct ng_event *ev)
{
	char buf[EV_BUFSZ];
	ssize_t n;

	for (;;) {
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;

		n = recv(es, buf, sizeof(buf), 0);
		if (n < 0)
			return -1;
		for (; NLMSG_OK(nlh, (size_t)n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
				continue;
			if (ev_decode(nlh, ev) == 0)
				return 0;
		}
	}
}
