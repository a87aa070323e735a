// SPDX-License-Identifier: GPL-2.0
/*
 * ngevent_test: libnetgraph's graph change events (NgEventSock,
 * NgRecvEvent), against the running kernel.  The program's own socket
 * node makes a hub, names it, connects a second hook and takes it all
 * down; every change must arrive as an event, in order, with the node's
 * ID, name, type and the hooks.  TAP on stdout.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netgraph.h>

static int n, failed;

static int check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", ok ? "ok" : "not ok", ++n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed |= !ok;
	return ok;
}

/* The next event within 5 s, or type 0. */
static struct ng_event next(int es)
{
	struct pollfd pfd = { .fd = es, .events = POLLIN };
	struct ng_event ev;

	memset(&ev, 0, sizeof(ev));
	if (poll(&pfd, 1, 5000) == 1 && NgRecvEvent(es, &ev) < 0)
		ev.type = -errno;
	return ev;
}

/* Skip events until one of @type about node @id (or any node if 0). */
static struct ng_event want(int es, int type, unsigned int id)
{
	struct ng_event ev;
	int i;

	for (i = 0; i < 32; i++) {
		ev = next(es);
		if (ev.type <= 0 || (ev.type == type && (!id || ev.id == id)))
			return ev;
	}
	ev.type = 0;
	return ev;
}

int main(void)
{
	struct ngm_mkpeer mkp = { .type = "hub", .ourhook = "a", .peerhook = "in1" };
	struct ngm_connect con = { .path = "a", .ourhook = "b", .peerhook = "in2" };
	struct ngm_name nm = { .name = "evhub" };
	unsigned int self, hub;
	struct ng_event ev;
	int cs, ds, es;

	es = NgEventSock();
	if (!check(es >= 0, "NgEventSock: a socket on the events group (%s)",
		   es < 0 ? strerror(errno) : "ok")) {
		printf("1..%d\n", n);
		return 1;
	}
	check(NgMkSockNode("evself", &cs, &ds) == 0, "make our socket node");
	ev = want(es, NG_EVENT_NODE_NEW, 0);
	check(ev.type == NG_EVENT_NODE_NEW && !strcmp(ev.nodetype, "socket"),
	      "NODE_NEW for our socket node (type \"%s\")", ev.nodetype);
	self = ev.id;
	ev = want(es, NG_EVENT_NODE_NAMED, self);
	check(ev.type == NG_EVENT_NODE_NAMED && !strcmp(ev.name, "evself"),
	      "NODE_NAMED evself for [%x]", self);

	check(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_MKPEER, &mkp,
			sizeof(mkp)) >= 0, "mkpeer . hub a in1");
	ev = want(es, NG_EVENT_NODE_NEW, 0);
	check(ev.type == NG_EVENT_NODE_NEW && !strcmp(ev.nodetype, "hub"),
	      "NODE_NEW for the hub");
	hub = ev.id;
	ev = want(es, NG_EVENT_HOOK_NEW, hub);
	check(ev.type == NG_EVENT_HOOK_NEW && !strcmp(ev.hook, "in1") &&
	      !strcmp(ev.peerhook, "a") && ev.peerid == self,
	      "HOOK_NEW on the hub: in1 <-> a of [%x] (got %s <-> %s of [%x])",
	      self, ev.hook, ev.peerhook, ev.peerid);

	check(NgSendMsg(cs, "a", NGM_GENERIC_COOKIE, NGM_NAME, &nm,
			sizeof(nm)) >= 0, "name the hub evhub (path a)");
	ev = want(es, NG_EVENT_NODE_NAMED, hub);
	check(ev.type == NG_EVENT_NODE_NAMED && !strcmp(ev.name, "evhub") &&
	      !strcmp(ev.nodetype, "hub"), "NODE_NAMED evhub, type hub");

	check(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_CONNECT, &con,
			sizeof(con)) >= 0, "connect . a b in2");
	ev = want(es, NG_EVENT_HOOK_NEW, self);
	check(ev.type == NG_EVENT_HOOK_NEW && !strcmp(ev.hook, "b") &&
	      ev.peerid == hub, "HOOK_NEW on our node: b <-> the hub");

	close(cs);	/* our node goes; the hub loses its hooks and goes */
	close(ds);
	ev = want(es, NG_EVENT_NODE_DEL, self);
	check(ev.type == NG_EVENT_NODE_DEL, "NODE_DEL for our node after close");
	ev = want(es, NG_EVENT_NODE_DEL, hub);
	check(ev.type == NG_EVENT_NODE_DEL && !strcmp(ev.name, "evhub"),
	      "NODE_DEL for the hub, with its name");
	close(es);
	printf("1..%d\n", n);
	return failed;
}
