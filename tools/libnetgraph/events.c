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
 * prints the same events.  Both sit on the netlink core (ngnl.c): it
 * resolves the family and its group, and decodes the events.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "netgraph.h"
#include "ngnl.h"

#define EV_BUFSZ	8192

int NgEventSock(void)
{
	struct ngnl *h;
	int fd, r;

	fd = ngnl_socket();
	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	/* the subscription is the socket's: it outlives the handle */
	r = ngnl_open_fd(&h, fd, NULL);
	if (!r) {
		r = ngnl_subscribe_events(h);
		ngnl_close(h);
	}
	if (r) {
		close(fd);
		errno = -r;
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
	struct ngnl_event e;

	if (ngnl_parse_event(nlh, &e) || !ev_type(e.cmd))
		return -1;
	memset(ev, 0, sizeof(*ev));
	ev->type = ev_type(e.cmd);
	if (e.has_node) {
		ev->id = e.node.id;
		memcpy(ev->name, e.node.name, sizeof(ev->name));
		memcpy(ev->nodetype, e.node.type, sizeof(ev->nodetype));
	}
	if (e.has_hook) {
		memcpy(ev->hook, e.hook.name, sizeof(ev->hook));
		memcpy(ev->peerhook, e.hook.peerhook, sizeof(ev->peerhook));
		if (e.hook.has_peer)
			ev->peerid = e.hook.peer.id;
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
